// The punctuation statistics' look-ups remembered for a stretch's
// candidates.

package mojibake

import "github.com/hanfix/hanfix/internal/lm"

// punctMemo remembers the values of lm.PunctStats.Before and After that
// the lost-byte search asked for. The candidates for a byte lost from a
// full-width mark (，is EF BC 8C in UTF-8) are the 64 characters
// U+FF00–U+FF3F, most of them marks, each scored after the same
// character and before the same one, and the same marks come back at the
// next U+FFFD: each look-up takes two logarithms and a hash look-up or
// two. The values depend on the statistics alone, so a memo kept from
// one stretch, or one document, to the next returns what the statistics
// would, bit for bit (TestPunctMemoExact).
//
// Each table is direct-mapped. A key holds both runes, complemented, so
// that the zero value is empty: its complement, the pair (-1, -1), is
// never asked, as a mark is never -1.
type punctMemo struct {
	before, after [punctMemoSlots]punctMemoEnt
}

// punctMemoSlots is the size of each table, 1,024 entries of 16 bytes,
// and punctMemoBits the bits of a slot's index.
const (
	punctMemoBits  = 10
	punctMemoSlots = 1 << punctMemoBits
)

type punctMemoEnt struct {
	key uint64 // ^(a<<32 | b), 0 for none
	v   float64
}

// punctMemoKey returns the complemented key of the pair (a, b) and its
// slot.
func punctMemoKey(a, b rune) (key uint64, slot int) {
	k := uint64(uint32(a))<<32 | uint64(uint32(b))
	return ^k, int((k * 0x9E3779B97F4A7C15) >> (64 - punctMemoBits))
}

// beforeMark returns pm.Before(prev, mark).
func (t *punctMemo) beforeMark(pm *lm.PunctStats, prev, mark rune) float64 {
	return t.value(pm, prev, mark, false)
}

// afterMark returns pm.After(mark, next).
func (t *punctMemo) afterMark(pm *lm.PunctStats, mark, next rune) float64 {
	return t.value(pm, mark, next, true)
}

// value returns pm.After(a, b) with after, else pm.Before(a, b), from
// its table if there. A nil memo asks the statistics each time.
func (t *punctMemo) value(pm *lm.PunctStats, a, b rune, after bool) float64 {
	if t == nil {
		if after {
			return pm.After(a, b)
		}
		return pm.Before(a, b)
	}
	key, slot := punctMemoKey(a, b)
	e := &t.before[slot]
	if after {
		e = &t.after[slot]
	}
	if e.key != key {
		v := 0.0
		if after {
			v = pm.After(a, b)
		} else {
			v = pm.Before(a, b)
		}
		e.key, e.v = key, v
	}
	return e.v
}
