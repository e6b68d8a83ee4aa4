// The stretch's cache model: its script and the pairs of its own phrases,
// read before any lost byte is tried.

package mojibake

import (
	"math"

	"github.com/hanfix/hanfix/internal/lm"
)

// stretchCache is what a stretch's bytes, read with the original codec
// and the bytes still to be restored left out, say of the restorations:
// its script, and a cache model of the document's own phrases (as
// cacheBonus is for the shift search): the pairs of a Han character and a
// Latin word next to it (side 0: the character before the word, side 1:
// after it), the pairs of Han characters, and the characters other than
// ASCII and Han (see symbolBonus). Documents repeat
// themselves: a document that writes 按 F9 once likely writes it again
// where a byte of 按 was lost. It is built before any byte is tried
// (build): a pair with a candidate in it would favour that candidate.
// Its buffers are kept for the next stretch.
type stretchCache struct {
	// words numbers the words met next to a Han character, by side and
	// word (cacheWordKey): 1, 2, …
	words map[string]int32
	key   []byte
	// pairs holds the pairs as read: of Han characters, a<<32 | b, and
	// of a word and a Han character, wordPairBit | id<<32 | r (a Han
	// character is less than 1<<31, so the two never meet). han is a
	// hash table of them (0: an empty slot, which no pair is, a being
	// Han), open addressing with linear probing, and hanN holds their
	// counts. (Its insertions cost less than a map's, and less than
	// sorting the pairs; each candidate of a search asks about two pairs
	// or so.)
	pairs []uint64
	han   []uint64
	hanN  []int32
	// script is docScript of the bytes read so (路徑, not 路径, in a
	// Traditional text): a character of the other script is an unlikely
	// restoration.
	script int
}

// wordPairBit marks the key of a word's pair in stretchCache.pairs.
const wordPairBit = 1 << 63

// cacheWordKey appends the key in stretchCache.words of w on side to dst.
func cacheWordKey(dst []byte, side byte, w []byte) []byte {
	return append(append(dst, side), w...)
}

// build counts the pairs of bs read with orig, and its script.
func (c *stretchCache) build(orig codec, bs []byte) {
	clear(c.words)
	c.pairs = c.pairs[:0]
	tab := scriptTable()
	var tally scriptTally
	word := noWord
	pending := rune(-1) // a Han character whose next word is still to come
	pendAt := 0         // the byte after it
	prev := rune(-1)    // the Han character just before, if any
	for i := 0; i < len(bs); {
		r, size := orig.decode(bs[i:])
		if size == 0 {
			word, pending, prev = noWord, -1, -1
			i++
			continue
		}
		han := isHan(r)
		if han && prev >= 0 {
			c.pairs = append(c.pairs, uint64(prev)<<32|uint64(r))
		}
		if r >= 0x80 && !han && !unreadable(r, size) {
			c.pairs = append(c.pairs, uint64(r))
		}
		prev = -1
		if han {
			prev = r
			if r >= 0x4E00 && r <= 0x9FFF {
				tally.add(tab[r-0x4E00])
			}
			if w := word.before(bs, i); w != nil {
				c.add(1, w, r)
			}
			pending, pendAt = r, i+size
		} else if pending >= 0 && r < 0x80 {
			j := pendAt
			if j < len(bs) && bs[j] == ' ' {
				j++
			}
			if i == j && lm.IsLatinWordByte(bs[i]) {
				k := j
				for k < len(bs) && lm.IsLatinWordByte(bs[k]) {
					k++
				}
				if k-j <= maxLatinWord {
					c.add(0, bs[j:k], pending)
				}
			}
			if i >= j {
				pending = -1
			}
		} else {
			pending = -1
		}
		word.add(i, r)
		i += size
	}
	st := tally.simpTrad()
	c.script = scriptOf(st[0], st[1])
	c.indexHan()
}

// indexHan counts the pairs (of Han characters, of a word and a
// character) in the hash table, at most half full.
func (c *stretchCache) indexHan() {
	size := 8
	for size < 2*len(c.pairs) {
		size *= 2
	}
	if cap(c.han) < size {
		c.han, c.hanN = make([]uint64, size), make([]int32, size)
	} else {
		c.han, c.hanN = c.han[:size], c.hanN[:size]
		clear(c.han)
	}
	mask := size - 1
	for _, key := range c.pairs {
		i := hanSlot(key, mask)
		for c.han[i] != 0 && c.han[i] != key {
			i = (i + 1) & mask
		}
		if c.han[i] == 0 {
			c.han[i], c.hanN[i] = key, 0
		}
		c.hanN[i]++
	}
}

// hanSlot is where the hash table of size mask+1 (a power of two) puts
// key first.
func hanSlot(key uint64, mask int) int {
	h := key * 0x9E3779B97F4A7C15
	return int(h>>32) & mask
}

// add counts the pair of r and the word w next to it on side.
func (c *stretchCache) add(side byte, w []byte, r rune) {
	if c.words == nil {
		c.words = map[string]int32{}
	}
	c.key = cacheWordKey(c.key[:0], side, w)
	id, ok := c.words[string(c.key)]
	if !ok {
		id = int32(len(c.words) + 1)
		c.words[string(c.key)] = id
	}
	c.pairs = append(c.pairs, wordPairBit|uint64(id)<<32|uint64(r))
}

// wordID returns the number of the word w on side (stretchCache.words),
// 0 when the stretch has no pair of it.
func (c *stretchCache) wordID(side byte, w []byte) int32 {
	if len(c.words) == 0 {
		return 0
	}
	c.key = cacheWordKey(c.key[:0], side, w)
	return c.words[string(c.key)]
}

// bonus returns what the pair of r and the word numbered id (wordID) is
// worth for being in the stretch already: nothing when it is not, up to
// 3 nats as it recurs.
func (c *stretchCache) bonus(id int32, r rune) float64 {
	if id == 0 {
		return 0
	}
	return c.count(wordPairBit | uint64(id)<<32 | uint64(r))
}

// symbolBonus returns what the stretch's own use of r, a character
// other than ASCII, Han and the punctuation marks, says of r as a
// restoration: as for a pair, nothing when the stretch does not read it,
// up to 3 nats as it recurs. Such characters are rare in Chinese text
// and the model knows little of them (│ and ─, → and ↀ, the no-break
// space and ¡ score alike), but a document that draws its tables with │,
// points with → or spaces 第 1 节 with no-break spaces does so again
// and again.
func (c *stretchCache) symbolBonus(r rune) float64 {
	return c.count(uint64(r))
}

// hanBonus returns cacheBonus for the pair of Han characters a, b in the
// stretch.
func (c *stretchCache) hanBonus(a, b rune) float64 {
	return c.count(uint64(a)<<32 | uint64(b))
}

// count returns the bonus of the pair key: 0 when the stretch does not
// hold it, min(3, 1.5 + log n) when it holds it n times.
func (c *stretchCache) count(key uint64) float64 {
	mask := len(c.han) - 1
	for i := hanSlot(key, mask); c.han[i] != 0; i = (i + 1) & mask {
		if c.han[i] == key {
			return min(3, 1.5+math.Log(float64(c.hanN[i])))
		}
	}
	return 0
}
