package detect

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/testshared"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnnotations(t *testing.T) {
	for _, tc := range []struct {
		name       string
		in         string
		systematic bool
		removed    []string // readings of the fitting annotations, in order
		cands      int
	}{
		{"seed-like", "加強黨建設(shè)工作，協(xié)調(diào)各方面關係，建設(shè)網(wǎng)絡(luò)。", true, []string{"shè", "xié", "diào", "shè", "wǎng", "luò"}, 6},
		{"short two distinct", "網(wǎng)上發(fā)布。", true, []string{"wǎng", "fā"}, 2},
		{"lone default tone-marked", "此字符佔據(jù) \"a\" 的空間,但不顯示它。", true, []string{"jù"}, 1},
		{"teaching line", "你好(nǐ hǎo)是问候语。", false, nil, 0},
		{"teaching single", "好(hǎo)字的读音。", false, nil, 1},
		{"acronyms and numbers", "人工智能(AI)在2010年(2010年)有(一)个(a)指标(GDP)。", false, nil, 0},
		{"single han", "科(組)室和黨(工)委", false, nil, 0},
		{"author note", "文章(作者系富平縣委常委、組織部長)", false, nil, 0},
		{"not a reading of the character", "設(tiáo)計", false, nil, 0},
		{"space before paren", "設 (shè)", false, nil, 0},
		{"uppercase", "設(SHÈ)", false, nil, 0},
		{"tone numbers and v", "綠(lv4)色和設(she4)計和綠(lv4)葉", true, []string{"lv4", "she4", "lv4"}, 3},
		{"inconsistent readings", "調(diào)查調(tiáo)整調(zhōu)調(diào)調(tiáo)", false, nil, 5},
		{"partial coverage", "設(shè)計設計設計設計設計設計網絡網絡網(wǎng)", false, nil, 2},
		{"empty", "", false, nil, 0},
		{"character rarely annotated does not fit", strings.Repeat("網(wǎng)上發(fā)布，", 6) + "設計設計設計設(shè)計。",
			true, []string{"wǎng", "fā", "wǎng", "fā", "wǎng", "fā", "wǎng", "fā", "wǎng", "fā", "wǎng", "fā"}, 13},
		{"stray after garbled character", "網(wǎng)上發(fā)現(xiàn)在,F(xiàn)在和A(chǔ)以及(GDP)", true, []string{"wǎng", "fā", "xiàn", "xiàn"}, 4},
		{"paren at start", "(shè)", false, nil, 0},
		{"unclosed", "設(shè", false, nil, 0},
		{"full-width parentheses", "加強黨建設（shè）工作，協（xié）調（diào）各方面關係，建設（shè）網（wǎng）絡（luò）。", true, []string{"shè", "xié", "diào", "shè", "wǎng", "luò"}, 6},
		{"full-width and ASCII in one text", "網(wǎng)上發（fā）布，網（wǎng）上發(fā)布。", true, []string{"wǎng", "fā", "wǎng", "fā"}, 4},
		{"full-width teaching line", "你好（nǐ hǎo）是问候语。", false, nil, 0},
		{"full-width closed by an ASCII parenthesis", "設（shè)計和設(shè）計", false, nil, 0},
		{"full-width unclosed", "設（shè", false, nil, 0},
		{"full-width group of Han characters", "科（組）室和黨（工）委（一）", false, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Annotations(tc.in)
			assert.Equal(t, tc.systematic, r.Systematic, "confidence %v", r.Confidence)
			assert.Len(t, r.Annotations, tc.cands)
			var got []string
			for _, a := range r.Fitting() {
				got = append(got, a.Reading)
				require.Contains(t, []string{"(" + a.Reading + ")", "（" + a.Reading + "）"}, tc.in[a.Span.Start:a.Span.End])
				base, _ := utf8.DecodeLastRuneInString(tc.in[:a.Span.Start])
				require.Equal(t, a.Base, string(base))
			}
			assert.Equal(t, tc.removed, got)
		})
	}
}

// TestAnnotationsRepeated: a reading written again right after an
// annotation (a page flattened twice, or with two rubies) belongs to it, so
// that removing the annotation leaves no reading behind for a second
// cleaning to remove.
func TestAnnotationsRepeated(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		spans []string // the fitting annotations' spans
		cands int
	}{
		{"twice", "發(fā)(fā)", []string{"(fā)(fā)"}, 1},
		{"three times, full-width and ASCII", "網(wǎng)（wǎng）(wǎng)上發(fā)布", []string{"(wǎng)（wǎng）(wǎng)", "(fā)"}, 2},
		{"another reading of the character", "調(diào)(tiáo)查和調(diào)整", []string{"(diào)(tiáo)", "(diào)"}, 2},
		{"tone number after tone mark", "網(wǎng)(wang3)上網(wǎng)", []string{"(wǎng)(wang3)", "(wǎng)"}, 2},
		{"not a reading of the character", "發(fā)(xiàn)", []string{"(fā)"}, 1},
		{"not a reading at all", "發(fā)(GDP)和網(wǎng)(1)", []string{"(fā)", "(wǎng)"}, 2},
		{"space between", "發(fā) (fā)", []string{"(fā)"}, 1},
		{"empty group", "發(fā)()", []string{"(fā)"}, 1},
		{"stray repeated", "網(wǎng)上發(fā)現(xiàn)在,F(xiàn)(xiàn)在", []string{"(wǎng)", "(fā)", "(xiàn)", "(xiàn)(xiàn)"}, 4},
		{"stray, another reading", "網(wǎng)上發(fā)現(xiàn)在,F(xiàn)(xian4)在", []string{"(wǎng)", "(fā)", "(xiàn)", "(xiàn)"}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Annotations(tc.in)
			require.True(t, r.Systematic, "confidence %v", r.Confidence)
			assert.Len(t, r.Annotations, tc.cands)
			var got []string
			for _, a := range r.Fitting() {
				span := tc.in[a.Span.Start:a.Span.End]
				got = append(got, span)
				assert.True(t, strings.HasPrefix(span, "("+a.Reading+")") || strings.HasPrefix(span, "（"+a.Reading+"）"), "%q starts with the reading %q", span, a.Reading)
			}
			assert.Equal(t, tc.spans, got)
		})
	}
}

func ExampleAnnotations() {
	r := Annotations("協(xié)調(diào)各方，建設(shè)網(wǎng)絡(luò)。")
	fmt.Println(r.Systematic)
	for _, a := range r.Fitting() {
		fmt.Println(a.Base, a.Reading, a.Span)
	}
	// Output:
	// true
	// 協 xié {3 9}
	// 調 diào {12 19}
	// 設 shè {34 40}
	// 網 wǎng {43 50}
	// 絡 luò {53 59}
}

func FuzzAnnotations(f *testing.F) {
	for _, s := range []string{"建設(shè)", "你好(nǐ hǎo)", "設(", "(", "綠(lu:4)", "設(shè)\xff(", "調(diào)調(tiáo)",
		"建設（shè）", "設（", "（", "設（shè)", "設（shè\xef\xbc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Annotations(s)
		prev := 0
		for _, a := range r.Annotations {
			if a.Span.Start < prev || a.Span.End > len(s) || a.Span.Start >= a.Span.End {
				t.Fatalf("bad span %v in %q", a.Span, s)
			}
			if !utf8.ValidString(s[:a.Span.Start]) && utf8.ValidString(s) {
				t.Fatalf("span not on a rune boundary")
			}
			if g := s[a.Span.Start:a.Span.End]; !(g[0] == '(' && g[len(g)-1] == ')') &&
				!(strings.HasPrefix(g, "（") && strings.HasSuffix(g, "）") && len(g) > len("（）")) {
				t.Fatalf("span %v is not a parenthesised group in %q", a.Span, s)
			}
			prev = a.Span.End
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Fatalf("confidence %v", r.Confidence)
		}
	})
}

func annotatedSample() string {
	return strings.Repeat("加強黨建設(shè)工作，協(xié)調(diào)各方面關係，建設(shè)網(wǎng)絡(luò)平臺(tái)。這是一個普通的句子，沒有(註釋)。\n", 200)
}

func BenchmarkAnnotations(b *testing.B) {
	s := annotatedSample()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Annotations(s)
	}
}

// TestCountTotals checks countTotals against counting what ranging over
// the text decodes, on random text with invalid and truncated UTF-8.
func TestCountTotals(t *testing.T) {
	runes := append([]rune(traditionalOnly)[:20], []rune("的了是中国们这个\u4e00\u9fff\u3400\u5e00\u6e00\u3fff")...)
	pieces := []string{"a", "(", "\xe8", "\x80", "\xe8\xa8", "\xf0\x9f", "\xed\xa0\x80", "\xe0\x80\x80", "é", "𠀀", "\xc3", "\xef\xbf\xbd"}
	seed := uint64(7)
	next := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for iter := range 3000 {
		var b strings.Builder
		for range 1 + next(200) {
			if next(2) == 0 {
				b.WriteRune(runes[next(len(runes))])
			} else {
				b.WriteString(pieces[next(len(pieces))])
			}
		}
		s := b.String()
		// U+4E00, U+5E00 and U+6E00 share their low 12 bits, as do
		// U+9FFF and U+3FFF.
		var stats charStats
		for k := range 1 + iter%len(runes) {
			stats.index(runes[(k*7+iter)%len(runes)])
		}
		stats.index('𠀀')
		countTotals(s, &stats, nil)
		want := map[rune]int{}
		for _, r := range s {
			want[r]++
		}
		for _, st := range stats.list {
			require.Equal(t, want[st.r], st.total, "%q in %q", st.r, s)
			require.Equal(t, st.r, stats.lookup(st.r).r)
		}
	}
}

// TestAnnotationsPages checks texts whose parts annotate different
// characters: each part's characters are counted near their annotated
// occurrences only (countNear).
func TestAnnotationsPages(t *testing.T) {
	// A page annotating 網 發 設 at every occurrence, and one annotating
	// 絡 現 調; each also writes the other's characters bare, far (more
	// than annotNear bytes) from where the other page annotates them.
	filler := strings.Repeat("這是一段沒有讀音的正文。", 200) // 7,200 bytes
	pageA := strings.Repeat("網(wǎng)上發(fā)布建設(shè)。", 10) + filler + strings.Repeat("絡現調", 10)
	pageB := strings.Repeat("網發設", 10) + filler + strings.Repeat("聯絡(luò)發現(xiàn)調(diào)查。", 10)
	for _, tc := range []struct {
		name       string
		in         string
		systematic bool
		fitting    int
	}{
		{"two pages", pageA + "\n" + pageB, true, 60},
		{"three pages", pageA + "\n" + pageB + "\n" + pageA, true, 90},
		// Annotated at every other occurrence, all through the text: the
		// bare occurrences are near annotated ones.
		{"half annotated throughout", strings.Repeat("網(wǎng)上網上發(fā)布發布建設(shè)建設。", 20), false, 0},
		// A vocabulary list, each character given its reading once, after
		// a long text that uses them bare.
		{"vocabulary list", strings.Repeat("網上發布建設聯絡發現調查。", 40) + strings.Repeat("今天天氣很好大家一起去公園散步吧。", 100) +
			"生詞：網(wǎng) 發(fā) 設(shè) 絡(luò) 現(xiàn) 調(diào) 書(shū) 寫(xiě) 學(xué) 習(xí) 讀(dú) 語(yǔ) 詞(cí) 體(tǐ) 點(diǎn) 們(men) 過(guò) 還(hái) 說(shuō) 這(zhè) 時(shí)",
			false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Annotations(tc.in)
			assert.Equal(t, tc.systematic, r.Systematic, "confidence %v", r.Confidence)
			assert.Len(t, r.Fitting(), tc.fitting)
		})
	}
	// Either page alone is systematic; so, as before, is a text whose
	// characters are annotated throughout.
	for _, p := range []string{pageA, pageB} {
		r := Annotations(p)
		assert.True(t, r.Systematic)
		assert.Len(t, r.Fitting(), 30)
	}
}

// TestAnnotationsSeedsConcatenated checks that the seeds, one after the
// other in one text, are annotated as each is alone: every seed annotates
// its own characters, which the others write bare.
func TestAnnotationsSeedsConcatenated(t *testing.T) {
	dir := testshared.Dir(t, "corpus")
	paths, err := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var all strings.Builder
	var want []Annotation
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		for _, a := range Annotations(string(b)).Fitting() {
			a.Span.Start += all.Len()
			a.Span.End += all.Len()
			a.Confidence = 0 // compared apart
			want = append(want, a)
		}
		all.Write(b)
	}
	r := Annotations(all.String())
	require.True(t, r.Systematic)
	got := r.Fitting()
	for k := range got {
		assert.GreaterOrEqual(t, got[k].Confidence, 0.5)
		got[k].Confidence = 0
	}
	assert.Equal(t, want, got)
}

// TestCountNear checks countNear against its definition: an occurrence
// counts when an annotated occurrence of its character lies within
// annotNear bytes of it (itself, when it is annotated).
func TestCountNear(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	chars := []rune("網發設絡")
	for range 200 {
		var b strings.Builder
		var cands []annCand
		type occ struct {
			at        int
			r         rune
			annotated bool
		}
		var occs []occ
		for range rng.IntN(60) {
			// Filler of 0 to 3 × annotNear bytes between occurrences, so
			// that some are near each other and some are not.
			b.WriteString(strings.Repeat("a", rng.IntN(3*annotNear)/(1+rng.IntN(8))))
			r := chars[rng.IntN(len(chars))]
			at := b.Len()
			b.WriteRune(r)
			annotated := rng.IntN(3) == 0
			if annotated {
				cands = append(cands, annCand{start: b.Len(), end: b.Len() + 4, baseStart: at, base: r, rlen: 2})
				b.WriteString("(xx)")
			}
			occs = append(occs, occ{at, r, annotated})
		}
		var stats charStats
		for _, c := range cands {
			stats.index(c.base)
		}
		countNear(b.String(), cands, &stats)
		want := map[rune]int{}
		for _, o := range occs {
			for _, a := range occs {
				if a.annotated && a.r == o.r && max(a.at-o.at, o.at-a.at) <= annotNear {
					want[o.r]++
					break
				}
			}
		}
		got := map[rune]int{}
		for _, st := range stats.list {
			if st.total > 0 {
				got[st.r] = st.total
			}
		}
		require.Equal(t, want, got)
	}
}

// BenchmarkAnnotationsNearBare is the worst case of countNear: 1 MB in
// which the annotated characters are written bare at every other
// character, far from the page that annotates them (each bare occurrence
// waits in a queue for an annotated one that never comes near).
func BenchmarkAnnotationsNearBare(b *testing.B) {
	s := strings.Repeat("網(wǎng)上發(fā)布建設(shè)。", 10) + strings.Repeat("網a發b設c", 1<<20/12)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Annotations(s)
	}
}
