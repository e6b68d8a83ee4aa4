// The Han pair table: the counts of the document's pairs of characters and
// the fast walk over its runs of Han characters that fills it.

package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// pairTable counts pairs of runes (a, b), a ≠ 0, and remembers the order
// in which pairs were first added. The pairs of two characters of the
// BMP, nearly all, are kept in an open-addressing table whose slots hold
// the pair, packed as a<<16|b, and its count in 8 bytes: a look-up of a
// table larger than the cache costs one miss, and the table of seed 001
// (11,800 pairs in 64K slots) takes 512 KB. The pairs with a character
// beyond the BMP are kept in a map.
//
// The counts are exact: a pair of the evidence occurs at most once every
// 3 bytes (its first character, Han or a CJK mark, takes 3 bytes or
// more), so that those of any text under 12 GiB fit in 32 bits.
type pairTable struct {
	slots []pairSlot // key 0 = empty slot; a power of two of them
	// order holds the pairs, packed as pairKey does, in the order of
	// their first add. Its capacity is the number of pairs the table
	// takes before it grows (half the slots): a full order tells hanRun
	// to leave a new pair to add.
	order []uint64
	wide  map[uint64]uint32 // the pairs beyond the BMP by pairKey, nil when none
}

// pairSlot is a pair of BMP characters a, b, packed as bmpPairKey packs
// it (nonzero, as a is), and its count.
type pairSlot struct{ key, n uint32 }

// init empties the table, with room for hint pairs.
func (t *pairTable) init(hint int) {
	size := 64
	for size < 2*hint {
		size *= 2
	}
	t.slots, t.order = getPairBuf(size)
	t.wide = nil
}

// pairSlots and pairOrders keep the slots and the orders of released
// and outgrown pair tables.
var (
	pairSlots  slicePool[pairSlot]
	pairOrders slicePool[uint64]
)

// getPairBuf returns at least size empty slots, a power of two, and an
// empty order of capacity half of them.
func getPairBuf(size int) ([]pairSlot, []uint64) {
	slots := pairSlots.get(size)
	clear(slots)
	return slots, pairOrders.get(len(slots) / 2)[: 0 : len(slots)/2]
}

// putPairBuf keeps slots and order, which nothing reads any more, for
// getPairBuf.
func putPairBuf(slots []pairSlot, order []uint64) {
	pairSlots.put(slots)
	pairOrders.put(order)
}

// release empties t and keeps its slots and order for the next init; t
// must not be read again.
func (t *pairTable) release() {
	if t.slots != nil {
		putPairBuf(t.slots, t.order)
	}
	*t = pairTable{}
}

// slot returns the first slot to probe for the BMP pair packed in key.
func (t *pairTable) slot(key uint32) int {
	return int(uint64(key)*0x9E3779B97F4A7C15>>32) & (len(t.slots) - 1)
}

// get returns the count of the pair (a, b).
func (t *pairTable) get(a, b rune) uint32 {
	key, bmp := bmpPairKey(a, b)
	if !bmp {
		return t.wide[pairKey(a, b)]
	}
	if len(t.slots) == 0 {
		return 0
	}
	mask := len(t.slots) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch s := t.slots[i]; s.key {
		case key:
			return s.n
		case 0:
			return 0
		}
	}
}

// add counts the pair (a, b), a ≠ 0. A table that holds all the pairs it
// takes grows first.
func (t *pairTable) add(a, b rune) {
	key, bmp := bmpPairKey(a, b)
	if !bmp {
		t.addWide(a, b)
		return
	}
	if len(t.order) == cap(t.order) {
		t.grow()
	}
	mask := len(t.slots) - 1
	i := t.slot(key)
	for ; t.slots[i].key != 0; i = (i + 1) & mask {
		if t.slots[i].key == key {
			t.slots[i].n++
			return
		}
	}
	t.slots[i] = pairSlot{key, 1}
	t.order = append(t.order, pairKey(a, b))
}

// addWide is add of a pair with a character beyond the BMP.
func (t *pairTable) addWide(a, b rune) {
	k := pairKey(a, b)
	if _, ok := t.wide[k]; !ok {
		if t.wide == nil {
			t.wide = map[uint64]uint32{}
		}
		// The order's capacity bounds the pairs of the slots.
		if len(t.order) == cap(t.order) {
			t.grow()
		}
		t.order = append(t.order, k)
	}
	t.wide[k]++
}

// grow doubles the table, and keeps its old slots and order for
// getPairBuf.
func (t *pairTable) grow() {
	old, oldOrder := t.slots, t.order
	t.slots, t.order = getPairBuf(2 * len(old))
	mask := len(t.slots) - 1
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := t.slot(s.key)
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
	t.order = append(t.order, oldOrder...)
	putPairBuf(old, oldOrder)
}

// hanRun is countPairs for the run of characters of U+4E00–U+9FFF at
// text[i:], most of the text, without the tests that cannot change there:
// each makes a pair with the one before (the first with prev, a character
// of the BMP, unless prev is 0) and counts for the script by scriptTab,
// which countPairs has filled (scriptTable). It steps over the runs of
// ASCII and two-byte characters that start with a byte consumedStats does
// not count (the pinyin readings in parentheses of annotated text), after
// which the next character pairs with none. It returns where it stopped
// and the last character it took (0 after such a run). It stops before
// any other character, and before a new pair that the table has no room
// for, which countPairs adds: without calls the loop keeps its values in
// registers.
func (t *pairTable) hanRun(text string, i int, prev rune, sc *scriptTally) (int, rune) {
	slots := t.slots
	if len(slots) == 0 {
		// Never (init makes 64 slots or more), but the compiler then
		// knows that a hash masked with len(slots)-1 is in bounds.
		return i, prev
	}
	mask := uint(len(slots) - 1)
	// hi is the first character of the next pair, packed as pairSlot's
	// key, 0 for none.
	hi := uint32(prev) << 16
	_ = sc[0] // sc is not nil: the loop goes without the check
loop:
	for i < len(text)-3 {
		// The three bytes of a character of U+0800–U+FFFF are 1110xxxx
		// 10xxxxxx 10xxxxxx, read in one load with the byte after them
		// (a character that ends the text is left to countPairs); of
		// those, U+4E00–U+9FFF are E4 B8 80 … E9 BF BF.
		w := uint32(text[i]) | uint32(text[i+1])<<8 | uint32(text[i+2])<<16 | uint32(text[i+3])<<24
		if w&0xC0C0F0 != 0x8080E0 {
			// An ASCII byte that consumedStats does not count (the "(" of
			// a pinyin reading): it and the ASCII and two-byte characters
			// after it change nothing, and the next character pairs with
			// none.
			if c := byte(w); c >= utf8.RuneSelf || consumedAt[c] >= 0 {
				break
			}
			i, hi = skipLatin(text, i+1), 0
			continue
		}
		b := w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F
		j := uint(b) - 0x4E00
		if j >= uint(len(scriptTab)) {
			break
		}
		if hi != 0 {
			key := hi | b
			for h := uint(uint64(key) * 0x9E3779B97F4A7C15 >> 32); ; h++ {
				sl := &slots[h&mask]
				if sl.key == key {
					sl.n++
					break
				}
				if sl.key == 0 {
					if len(t.order) == cap(t.order) {
						break loop
					}
					*sl = pairSlot{key, 1}
					t.order = t.order[:len(t.order)+1]
					t.order[len(t.order)-1] = uint64(hi>>16)<<32 | uint64(b)
					break
				}
			}
		}
		sc[uint8(scriptTab[j])&3]++ // sc.add, which the compiler does not inline here
		hi = b << 16
		i += 3
	}
	return i, rune(hi >> 16)
}

// skipLatin returns where the run of ASCII and valid two-byte characters
// (U+0080–U+07FF: Latin-1, the accented letters of pinyin) at text[i:]
// ends.
func skipLatin(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			i++
		} else if c-0xC2 <= 0xDF-0xC2 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
			i += 2
		} else {
			break
		}
	}
	return i
}

// isHan is lm.Class(r) == lm.Han, asking lm.Class only where it can say
// Han outside the common block: the BMP's ideographs are in U+2E80–U+303F,
// U+3400–U+4DBF, U+4E00–U+9FFF and U+F900–U+FAFF (TestIsHan checks every
// rune).
func isHan(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	case r < 0x2E80:
		return false
	}
	return isHanOther(r) // apart, so that isHan is inlined
}

// isHanOther is isHan from U+2E80 up, outside U+4E00–U+9FFF.
func isHanOther(r rune) bool {
	if r < 0x10000 && r > 0x303F && (r < 0x3400 || r > 0x4DBF) && (r < 0xF900 || r > 0xFAFF) {
		return false
	}
	return lm.Class(r) == lm.Han
}
