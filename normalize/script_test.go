package normalize

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/opencc"
)

func TestScriptStage(t *testing.T) {
	simp := "我们在这个项目里开发了一个新的转换工具，它能够处理简体和繁体的文本。"
	trad := "我們在這個項目裡開發了一個新的轉換工具，它能夠處理簡體和繁體的文本。"
	tw := "這個群組的成員都在台灣，大家一起吃飯。"
	machine := "加強幹部隊伍建設，干部要善于學習，關系到發展的全局，并且要跟隨著時代，著名的顯著成果，設臵崗位。"
	mixedST := strings.Repeat(simp+"\n", 4) + trad + "\n"
	for _, tc := range []struct {
		name   string
		target Target
		annot  bool // the annotations stage removed readings
		in     string
		want   string
		script string
	}{
		{"keep", TargetKeep, false, trad, trad, "traditional"},
		{"simp of trad", TargetSimplified, false, trad, "我们在这个项目里开发了一个新的转换工具，它能够处理简体和繁体的文本。", "traditional"},
		{"simp of simp is identity", TargetSimplified, false, simp, simp, "simplified"},
		{"trad of trad is identity", TargetTraditional, false, tw, tw, "traditional"},
		{"tw of trad is identity", TargetTaiwan, false, tw, tw, "traditional"},
		{"tw of opencc-standard trad gets taiwan variants only", TargetTaiwan, false, "我們在這個項目裏爲大家開發了新的工具，台灣。", "我們在這個項目裡為大家開發了新的工具，台灣。", "traditional"},
		{"tw of mixed", TargetTaiwan, false, mixedST, strings.Repeat(trad+"\n", 5), "mixed"},
		{"trad of simp", TargetTraditional, false, simp, "我們在這個項目裏開發了一個新的轉換工具，它能夠處理簡體和繁體的文本。", "simplified"},
		{"tw of simp", TargetTaiwan, false, simp, "我們在這個項目裡開發了一個新的轉換工具，它能夠處理簡體和繁體的文本。", "simplified"},
		{"auto single script", TargetAuto, false, trad, trad, "traditional"},
		{"auto mixed", TargetAuto, false, mixedST, strings.Repeat(simp+"\n", 5), "mixed"},
		{"auto mixed to taiwan standard", TargetAuto, false, strings.Repeat(trad+"\n", 4) + simp + "\n", strings.Repeat(trad+"\n", 5), "mixed"},
		{"auto mixed to opencc standard", TargetAuto, false, strings.Repeat("我們在這個項目裏開發了一個新的轉換工具。\n", 4) + simp + "\n",
			strings.Repeat("我們在這個項目裏開發了一個新的轉換工具。\n", 4) + "我們在這個項目裏開發了一個新的轉換工具，它能夠處理簡體和繁體的文本。\n", "mixed"},
		{"simp of mixed", TargetSimplified, false, mixedST, strings.Repeat(simp+"\n", 5), "mixed"},
		{"trad of mixed keeps the traditional line", TargetTraditional, false, mixedST,
			strings.Repeat("我們在這個項目裏開發了一個新的轉換工具，它能夠處理簡體和繁體的文本。\n", 4) + trad + "\n", "mixed"},
		{"japanese untouched", TargetSimplified, false, "これは日本語の文章です。漢字も使います。", "これは日本語の文章です。漢字も使います。", "japanese"},
		{"machine converted: 著 and 臵", TargetSimplified, false, strings.Repeat(machine, 2),
			strings.Repeat("加强干部队伍建设，干部要善于学习，关系到发展的全局，并且要跟随着时代，著名的显著成果，设置岗位。", 2), "traditional"},
		{"annotated: 著 particle", TargetSimplified, true, "隨著發展，顯著提高。", "随着发展，显著提高。", "traditional"},
		{"human text keeps 著 as t2s does", TargetSimplified, false, "隨著發展，顯著提高。", "随著发展，显著提高。", "traditional"},
		{"empty", TargetSimplified, false, "", "", "none"},
		{"korean hanja untouched", TargetSimplified, false, "대한민국의 수도는 서울이다. 國語 學習", "대한민국의 수도는 서울이다. 國語 學習", "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewScript(Options{Target: tc.target})
			require.NoError(t, err)
			rep := &Report{Counts: map[Kind]int{}}
			if tc.annot {
				rep.Counts[KindAnnotation] = 5
			}
			doc := &Doc{Report: rep, Opts: &Options{Target: tc.target}}
			edits, _ := st.Edits(tc.in, doc)
			require.NoError(t, checkEdits(tc.in, edits))
			assert.Equal(t, tc.want, applyEdits(tc.in, edits))
			require.NotNil(t, rep.Script)
			assert.Equal(t, tc.script, rep.Script.Script)
			for k := 1; k < len(edits); k++ {
				assert.Less(t, edits[k-1].End, edits[k].Start, "adjacent runs are merged")
			}
		})
	}
}

func TestScriptStageConservative(t *testing.T) {
	st, err := NewScript(Options{Target: TargetTraditional, Conservative: true})
	require.NoError(t, err)
	out, _ := Apply(st, "他们的头发干了以后", Options{})
	assert.NotContains(t, out, "们", "unambiguous characters are converted")
	_, findings := st.Edits("他们的头发干了以后", &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}})
	conv, err := convert.NewWithOptions("s2t", convert.Options{Conservative: true})
	require.NoError(t, err)
	n := 0
	conv.Ambiguous("他们的头发干了以后", func(int, int, []string) { n++ })
	assert.Len(t, findings, n, "every ambiguous character left is reported")
	for _, f := range findings {
		assert.Contains(t, f.Reason, "conservative")
	}
}

func TestScriptPipelineIdempotent(t *testing.T) {
	in := strings.Repeat("加強黨建設(shè)工作，協(xié)調(diào)各方面，建設(shè)網(wǎng)絡(luò)，隨著發展。\n", 3)
	n, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	out, rep, err := n.String(in)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("加强党建设工作，协调各方面，建设网络，随着发展。\n", 3), out)
	assert.True(t, rep.Script.MachineConverted)
	again, _, err := n.String(out)
	require.NoError(t, err)
	assert.Equal(t, out, again)
}

// In a mixed document converted to a fixed target, a sentence already in
// the target script still gets its characters of the other script
// converted, as it would once the document is all in the target script:
// a second cleaning changes nothing.
func TestScriptMixedSentenceInTarget(t *testing.T) {
	in := "我們開發了一個新的轉換工具。\n这是一个新的測试工具，我们很喜欢。\n我們開發了一個新的轉換工具。\n"
	n, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	out, again, _ := cleanTwice(t, n, in)
	assert.Equal(t, "我们开发了一个新的转换工具。\n这是一个新的测试工具，我们很喜欢。\n我们开发了一个新的转换工具。\n", out)
	assert.Equal(t, out, again)
}

func ExampleNewScript() {
	st, _ := NewScript(Options{Target: TargetAuto})
	out, changes := Apply(st, "我们开发了一个新的转换工具。\n我们开发了一个新的转换工具。\n我們開發了一個新的轉換工具。\n我们开发了一个新的转换工具。", Options{})
	fmt.Println(out)
	fmt.Println(len(changes), changes[0].Rule)
	// Output:
	// 我们开发了一个新的转换工具。
	// 我们开发了一个新的转换工具。
	// 我们开发了一个新的转换工具。
	// 我们开发了一个新的转换工具。
	// 3 t2s
}

// machineText is seed-like damaged text: machine-converted Traditional
// with flattened readings and Simplified residue.
func machineText() string {
	return strings.Repeat("加強幹部隊伍建設(shè)，干部要善于學(xué)習(xí)，協(xié)調(diào)各方面關系，隨著時代發(fā)展，"+
		"不斷提高黨建工作質(zhì)量(1分)，(一)堅持問題導向，設臵崗位。\n", 500)
}

func BenchmarkScriptStage(b *testing.B) {
	ann, _ := NewAnnotations(Options{})
	text, _ := Apply(ann, machineText(), Options{})
	st, err := NewScript(Options{Target: TargetSimplified})
	require.NoError(b, err)
	rep := &Report{Counts: map[Kind]int{KindAnnotation: 1}}
	doc := &Doc{Report: rep, Opts: &Options{}}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Edits(text, doc)
	}
}

func BenchmarkAnnotationsStage(b *testing.B) {
	text := machineText()
	st, _ := NewAnnotations(Options{})
	doc := &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Edits(text, doc)
	}
}

func FuzzScriptStage(f *testing.F) {
	for _, s := range []string{"我們在這個項目裡", "我们在这个项目里\n這個著名的", "建設(shè)著臵", "これは", "\xff設", ""} {
		f.Add(s, uint8(0))
	}
	stages := map[Target]Stage{}
	for _, tgt := range Targets {
		st, err := NewScript(Options{Target: tgt})
		require.NoError(f, err)
		stages[tgt] = st
	}
	ann, err := NewAnnotations(Options{})
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		if !utf8.ValidString(s) {
			return // the pipeline gives stages valid UTF-8 only
		}
		tgt := Targets[int(which)%len(Targets)]
		for _, st := range []Stage{ann, stages[tgt]} {
			rep := &Report{Counts: map[Kind]int{KindAnnotation: int(which) & 1}}
			edits, findings := st.Edits(s, &Doc{Report: rep, Opts: &Options{Target: tgt}})
			if err := checkEdits(s, edits); err != nil {
				t.Fatalf("%s %s: %v", st.Kind(), tgt, err)
			}
			for _, fd := range findings {
				if fd.Start < 0 || fd.End > len(s) || fd.Start > fd.End {
					t.Fatalf("bad finding %+v", fd)
				}
			}
		}
	})
}

// convertedRuns reproduces Convert, through the traced runs, the
// character-aligned comparison or, when the character count changes,
// through Segments; the traced runs are those of the comparison.
func TestConvertedRuns(t *testing.T) {
	all := func(int, int) bool { return true }
	for _, tc := range []struct{ config, in string }{
		{"t2s", "隨著時代發展，建設網絡平臺。"},
		{"s2t", "他们的头发干了以后，在这里。"},
		{"s2twp", "我的U盘和鼠标，软件和内存。"},
		{"s2tw", ""},
		{"t2s", "no Han at all"},
		{"t2s", "混合 text 與 English 詞彙\n第二行"},
	} {
		conv, err := convert.New(tc.config)
		require.NoError(t, err)
		lc := newLazyConverter(tc.config, convert.Options{})
		edits := convertedRuns(lc, conv, tc.in, false, all, 0)
		require.NoError(t, checkEdits(tc.in, edits))
		assert.Equal(t, conv.Convert(tc.in), applyEdits(tc.in, edits), "%s %q", tc.config, tc.in)
		if out := conv.Convert(tc.in); out != tc.in {
			compared, res := alignedRuns(tc.in, out, all, 0)
			if res == aligned {
				assert.Equal(t, compared, edits, "%s %q", tc.config, tc.in)
			}
		}
	}
}

// runsOf, which skips equal bytes when text is valid UTF-8, finds the runs
// that the character-by-character comparison finds, and falls back as it
// does when the numbers of characters differ or out is not valid UTF-8.
func TestRunsOf(t *testing.T) {
	alphabet := []rune("aZ(é中設设後后𠀀𠀁著着 \n。")
	rng := rand.New(rand.NewPCG(5, 6))
	word := func(n int) []rune {
		w := make([]rune, n)
		for i := range w {
			w[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return w
	}
	traced := []Edit{{Start: 0, End: 0, After: "traced"}}
	segments := func() []Edit { return traced }
	// reference is convertedRuns before runsOf.
	reference := func(text, out string, allowed func(int, int) bool) []Edit {
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(text) {
			return traced
		}
		return alignedRunsRunes(text, out, allowed)
	}
	every := func(int, int) bool { return true }
	some := func(start, end int) bool { return start%3 != 0 }
	bad := []string{"\xff", "\xe8\xa8", "\xa8", "\xf0\x9f"}
	for round := 0; round < 5000; round++ {
		a := word(rng.IntN(12))
		b := append([]rune(nil), a...)
		for k := range b {
			if rng.IntN(3) == 0 {
				b[k] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		text, out := string(a), string(b)
		switch rng.IntN(6) {
		case 0:
			out += "x"
		case 1:
			if len(b) > 0 {
				out = string(b[:len(b)-1])
			}
		case 2:
			k := rng.IntN(len(out) + 1)
			out = out[:k] + bad[rng.IntN(len(bad))] + out[k:]
		}
		for _, allowed := range []func(int, int) bool{every, some} {
			want := reference(text, out, allowed)
			if len(want) == 0 {
				want = nil
			}
			for _, valid := range []bool{false, true} {
				got := runsOf(text, out, valid, allowed, 0, segments)
				if len(got) == 0 {
					got = nil
				}
				require.Equal(t, want, got, "%q %q", text, out)
			}
		}
	}
}

// TestApplyPatchesInPlace checks that applyPatches gives the same edits
// whether segs has room for the patches (merged in place, from the back)
// or not (a new slice), on random runs and patches of Han text.
func TestApplyPatchesInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const han = "著臵设置的了是"
	hanRunes := []rune(han)
	for iter := range 3000 {
		n := 1 + rng.IntN(40)
		var b strings.Builder
		for range n {
			b.WriteRune(hanRunes[rng.IntN(len(hanRunes))])
		}
		text := b.String()
		// Runs: disjoint, separated stretches of whole characters, each
		// replaced by as many characters (or, rarely, one fewer).
		var segs []Edit
		for i := 0; i < n; {
			i += rng.IntN(3)
			if i >= n {
				break
			}
			l := 1 + rng.IntN(3)
			if i+l > n {
				l = n - i
			}
			after := strings.Repeat("设", l)
			if l > 1 && rng.IntN(8) == 0 {
				after = after[3:]
			}
			segs = append(segs, Edit{Start: 3 * i, End: 3 * (i + l), After: after})
			i += l + 1
		}
		var patches []Edit
		for i := range n {
			if rng.IntN(3) == 0 {
				patches = append(patches, Edit{Start: 3 * i, End: 3*i + 3, After: "着"})
			}
		}
		if len(patches) == 0 {
			continue
		}
		tight := append([]Edit(nil), segs...)
		tight = tight[:len(tight):len(tight)]
		roomy := make([]Edit, len(segs), len(segs)+len(patches))
		copy(roomy, segs)
		want := applyPatches(text, tight, patches)
		got := applyPatches(text, roomy, patches)
		require.Equal(t, want, got, "iteration %d: %q segs %v patches %v", iter, text, segs, patches)
	}
}

// TestIndexFrom checks indexFrom against strings.Index, with the last byte
// of the target standing alone and in other characters.
func TestIndexFrom(t *testing.T) {
	texts := []string{"", "著", "x著", "\x97著", "\x91\x97著著", "蕃\x97著 著", "著名的著作", "E\xe8\x91", "臵著\xe8\x91\x97"}
	for _, text := range texts {
		for _, sub := range []string{"著", "臵", "x", "\x97"} {
			for from := 0; from <= len(text); from++ {
				want := len(text)
				if k := strings.Index(text[from:], sub); k >= 0 {
					want = from + k
				}
				if got := indexFrom(text, from, sub); got != want {
					t.Errorf("indexFrom(%q, %d, %q) = %d, want %d", text, from, sub, got, want)
				}
			}
		}
	}
}

// TestPatchedRuns checks patchedRuns, which applies the patches to the
// conversion by looking up the run of each, against the edits the stage
// makes otherwise (applyPatches, mergeRuns) on random Traditional text
// with patches inside, between, before and after the runs.
func TestPatchedRuns(t *testing.T) {
	conv, err := opencc.New("t2s", opencc.Options{IncludeTofu: true})
	require.NoError(t, err)
	pieces := []string{"著", "臵", "說", "話", "的", "人", "國", "家", "，", "a", "著著", "顯著"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var sb strings.Builder
		for range rng.IntN(24) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := sb.String()
		outB, runs, changed, ok := conv.ConvertRuns(nil, text, nil)
		require.True(t, ok, "%q", text)
		out := text
		if changed {
			out = string(outB)
		}
		var patches []Edit
		for i := 0; i < len(text); {
			_, size := utf8.DecodeRuneInString(text[i:])
			switch text[i : i+size] {
			case "著":
				if rng.IntN(2) == 0 {
					patches = append(patches, Edit{Start: i, End: i + size, After: "着"})
				}
			case "臵":
				patches = append(patches, Edit{Start: i, End: i + size, After: "置"})
			case "話": // changed by t2s: a patch inside a run
				if rng.IntN(3) == 0 {
					patches = append(patches, Edit{Start: i, End: i + size, After: "活"})
				}
			}
			i += size
		}
		if len(patches) == 0 {
			continue
		}
		segs := make([]Edit, len(runs), len(runs)+len(patches))
		for k, r := range runs {
			segs[k] = Edit{Start: int(r.Start), End: int(r.End), After: out[r.OutStart:r.OutEnd]}
		}
		want := mergeRuns(applyPatches(text, segs, patches), "", "", 1)
		got, n := patchedRuns(text, out, runs, patches)
		require.Equal(t, applyEdits(text, want), got, "%q", text)
		require.Equal(t, len(want), n, "%q", text)
	}
}

// TestSpansFilterCursor checks that spansFilter, which keeps its place
// between calls, answers as a search of every span would, whatever the
// order of the questions: in text order, over again from the start, and
// at random.
func TestSpansFilterCursor(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		var spans []detect.Span
		pos := 0
		for n := rng.IntN(8); n > 0; n-- {
			pos += rng.IntN(6)
			end := pos + 1 + rng.IntN(6)
			spans = append(spans, detect.Span{Start: pos, End: end})
			pos = end
		}
		want := func(start int) bool {
			for _, sp := range spans {
				if sp.Start <= start && start < sp.End {
					return true
				}
			}
			return false
		}
		inside := trial%2 == 0
		f := spansFilter(spans, inside)
		var starts []int
		for s := 0; s < pos+3; s++ {
			starts = append(starts, s)
		}
		for s := 0; s < pos+3; s += 2 {
			starts = append(starts, s)
		}
		for k := 0; k < 30; k++ {
			starts = append(starts, rng.IntN(pos+3))
		}
		for _, s := range starts {
			require.Equal(t, want(s) == inside, f(s, s+1), "spans %v start %d inside %v", spans, s, inside)
		}
	}
}
