package mojibake

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// Restoring the byte behind a U+FFFD.
//
// Decoders of the CJK codecs in wide use (Python's gbk, gb18030 and
// big5hkscs with errors="replace", for one) give up on one byte at a time: a byte
// that starts no valid character of the wrong codec becomes one U+FFFD,
// and reading goes on with the next byte. So does a strict windows-1252
// reader (Python's cp1252) on the five bytes that code page leaves
// undefined. A lone U+FFFD inside a stretch of GBK-, Big5- or
// windows-1252-read text therefore stands for exactly one byte, and the
// mechanism says a lot about it:
//
//   - the wrong reader failed on it: with the byte after it, it makes no
//     character of the wrong codec (for a GB18030 reader, 0x80 never
//     does; most other bytes fail only before an ASCII byte; Python's
//     gbk fails on the user-defined areas too, and unless the text shows
//     a reader that reads them, both are assumed: see lostReader; a
//     windows-1252 reader fails on 81, 8D, 8F, 90 and 9D alone);
//   - the original codec reads the restored byte sequence without error
//     (for UTF-8, the byte's place in its sequence fixes its range).
//
// For UTF-8 read as GB18030 this usually leaves one byte (the 0x80 of
// 开 E5 BC 80); before an ASCII byte it leaves the continuation bytes
// that complete the character, and the character model must prefer one
// clearly (没有 over 没朊), helped by the punctuation statistics of
// package lm where the candidates are marks (see punctScorer) and by the
// closing mark ahead on the line where one is an opening mark (“%s”, see
// bracketsAhead), by its Latin-context statistics and the document's own
// phrases where a Latin word stands next to the character (按 F9, see
// lostWindow), by the Han characters across a space or line end (see
// acrossLP), by the document's own use of a rare symbol (│, →, the
// no-break space; see symbolBonus), and by the script of the stretch
// (路徑, not 路径, in Traditional text). Two
// characters in a row that each lost a byte (所有 read as 鎵�鏈�) are
// chosen together, with a larger lead (jointMargin), and so are the two
// bytes of a GBK character that a Big5 reader failed on both (热, C8 C8,
// before 键: the second C8 fails before 键's first byte). For GBK read as
// Big5 the first lost byte of a stretch also decides whether the rest is
// read in step: the common characters of GBK's row C8 (人 然 全 若 让 权)
// are missing from Big5, so that a line that starts with one reads as
// U+FFFD and a run out of step up to the next failure, which is only
// restored when the first byte is. Where the misread
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

// maxLostGroup is the longest run of U+FFFD whose bytes are restored.
const maxLostGroup = 2

// jointMargin is lostMargin for two bytes chosen together: more
// candidates, more close readings (一个 and 一下 alike before a word), so
// the lead must be larger.
const jointMargin = 4.0

// maxJointGap is how far (bytes) the U+FFFD of two characters in a row
// may be apart to be restored together: one character of UTF-8 between
// them (涓�涓�, 3).
const maxJointGap = 3

// nextGap is how far (bytes) the U+FFFD of the next character may be from
// one restored alone for the choice to be checked against the two chosen
// together: the next character of UTF-8 (坚持, E5 9D 9A E6 8C 81 with 9D
// and 81 lost, 4).
const nextGap = 4

// maxLostBytes is the most bytes restoreLost chooses at once: a group, or
// two lone U+FFFD restored together.
const maxLostBytes = max(maxLostGroup, 2)

// lostFill is a byte restored behind the U+FFFD at text offset at.
type lostFill struct {
	at int
	b  byte
}

// restoreLost fills in bs the bytes behind lone U+FFFD runes (placeholder
// 0xFF at the byte offsets of the runes listed in lostRunes, indexes into
// bpos/tpos) where the mechanism and the model leave one clear choice. It
// returns the fills made, appended to dst. cache holds the buffers of the
// stretch's cache model (see stretchCache), which it builds anew, and memo
// the punctuation statistics' values asked before (nil for none).
func restoreLost(dst []lostFill, text string, end int, bs []byte, bpos, tpos, lostRunes []int, rc recoding, cache *stretchCache, memo *punctMemo) []lostFill {
	orig := codecs[rc.Orig]
	m := lm.Default()
	next := firstRune(text[end:])
	fails := failTableOf(lostReader(rc, text[tpos[0]:end]))
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
	// The table of pairLeads, for m, the default model; looked up (and
	// built, the first time) when a pair is searched.
	var ctab *charTable
	// search tries every filling of the unknown bytes at pos (in order,
	// each within its range rng) that the wrong reader fails on, and
	// scores each with the window from the walker's character through
	// the last of them (rb: the bytes the reader saw, see below).
	var cand, bestB [maxLostBytes]byte
	search := func(pos []int, rng [][2]int, rb []byte, afterAt int) (best, second float64) {
		best, second = math.Inf(-1), math.Inf(-1)
		p, n := pos[0], pos[len(pos)-1]+1-pos[0]
		// Every filling is scored on the same window, from the same
		// context: only the bytes at pos differ.
		win := lostWindow{orig: orig, bs: bs, ws: w.i, prev: w.prev, prev2: w.prev2, word: w.word, p: p, n: n, next: next, nextWord: nextWord, after: text[end:], lat: lat, cache: cache, ctx: -1}
		if len(rb) == p+n && p+n < len(bs) {
			after := firstRune(text[afterAt:])
			// The misread text may end with the restored bytes: the
			// window ends there too, and the character after it is the
			// text's own (a mark before clean text is scored against
			// that text, not against its bytes read as UTF-8).
			win.bs, win.next, win.nextWord, win.after = bs[:p+n], after, false, text[afterAt:]
		}
		if isHan(w.prev) && isHan(w.prev2) {
			win.ctx = m.TrigramContext(w.prev2, w.prev)
		}
		ps := punctScorer{m: m, pm: pm, open: w.open, sent: w.sent, memo: memo}
		pair := len(pos) == 2 && rc.Orig != "utf8" && pos[1] == pos[0]+1
		if pair && ctab == nil {
			ctab = charTableOf(orig)
		}
		// The first bytes of a pair that commonPair lets through are
		// listed rather than tried one by one (see pairLeads).
		var leads pairLeads
		var leadBuf [0x80]byte
		if pair && ctab != nil {
			leads.reset(ctab, bs, win.ws, p)
		}
		var try func(j int)
		try = func(j int) {
			// Fill from the last byte back, so that each byte's failure
			// is checked against the byte after it.
			q := pos[j]
			nextB := -1
			if q+1 < len(rb) {
				nextB = int(rb[q+1])
			}
			var xs []byte
			if j == 0 && pair && ctab != nil {
				xs = leads.appendLeads(leadBuf[:0], nextB, fails, rng[0][0], rng[0][1])
			} else {
				// The bytes the reader fails on are in order: those in
				// the range are a run of them.
				xs = fails.before(nextB)
				k, _ := slices.BinarySearch(xs, byte(rng[j][0]))
				xs = xs[k:]
			}
			for _, x := range xs {
				if int(x) > rng[j][1] {
					break
				}
				bs[q] = x
				cand[j] = x
				if j > 0 {
					try(j - 1)
					continue
				}
				if pair && ctab == nil && !commonPair(orig, m, bs, win.ws, p) {
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
	// they belong to the misread text: when the original codec does not
	// read on from there as misread text would (see misreadGoesOn), the
	// reader's input may have ended after it (a misread sentence pasted
	// into clean text), and the byte is not known to have failed against
	// what follows. (UTF-8 only, where a continuation byte after it shows
	// that its character goes on.)
	readerSaw := func(q int) []byte {
		if q+1 >= len(bs) || rc.Orig != "utf8" || bs[q+1]&0xC0 == 0x80 {
			return bs
		}
		if !misreadGoesOn(orig, bs, q+1) {
			return bs[:q+1]
		}
		return bs
	}
	fill := func(pos []int, ks []int) {
		for j, q := range pos {
			bs[q] = bestB[j]
			dst = append(dst, lostFill{at: tpos[ks[j]], b: bestB[j]})
		}
	}
	// byteRange returns the bytes that may stand at q of UTF-8 after a
	// lost byte at p: a continuation byte if the character whose lead is
	// the last one between p and q reaches q, else a lead.
	byteRange := func(p, q int) [2]int {
		for l := q - 1; l > p; l-- {
			if bs[l] >= 0xC0 {
				if l+utf8x.SeqLen(bs[l]) > q {
					return [2]int{0x80, 0xBF}
				}
				break
			}
		}
		return [2]int{0xC2, 0xF4}
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
		// Two U+FFFD in a row inside GBK or Big5 are the two bytes of
		// one character that both failed (热, C8 C8, before 键's BC), or
		// the last byte of one character and the first of the next (。人
		// read by a Big5 reader as ��: A3 fails before C8, C8 before
		// CB). Each byte failed before the one after it, which bounds
		// the candidates; the pair needs jointMargin's lead, as two
		// bytes chosen together in UTF-8 do, and only common characters
		// are scored (commonPair).
		if n > maxLostGroup {
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
		best, second := search(pos, rng, readerSaw(p+n-1), tpos[k0+n])
		if debugShift {
			fmt.Printf("lost group at %d n=%d best=%.1f second=%.1f bytes=% X\n", p, n, best, second, string(bestB[:n]))
		}
		margin := lostMargin
		if n > 1 && rc.Orig != "utf8" {
			margin = jointMargin // a GBK or Big5 character (see above)
		}
		if gi > 0 && p-bpos[groups[gi-1].k0] <= maxJointGap && rc.Orig == "utf8" && rc.Wrong != "cp1252" {
			// The character before lost a byte too: this one is the
			// second half of a choice of two characters, and needs the
			// lead of one (see below), also where the mechanism left the
			// first byte alone (一 before the lead byte of 下 can only be
			// E4 B8 80), for 一下 and 一个 are as alike before a word.
			// (On the held-out documents of scripts/recode-heldout.sh
			// this leaves 30 more of 15,701 U+FFFD unrestored, the wrong
			// restorations unchanged at 39. A windows-1252 reader fails
			// on its five bytes whatever follows, so that the first
			// byte is never chosen by what follows; there the rule would
			// leave 30 more of the 5,173 lines of
			// scripts/lostbyte-heldout.sh unrestored, for none wrong.)
			margin = jointMargin
		}
		clear := !math.IsInf(best, -1) && best-second >= margin
		// The next character may have lost a byte too (nextGap). Then
		// this one was scored without it, its bytes unknown, where a
		// common character wins alone: 做 for the 坚 of 坚持, both read
		// as windows-1252 with a U+FFFD (E5 9D 9A E6 8C 81 against E5 81
		// 9A). Such a choice stands only if the two chosen together
		// (below) agree with it.
		next := rc.Orig == "utf8" && n == 1 && gi+1 < len(groups) && groups[gi+1].n == 1
		if next && clear && bpos[groups[gi+1].k0]-p > nextGap {
			next = false
		}
		if clear && !next {
			if n == 1 && rc.Orig != "utf8" && w.i == p && wholeCharLost(orig, bs, p, bestB[0], m) {
				continue
			}
			fill(pos, ks)
			continue
		}
		// In UTF-8 two characters in a row may each have lost their last
		// byte (一个 read as 涓�涓�): the first alone is no clear choice
		// (一 or 上 before an unknown character), and the second cannot be
		// read without the first. They are chosen together.
		if !next {
			continue
		}
		alone := bestB[0] // the choice of this byte alone, if clear
		k1 := groups[gi+1].k0
		q := bpos[k1]
		if !clear && q-p > maxJointGap {
			continue
		}
		rq := byteRange(p, q)
		pos, ks, rng = append(pos, q), append(ks, k1), append(rng, rq)
		best, second = search(pos, rng, readerSaw(q), tpos[k1+1])
		if debugShift {
			fmt.Printf("lost groups at %d and %d best=%.1f second=%.1f bytes=% X\n", p, q, best, second, string(bestB[:2]))
		}
		switch {
		case !math.IsInf(best, -1) && best-second >= jointMargin:
			b0, b1 := bestB[0], bestB[1]
			if gi+2 < len(groups) && groups[gi+2].n == 1 && bpos[groups[gi+2].k0]-q <= nextGap {
				// The character after the pair lost a byte too: the
				// second of the pair was chosen without it (要做 for
				// the 要坚 of 要坚持), and stands only if the next pair
				// agrees with it.
				k2 := groups[gi+2].k0
				r := bpos[k2]
				bs[p] = b0
				after := [maxLostBytes]int{q, r}
				afterRng := [maxLostBytes][2]int{rq, byteRange(q, r)}
				nb, _ := search(after[:2], afterRng[:2], readerSaw(r), tpos[k2+1])
				bs[p] = 0xFF
				if math.IsInf(nb, -1) || bestB[0] != b1 {
					bestB[0] = b0
					fill(pos[:1], ks[:1]) // the second is chosen with the next
					break
				}
			}
			bestB[0], bestB[1] = b0, b1
			fill(pos, ks)
			gi++
		case clear && !math.IsInf(best, -1) && bestB[0] == alone:
			fill(pos[:1], ks[:1]) // the pair's likeliest agrees with it
		}
	}
	return dst
}

// lostReader returns the name of the reader (for failTableOf) that failed
// on the lost bytes of garbled, text misread with the recoding rc. For GBK
// that is every reader in wide use (Python's gbk fails on the
// user-defined areas that its gb18030 reads as private use; see
// gbkDisputed), unless garbled holds such a private-use character: then
// it is one that reads them (of the 5,150 lines of
// scripts/lostbyte-heldout.sh read with Python's gb18030 that hold a
// U+FFFD, 3,830 hold one). If it holds no character of GBK outside
// GB2312, Python's gb2312 may have read it, which fails on all of those
// (gb2312Reader). Big5 text read as GBK counts the failures of Python's
// readers only where it shows one (failsOneByte): a WHATWG reader drops
// two bytes for one U+FFFD, a whole character of Big5, and the text after
// it reads in step. Likewise for Big5 readers: Python's big5 and cp950
// fail on the rows of HKSCS, unless garbled holds a character that only a
// reader of those rows writes (hkscsShown, big5HKSCSReader; not the ETEN
// characters that x/text's Big5 writes in those rows and cp950 elsewhere,
// such as Ч for GBK's 强).
func lostReader(rc recoding, garbled string) string {
	switch rc.Wrong {
	case "gbk":
		if rc.Orig == "big5" && !failsOneByte(garbled) {
			return gb18030Reader
		}
		t := gbk()
		outside := false // a character of GBK outside GB2312
		for _, r := range garbled {
			if r < 0x80 || r == utf8.RuneError {
				continue
			}
			if t.isPUA(r) {
				return gb18030Reader
			}
			if !outside {
				if b0, b1, n := t.encode(r); n == 2 && !inGB2312(uint16(b0)<<8|uint16(b1)) {
					outside = true
				}
			}
		}
		if !outside {
			return gb2312Reader
		}
	case "big5":
		if hkscsShown(garbled) {
			return big5HKSCSReader
		}
	}
	return rc.Wrong
}

// failsOneByte reports whether garbled, Big5 text misread as GBK, shows a
// reader that fails one byte at a time (Python's): a U+FFFD, then one byte
// from 0x40 to 0x7E, the second byte of a Big5 character, then a byte that
// is not ASCII (，is A1 41, a user-defined position of GBK, and such a
// reader gives U+FFFD and A amid the misread text; a U+FFFD before an
// ASCII word is any reader's).
// A WHATWG reader (browsers, golang.org/x/text) drops both bytes of a pair
// it cannot read when the second is not ASCII, and x/text's GBK reader
// drops both always: the text after such a U+FFFD reads in step, and a
// byte restored there put the rest out of step (，算法 read back as 的滫k).
func failsOneByte(garbled string) bool {
	mark := "\uFFFD"
	if !strings.Contains(garbled, mark) {
		// A reader that writes '?' for what it fails on (see
		// questionLost) shows itself the same way.
		mark = "?"
	}
	for i := 0; ; {
		j := strings.Index(garbled[i:], mark)
		if j < 0 {
			return false
		}
		i += j + len(mark)
		if i+1 < len(garbled) && garbled[i] >= 0x40 && garbled[i] <= 0x7E && garbled[i+1] >= 0x80 {
			return true
		}
	}
}

// misreadGoesOn reports whether the UTF-8 bytes of a stretch from j on, a
// byte after a lost one that starts no character of its own, read as
// text that a UTF-8 reader misread: past any ASCII (which reads the same
// either way), a character of U+2000 or more that is no private use, or
// one that takes in a byte still unknown. Where they do not (the bytes
// do not decode, or they read as a Latin-1 letter or the like, which the
// GBK bytes of clean Han text after a misread sentence do: 每 C3 BF is
// ÿ), the wrong reader's input may have ended before them, and the byte
// before j is not known to have failed against them. (On the held-out
// documents of scripts/recode-heldout.sh, a 。 at the end of a misread
// sentence before clean text was restored as U+3000, the only byte the
// reader fails on before a Latin letter or ÿ's C3, in 10 of 11 cases.)
func misreadGoesOn(orig codec, bs []byte, j int) bool {
	for j < len(bs) && bs[j] < 0x80 {
		j++
	}
	if j == len(bs) {
		return true // only ASCII follows: nothing tells
	}
	r, size := orig.decode(bs[j:])
	if size == 0 {
		return placeholderNear(bs, j)
	}
	return r >= 0x2000 && !unreadable(r, size)
}

// pairMinUnigram is the least unigram log-probability (nats) that the
// characters holding two bytes of GBK or Big5 restored together may have
// (see commonPair).
const pairMinUnigram = -12

// commonPair reports whether the characters that hold the bytes p and
// p+1 of bs, read with orig from byte ws (the start of the first), are
// each common enough to be worth scoring: a character of the model whose
// unigram is at least pairMinUnigram. Two bytes of GBK or Big5 restored
// together have thousands of candidates before an ASCII byte (every lead
// byte fails there, and every byte fails before one of 0x80 to 0xA0),
// most of them rare characters that could never lead the common one by
// jointMargin; scoring each cost 6.5 million instructions for one such
// pair in the development set's category d, a fifth of its time. They are
// skipped as rivals too, which could widen the lead of the best. Measured
// against scoring them all: the 3,952 documents of
// scripts/recode-heldout.sh come out the same; of the 2,438 lines of GBK
// read as big5hkscs of scripts/lostbyte-heldout.sh two differ, one where
// the pair 執行 is now restored right and one where scoring them all
// repaired more of a line, wrongly (蟾娉鲥e). Scoring them all before a
// choice is made, as a check, took 744 documents misread whole from 0.8
// to 1.3 seconds.
//
// restoreLost asks pairLeads instead, which lists the bytes that pass for
// the codecs of GBK and Big5 from a table.
func commonPair(orig codec, m *lm.Model, bs []byte, ws, p int) bool {
	for i := ws; i <= p+1; {
		r, size := orig.decode(bs[i:])
		if size == 0 {
			return false
		}
		if r >= 0x80 && m.Unigram(r) < pairMinUnigram {
			return false
		}
		i += size
	}
	return true
}
