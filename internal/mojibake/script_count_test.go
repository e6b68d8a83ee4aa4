package mojibake

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// TestRepairedScriptCounts checks the script counts of a repaired text
// derived from those of the text against counting the repaired text, on
// the damaged devset inputs with their repairs and on random text with
// invalid and cut UTF-8 and random repairs; buildPairs's counts are
// checked against scriptCounts too.
func TestRepairedScriptCounts(t *testing.T) {
	check := func(text string, spans []Span) bool {
		t.Helper()
		ev := collectEvidence(text)
		ev.buildPairs()
		if simp, trad := scriptCounts(text); ev.counts != [2]int{simp, trad} {
			t.Fatalf("buildPairs counted %v, scriptCounts %d %d in %q", ev.counts, simp, trad, text)
		}
		out, starts := applyMapped(text, spans)
		got, ok := repairedScriptCounts(ev, text, out, spans, starts)
		if !ok {
			return false
		}
		if simp, trad := scriptCounts(out); got != [2]int{simp, trad} {
			t.Fatalf("derived %v, counted %d %d in %q (from %q)", got, simp, trad, out, text)
		}
		return true
	}
	dir := testshared.Dir(t, "devset")
	ms, _ := filepath.Glob(filepath.Join(dir, "in", "[cd]*.txt"))
	for _, m := range ms {
		raw, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		if spans, _, _ := findAll(text, nil, nil); !check(text, spans) {
			t.Errorf("%s: no derived counts", m)
		}
	}
	// Simplified-only, Traditional-only and shared characters, ASCII,
	// Latin-1, and the bytes of cut and invalid sequences.
	pieces := []string{"这", "說", "们", "們", "个", "個", "中", "文", "a", "?", " ", "é", "\xe4", "\xe4\xb8", "\xb8", "\x80", "\xff", "\xc3", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "\uFFFD"}
	rng := rand.New(rand.NewSource(1))
	derived := 0
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(24); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		var spans []Span
		for at := 0; at < len(text); {
			lo := at + rng.Intn(len(text)-at+1)
			if lo >= len(text) {
				break
			}
			hi := lo + 1 + rng.Intn(len(text)-lo)
			var rep strings.Builder
			for k := rng.Intn(4); k > 0; k-- {
				rep.WriteString(pieces[rng.Intn(len(pieces))])
			}
			spans = append(spans, Span{Start: lo, End: hi, Repairable: rng.Intn(4) > 0, Repair: rep.String()})
			at = hi
		}
		if check(text, spans) {
			derived++
		}
	}
	if derived < 1000 {
		t.Errorf("counts derived for only %d of 20000 random texts", derived)
	}
	t.Logf("counts derived for %d of 20000 random texts", derived)
}
