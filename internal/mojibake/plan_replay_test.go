package mojibake

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCP1252RoundTrip checks what byteHopPlan's proof rests on:
// windows-1252 writes the rune it reads from each byte as that byte.
func TestCP1252RoundTrip(t *testing.T) {
	cp1252Tables()
	for b := range 256 {
		r := cp1252Dec[b]
		if r >= cp1252TabLen || cp1252Tab[r] != uint16(b)+1 {
			t.Errorf("byte %02X reads as %U, which is not written as it", b, r)
		}
	}
}

// TestByteHopsReplay checks byteHopPlan on random text: wherever
// reproduces finds a repair through one or two byte hops lossless, the
// replay of its plan gives the repair back.
func TestByteHopsReplay(t *testing.T) {
	// Runes whose UTF-8 holds bytes windows-1252 leaves undefined (丁 E4
	// B8 81, 嶝 E5 B6 9D), others, and U+0080 to U+00FF.
	pool := []rune("丁嶝鐐中文€ÿé a1\n\u0081\u009d\u00a0\uFFFD")
	hops := []recoding{{"utf8", "cp1252"}, {"utf8", "latin1"}}
	rng := rand.New(rand.NewPCG(1, 2))
	replayed, withFills := 0, 0
	for range 20000 {
		var rs []rune
		for range 1 + rng.IntN(6) {
			rs = append(rs, pool[rng.IntN(len(pool))])
		}
		rep := string(rs)
		chain := []recoding{hops[rng.IntN(2)]}
		if rng.IntN(3) == 0 {
			chain = append(chain, hops[rng.IntN(2)])
		}
		back, ok := invertChain(rep, chain)
		if !ok {
			continue
		}
		// The garbled text, some of its C1 controls dropped as fills.
		var g []rune
		var fills []Fill
		for _, r := range back {
			if r >= 0x80 && r <= 0x9F && rng.IntN(2) == 0 {
				fills = append(fills, Fill{At: len(g), B: byte(r)})
				continue
			}
			g = append(g, r)
		}
		// Now and then a rune changed, which reproduces should reject.
		if rng.IntN(8) == 0 && len(g) > 0 {
			g[rng.IntN(len(g))] = pool[rng.IntN(len(pool))]
		}
		garbled := string(g)
		if !reproduces(rep, garbled, chain, fills) {
			continue
		}
		replayed++
		if len(fills) > 0 && len(chain) == 2 {
			withFills++
		}
		p := Plan{Hops: chain, Fills: fills}
		if !byteHopPlan(p) {
			t.Fatalf("plan %s: not a plan of byte hops", p)
		}
		if got, err := p.undoHops(garbled); err != nil || got != rep {
			t.Fatalf("%q read as %q (plan %s) replays as %q, %v", rep, garbled, p, got, err)
		}
	}
	if replayed < 1000 || withFills < 100 {
		t.Errorf("only %d repairs replayed, %d of them with fills and two hops", replayed, withFills)
	}
}

// TestByteHopPlan checks which plans byteHopPlan lets run skip: byte-hop
// chains without a lost byte, wherever a lost fill stands among the
// fills.
func TestByteHopPlan(t *testing.T) {
	cp, lat, gbk := recoding{"utf8", "cp1252"}, recoding{"utf8", "latin1"}, recoding{"utf8", "gbk"}
	for _, tc := range []struct {
		name string
		p    Plan
		want bool
	}{
		{"one hop", Plan{Hops: []recoding{cp}}, true},
		{"two hops with a fill", Plan{Hops: []recoding{cp, lat}, Fills: []Fill{{At: 3, B: 0x81}}}, true},
		{"no hop", Plan{}, false},
		{"GBK hop", Plan{Hops: []recoding{cp, gbk}}, false},
		{"lost byte first", Plan{Hops: []recoding{cp}, Fills: []Fill{{At: 1, B: 0x9D, Lost: true}}}, false},
		{"lost byte after a fill", Plan{Hops: []recoding{cp}, Fills: []Fill{{At: 1, B: 0x81}, {At: 5, B: 0x9D, Lost: true}}}, false},
		{"shift", Plan{Shift: &ShiftPlan{}}, false},
	} {
		assert.Equal(t, tc.want, byteHopPlan(tc.p), tc.name)
	}
}
