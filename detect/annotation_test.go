package detect

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

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
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Annotations(tc.in)
			assert.Equal(t, tc.systematic, r.Systematic, "confidence %v", r.Confidence)
			assert.Len(t, r.Annotations, tc.cands)
			var got []string
			for _, a := range r.Fitting() {
				got = append(got, a.Reading)
				require.Equal(t, "("+a.Reading+")", tc.in[a.Span.Start:a.Span.End])
				base, _ := utf8.DecodeLastRuneInString(tc.in[:a.Span.Start])
				require.Equal(t, a.Base, string(base))
			}
			assert.Equal(t, tc.removed, got)
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
	for _, s := range []string{"建設(shè)", "你好(nǐ hǎo)", "設(", "(", "綠(lu:4)", "設(shè)\xff(", "調(diào)調(tiáo)"} {
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
			if s[a.Span.Start] != '(' || s[a.Span.End-1] != ')' {
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
		countTotals(s, &stats)
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
