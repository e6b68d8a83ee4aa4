// The answers of the punctuation statistics that the lost-byte search
// asks about, kept from one candidate, stretch and analysis to the next.

package mojibake

import "github.com/hanfix/hanfix/internal/lm"

// punctMemo remembers lm.PunctStats.Before and After of the pairs the
// lost-byte search scores. A filling that reads as a mark pays for one
// or two of them, which cost four to six times a model Bigram (most of
// it a logarithm), and the fillings of a lost byte of a CJK mark (E3 80
// xx in UTF-8) nearly all read as marks.
//
// It is direct-mapped and keyed by the whole question (which of the two,
// and both runes), so that an entry answers exactly what the statistics
// would; they are immutable, and the memo is used with lm.DefaultPunct
// only. A zero memo is empty: init fills it before its first use.
type punctMemo struct {
	ent []punctMemoEnt
}

// punctMemoEnt is one question, packed by punctMemoKey, and its answer.
type punctMemoEnt struct {
	key uint64
	lp  float64
}

// punctMemoBits is log2 of the number of entries (1,024: 16 KB).
const punctMemoBits = 10

// punctNoKey is a key that no question packs to (see punctMemoKey).
const punctNoKey = ^uint64(0)

// punctMemoKey packs a question: after (After rather than Before) in bit
// 62, and the two runes, each below 1<<22 (unicode.MaxRune is below 1<<21;
// a negative rune, the start of a text, is masked to 22 bits and so
// stays apart from every rune), in the bits below.
func punctMemoKey(after bool, a, b rune) uint64 {
	k := uint64(uint32(a)&(1<<22-1))<<22 | uint64(uint32(b)&(1<<22-1))
	if after {
		k |= 1 << 62
	}
	return k
}

// slot returns the entry of the question packed in k.
func (m *punctMemo) slot(k uint64) *punctMemoEnt {
	if m.ent == nil {
		m.ent = make([]punctMemoEnt, 1<<punctMemoBits)
		for i := range m.ent {
			m.ent[i].key = punctNoKey
		}
	}
	return &m.ent[k*0x9E3779B97F4A7C15>>(64-punctMemoBits)]
}

// before returns pm.Before(prev, mark).
func (m *punctMemo) before(pm *lm.PunctStats, prev, mark rune) float64 {
	k := punctMemoKey(false, prev, mark)
	e := m.slot(k)
	if e.key != k {
		*e = punctMemoEnt{k, pm.Before(prev, mark)}
	}
	return e.lp
}

// after returns pm.After(mark, next).
func (m *punctMemo) after(pm *lm.PunctStats, mark, next rune) float64 {
	k := punctMemoKey(true, mark, next)
	e := m.slot(k)
	if e.key != k {
		*e = punctMemoEnt{k, pm.After(mark, next)}
	}
	return e.lp
}
