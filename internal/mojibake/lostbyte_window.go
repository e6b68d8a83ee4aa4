// The window a candidate for restored bytes is scored on: its characters,
// the Latin words next to them and the trigram estimate.

package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

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
	// if bit k of lookedAt is set: 1 + its index in words, 0 for none.
	// (An index rather than a pointer: a pointer into the window stored
	// in the window would move every window to the heap.)
	wordsAt  [16]uint8
	lookedAt uint16
	// tail holds the characters at bytes p+n, p+n+1, … (see tailChar).
	tail [utf8.UTFMax]tailChar
	// across is the Han character after the one space or line end that
	// follows the restored bytes (-1: none), read once (acrossRead) for
	// all candidates (see acrossLP).
	across     rune
	acrossRead bool
	// after is the text after the window's bytes (bs), and ahead what
	// the rest of the line says of an opening mark, read once
	// (aheadRead) for all candidates.
	after     string
	ahead     bracketsAhead
	aheadRead bool
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
		if x := win.wordsAt[k]; x != 0 {
			return &win.words[x-1]
		}
		return nil
	}
	var w *lostWord
	x := 0 // 1 + the index of w in words, 0 for none
	if j, e, ok := win.wordAt(j); ok {
		w, x = win.wordFor(0, j, e)
	}
	if k < len(win.wordsAt) && (w == nil || x != 0) {
		win.wordsAt[k] = uint8(x)
		win.lookedAt |= 1 << k
	}
	return w
}

// wordFor returns the Latin word bs[start:end] on side, looked up once
// for the window (the first len(win.words) of them; more, which a window
// of a few characters does not meet, are looked up each time), and 1 +
// its index in words (0 for the spare).
func (win *lostWindow) wordFor(side byte, start, end int) (*lostWord, int) {
	for k := range win.nwords {
		if w := &win.words[k]; w.start == start && w.end == end && w.side == side {
			return w, k + 1
		}
	}
	w, x := &win.spare, 0
	if win.nwords < len(win.words) {
		w = &win.words[win.nwords]
		win.nwords++
		x = win.nwords
	}
	word := win.bs[start:end]
	lat := win.lat.WordBefore(word)
	if side == 1 {
		lat = win.lat.WordAfter(word)
	}
	*w = lostWord{start: start, end: end, side: side, lat: lat, id: win.cache.wordID(side, word)}
	return w, x
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
		if bad && i >= p+n && placeholderNear(bs, i) {
			// The character right after the restored bytes must read,
			// unless its bytes are still unknown (another U+FFFD): a byte
			// that completes one character and leaves the next broken is
			// no repair. (Where the misread text may end with the
			// restored bytes, restoreLost cuts the window there.)
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
		if i < p+n {
			// A character that holds restored bytes: what the rest of
			// the line, the document and the text across a separator say
			// of it.
			if bracketish(r) {
				if !win.aheadRead {
					win.ahead, win.aheadRead = aheadOf(win.orig, win.bs, p+n, win.after), true
				}
				lp += win.ahead.openerLP(r)
			}
			switch {
			case isHan(r):
				lp += win.acrossLP(sc.m, r, i+size, prev, prev2)
			case r >= 0x80 && !sc.pm.IsMark(r):
				if win.loneFullwidth(r, prev, i+size) {
					lp -= loneFullwidthCost
				} else {
					lp += win.cache.symbolBonus(r)
				}
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
				w, _ := win.wordFor(1, word.start, word.end)
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

// lostAcrossWeight is the weight of the pairs across a space or a line
// end in the score of a restored Han character (see acrossLP).
const lostAcrossWeight = 0.5

// acrossLP returns what the Han characters on the other side of a space
// or line end say of the restored Han character r whose bytes end at
// byte end (prev and prev2: the characters before it): lostAcrossWeight
// × the pointwise mutual information log P(b | a) − log P(b) of the pair
// across. Text wrapped at a fixed width splits words at line ends (运 at
// a line's end, 行 at the next line's start), and text segmented into
// words by spaces keeps the phrase going across them; the model's pair
// at the separator (r before a space) says nothing of r, so before
// these pairs a lost byte before a space or line end, the most common
// place left unrestored, was rarely a clear choice.
func (win *lostWindow) acrossLP(m *lm.Model, r rune, end int, prev, prev2 rune) float64 {
	lp := 0.0
	if (prev == ' ' || prev == '\n') && isHan(prev2) {
		lp += m.Bigram(prev2, r) - m.Unigram(r)
	}
	if end == win.p+win.n {
		if !win.acrossRead {
			win.acrossRead, win.across = true, -1
			if j := end + 1; j < len(win.bs) && (win.bs[end] == ' ' || win.bs[end] == '\n') {
				if y, size := win.orig.decode(win.bs[j:]); size > 0 && isHan(y) {
					win.across = y
				}
			}
		}
		if win.across >= 0 {
			lp += m.Bigram(r, win.across) - m.Unigram(win.across)
		}
	}
	return lostAcrossWeight * lp
}

// loneFullwidthCost is what a restored fullwidth letter or rare fullwidth
// symbol (Ｃ, ｔ, ＿, ＾; see rareFullwidth) costs, in nats, when neither
// character next to it is a fullwidth form. The character model scores
// every fullwidth letter at a floor of -9, these symbols at -8.5, and a
// Han character after one at its unigram, so that before 若 or 让 at
// the start of a line of GBK read as Big5 the lead byte A3 (the
// fullwidth forms are A3A1-A3FE in GBK, on whose second half Big5
// readers fail) read as well as the right one, and the line stayed
// garbled, or came back with ＿ for 七 (A3 DF for C6 DF). In the 12.4
// million characters of scripts/noharm.sh's Debian corpus a fullwidth
// letter occurs 39 times, 4 of them alone, and the two of those between
// Han characters are themselves mojibake: alone, such a letter has a
// log-probability of about log(4 / 12.4e6) = -14.9, 6 below its floor;
// each of the symbols occurs 5 times or fewer (＾ ＿ ｀ ｛ ｝ ＼ ＜ ＞ ＃
// never), against some 2,500 at its floor. (4 left 、Ｋ ahead of 。人,
// A1 A2 A3 CB against A1 A3 C8 CB, where two U+FFFD in a row hold the
// end of one character and the start of the next.) The document's use
// of the form earns it no symbolBonus here: GBK read out of step, which
// a stretch with bytes still to restore holds, is full of fullwidth forms
// (the trail byte A3 of 。 or ， before a lead byte), so that 、 and Ｋ
// (A1 A2, A3 CB) read as well as 。 and 人 (A1 A3, C8 CB) across two
// U+FFFD in a row.
const loneFullwidthCost = 6

// loneFullwidth reports whether r, a restored character after prev
// whose bytes end at byte end, is a rareFullwidth form with none of
// them, nor a fullwidth digit, next to it (ＡＢＣ, Ｃ＋＋, ３Ｄ are words
// of them; see loneFullwidthCost).
func (win *lostWindow) loneFullwidth(r, prev rune, end int) bool {
	if !rareFullwidth(r) || fullwidthWordy(prev) {
		return false
	}
	next := win.next // the window ends with the restored bytes
	if end < len(win.bs) {
		next, _ = win.orig.decode(win.bs[end:])
	}
	return !fullwidthWordy(next)
}

// rareFullwidth reports whether r is a fullwidth Latin letter or one of
// the fullwidth symbols that Chinese text hardly uses (＂＃＄＆＇＊＋＜
// ＝＞＠＼＾＿｀｛｜｝; not ％ ／ ～ － ． ［ ］, which it does, nor the
// punctuation marks).
func rareFullwidth(r rune) bool {
	switch {
	case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return true
	case r == '＂', r == '＃', r == '＄', r == '＆', r == '＇', r == '＊', r == '＋', r == '＠':
		return true
	case r >= '＜' && r <= '＞', r == '＼', r >= '＾' && r <= '｀', r >= '｛' && r <= '｝':
		return true
	}
	return false
}

// fullwidthWordy reports whether r is a rareFullwidth form or a fullwidth
// digit.
func fullwidthWordy(r rune) bool {
	return rareFullwidth(r) || r >= '０' && r <= '９'
}
