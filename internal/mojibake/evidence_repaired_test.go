package mojibake

import (
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// TestRepairedEvidence checks the evidence that repaired derives for a
// repaired text against collectEvidence of that text: on the devset
// inputs and the seeds with their repairs, and on random annotated text
// (readings a character has and has not, several readings of one
// character, cut and invalid UTF-8, stray parentheses) with random
// repairs, which also take readings away, add them and cut them.
func TestRepairedEvidence(t *testing.T) {
	check := func(text string, spans []Span) {
		t.Helper()
		ev := collectEvidence(text)
		out, starts := applyMapped(text, spans)
		got, want := ev.repaired(out, spans, starts), collectEvidence(out)
		if got.text != out || !slices.Equal(got.parens, want.parens) {
			t.Fatalf("parens %v, want %v in %q (from %q)", got.parens, want.parens, out, text)
		}
		if !maps.Equal(got.readings, want.readings) {
			t.Fatalf("readings %v, want %v in %q (from %q)", got.readings, want.readings, out, text)
		}
		for w := range 0x10000 / 64 {
			if word(got.annBits, w) != word(want.annBits, w) {
				t.Fatalf("annotated characters %#x, want %#x from U+%04X on in %q (from %q)", word(got.annBits, w), word(want.annBits, w), w*64, out, text)
			}
		}
	}
	var files []string
	for _, sub := range []string{"devset/in", "corpus/seeds"} {
		ms, _ := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "..", sub, "*.txt"))
		files = append(files, ms...)
	}
	if len(files) == 0 {
		t.Fatal("no documents")
	}
	for _, m := range files {
		raw, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		spans, _, _ := findAll(text, nil, nil)
		check(text, spans)
	}
	pieces := []string{"字(zì)", "字(zi)", "行(xíng)", "行(háng)", "長(cháng)", "长(zhǎng)", "中(zhōng)", "a(zì)",
		"字", "行", "中", "(", ")", "(zì", "ì)", "zhōng", "?", " ", "。", "é", "\xe4", "\xe4\xb8", "\xb8", "\xff", "𠀀(zì)", "\n"}
	rng := rand.New(rand.NewSource(1))
	piece := func(n int) string {
		var b strings.Builder
		for k := rng.Intn(n); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	for n := 0; n < 30000; n++ {
		text := piece(40)
		var spans []Span
		for at := 0; at < len(text); {
			start := at + rng.Intn(len(text)-at+1)
			end := min(len(text), start+rng.Intn(12))
			if start == len(text) && end == start && rng.Intn(2) == 0 {
				break
			}
			spans = append(spans, Span{Start: start, End: end, Garbled: text[start:end], Repair: piece(4), Repairable: rng.Intn(4) > 0})
			at = end + 1
		}
		check(text, spans)
	}
}

// word returns bitmap[w], or 0 when bitmap is nil.
func word(bitmap []uint64, w int) uint64 {
	if bitmap == nil {
		return 0
	}
	return bitmap[w]
}
