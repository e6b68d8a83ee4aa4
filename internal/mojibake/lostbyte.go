package mojibake

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// Restoring the byte behind a U+FFFD.
//
// Decoders of the CJK codecs in wide use (Python's gb18030 and big5hkscs
// with errors="replace", for one) give up on one byte at a time: a byte
// that starts no valid character of the wrong codec becomes one U+FFFD,
// and reading goes on with the next byte. So does a strict windows-1252
// reader (Python's cp1252) on the five bytes that code page leaves
// undefined. A lone U+FFFD inside a stretch of GBK-, Big5- or
// windows-1252-read text therefore stands for exactly one byte, and the
// mechanism says a lot about it:
//
//   - the wrong reader failed on it: with the byte after it, it makes no
//     character of the wrong codec (for a GB18030 reader, 0x80 never
//     does; most other bytes fail only before an ASCII byte; a
//     windows-1252 reader fails on 81, 8D, 8F, 90 and 9D alone);
//   - the original codec reads the restored byte sequence without error
//     (for UTF-8, the byte's place in its sequence fixes its range).
//
// For UTF-8 read as GB18030 this usually leaves one byte (the 0x80 of
// 开 E5 BC 80); before an ASCII byte it leaves the continuation bytes
// that complete the character, and the character model must prefer one
// clearly (没有 over 没朊), helped by the punctuation statistics of
// package lm where the candidates are marks (see punctScorer), and by its
// Latin-context statistics and the document's own phrases where a Latin
// word stands next to the character (按 F9, see lostWindow), and by the
// script of the stretch (路徑, not 路径, in Traditional text). Two
// characters in a row that each lost a byte (所有 read as 鎵�鏈�) are
// chosen together, with a larger lead (jointMargin). Where the misread
// text may have ended right after the U+FFFD
// (a misread sentence pasted into clean text), the last byte is not held
// to have failed against what follows. A run of three or more U+FFFD, or
// a choice the model does not make clearly, stays unrepaired and is
// reported as lost. (WHATWG decoders, which golang.org/x/text follows,
// may drop two bytes for one U+FFFD; then no single byte usually lets the
// next character read as well, and the U+FFFD stays reported, as
// TestUTF8AsGBKWithLostBytes checks.)

// lostMargin is how much more probable (nats) the chosen bytes' reading
// must be than the runner-up's: 3 nats is twenty times.
const lostMargin = 3.0

// maxLostGroup is the longest run of U+FFFD whose bytes are restored (two
// only inside UTF-8, see restoreLost).
const maxLostGroup = 2

// jointMargin is lostMargin for two bytes chosen together: more
// candidates, more close readings (一个 and 一下 alike before a word), so
// the lead must be larger.
const jointMargin = 4.0

// maxJointGap is how far (bytes) the U+FFFD of two characters in a row
// may be apart to be restored together: one character of UTF-8 between
// them (涓�涓�, 3).
const maxJointGap = 3

// maxLostBytes is the most bytes restoreLost chooses at once: a group, or
// two lone U+FFFD restored together.
const maxLostBytes = max(maxLostGroup, 2)

// wrongFails reports whether the wrong reader fails on bs[i] (a byte of
// 0x80 or more) given the bytes after it, i.e. turns it alone into one
// U+FFFD and goes on with bs[i+1]. At the end of bs the next byte is
// unknown; the text goes on with something the wrong codec did not read
// as a second byte, so the reader failed.
func wrongFails(wrong string, bs []byte, i int) bool {
	c := bs[i]
	if c < 0x80 {
		return false
	}
	if wrong == "cp1252" {
		// One byte at a time: what follows does not matter.
		return cp1252Undefined(c)
	}
	if c == 0xFF || i+1 >= len(bs) {
		return true
	}
	switch wrong {
	case "gbk":
		// 0x80 is € only for windows-936 readers; GB18030 readers fail.
		return c == 0x80 || gbk().decode2(c, bs[i+1]) == 0
	case "big5":
		code := uint16(c)<<8 | uint16(bs[i+1])
		return big5().dec[code-0x8000] == 0 || big5Disputed(code)
	}
	return false
}

// cp1252Undefined reports whether windows-1252 leaves byte c undefined
// (81, 8D, 8F, 90, 9D): a strict reader (Python's cp1252 with
// errors="replace") turns it into U+FFFD, whatever follows, where WHATWG's
// reads a C1 control.
func cp1252Undefined(c byte) bool {
	cp1252Tables()
	return c >= 0x80 && c <= 0x9F && cp1252Dec[c] == rune(c)
}

// big5Disputed reports whether some Big5 readers in wide use fail on code
// though WHATWG's Big5 (golang.org/x/text) reads it: the control pictures
// and € at A3C0–A3FE; the row 87 that HKSCS-2008 added (Python's
// big5hkscs follows HKSCS-2004); and the compatibility codes whose
// character WHATWG's encoder writes at another code (癶 at C6D5, a kana
// code of other Big5 variants), which HKSCS-2004 readers do not map. A
// lost byte there is possible: 普 (GBK C6 D5) read as Big5 leaves one.
func big5Disputed(code uint16) bool {
	if code >= 0xA3C0 && code <= 0xA3FE || code>>8 == 0x87 {
		return true
	}
	bits := big5Compat()
	return bits[(code-0x8000)>>6]&(1<<(code&63)) != 0
}

var (
	big5CompatOnce sync.Once
	big5CompatBits [0x8000 / 64]uint64
)

// big5Compat returns the bitset, over codes less 0x8000, of the Big5 codes
// that WHATWG's Big5 reads as a character its encoder writes at another
// code. It is built on first use from golang.org/x/text.
func big5Compat() *[0x8000 / 64]uint64 {
	big5CompatOnce.Do(func() {
		t := big5()
		enc := traditionalchinese.Big5.NewEncoder()
		var src [4]byte
		var dst [8]byte
		for i, r := range t.dec {
			if r == 0 {
				continue
			}
			enc.Reset()
			n, _, err := enc.Transform(dst[:], src[:utf8.EncodeRune(src[:], r)], true)
			if code := i + 0x8000; err != nil || n != 2 || int(dst[0])<<8|int(dst[1]) != code {
				big5CompatBits[i>>6] |= 1 << (code & 63)
			}
		}
	})
	return &big5CompatBits
}

// failTable holds, for each byte after a lost one (index 256: the end of
// the text), the bytes 0x80–0xFE a reader fails on before it.
type failTable [257][]byte

// before returns the bytes on which the reader fails when next follows
// them (-1: nothing follows).
func (t *failTable) before(next int) []byte {
	if next < 0 {
		return t[256]
	}
	return t[next]
}

var (
	failOnce   sync.Once
	failTables map[string]*failTable
)

// failTableOf returns the failTable of the wrong codec (gbk or big5), nil
// for the others.
func failTableOf(wrong string) *failTable {
	failOnce.Do(func() {
		failTables = map[string]*failTable{}
		for _, name := range []string{"gbk", "big5", "cp1252"} {
			t := new(failTable)
			for nb := 0; nb <= 256; nb++ {
				var two [2]byte
				in := two[:1]
				if nb < 256 {
					two[1] = byte(nb)
					in = two[:]
				}
				for x := 0x80; x <= 0xFE; x++ {
					two[0] = byte(x)
					if wrongFails(name, in, 0) {
						t[nb] = append(t[nb], byte(x))
					}
				}
			}
			failTables[name] = t
		}
	})
	return failTables[wrong]
}

// lostFill is a byte restored behind the U+FFFD at text offset at.
type lostFill struct {
	at int
	b  byte
}

// restoreLost fills in bs the bytes behind lone U+FFFD runes (placeholder
// 0xFF at the byte offsets of the runes listed in lostRunes, indexes into
// bpos/tpos) where the mechanism and the model leave one clear choice. It
// returns the fills made, appended to dst. cache holds the buffers of the
// stretch's cache model (see stretchCache), which it builds anew.
func restoreLost(dst []lostFill, text string, end int, bs []byte, bpos, tpos, lostRunes []int, rc recoding, cache *stretchCache) []lostFill {
	orig := codecs[rc.Orig]
	m := lm.Default()
	next := firstRune(text[end:])
	fails := failTableOf(rc.Wrong)
	if fails == nil {
		return dst
	}
	pm := lm.DefaultPunct()
	before := text[max(0, tpos[0]-256):tpos[0]]
	_, n1 := utf8.DecodeLastRuneInString(text[:tpos[0]])
	w := origWalker{orig: orig, bs: bs, bpos: bpos, prev: lastRune(text[:tpos[0]]), prev2: lastRune(text[:tpos[0]-n1]), open: openBrackets(before), sent: pm.SentenceOf(before), pm: pm, word: noWord}
	lat := lm.DefaultLatin()
	nextWord := next < 0x80 && lm.IsLatinWordByte(byte(next))
	cache.build(orig, bs)
	// search tries every filling of the unknown bytes at pos (in order,
	// each within its range rng) that the wrong reader fails on, and
	// scores each with the window from the walker's character through
	// the last of them (rb: the bytes the reader saw, see below).
	var cand, bestB [maxLostBytes]byte
	search := func(pos []int, rng [][2]int, rb []byte) (best, second float64) {
		best, second = math.Inf(-1), math.Inf(-1)
		p, n := pos[0], pos[len(pos)-1]+1-pos[0]
		// Every filling is scored on the same window, from the same
		// context: only the bytes at pos differ.
		win := lostWindow{orig: orig, bs: bs, ws: w.i, prev: w.prev, prev2: w.prev2, word: w.word, p: p, n: n, next: next, nextWord: nextWord, endOK: len(rb) == p+n, lat: lat, cache: cache, ctx: -1}
		if isHan(w.prev) && isHan(w.prev2) {
			win.ctx = m.TrigramContext(w.prev2, w.prev)
		}
		ps := punctScorer{m: m, pm: pm, open: w.open, sent: w.sent}
		var try func(j int)
		try = func(j int) {
			// Fill from the last byte back, so that each byte's failure
			// is checked against the byte after it.
			q := pos[j]
			nextB := -1
			if q+1 < len(rb) {
				nextB = int(rb[q+1])
			}
			// The bytes the reader fails on are in order: those in
			// the range are a run of them.
			xs := fails.before(nextB)
			k, _ := slices.BinarySearch(xs, byte(rng[j][0]))
			for _, x := range xs[k:] {
				if int(x) > rng[j][1] {
					break
				}
				bs[q] = x
				cand[j] = x
				if j > 0 {
					try(j - 1)
					continue
				}
				lp, ok := win.logProb(ps)
				if !ok {
					continue
				}
				if lp > best {
					second, best, bestB = best, lp, cand
				} else if lp > second {
					second = lp
				}
			}
			bs[q] = 0xFF
		}
		try(len(pos) - 1)
		return best, second
	}
	// The wrong reader saw the bytes after the unknown byte at q only if
	// they belong to the misread text: when the original codec cannot
	// read on from there, the reader's input may have ended after it (a
	// misread sentence pasted into clean text), and the byte is not known
	// to have failed against what follows. (UTF-8 only, where a
	// continuation byte after it shows that its character goes on.)
	readerSaw := func(q int) []byte {
		if q+1 < len(bs) && rc.Orig == "utf8" && (bs[q+1] < 0x80 || bs[q+1] >= 0xC0) {
			if _, size := orig.decode(bs[q+1:]); size == 0 {
				return bs[:q+1]
			}
		}
		return bs
	}
	fill := func(pos []int, ks []int) {
		for j, q := range pos {
			bs[q] = bestB[j]
			dst = append(dst, lostFill{at: tpos[ks[j]], b: bestB[j]})
		}
	}
	// The groups of consecutive U+FFFD: first rune, count.
	type group struct{ k0, n int }
	var groups []group
	for g := 0; g < len(lostRunes); {
		h := g + 1
		for h < len(lostRunes) && lostRunes[h] == lostRunes[h-1]+1 {
			h++
		}
		groups = append(groups, group{lostRunes[g], h - g})
		g = h
	}
	var posBuf, ksBuf [maxLostBytes]int
	var rngBuf [maxLostBytes][2]int
	for gi := 0; gi < len(groups); gi++ {
		k0, n := groups[gi].k0, groups[gi].n
		// Two bytes in a row are restored only inside UTF-8, whose
		// structure leaves few pairs; a GBK or Big5 pair would be one of
		// thousands.
		if n > maxLostGroup || n > 1 && rc.Orig != "utf8" {
			continue
		}
		p := bpos[k0]
		// The candidates are read from the character that holds the
		// group's first byte, as the stretch decodes in the original codec
		// from its start (misaligned runs of GBK read as Big5 are in step
		// only in that reading).
		if !w.walkTo(p) {
			continue
		}
		pos, ks, rng := posBuf[:0], ksBuf[:0], rngBuf[:0]
		for j := range n {
			pos, ks = append(pos, p+j), append(ks, k0+j)
			rng = append(rng, [2]int{0x80, 0xFE})
		}
		if rc.Orig == "utf8" {
			// For UTF-8 the place of each byte in its character leaves
			// half the values: inside the character that holds the group
			// a byte continues it; after it, a byte starts the next one.
			charEnd := p + 1 // a lead at p: the next byte continues its character
			if w.i < p {
				charEnd = w.i + utf8x.SeqLen(bs[w.i])
			}
			for j := range n {
				switch {
				case j == 0 && w.i == p:
					rng[j] = [2]int{0xC2, 0xF4}
				case p+j < charEnd:
					rng[j] = [2]int{0x80, 0xBF}
				default:
					rng[j] = [2]int{0xC2, 0xF4}
				}
			}
		}
		best, second := search(pos, rng, readerSaw(p+n-1))
		if debugShift {
			fmt.Printf("lost group at %d n=%d best=%.1f second=%.1f bytes=% X\n", p, n, best, second, bestB[:n])
		}
		if !math.IsInf(best, -1) && best-second >= lostMargin {
			fill(pos, ks)
			continue
		}
		// In UTF-8 two characters in a row may each have lost their last
		// byte (一个 read as 涓�涓�): the first alone is no clear choice
		// (一 or 上 before an unknown character), and the second cannot be
		// read without the first. They are chosen together.
		if rc.Orig != "utf8" || n != 1 || gi+1 >= len(groups) || groups[gi+1].n != 1 {
			continue
		}
		k1 := groups[gi+1].k0
		q := bpos[k1]
		if q-p > maxJointGap {
			continue
		}
		// The byte at q continues the character whose lead is the last
		// one between p and q, if that character reaches q; else it
		// starts one.
		rq := [2]int{0xC2, 0xF4}
		for l := q - 1; l > p; l-- {
			if bs[l] >= 0xC0 {
				if l+utf8x.SeqLen(bs[l]) > q {
					rq = [2]int{0x80, 0xBF}
				}
				break
			}
		}
		pos, ks, rng = append(pos, q), append(ks, k1), append(rng, rq)
		best, second = search(pos, rng, readerSaw(q))
		if debugShift {
			fmt.Printf("lost groups at %d and %d best=%.1f second=%.1f bytes=% X\n", p, q, best, second, bestB[:2])
		}
		if !math.IsInf(best, -1) && best-second >= jointMargin {
			fill(pos, ks)
			gi++
		}
	}
	return dst
}

// lostWindow is the window of a stretch's bytes in the original codec
// that a candidate for restored bytes is scored on: from the character
// that holds the first restored byte through the character after the
// last (the characters after that are the same for every candidate).
// What is the same for every candidate is worked out once, as the first
// candidate needs it: the Latin words next to the window's characters,
// and the character after the restored bytes (see tailChar).
type lostWindow struct {
	orig     codec
	bs       []byte
	ws       int            // the window's first byte
	prev     rune           // the character before it
	prev2    rune           // the character before prev
	word     wordTrack      // the Latin word that ends before it, if any
	p, n     int            // the restored bytes
	next     rune           // the rune after bs
	nextWord bool           // next belongs to a Latin word: a word at the end of bs goes on
	endOK    bool           // the misread text may end right after the restored bytes
	lat      *lm.LatinStats // for the Latin words next to a character
	cache    *stretchCache
	// ctx is the trigram context of prev2 and prev when both are Han
	// (lm.Model.TrigramContext; -1 otherwise), in which every candidate's
	// first character is scored: looked up once for them all.
	ctx int
	// words holds the first nwords Latin words the candidates met next
	// to a character, spare one more (see wordFor).
	words  [8]lostWord
	nwords int
	spare  lostWord
	// wordsAt holds, for byte ws+k, the word that wordAfter found there
	// (nil: none) if bit k of lookedAt is set. (A lostWindow is not
	// copied once a candidate is scored.)
	wordsAt  [16]*lostWord
	lookedAt uint16
	// tail holds the characters at bytes p+n, p+n+1, … (see tailChar).
	tail [utf8.UTFMax]tailChar
}

// lostWord is a Latin word next to a window's character, on side (0: the
// word is after the character, 1: before it), looked up in the Latin
// statistics and in the stretch's cache model once for all candidates.
type lostWord struct {
	start, end int // its bytes
	side       byte
	lat        lm.LatinWord
	id         int32 // stretchCache.wordID
}

// tailChar is the character that starts at a byte after the restored
// ones, the last one a candidate's window holds. Its bytes, and the
// bytes after it, are the same for every candidate, so it is decoded,
// and scored as far as its neighbours before it do not matter, once.
type tailChar struct {
	read   bool // the fields below are set
	r      rune
	size   int
	bad    bool    // unreadable(r, size)
	script float64 // scriptCost of r
	// before is what the Latin statistics and the cache model say of r
	// before the word after it (hasBefore: r is Han and a word follows).
	before    float64
	hasBefore bool
}

// unreadable reports whether the character r that decoding read from size
// bytes (0: none) is no character a repair may restore: a control,
// private use, U+FFFD or GBK's one-byte €.
func unreadable(r rune, size int) bool {
	return size == 0 || r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r >= 0x80 && r < 0xA0 ||
		r >= 0xE000 && r <= 0xF8FF || r == '€' && size == 1
}

// tailAt returns the character at byte i, p+n or after, read once for all
// candidates; nil when i is too far past the restored bytes for the
// table (which a character of at most utf8.UTFMax bytes that holds the
// last of them never reaches).
func (win *lostWindow) tailAt(i int) *tailChar {
	k := i - (win.p + win.n)
	if k >= len(win.tail) {
		return nil
	}
	t := &win.tail[k]
	if t.read {
		return t
	}
	t.read = true
	t.r, t.size = win.orig.decode(win.bs[i:])
	t.bad = unreadable(t.r, t.size)
	if t.bad || !isHan(t.r) {
		return t
	}
	t.script = scriptCost(win.cache.script, t.r)
	if w := win.wordAfter(i + t.size); w != nil {
		t.before, t.hasBefore = win.lat.BeforeWord(t.r, w.lat)+win.cache.bonus(w.id, t.r), true
	}
	return t
}

// wordAfter returns the word that wordAt finds at byte j, nil if none,
// looked up once for the window.
func (win *lostWindow) wordAfter(j int) *lostWord {
	k := j - win.ws
	if k < len(win.wordsAt) && win.lookedAt&(1<<k) != 0 {
		return win.wordsAt[k]
	}
	var w *lostWord
	if j, e, ok := win.wordAt(j); ok {
		w = win.wordFor(0, j, e)
	}
	if k < len(win.wordsAt) && w != &win.spare {
		win.wordsAt[k] = w
		win.lookedAt |= 1 << k
	}
	return w
}

// wordFor returns the Latin word bs[start:end] on side, looked up once
// for the window (the first len(win.words) of them; more, which a window
// of a few characters does not meet, are looked up each time).
func (win *lostWindow) wordFor(side byte, start, end int) *lostWord {
	for k := range win.nwords {
		if w := &win.words[k]; w.start == start && w.end == end && w.side == side {
			return w
		}
	}
	w := &win.spare
	if win.nwords < len(win.words) {
		w = &win.words[win.nwords]
		win.nwords++
	}
	word := win.bs[start:end]
	lat := win.lat.WordBefore(word)
	if side == 1 {
		lat = win.lat.WordAfter(word)
	}
	*w = lostWord{start: start, end: end, side: side, lat: lat, id: win.cache.wordID(side, word)}
	return w
}

// logProb decodes the window and scores its characters with sc; ok is
// false when the bytes do not decode.
func (win *lostWindow) logProb(sc punctScorer) (float64, bool) {
	bs, p, n := win.bs, win.p, win.n
	lp := 0.0
	after := 0
	i := win.ws
	prev, prev2 := win.prev, win.prev2
	word := win.word
	for i < len(bs) {
		var r rune
		var size int
		var bad bool
		var tail *tailChar
		if i >= p+n {
			if after == 1 || bs[i] == 0xFF {
				break
			}
			after++
			tail = win.tailAt(i)
		}
		if tail != nil {
			r, size, bad = tail.r, tail.size, tail.bad
		} else {
			r, size = win.orig.decode(bs[i:])
			bad = unreadable(r, size)
		}
		if bad && i >= p+n && (win.endOK || placeholderNear(bs, i)) {
			// Past the restored bytes the text is what it is (the stretch
			// may go on into text that was never misread); but the
			// character right after them must read, unless the misread
			// text may end there or its bytes are still unknown (another
			// U+FFFD): a byte that completes one character and leaves the
			// next broken is no repair.
			return lp, true
		}
		if bad {
			return 0, false // no repair
		}
		t, b, haveB := sc.pair(prev, r)
		lp += t
		if isHan(prev) && isHan(prev2) {
			// The trigram's bigram is the one pair looked up, if it did
			// (neither prev nor r a mark).
			if !haveB {
				b = sc.m.Bigram(prev, r)
			}
			if i == win.ws { // after win.prev2 and win.prev
				lp += lostTrigramAt(sc.m, win.ctx, r, b)
			} else {
				lp += lostTrigram(sc.m, prev2, prev, r, b)
			}
		}
		if isHan(r) {
			if tail != nil {
				lp += tail.script
			} else {
				lp += scriptCost(win.cache.script, r)
			}
			if isHan(prev) {
				lp += win.cache.hanBonus(prev, r)
			}
			if word.before(bs, i) != nil {
				w := win.wordFor(1, word.start, word.end)
				lp += win.lat.AfterWord(w.lat, r) + win.cache.bonus(w.id, r)
			}
			if tail != nil {
				if tail.hasBefore {
					lp += tail.before
				}
			} else if w := win.wordAfter(i + size); w != nil {
				lp += win.lat.BeforeWord(r, w.lat) + win.cache.bonus(w.id, r)
			}
		}
		word.add(i, r)
		prev2, prev = prev, r
		i += size
		if r == '\n' && i > p+n {
			return lp, true
		}
	}
	if i < p+n {
		return 0, false
	}
	if i == len(bs) {
		t, _, _ := sc.pair(prev, win.next)
		lp += t
	}
	return lp, true
}

// scriptCost is what evidence.scriptHan charges r in text of script.
func scriptCost(script int, r rune) float64 {
	if script == 0 || r < 0x4E00 || r > 0x9FFF {
		return 0
	}
	return scriptMismatch(script, scriptTable()[r-0x4E00])
}

// wordAt returns the bounds [j, k) of the Latin word that starts at byte
// j of the window's bytes, or after one space there; ok is false when
// there is none or it goes on past the bytes.
func (win *lostWindow) wordAt(j int) (int, int, bool) {
	j, k := latinWord(win.bs, j)
	if k == j || k == len(win.bs) && win.nextWord {
		return j, k, false
	}
	return j, k, true
}

// stretchCache is what a stretch's bytes, read with the original codec
// and the bytes still to be restored left out, say of the restorations:
// its script, and a cache model of the document's own phrases (as
// cacheBonus is for the shift search): the pairs of a Han character and a
// Latin word next to it (side 0: the character before the word, side 1:
// after it), and the pairs of Han characters. Documents repeat
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
	var simp, trad int
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
		if isHan(r) && prev >= 0 {
			c.pairs = append(c.pairs, uint64(prev)<<32|uint64(r))
		}
		prev = -1
		if isHan(r) {
			prev = r
			if r >= 0x4E00 && r <= 0x9FFF {
				switch tab[r-0x4E00] {
				case -1:
					simp++
				case 1:
					trad++
				}
			}
		}
		if isHan(r) {
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
	c.script = scriptOf(simp, trad)
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

// maxLatinWord is the longest Latin word whose statistics are asked for
// (tools/genlatin counts no longer ones).
const maxLatinWord = 24

// wordTrack follows the last Latin word read: bytes [start, end) of the
// stretch. It is read one character at a time, since a byte of a GBK or
// Big5 character may look like an ASCII letter.
type wordTrack struct{ start, end int }

// noWord is a wordTrack before any word.
var noWord = wordTrack{-2, -2}

// add reads the character r at byte i.
func (t *wordTrack) add(i int, r rune) {
	if r < 0x80 && lm.IsLatinWordByte(byte(r)) {
		if t.end != i {
			t.start = i
		}
		t.end = i + 1
	}
}

// before returns the word that ends at byte i, or before one space that
// ends there; nil when there is none or it is too long.
func (t *wordTrack) before(bs []byte, i int) []byte {
	if t.end == i || t.end == i-1 && bs[i-1] == ' ' {
		if t.end-t.start <= maxLatinWord {
			return bs[t.start:t.end]
		}
	}
	return nil
}

// placeholderNear reports whether the character at bs[i:] takes in a
// byte still unknown (the placeholder 0xFF of another U+FFFD).
func placeholderNear(bs []byte, i int) bool {
	for j := i; j < len(bs) && j < i+4; j++ {
		if bs[j] == 0xFF {
			return true
		}
	}
	return false
}

// bracketPairs are the paired punctuation marks: opening, closing.
var bracketPairs = [...][2]rune{
	{'「', '」'}, {'『', '』'}, {'（', '）'}, {'《', '》'}, {'〈', '〉'},
	{'【', '】'}, {'〔', '〕'}, {'〖', '〗'}, {'“', '”'}, {'‘', '’'},
}

// brackets counts the opening brackets not yet closed on the current line.
type brackets [len(bracketPairs)]int8

// bracketish reports whether r can change the counts or the cost: a line
// end or one of the paired marks (U+2018–U+201D, U+3008–U+3017, （）).
func bracketish(r rune) bool {
	if r > 0x3017 { // most text: Han characters, asked about first
		return r == '（' || r == '）'
	}
	return r == '\n' || r == '\r' || r >= 0x2018 && r <= 0x201D || r >= 0x3008
}

// bracketOf returns the index in bracketPairs of the mark r and whether
// it opens; k is -1 for other runes.
func bracketOf(r rune) (k int, opens bool) {
	switch r {
	case '「':
		return 0, true
	case '」':
		return 0, false
	case '『':
		return 1, true
	case '』':
		return 1, false
	case '（':
		return 2, true
	case '）':
		return 2, false
	case '《':
		return 3, true
	case '》':
		return 3, false
	case '〈':
		return 4, true
	case '〉':
		return 4, false
	case '【':
		return 5, true
	case '】':
		return 5, false
	case '〔':
		return 6, true
	case '〕':
		return 6, false
	case '〖':
		return 7, true
	case '〗':
		return 7, false
	case '“':
		return 8, true
	case '”':
		return 8, false
	case '‘':
		return 9, true
	case '’':
		return 9, false
	}
	return -1, false
}

// add updates the counts for r.
func (b *brackets) add(r rune) {
	if !bracketish(r) {
		return
	}
	if r == '\n' {
		*b = brackets{}
		return
	}
	switch k, opens := bracketOf(r); {
	case k < 0:
	case opens:
		if b[k] < 100 {
			b[k]++
		}
	case b[k] > 0:
		b[k]--
	}
}

// bracketLP is what the brackets open on the line say of r (see
// lm.PunctStats.Brackets): a closing mark closes one opened before it on
// the line, and a line seldom ends with a bracket open. It updates the
// counts.
func (b *brackets) bracketLP(pm *lm.PunctStats, r rune) float64 {
	if !bracketish(r) {
		return 0
	}
	closeOpen, closeUnopened, endOpen := pm.Brackets()
	lp := 0.0
	if r == '\n' || r == '\r' {
		if *b != (brackets{}) {
			lp += endOpen
		}
	} else if k, opens := bracketOf(r); k >= 0 && !opens {
		if b[k] > 0 {
			lp += closeOpen
		} else {
			lp += closeUnopened
		}
	}
	b.add(r)
	return lp
}

// openBrackets returns the brackets left open at the end of s on its last
// line.
func openBrackets(s string) brackets {
	var b brackets
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	for _, r := range s {
		b.add(r)
	}
	return b
}

// origWalker decodes a stretch's bytes with the original codec from the
// start, the way recodeUnits does: where a character does not decode, it
// goes on at the next garbled rune's bytes. It keeps the last character
// and the brackets open, the context in which a group of restored bytes is
// scored (the characters before it are the same for every candidate, so
// only the last one matters).
type origWalker struct {
	orig  codec
	bs    []byte
	bpos  []int       // byte offsets of the garbled runes
	i, k  int         // next byte; first garbled rune not before it
	prev  rune        // the last character before byte i
	prev2 rune        // the character before prev
	open  brackets    // the brackets open before byte i
	sent  lm.Sentence // whether the sentence before byte i asks a question
	word  wordTrack   // the last Latin word before byte i
	pm    *lm.PunctStats
}

// skip moves to the next garbled rune's bytes.
func (w *origWalker) skip() {
	for w.k < len(w.bpos) && w.bpos[w.k] <= w.i {
		w.k++
	}
	if w.k < len(w.bpos) {
		w.i = w.bpos[w.k]
	} else {
		w.i = len(w.bs)
	}
	w.prev, w.prev2 = '\n', '\n'
	w.sent = lm.Sentence{}
	w.word = noWord
}

// walkTo decodes up to the character that holds byte p and stops at its
// start (its bytes are about to be restored, so the next call reads it);
// it reports false when no character starts within the three bytes before
// p in this reading.
func (w *origWalker) walkTo(p int) bool {
	for w.i < p {
		r, n := w.orig.decode(w.bs[w.i:])
		if n > 0 && w.i+n <= p {
			w.prev2, w.prev = w.prev, r
			w.open.add(r)
			w.sent.Add(w.pm, r)
			w.word.add(w.i, r)
			w.i += n
			continue
		}
		if p-w.i <= 3 {
			break // the character that holds byte p
		}
		w.skip()
	}
	return w.i <= p
}

// readsAs reports whether the wrong reader, failing one byte at a time,
// turns bs into exactly garbled: the lossless test of a repair with
// restored bytes.
func readsAs(wrong codec, bs []byte, garbled string) bool {
	name := wrong.name()
	i := 0
	for _, g := range garbled {
		if i >= len(bs) {
			return false
		}
		if g < utf8.RuneSelf {
			// Every reader reads an ASCII byte as itself and no other
			// byte as ASCII (TestCodecsReadASCII).
			if bs[i] != byte(g) {
				return false
			}
			i++
			continue
		}
		if g == utf8.RuneError {
			if !wrongFails(name, bs, i) {
				return false
			}
			i++
			continue
		}
		r, n := wrong.decode(bs[i:])
		if n == 0 || r != g {
			return false
		}
		i += n
	}
	return i == len(bs)
}

// lostTriWeight is the weight of the trigram estimate in the score of a
// restored character (and of the characters after it in the window). On
// the held-out lines of scripts/lostbyte-heldout.sh it restores 3,107 of
// 5,154 lines read as GB18030 exactly instead of 2,838 (wrong: 19, as
// before), 601 of 2,438 read as big5hkscs instead of 544 (wrong: 14), and
// 4,470 of 5,173 read as strict windows-1252 instead of 4,259 (wrong: 11
// instead of 16); 0.5 restores more (3,197, 616, 4,488) but with more
// wrong (23, 14, 13).
const lostTriWeight = 0.3

// lostTrigram returns what the trigram estimate adds to the score of r
// after p2 p1, both Han: lostTriWeight × (log P(r | p2 p1) − log P(r | p1)),
// 0 where the model has no counts after p2 p1. b is m.Bigram(p1, r),
// which the caller has at hand.
func lostTrigram(m *lm.Model, p2, p1, r rune, b float64) float64 {
	return lostTrigramAt(m, m.TrigramContext(p2, p1), r, b)
}

// lostTrigramAt is lostTrigram in the context ctx of p2 p1
// (lm.Model.TrigramContext), where the model has counts unless ctx < 0.
func lostTrigramAt(m *lm.Model, ctx int, r rune, b float64) float64 {
	if ctx < 0 {
		return 0
	}
	return lostTriWeight * (m.TrigramAt(ctx, r, b) - b)
}
