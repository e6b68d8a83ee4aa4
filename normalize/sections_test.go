package normalize

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
)

func TestSectionCuts(t *testing.T) {
	lines := strings.Repeat("line of text\n", 100)
	for _, tc := range []struct {
		name string
		text string
		size int
		want []int
	}{
		{"no sections", lines, 0, nil},
		{"negative size", lines, -1, nil},
		{"not longer than a section", "aaaa\nbbbb\n", 10, nil},
		{"at a line break", "aaaa\nbbbb\ncccc\ndddd\n", 10, []int{10}},
		{"next line break", "aaaa\nbbbbbb\ncc\ndddd\n", 10, []int{12}},
		{"line break before", strings.Repeat("b", 10) + "\n" + strings.Repeat("c", 21), 16, []int{11}},
		{"no line break in reach", "a\n" + strings.Repeat("b", 30), 16, nil},
		{"one line", strings.Repeat("a", 100), 10, nil},
		{"line break at the end only", strings.Repeat("a", 30) + "\n", 16, nil},
		{"equal sections", lines, 13 * 25, []int{325, 650, 975}},
		{"lines ending in CR", strings.ReplaceAll(lines, "\n", "\r"), 13 * 25, []int{325, 650, 975}},
		{"CR before", strings.Repeat("b", 10) + "\r" + strings.Repeat("c", 21), 16, []int{11}},
		{"CRLF is one line end", strings.Repeat("b", 15) + "\r\n" + strings.Repeat("c", 15), 16, []int{17}},
		{"CR before CRLF", strings.Repeat("b", 5) + "\r" + strings.Repeat("c", 9) + "\r\n" + strings.Repeat("c", 15), 16, []int{17}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sectionCuts(tc.text, tc.size)
			assert.Equal(t, tc.want, got)
			checkCuts(t, tc.text, tc.size, got)
		})
	}
}

// checkCuts checks what sectionCuts promises of cuts, its result for text
// and size.
func checkCuts(t *testing.T, text string, size int, cuts []int) {
	t.Helper()
	if size <= 0 || len(text) <= size {
		require.Nil(t, cuts)
		return
	}
	require.LessOrEqual(t, len(cuts), (len(text)+size-1)/size-1)
	last := 0
	for _, c := range cuts {
		require.Greater(t, c, last, "cuts %v", cuts)
		require.Less(t, c, len(text))
		lf := text[c-1] == '\n'
		cr := text[c-1] == '\r' && text[c] != '\n'
		require.True(t, lf || cr, "cut %d after %q", c, text[c-1])
		last = c
	}
}

func FuzzSectionCuts(f *testing.F) {
	f.Add("aaaa\nbbbb\ncccc\ndddd\n", 10)
	f.Add(strings.Repeat("line\n", 50), 7)
	f.Add("\n\n\n\n", 1)
	f.Add("建設(shè)\n黨建\n", 5)
	f.Add("a\rb\r\nc\rd\r", 2)
	f.Fuzz(func(t *testing.T, text string, size int) {
		checkCuts(t, text, size, sectionCuts(text, size))
	})
}

// seedsJoined returns the seed documents joined k times over, as one text.
func seedsJoined(tb testing.TB, k int) string {
	tb.Helper()
	docs, size := seedDocs(tb)
	one := make([]byte, 0, size)
	for _, d := range docs {
		one = append(one, d...)
	}
	return strings.Repeat(string(one), k)
}

// TestSectionsSameAsWhole cleans the seeds joined four times over (1.2 MB)
// whole and in sections of 512 KB: the sections hold enough of the text
// for every judgement, so the output and the report (its changes and
// findings, in the order of each) come out the same, and cleaning the
// output again in sections changes nothing.
func TestSectionsSameAsWhole(t *testing.T) {
	text := seedsJoined(t, 4)
	whole, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	sectioned, err := New(Options{Target: TargetSimplified, SectionSize: 512 << 10})
	require.NoError(t, err)
	require.Len(t, sectionCuts(text, 512<<10), 2)

	want, wantRep, err := whole.String(text)
	require.NoError(t, err)
	got, gotRep, err := sectioned.String(text)
	require.NoError(t, err)
	require.Equal(t, want, got)
	assert.Equal(t, wantRep.Counts, gotRep.Counts)
	// The confidence of a change or a finding, and the reason that gives
	// the margin of a close call, weigh the evidence of the whole document
	// (its script, its character pairs), which each section gathers for
	// itself: what was changed and found is the same.
	sameList(t, changeFacts(wantRep.Changes), changeFacts(gotRep.Changes))
	sameList(t, findingFacts(wantRep.Findings), findingFacts(gotRep.Findings))
	require.NotNil(t, gotRep.Script)
	assert.Equal(t, wantRep.Script.Script, gotRep.Script.Script)
	assert.Equal(t, wantRep.Script.MachineConverted, gotRep.Script.MachineConverted)

	again, rep, err := sectioned.String(got)
	require.NoError(t, err)
	assert.Equal(t, got, again, "idempotent")
	assert.Empty(t, rep.Changes)
}

// sameList checks that got is want, naming the first few items that
// differ (testify's diff of lists of thousands takes minutes).
func sameList[T comparable](t *testing.T, want, got []T) {
	t.Helper()
	assert.Equal(t, len(want), len(got), "length")
	bad := 0
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			t.Errorf("item %d: want %+v, got %+v", i, want[i], got[i])
			if bad++; bad == 5 {
				return
			}
		}
	}
}

// changeFacts returns what cs changed, in text order: kind, span, text
// before and after, and rule.
func changeFacts(cs []Change) []Change {
	out := make([]Change, len(cs))
	for i, c := range cs {
		out[i] = Change{Kind: c.Kind, Start: c.Start, End: c.End, Before: c.Before, After: c.After, Rule: c.Rule}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(string(a.Kind), string(b.Kind)),
			strings.Compare(a.Before, b.Before), strings.Compare(a.After, b.After))
	})
	return out
}

// findingFacts returns what fs found, in text order: kind, span and text.
func findingFacts(fs []Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Kind: f.Kind, Start: f.Start, End: f.End, Text: f.Text}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(string(a.Kind), string(b.Kind)),
			strings.Compare(a.Text, b.Text))
	})
	return out
}

// TestSectionsCleanText: clean text comes out byte for byte however small
// the sections.
func TestSectionsCleanText(t *testing.T) {
	text := cleanSample(300 << 10)
	for _, size := range []int{1 << 10, 16 << 10, 100 << 10} {
		n, err := New(Options{SectionSize: size, SectionWorkers: 3})
		require.NoError(t, err)
		out, rep, err := n.String(text)
		require.NoError(t, err)
		require.Equal(t, text, out, "size %d", size)
		assert.False(t, rep.Changed())
		assert.Empty(t, rep.Changes)
		require.NotNil(t, rep.Script)
		assert.Equal(t, detect.ScriptSimplified, rep.Script.Script)
	}
}

// TestSectionsReport: each section's changes and findings are moved to
// offsets in the whole text, and its counts added up. Only the first
// section starts at the head of the page, where the breadcrumb goes; the
// others start inside the document, as the whole document sees them.
func TestSectionsReport(t *testing.T) {
	const page = "主页>新闻\n機關黨建(jiàn)工作\n锟斤拷锟斤拷\n"
	text := strings.Repeat(page, 4)
	n, err := New(Options{Target: TargetSimplified, SectionSize: len(page)})
	require.NoError(t, err)
	require.Equal(t, []int{len(page), 2 * len(page), 3 * len(page)}, sectionCuts(text, len(page)))
	whole, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	want, wantRep, err := whole.String(text)
	require.NoError(t, err)

	out, rep, err := n.String(text)
	require.NoError(t, err)
	assert.Equal(t, want, out)
	assert.Equal(t, map[Kind]int{KindBoilerplate: 1, KindScript: 4}, rep.Counts)
	sameList(t, changeFacts(wantRep.Changes), changeFacts(rep.Changes))
	sameList(t, findingFacts(wantRep.Findings), findingFacts(rep.Findings))
	for _, c := range rep.Changes {
		assert.Equal(t, c.Before, text[c.Start:c.End], "%+v", c)
	}
	found := 0
	for _, f := range rep.Findings {
		assert.Equal(t, f.Text, text[f.Start:f.End], "%+v", f)
		if f.Text == "锟斤拷锟斤拷" {
			found++
		}
	}
	assert.Equal(t, 4, found)
}

// panicStage panics on every text.
type panicStage struct{}

func (panicStage) Kind() Kind { return KindHygiene }

func (panicStage) Edits(text string, _ *Doc) ([]Edit, []Finding) {
	if strings.HasPrefix(text, "b") {
		panic("stage failed on " + text)
	}
	return nil, nil
}

// TestSectionsPanic: a panic while a section is cleaned reaches the
// caller's goroutine, as it would for a whole document.
func TestSectionsPanic(t *testing.T) {
	n := &Normalizer{opts: Options{SectionSize: 4, SectionWorkers: 2}, stages: []Stage{panicStage{}}}
	require.PanicsWithValue(t, "stage failed on bbb\n", func() {
		_, _, _ = n.String("aaa\nbbb\nccc\n")
	})
}

func TestJoinScripts(t *testing.T) {
	sec := func(size int, sc *ScriptSummary) section {
		return section{end: size, rep: &Report{Script: sc}}
	}
	simp := &ScriptSummary{Script: detect.ScriptSimplified, Simplified: 1, Confidence: 0.9}
	trad := &ScriptSummary{Script: detect.ScriptTraditional, Traditional: 1, Confidence: 0.5, MachineConverted: true}
	none := &ScriptSummary{Script: detect.ScriptNone}
	for _, tc := range []struct {
		name string
		secs []section
		want *ScriptSummary
	}{
		{"no script stage", []section{sec(10, nil), sec(10, nil)}, nil},
		{"agree", []section{sec(10, simp), sec(30, simp)}, &ScriptSummary{Script: detect.ScriptSimplified, Simplified: 1, Confidence: 0.9}},
		{"none aside", []section{sec(10, none), sec(30, simp)}, &ScriptSummary{Script: detect.ScriptSimplified, Simplified: 0.75, Confidence: 0.675}},
		{"disagree", []section{sec(30, simp), sec(10, trad)}, &ScriptSummary{Script: detect.ScriptMixed, Simplified: 0.75, Traditional: 0.25,
			Confidence: 0.8, MachineConverted: true}},
		{"all none", []section{sec(10, none), sec(10, none)}, &ScriptSummary{Script: detect.ScriptNone}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := joinScripts(tc.secs)
			if tc.want == nil {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tc.want.Script, got.Script)
			assert.InDelta(t, tc.want.Simplified, got.Simplified, 1e-9)
			assert.InDelta(t, tc.want.Traditional, got.Traditional, 1e-9)
			assert.InDelta(t, tc.want.Confidence, got.Confidence, 1e-9)
			assert.Equal(t, tc.want.MachineConverted, got.MachineConverted)
		})
	}
}

// TestBoilerplateSectionEdges: a line that the rules remove at the head or
// the tail of a page (a publication date, a row of links) is left alone at
// the edges of a section inside a larger document, as in the middle of a
// page; and midLines themselves match no rule.
func TestBoilerplateSectionEdges(t *testing.T) {
	const prose = "机关党务干部是机关党建工作的策划者、组织者和实施者，其素质的高低，直接关系到机关党建活动的吸引力和实效性。\n"
	spans, weak := detect.BoilerplateDetail(midLines+prose+midLines, nil, nil)
	assert.Empty(t, spans)
	assert.Empty(t, weak)

	st, err := NewBoilerplate(Options{})
	require.NoError(t, err)
	for _, tc := range []struct {
		name, text       string
		midStart, midEnd bool
	}{
		{"date at the head", "时间:2022-10-14 06:06:00\n" + prose + prose, true, false},
		{"row of links at the tail", prose + prose + "首页|新闻|体育|财经|娱乐\n", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edits, _ := st.Edits(tc.text, &Doc{Opts: &Options{}})
			require.Len(t, edits, 1, "a page's edge")
			edits, _ = st.Edits(tc.text, &Doc{Opts: &Options{}, midStart: tc.midStart, midEnd: tc.midEnd})
			assert.Empty(t, edits, "a section's edge")
		})
	}
}

// FuzzSections cleans text in sections of 1 to 64 bytes: no panic, valid
// UTF-8 out, every change and finding inside the text, the counts those
// of the changes; and a piece of clean text comes out as it went in
// (target auto: the clean texts are each in one script).
func FuzzSections(f *testing.F) {
	f.Add("建設(shè)發(fā)展(zhǎn)\n文件?!秾嵤┮庖姟穼ψセ鶎狱h建\n鍙戝睍\n", uint8(8), uint(0), uint(200))
	f.Add("您的位置:网站 > 总结报告 > 正文\n正文内容。\n时间:2022-10-14 06:06:00\n首页|新闻|体育|财经|娱乐\n", uint8(20), uint(1), uint(300))
	f.Add("\ufeffa\r\nb\x00\n\n\n锟斤拷\n", uint8(1), uint(2), uint(1<<20))
	f.Fuzz(func(t *testing.T, s string, size uint8, off, n uint) {
		opts := Options{Target: TargetSimplified, SectionSize: int(size%64) + 1, SectionWorkers: 2}
		norm, err := New(opts)
		require.NoError(t, err)
		out, rep, err := norm.String(s)
		if !utf8.ValidString(s) {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.True(t, utf8.ValidString(out), "%q", out)
		counts := map[Kind]int{}
		for _, c := range rep.Changes {
			require.True(t, 0 <= c.Start && c.Start <= c.End && c.End <= len(s), "%+v in %q", c, s)
			counts[c.Kind]++
		}
		for k, c := range rep.Counts {
			require.Equal(t, c, counts[k], "%s in %q", k, s)
		}
		for _, fd := range rep.Findings {
			require.True(t, 0 <= fd.Start && fd.Start <= fd.End && fd.End <= len(s), "%+v in %q", fd, s)
		}

		clean := cleanTexts[off%uint(len(cleanTexts))]
		end := min(len(clean), int(n%uint(len(clean)+1)))
		for end > 0 && end < len(clean) && !utf8.RuneStart(clean[end]) {
			end--
		}
		clean = clean[:end]
		opts.Target = TargetAuto
		norm, err = New(opts)
		require.NoError(t, err)
		got, rep, err := norm.String(clean)
		require.NoError(t, err)
		require.Equal(t, clean, got)
		require.False(t, rep.Changed())
	})
}
