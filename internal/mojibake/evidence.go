package mojibake

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/pinyin"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// evidence is what the document itself says about its pinyin annotations:
// which characters carry a reading (Han + "(pinyin)") and which one.
type evidence struct {
	// prior is the recoding between GBK, Big5 and UTF-8 that the
	// document's repairs so far show it was misread with (see
	// codecPrior); the zero recoding for none.
	prior recoding
	// repairs are where the repairs applied lie in the text (sorted),
	// those that showed the prior among them: the prior does not apply
	// to text inside them, which is clean once repaired.
	repairs  []window
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
	// misaligned tells that the text this evidence was repaired from
	// (repaired) held a repaired misaligned run that is not thin
	// (hasOddRun): a thin run may pass (thinRunGain,
	// showsMisalignment).
	misaligned bool
	text       string
	pairOnce   sync.Once
	pairs      pairTable // Han pairs of the document and their counts
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
	// clear and stays closer to the cache. Past maxPairHint it starts at
	// that and grows: a document of many megabytes repeats most of its
	// pairs (a file of pages cut from a few sites), and a table sized by
	// its length took a hundred megabytes.
	t := &e.pairs
	t.init(min(len(text)/12, maxPairHint))
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

// maxPairHint is the most pairs countPairs makes room for at the start
// (the room of a 3 MB document): 4 MB of slots and 2 MB of order.
const maxPairHint = 1 << 18

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
