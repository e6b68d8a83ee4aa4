// The tables the misalignment search is built from: the leads of every
// trail byte and the likeliest dropped pairs, by unigram.

package mojibake

import (
	"math"
	"slices"
	"sync"

	"github.com/hanfix/hanfix/internal/lm"
)

// gbkShiftTables caches, for every trail byte, the lead bytes that make a
// character with it, most frequent character first.
type shiftTables struct {
	leads     [256][]byte // leads[u] = a such that (a,u) is a character, by unigram
	dropTrail []byte      // bytes x that start some dropped pair
	// dropLeads[k][u] = the likeliest y such that (x,y) is dropped and
	// (y,u) is a character, for x = dropTrail[k].
	dropLeads [][256][]byte
	// dropEnds[k] = the likeliest characters (y,X), X ≥ 0x80, such that
	// (x,y) is dropped.
	dropEnds [][]uint16
}

// dropK is how many characters after a dropped pair are tried.
const dropK = 8

// dropSuccK is how many of the model's likeliest successors of the
// character before a dropped pair are tried as the last character after
// it, besides the commonest characters (dropEnds).
const dropSuccK = 6

var (
	shiftOnce sync.Once
	shiftTab  *shiftTables
)

func shiftTabs() *shiftTables {
	shiftOnce.Do(func() {
		g, m := gbk(), lm.Default()
		t := &shiftTables{}
		var keys []uint64
		for u := 0x40; u <= 0xFE; u++ {
			// The leads by descending unigram, the smaller byte first
			// among equals, as the stable sort of the increasing bytes
			// orders them: a total order, which slices.Sort of the keys
			// gives without a call per comparison (the sort with a
			// comparison function took 5.8M more of the CLI's 196M
			// start-up instructions).
			keys = keys[:0]
			for a := 0x81; a <= 0xFE; a++ {
				r := g.decode2(byte(a), byte(u))
				if r != 0 && !g.isPUA(r) {
					keys = append(keys, unigramKey(m.Unigram(r))<<8|uint64(a))
				}
			}
			if len(keys) == 0 {
				continue // (0x7F trails no lead)
			}
			slices.Sort(keys)
			ls := make([]byte, len(keys))
			for i, k := range keys {
				ls[i] = byte(k)
			}
			t.leads[u] = ls
		}
		// The leads y that each trail byte x drops: a byte that drops
		// none is no dropTrail.
		var sets [][4]uint64
		for x := 0x40; x <= 0xFE; x++ {
			var set [4]uint64
			for y := 0x81; y <= 0xFE; y++ {
				if g.isDropped(byte(x), byte(y)) {
					set[y/64] |= 1 << (y % 64)
				}
			}
			if set != ([4]uint64{}) {
				t.dropTrail = append(t.dropTrail, byte(x))
				sets = append(sets, set)
			}
		}
		t.dropLeads = make([][256][]byte, len(t.dropTrail))
		t.dropEnds = make([][]uint16, len(t.dropTrail))
		// Many bytes x drop the same leads y (the 23 of dropTrail make 11
		// sets), which makes the same lists: they are made once for each
		// set (first holds the set's first place in dropTrail), from the
		// characters (y, X), X ≥ 0x80, of each lead y (rows, made on
		// first use). Making every list for every x took 5.4M more of the
		// CLI's 190M start-up instructions.
		first := make(map[[4]uint64]int)
		var rows [256][]dropEnd
		for k, set := range sets {
			if k0, ok := first[set]; ok {
				t.dropLeads[k], t.dropEnds[k] = t.dropLeads[k0], t.dropEnds[k0]
				continue
			}
			first[set] = k
			for u := 0x40; u <= 0xFE; u++ {
				var ls []byte
				for _, y := range t.leads[u] {
					if set[y/64]&(1<<(y%64)) != 0 {
						ls = append(ls, y)
						if len(ls) == dropK {
							break
						}
					}
				}
				t.dropLeads[k][u] = ls
			}
			// The ten likeliest characters by unigram, the smaller code
			// first among equals. Ten, not 40, are kept: the golden dump
			// is the same with ten (five move a confidence), and
			// lostDropChoices scores a quarter of the choices (1.5% of
			// BenchmarkFindDamaged's instructions).
			var top topKeys
			for y := 0x81; y <= 0xFE; y++ {
				if set[y/64]&(1<<(y%64)) == 0 {
					continue
				}
				if rows[y] == nil {
					for X := 0x80; X <= 0xFE; X++ {
						if r := g.decode2(byte(y), byte(X)); r != 0 && !g.isPUA(r) {
							rows[y] = append(rows[y], dropEnd(unigramKey(m.Unigram(r))<<16|uint64(y<<8|X)))
						}
					}
				}
				for _, e := range rows[y] {
					top.offer(uint64(e))
				}
			}
			for _, key := range top.keys[:top.n] {
				t.dropEnds[k] = append(t.dropEnds[k], uint16(key))
			}
		}
		shiftTab = t
	})
	return shiftTab
}

// unigramKey returns a key that orders the unigram lp of a BMP character
// descending: the model keeps those unigrams as float32 values (lm.Model
// stores them so), which float32(lp) gives exactly, and whose bits, with
// the sign bit's order undone, order as the values do.
func unigramKey(lp float64) uint64 {
	b := math.Float32bits(float32(lp))
	if b>>31 != 0 {
		b = ^b // negative: a larger magnitude orders first
	} else {
		b |= 1 << 31
	}
	return uint64(^b)
}
