package mojibake

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The index answers as the linear functions do: mapBack for every offset
// of the output, the spans a found span overlaps, and whether it meets an
// applied repair, on random spans (applied, reports, repairs longer,
// shorter and empty), also after repairs are withdrawn, and on spans out
// of order, where it looks at every span.
func TestSpanIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	text := strings.Repeat("abcdefghij", 30)
	for n := range 2000 {
		var spans []Span
		for at := rng.IntN(5); at < len(text)-1; {
			end := min(len(text), at+rng.IntN(8))
			sp := Span{Start: at, End: end, Repairable: rng.IntN(3) > 0}
			if sp.Repairable {
				sp.Repair = strings.Repeat("x", rng.IntN(12))
			}
			spans = append(spans, sp)
			at = end + rng.IntN(10)
			if rng.IntN(6) == 0 {
				at = end // touching
			}
		}
		out, starts := applyMapped(text, spans)
		wins := make([]window, len(spans))
		for i, st := range starts {
			wins[i] = window{st, st + len(spans[i].Repair)}
		}
		if n%10 == 0 && len(spans) > 2 {
			// Out of order.
			spans[1], spans[2] = spans[2], spans[1]
			starts[1], starts[2] = starts[2], starts[1]
			wins[1], wins[2] = wins[2], wins[1]
		}
		idx := newSpanIndex(spans, starts, wins)
		if n%10 != 0 || len(spans) <= 2 {
			require.True(t, idx.sorted, "case %d", n)
		}
		if n%10 == 0 && len(spans) > 2 && (starts[1] >= 0) == (starts[2] >= 0) && spans[1].Start != spans[2].Start {
			require.False(t, idx.sorted, "case %d", n)
		}
		for round := range 2 {
			if round == 1 {
				// Withdraw some repairs, as Find's loop does.
				for i := range spans {
					if spans[i].Repairable && rng.IntN(3) == 0 {
						spans[i].Repairable, spans[i].Repair = false, ""
					}
				}
			}
			for pos := 0; pos <= len(out); pos++ {
				require.Equal(t, mapBack(pos, starts, spans, text), idx.back(pos, spans, text), "case %d round %d pos %d", n, round, pos)
			}
			for range 50 {
				lo := rng.IntN(len(out) + 1)
				r := Span{Start: lo, End: min(len(out), lo+rng.IntN(20))}
				a, b := mapBack(r.Start, starts, spans, text), mapBack(r.End, starts, spans, text)
				var want, got []int
				for i := range spans {
					if overlaps(r, &spans[i], wins[i], a, b) {
						want = append(want, i)
					}
				}
				for _, i := range idx.meeting(nil, spans, &r, a, b) {
					if overlaps(r, &spans[i], wins[i], a, b) {
						got = append(got, i)
					}
				}
				require.Equal(t, want, got, "case %d round %d r %d–%d", n, round, r.Start, r.End)
				meets := false
				for _, w := range wins {
					meets = meets || w.lo >= 0 && r.Start < w.hi && w.lo < r.End
				}
				require.Equal(t, meets, idx.meetsApplied(r.Start, r.End), "case %d r %d–%d", n, r.Start, r.End)
			}
		}
	}
}
