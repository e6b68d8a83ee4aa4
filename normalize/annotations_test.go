package normalize

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnnotationsStage(t *testing.T) {
	st, err := NewAnnotations(Options{})
	require.NoError(t, err)
	for _, tc := range []struct {
		name, in, want  string
		edits, findings int
	}{
		{"systematic", "加強黨建設(shè)工作，協(xié)調(diào)各方面，建設(shè)網(wǎng)絡(luò)。", "加強黨建設工作，協調各方面，建設網絡。", 6, 0},
		{"short document", "網(wǎng)上發(fā)布。", "網上發布。", 2, 0},
		{"teaching line stays", "你好(nǐ hǎo)是问候语。", "你好(nǐ hǎo)是问候语。", 0, 0},
		{"lone simplified reading stays", "好(hǎo)字。", "好(hǎo)字。", 0, 1},
		{"legitimate groups stay", "(一)科(組)室(2010年9月27日)人工智能(AI)指标(GDP)(a)", "(一)科(組)室(2010年9月27日)人工智能(AI)指标(GDP)(a)", 0, 0},
		{"clean", "没有注释的文本。", "没有注释的文本。", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{Counts: map[Kind]int{}}
			edits, findings := st.Edits(tc.in, &Doc{Report: rep, Opts: &Options{}})
			assert.Len(t, edits, tc.edits)
			assert.Len(t, findings, tc.findings)
			require.NoError(t, checkEdits(tc.in, edits))
			out, _ := Apply(st, tc.in, Options{})
			assert.Equal(t, tc.want, out)
			for _, e := range edits {
				assert.Empty(t, e.After)
				assert.NotEmpty(t, e.Reason)
				assert.Greater(t, e.Confidence, 0.0)
			}
		})
	}
}

func ExampleNewAnnotations() {
	st, _ := NewAnnotations(Options{})
	out, changes := Apply(st, "協(xié)調(diào)各方，建設(shè)網(wǎng)絡(luò)。", Options{})
	fmt.Println(out)
	fmt.Println(changes[0].Before, changes[0].Reason)
	// Output:
	// 協調各方，建設網絡。
	// (xié) pinyin reading "xié" of 協 flattened into the text
}

// TestAnnotationPatternCarriesOver checks that a reading a later pass
// uncovers (a mojibake repair made its character) is removed when it fits
// the pattern an earlier pass found, though it is the only reading left,
// and only then.
func TestAnnotationPatternCarriesOver(t *testing.T) {
	st, err := NewAnnotations(Options{})
	require.NoError(t, err)
	doc := &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}}
	first := "這(zhè)個(gè)設(shè)置,這(zhè)個(gè)網(wǎng)絡(luò)。"
	edits, _ := st.Edits(first, doc)
	require.Len(t, edits, 7)

	// The other 這 lost their readings in the first pass: on its own this
	// text shows no pattern.
	later := "該型別。這(zhè)個是預設,這個網絡。"
	edits, findings := st.Edits(later, doc)
	require.Len(t, edits, 1)
	assert.Empty(t, findings)
	assert.Equal(t, "(zhè)", later[edits[0].Start:edits[0].End])
	assert.Contains(t, edits[0].Reason, "the document's pattern")
	assert.Equal(t, 1.0, edits[0].Confidence)

	// Another reading of the same character, or a fresh document: a
	// finding, not an edit.
	for _, tc := range []struct {
		text string
		doc  *Doc
	}{
		{"該型別。這(zhe)個是預設,這個網絡。", doc},
		{later, &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}}},
	} {
		edits, findings := st.Edits(tc.text, tc.doc)
		assert.Empty(t, edits, tc.text)
		assert.Len(t, findings, 1, tc.text)
	}
}

// TestAnnotationsApply checks that the stage's own application of its
// edits (see applier) gives what Edits applied gives, the readings that
// an earlier pass's pattern removes included.
func TestAnnotationsApply(t *testing.T) {
	newDoc := func() *Doc { return &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}} }
	for _, passes := range [][]string{
		{"加強黨建設(shè)工作，協(xié)調(diào)各方面關係，建設(shè)網(wǎng)絡(luò)。"},
		{"你好(nǐ hǎo)是问候语。好(hǎo)字的读音。"},
		{"", "沒有讀音。"},
		{"網(wǎng)上發(fā)現(xiàn)在,F(xiàn)在和A(chǔ)以及(GDP)"},
		// The second pass removes 這(zhè) by the first pass's pattern, and
		// leaves 這(zhe).
		{"這(zhè)個(gè)設(shè)置,這(zhè)個(gè)網(wǎng)絡(luò)。", "該型別。這(zhè)個是預設,這(zhe)個網絡。"},
	} {
		de, da := newDoc(), newDoc()
		for _, text := range passes {
			edits, _ := Annotations{}.Edits(text, de)
			_, _, out, n, done := Annotations{}.apply(text, da)
			require.True(t, done, "%q", text)
			assert.Equal(t, applyEdits(text, edits), out, "%q", text)
			assert.Equal(t, len(edits), n, "%q", text)
		}
	}
}
