package mojibake

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// evidence is what the document itself says about its pinyin annotations:
// which characters carry a reading (Han + "(pinyin)") and which one.
type evidence struct {
	readings map[rune]string
	// parens are the "(pinyin)" right after a Han character, whether the
	// character has the reading or not, as [offset of "(", offset after
	// ")"], in order: the codec analysis steps over them (clusters).
	parens  []window
	annBits []uint64 // BMP bitmap of the annotated characters, nil when none
	// ownBits tells that annBits is e's own, from bitmapPool, rather than
	// that of the text e was repaired from.
	ownBits    bool
	script     int // +1 Traditional, -1 Simplified, 0 unknown
	scriptOnce sync.Once
	// counts are docScript's counts of Simplified-only and
	// Traditional-only characters, when buildPairs, which walks the
	// same runes, has taken them (counted): scriptLP then needs no pass
	// of its own.
	counts  [2]int
	counted bool
	// from is, for the evidence of a repaired text (repaired), the text
	// it was made of: scriptHan derives the script counts from that
	// text's when buildPairs has not counted them (Find's analysis of
	// the repaired text often asks for no script at all).
	from *repairOrigin
	// consumed are the document's swallowable bytes after Han
	// characters, which buildPairs counts too.
	consumed *consumedStats
	text     string
	pairOnce sync.Once
	pairs    pairTable // Han pairs of the document and their counts
	// firsts is a BMP bitmap of the first characters of pairs: the
	// searches ask about many pairs whose first character the document
	// never writes before a Han character, and 8 KB answer those where a
	// look-up of the table would miss the cache.
	firsts   *[0x10000 / 64]uint64
	succOnce sync.Once
	// The Han characters that follow a character a of the BMP are
	// succFlat[succAt[k]:succAt[k+1]], where k is the rank of a among
	// firsts: before it are ranks[a>>6] of them, and those of its word
	// of firsts below its bit (firstRank).
	ranks    *[0x10000 / 64]uint32
	succAt   []uint32
	succFlat []rune
}

// readingCodes caches, per syllable, the GBK codes of the characters that
// have it among their readings. It depends on nothing else, so all
// documents share it.
var readingCodes sync.Map // string → []uint16

// withReading returns the GBK codes of the characters that have syllable
// among their readings.
func (e *evidence) withReading(g *gbkTable, syl string) []uint16 {
	if cs, ok := readingCodes.Load(syl); ok {
		return cs.([]uint16)
	}
	var cs []uint16
	ps := pinyin.ParseSyllable(syl) // asked of every GBK character
	for b0 := 0x81; b0 <= 0xFE; b0++ {
		for b1 := 0x40; b1 <= 0xFE; b1++ {
			r := g.decode2(byte(b0), byte(b1))
			if r >= 0x3400 && !g.isPUA(r) && ps.Of(r) {
				cs = append(cs, uint16(b0<<8|b1))
			}
		}
	}
	readingCodes.Store(syl, cs)
	return cs
}

// pairCount returns how often the Han pair a, b occurs in the document.
func (e *evidence) pairCount(a, b rune) int {
	e.buildPairs()
	if !e.mayStart(a) {
		return 0
	}
	return int(e.pairs.get(a, b))
}

// mayStart reports whether a may be the first character of a pair; false
// is certain.
func (e *evidence) mayStart(a rune) bool {
	return a < 0 || a >= 0x10000 || e.firsts[a>>6]&(1<<(a&63)) != 0
}

// successors returns the Han characters that follow a in the document, in
// the order of their first occurrence after it.
func (e *evidence) successors(a rune) []rune {
	if e == nil {
		return nil
	}
	e.buildPairs()
	if !e.mayStart(a) {
		return nil
	}
	e.succOnce.Do(e.buildSucc)
	if uint32(a) >= 0x10000 {
		return e.successorsOutsideBMP(a)
	}
	k := e.firstRank(a)
	lo, hi := e.succAt[k], e.succAt[k+1]
	if lo == hi {
		return nil
	}
	return e.succFlat[lo:hi:hi]
}

// firstRank returns the number of firsts below a, a character of the BMP.
func (e *evidence) firstRank(a rune) uint32 {
	w := a >> 6
	return e.ranks[w] + uint32(bits.OnesCount64(e.firsts[w]&(1<<(a&63)-1)))
}

// successorsOutsideBMP is successors of a beyond the BMP (or negative),
// which firsts and buildSucc leave out: GBK, which the searches decode,
// has no such characters, and documents few.
func (e *evidence) successorsOutsideBMP(a rune) []rune {
	var out []rune
	for _, k := range e.pairs.order {
		if k>>32 == uint64(uint32(a)) && uint32(k) != '。' {
			out = append(out, rune(uint32(k)))
		}
	}
	return out
}

// buildPairs counts the document's pairs, once (countPairs).
func (e *evidence) buildPairs() {
	e.pairOnce.Do(e.countPairs)
}

// countPairs walks the document once and takes from it the Han pairs
// (pairs, firsts), the script counts (counts) and the swallowable bytes
// (consumed).
func (e *evidence) countPairs() {
	text := e.text
	// Chinese text has a distinct pair every 13 to 21 bytes (5,500 in the
	// 78 KB of damaged devset inputs, 11,800 in the 245 KB of seed 001,
	// 412,000 in the 5.3 MB of the throughput documents, annotated with
	// pinyin); the table grows past that, and a smaller one costs less to
	// clear and stays closer to the cache.
	t := &e.pairs
	t.init(len(text) / 12)
	prevHan, prevPunct := false, false // isHan(prev), isCJKPunct(prev)
	prev := rune(0)
	tab := scriptTable()
	var sc scriptTally
	st := newConsumedStats()
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if prevPunct {
				st.after.add(prev, rune(c))
			}
			if prevHan {
				st.swallowed(text, i)
			}
			// ASCII is neither Han nor 。 and counts for no script. Nor
			// are the characters of two bytes (Latin-1, the accented
			// letters of pinyin): the rest of a run of both follows
			// neither a Han character nor a mark, and changes nothing.
			prev, prevHan, prevPunct = rune(c), false, false
			i = skipLatin(text, i+1)
			continue
		}
		if c-0xE4 <= 0xE9-0xE4 && (!prevHan || prev < 0x10000) {
			// Most likely a character of U+4E00–U+9FFF, the start of a
			// run that hanRun takes, pairing its first with prev if Han
			// (the pair with a character beyond the BMP, which hanRun
			// does not pack, is added below).
			from := prev
			if !prevHan {
				from = 0
			}
			if j, last := t.hanRun(text, i, from, &sc); j > i {
				if prevPunct {
					r, _ := utf8x.Decode3(text, i)
					st.after.add(prev, r)
				}
				i, prev, prevHan, prevPunct = j, last, last != 0, false
				continue
			}
		}
		r, n := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else if r2, ok := utf8x.Decode2(text, i); ok {
			r, n = r2, 2
		} else {
			r, n = decodeRune(text, i)
		}
		i += n
		if prevPunct {
			st.after.add(prev, r)
		}
		if r >= 0x4E00 && r <= 0x9FFF {
			sc.add(tab[r-0x4E00])
		}
		han := isHan(r)
		if prevHan && (han || r == '。') {
			t.add(prev, r)
		}
		// A Han character is no punctuation: the class is asked of
		// the rest only.
		prev, prevHan, prevPunct = r, han, !han && isCJKPunct(r)
		if r < 0x800 {
			// A two-byte character (U+0080–U+07FF; decodeRune reads an
			// invalid byte as U+FFFD) is neither Han nor a mark, as the
			// ASCII above: the ASCII and two-byte characters after it
			// change nothing either (Latin-1 mojibake is all of them).
			i = skipLatin(text, i)
		}
	}
	// The first characters of the pairs, from the list of them.
	firsts := bitmapPool.Get().(*[0x10000 / 64]uint64)
	clear(firsts[:])
	for _, k := range t.order {
		if a := uint32(k >> 32); a < 0x10000 {
			firsts[a>>6] |= 1 << (a & 63)
		}
	}
	e.firsts = firsts
	e.counts, e.counted = sc.simpTrad(), true
	st.finish()
	e.consumed = st
}

// scriptTally counts characters by scriptOnly masked with 3 (its low
// bits): both scripts at 0, Traditional-only at 1, Simplified-only at 3.
// The entry at 2 is never counted; the mask lets an index go without a
// bounds check.
type scriptTally [4]int

// add counts a character of scriptOnly only.
func (c *scriptTally) add(only int8) {
	c[uint8(only)&3]++
}

// simpTrad returns the counts of Simplified-only and Traditional-only
// characters.
func (c *scriptTally) simpTrad() [2]int {
	return [2]int{c[uint8(-1&3)], c[1]}
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

// buildSucc groups the second characters of the document's pairs by the
// rank of their first among firsts (a counting sort, stable: each group
// is in the order of the pairs' first occurrence). Pairs whose first is
// beyond the BMP, and those ending in 。, are left out.
func (e *evidence) buildSucc() {
	firsts, ranks := e.firsts, ranksPool.Get().(*[0x10000 / 64]uint32)
	n := uint32(0)
	for w, x := range firsts {
		ranks[w] = n
		n += uint32(bits.OnesCount64(x))
	}
	// Count the group of rank k in at[k+2]; after the sums, at[k+1] is
	// where it starts, and after the filling, at[k] is. slot holds the
	// rank of each pair's group plus 2, or 0 for a pair left out.
	at := succAts.get(int(n) + 2)[:n+2]
	clear(at)
	order := e.pairs.order
	slot := succAts.get(len(order))[:len(order)]
	for i, k := range order {
		g := uint32(0)
		if a := uint32(k >> 32); a < 0x10000 && uint32(k) != '。' {
			w := a >> 6
			g = ranks[w] + uint32(bits.OnesCount64(firsts[w]&(1<<(a&63)-1))) + 2
			at[g]++
		}
		slot[i] = g
	}
	for k := 2; k < len(at); k++ {
		at[k] += at[k-1]
	}
	flat := succFlats.get(int(at[n+1]))[:at[n+1]]
	for i, g := range slot {
		if g != 0 {
			p := &at[g-1]
			flat[*p] = rune(uint32(order[i]))
			*p++
		}
	}
	succAts.put(slot)
	e.ranks, e.succAt, e.succFlat = ranks, at, flat
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

// pairSlot is a pair of BMP characters a, b, packed as a<<16|b (nonzero,
// as a is), and its count.
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

// release keeps the memory of e's pair tables (see pairTable.release),
// of their index and of its parens for the evidence of documents to come
// when nothing reads e any more: Find calls it on the evidence it is done
// with.
func (e *evidence) release() {
	if e == nil {
		return
	}
	e.pairs.release()
	if e.consumed != nil {
		e.consumed.after.release()
	}
	if e.firsts != nil {
		bitmapPool.Put(e.firsts)
	}
	if e.ownBits {
		bitmapPool.Put((*[0x10000 / 64]uint64)(e.annBits))
	}
	if e.ranks != nil {
		ranksPool.Put(e.ranks)
		succAts.put(e.succAt)
		succFlats.put(e.succFlat)
	}
	parenPool.put(e.parens)
	e.firsts, e.ranks, e.succAt, e.succFlat, e.parens = nil, nil, nil, nil, nil
	e.annBits, e.ownBits = nil, false
}

// bitmapPool keeps the BMP bitmaps of released evidence (firsts, its own
// annBits), ranksPool its ranks, succAts (also for buildSucc's scratch)
// and succFlats its successors, parenPool its parens, and seenPool the
// emptied caches of collectEvidence.
var (
	bitmapPool = sync.Pool{New: func() any { return new([0x10000 / 64]uint64) }}
	seenPool   = sync.Pool{New: func() any { return new([256]seenReading) }}
	ranksPool  = sync.Pool{New: func() any { return new([0x10000 / 64]uint32) }}
	succAts    slicePool[uint32]
	succFlats  slicePool[rune]
	parenPool  slicePool[window]
)

// slot returns the first slot to probe for the BMP pair packed in key.
func (t *pairTable) slot(key uint32) int {
	return int(uint64(key)*0x9E3779B97F4A7C15>>32) & (len(t.slots) - 1)
}

// get returns the count of the pair (a, b).
func (t *pairTable) get(a, b rune) uint32 {
	if uint32(a)|uint32(b) >= 0x10000 {
		return t.wide[pairKey(a, b)]
	}
	if len(t.slots) == 0 {
		return 0
	}
	key, mask := uint32(a)<<16|uint32(b), len(t.slots)-1
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
	if uint32(a)|uint32(b) >= 0x10000 {
		t.addWide(a, b)
		return
	}
	if len(t.order) == cap(t.order) {
		t.grow()
	}
	key, mask := uint32(a)<<16|uint32(b), len(t.slots)-1
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

// collectEvidence scans text for annotations. It returns nil when there
// are none, which is the common case and costs one byte loop.
func collectEvidence(text string) *evidence {
	ev := &evidence{text: text}
	// seen holds the last reading met of characters of three bytes, by
	// their low bits (seenSlot), in front of ev.readings: annotated
	// documents give the same readings again and again. It is made with
	// the map.
	var seen *[256]seenReading
	for i := 0; i < len(text); i++ {
		// Jump to the next '(' (IndexByte scans many bytes at a time).
		if d := strings.IndexByte(text[i:], '('); d < 0 {
			break
		} else {
			i += d
		}
		if i == 0 {
			continue
		}
		// The character before the "(" is Han, three bytes, nearly
		// always: w, the key of seen, is the three bytes before the "("
		// and the "(", read in one load (the test of i < len(text),
		// always true, lets the compiler do so).
		w := uint32(0)
		if i >= 3 && i < len(text) {
			w = uint32(text[i-3]) | uint32(text[i-2])<<8 | uint32(text[i-1])<<16 | uint32(text[i])<<24
		}
		// The reading the document gave the character before, again:
		// nothing to decode, check (readPinyinClose, HasReading and the
		// class are pure) or record. (An empty entry's w, 0, is no
		// key.)
		if seen != nil && w != 0 {
			c := &seen[seenSlot(w)]
			if c.w != w {
				// Another character's entry: this one's, from the
				// readings, when it has one (the bitmap answers for
				// those it has none of).
				if r, ok := decode3Before(text, i); ok && ev.annotated(r) {
					*c = newSeenReading(w, ev.readings[r])
				}
			}
			if c.w == w && c.follows(text, i+1) {
				// addParen, which made room for every "(", has listed
				// the first reading: no call.
				e := i + 1 + len(c.syl)
				ev.parens = append(ev.parens, window{i, e + 1})
				i = e
				continue
			}
		}
		// The rest as DecodeLastRuneInString does (runeBefore, a call
		// more).
		r, three := decode3Before(text, i)
		if !three {
			r, _ = utf8.DecodeLastRuneInString(text[:i])
		}
		syl, end := parenAfter(text, i, r)
		if end < 0 {
			continue
		}
		ev.addParen(text, i, end)
		if !pinyin.HasReading(r, syl) {
			continue
		}
		if ev.readings == nil {
			ev.readings = map[rune]string{}
			seen = seenPool.Get().(*[256]seenReading)
		}
		ev.readings[r] = syl
		if three {
			seen[seenSlot(w)] = newSeenReading(w, syl)
		}
		if r < 0x10000 {
			if ev.annBits == nil {
				bits := bitmapPool.Get().(*[0x10000 / 64]uint64)
				clear(bits[:])
				ev.annBits, ev.ownBits = bits[:], true
			}
			ev.annBits[r>>6] |= 1 << (r & 63)
		}
		i = end - 1
	}
	if seen != nil {
		// Emptied, so that the pool holds no text.
		clear(seen[:])
		seenPool.Put(seen)
	}
	return ev
}

// parenAfter judges the "(" at text[i], after r, the rune that ends there
// (i > 0), as collectEvidence does: when a pinyin syllable and ")" follow
// (readPinyinClose) and r is Han, the "(" starts a reading of r (in
// parens), and parenAfter returns the syllable and the offset after the
// ")"; otherwise it returns an end of -1. The reading is one of r's when
// pinyin.HasReading says so.
func parenAfter(text string, i int, r rune) (string, int) {
	syl, end := readPinyinClose(text, i+1)
	if end < 0 || lm.Class(r) != lm.Han {
		return "", -1
	}
	return syl, end
}

// runeBefore returns the rune that ends at text[i], i > 0, as
// utf8.DecodeLastRuneInString reads it: the character before a reading is
// Han, three bytes, nearly always, which decode3Before decodes faster (a
// valid sequence ending at i is the last rune whole).
func runeBefore(text string, i int) rune {
	if r, ok := decode3Before(text, i); ok {
		return r
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// decode3Before decodes the valid three-byte sequence that ends before
// text[i], reporting false when text[:i] does not end with one. It reads
// the sequence with text[i] in one load.
func decode3Before(text string, i int) (rune, bool) {
	if i < 3 || i >= len(text) {
		return 0, false
	}
	w := uint32(text[i-3]) | uint32(text[i-2])<<8 | uint32(text[i-1])<<16 | uint32(text[i])<<24
	if w&0xC0C0F0 != 0x8080E0 {
		return 0, false
	}
	// 1110xxxx 10xxxxxx 10xxxxxx, valid unless overlong or a surrogate.
	r := rune(w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F)
	return r, r >= 0x800 && (r < 0xD800 || r > 0xDFFF)
}

// seenSlot returns the entry of collectEvidence's cache for the key w:
// the low 8 bits of the character, which its last two bytes hold.
func seenSlot(w uint32) uint8 {
	return uint8(w>>16&0x3F | w>>2&0xC0)
}

// seenReading is an entry of collectEvidence's cache of the readings it
// has recorded: syl is the reading of the character of three bytes whose
// UTF-8, read with the "(" after it as the bytes of w from the low end,
// is w; w is 0 in an empty entry.
type seenReading struct {
	w   uint32
	syl string
	// next is syl and the ")" after it read as the bytes of a uint64
	// from the low end, and mask the bits they take: follows compares
	// them with one load. mask is 0 when they take more than 8 bytes.
	next, mask uint64
}

// newSeenReading returns the entry of the character of key w with the
// reading syl.
func newSeenReading(w uint32, syl string) seenReading {
	c := seenReading{w: w, syl: syl}
	if n := len(syl) + 1; n <= 8 {
		for k := range len(syl) {
			c.next |= uint64(syl[k]) << (8 * k)
		}
		c.next |= uint64(')') << (8 * len(syl))
		c.mask = ^uint64(0) >> (64 - 8*n)
	}
	return c
}

// follows reports whether text[j:], j > 0, starts with the entry's
// reading and ")".
func (c *seenReading) follows(text string, j int) bool {
	if c.mask != 0 && j > 0 && j < len(text)-7 {
		x := uint64(text[j]) | uint64(text[j+1])<<8 | uint64(text[j+2])<<16 | uint64(text[j+3])<<24 |
			uint64(text[j+4])<<32 | uint64(text[j+5])<<40 | uint64(text[j+6])<<48 | uint64(text[j+7])<<56
		return x&c.mask == c.next
	}
	e := j + len(c.syl)
	return e < len(text) && text[e] == ')' && text[j:e] == c.syl
}

// addParen lists the reading text[i:end] in parens, which it makes room
// for once, for every "(" from i on.
func (e *evidence) addParen(text string, i, end int) {
	if e.parens == nil {
		e.parens = parenPool.get(strings.Count(text[i:], "("))[:0]
	}
	e.parens = append(e.parens, window{i, end})
}

func (e *evidence) annotated(r rune) bool {
	if e == nil || e.annBits == nil || r >= 0x10000 || r < 0 {
		return false
	}
	return e.annBits[r>>6]&(1<<(r&63)) != 0
}

func (e *evidence) reading(r rune) string {
	if e == nil {
		return ""
	}
	return e.readings[r]
}

// docScript tells Traditional from Simplified text by counting characters
// that occur in only one of the two dictionaries.
func docScript(text string) int {
	simp, trad := scriptCounts(text)
	return scriptOf(simp, trad)
}

// scriptOf is docScript of a text with simp Simplified-only and trad
// Traditional-only characters.
func scriptOf(simp, trad int) int {
	switch {
	case trad >= 3 && trad > 3*simp:
		return 1
	case simp >= 3 && simp > 3*trad:
		return -1
	}
	return 0
}

// scriptLP is the document-script prior of r: a character of the other
// script costs 4 nats. It is inlined for the runes outside U+4E00-U+9FFF,
// which cost nothing (most of the garbled text the recodings score).
func (e *evidence) scriptLP(m *lm.Model, r rune) float64 {
	if e == nil || r < 0x4E00 || r > 0x9FFF {
		return 0
	}
	return e.scriptHan(m, r)
}

// settledScript returns the document's script (see docScript), settled
// on first use: from the script counts of the text, or of the text it
// was repaired from, when they were taken, else by reading the text.
func (e *evidence) settledScript() int {
	e.scriptOnce.Do(func() {
		counts, ok := e.counts, e.counted
		if !ok && e.from != nil {
			counts, ok = repairedScriptCounts(e.from.ev, e.from.ev.text, e.text, e.from.spans, e.from.starts)
		}
		if ok {
			e.script = scriptOf(counts[0], counts[1])
		} else {
			e.script = docScript(e.text)
		}
	})
	return e.script
}

// scriptHan is scriptLP of r in U+4E00-U+9FFF.
func (e *evidence) scriptHan(m *lm.Model, r rune) float64 {
	if e.settledScript() == 0 {
		return 0
	}
	var only int8
	if m == scriptModel { // docScript filled the table
		only = scriptTab[r-0x4E00]
	} else {
		only = scriptOnly(m, r)
	}
	return scriptMismatch(e.script, only)
}

// scriptMismatch is the cost of a character that only one script has
// (only: -1 Simplified, +1 Traditional, 0 both) in text of script: 4 nats
// for the other script.
func scriptMismatch(script int, only int8) float64 {
	if script > 0 && only < 0 || script < 0 && only > 0 {
		return -4
	}
	return 0
}

var (
	scriptOnce  sync.Once
	scriptModel *lm.Model // the model scriptTab is of
	scriptTab   [0x9FFF - 0x4E00 + 1]int8
)

// scriptTable holds scriptOnly of the default model for U+4E00–U+9FFF.
func scriptTable() *[0x9FFF - 0x4E00 + 1]int8 {
	scriptOnce.Do(func() {
		m := lm.Default()
		for i := range scriptTab {
			scriptTab[i] = scriptOnly(m, rune(0x4E00+i))
		}
		scriptModel = m
	})
	return &scriptTab
}

// scriptOnly is -1 for a character only the Simplified dictionary has, +1
// for one only the Traditional dictionary has, 0 otherwise.
func scriptOnly(m *lm.Model, r rune) int8 {
	s, t := m.SimplifiedFreq(r), m.TraditionalFreq(r)
	switch {
	case s > 0 && t == 0:
		return -1
	case t > 0 && s == 0:
		return 1
	}
	return 0
}
