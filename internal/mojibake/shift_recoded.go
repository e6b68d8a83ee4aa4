package mojibake

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// A run after a '?' that is other mojibake.
//
// Readers that write '?' for what they cannot read (PHP's
// mb_convert_encoding, MySQL's conversions) leave a
// '?' for each byte they failed on, and UTF-8, GBK or Big5 text misread
// by them is full of '?' between runs of odd characters: 鐨勬暟瀛楀苟鏈?
// (的数字并未, UTF-8 read as GBK, the last byte of 未 lost). The
// misalignment search takes every '?' for a byte lost before GBK text
// decoded out of phase, and a run of such text, which GBK never wrote,
// reads as some Chinese all the same when decoded in phase (如殑鏁板瓧骞定
// 面準). What tells the two apart is the run itself: misaligned GBK, put
// back into the wrong codec's bytes, is a stream of GBK pairs cut in two,
// which no other reading makes much of, while a run of UTF-8 read as GBK
// reads as clean text when re-read as UTF-8 (recodedRun), and so do the
// characters before its '?', which for misaligned GBK are clean text; a
// run of Big5 read as GBK reads as Big5 once the '?' is given back the
// first byte of its character (recodedAfterLost). recodedRunOK asks all
// three.

// recodedRunHops are the readings a run may be: a codec chain's first
// hop, as findRecodes tries it.
var recodedRunHops = [...]recoding{
	{"utf8", "gbk"},
	{"big5", "gbk"},
	{"gbk", "big5"},
}

// recodedRun reports whether body, the characters of a misaligned run
// after its leading question marks, none of them ASCII (a pinyin reading
// in a run, 榫o, reads as itself in any codec), reads as mojibake of
// another kind rather than misaligned GBK: re-encoded in the wrong codec
// of one of recodedRunHops and decoded in the original, with at most a
// cut character at either end left out (the bytes the '?' before it and
// the lost byte after it took), it gives at least two characters that
// score, per character, no worse than repair, the misalignment search's
// reading of the run. It returns the hop that reads so.
func recodedRun(m *lm.Model, body, repair string) (recoding, bool) {
	return recodedRunBy(m, body, repair, 0)
}

// recodedRunBy is recodedRun with the reading asked to score margin nats a
// character better than repair.
func recodedRunBy(m *lm.Model, body, repair string, margin float64) (recoding, bool) {
	n := utf8.RuneCountInString(repair)
	if n == 0 || !allNonASCII(body) {
		return recoding{}, false
	}
	want := math.NaN() // the repair's score, when first needed
	// The runs are short (a misaligned run is at most maxShiftSpan
	// bytes; the text before one, maxBeforeRun runes): the buffers hold
	// most on the stack.
	var bb, ob [96]byte
	for _, rc := range recodedRunHops {
		bs, ok := appendEncoded(bb[:0], body, wrongCodecNamed(rc.Wrong))
		if !ok {
			continue
		}
		out, k, ok := decodeInner(ob[:0], bs, codecNamed(rc.Orig))
		if !ok || k < 2 {
			continue
		}
		text := string(out)
		if !hasHan(text) {
			continue
		}
		if math.IsNaN(want) {
			want = m.LogProb(repair)/float64(n) + margin
		}
		if m.LogProb(text)/float64(k) >= want {
			return rc, true
		}
	}
	return recoding{}, false
}

// appendEncoded appends the bytes of s in c to dst, or reports false when
// c cannot write one of its runes.
func appendEncoded(dst []byte, s string, c codec) ([]byte, bool) {
	for _, r := range s {
		var ok bool
		if dst, ok = c.appendRune(dst, r); !ok {
			return dst, false
		}
	}
	return dst, true
}

// decodeInner appends to dst the UTF-8 of bs decoded with c, leaving out
// up to three bytes at the start that begin no character (the rest of one
// cut before them) and up to three at the end that end none (one cut
// after them), and returns it with the number of runes; it reports false
// when a byte between them fails to decode.
func decodeInner(dst, bs []byte, c codec) ([]byte, int, bool) {
	i := 0
	for ; i < len(bs) && i < 3; i++ {
		if _, n := c.decode(bs[i:]); n > 0 {
			break
		}
	}
	k := 0
	for i < len(bs) {
		r, n := c.decode(bs[i:])
		if n == 0 {
			if len(bs)-i > 3 {
				return dst, k, false
			}
			break
		}
		dst = utf8.AppendRune(dst, r)
		k++
		i += n
	}
	return dst, k, true
}

// recodedRunOK reports whether the misaligned run text[q:end] (garbled,
// repaired as repair) is other mojibake: the run itself reads so
// (recodedRun, recodedAfterLost), or the characters before its '?' (two
// to maxBeforeRun of them, none ASCII), which clean text must be for the
// '?' to be a byte lost from GBK text, do (涓?, 鍙?, the garbled text
// before a short run: 地址可 in 板潃鍙?甯?, UTF-8 read as GBK).
func recodedRunOK(m *lm.Model, text string, q int, garbled, repair string) bool {
	if _, ok := recodedRun(m, runBody(garbled), repair); ok {
		return true
	}
	if recodedAfterLost(m, garbled, repair) {
		return true
	}
	i, n := q, 0
	for i > 0 && n < maxBeforeRun {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if r < utf8.RuneSelf || r == utf8.RuneError {
			break
		}
		i -= size
		n++
	}
	if n < 2 {
		return false
	}
	_, ok := recodedRunBy(m, text[i:q], text[i:q], beforeRunGain)
	return ok
}

// beforeRunGain is how much better (nats a character) the characters before
// a misaligned run's '?' must read as other mojibake than as they are for
// recodedRunOK: mojibake gains far more (板潃鍙 read as 地址可, −13 to −7),
// while clean text of rare characters can read about as well misread
// (黍稷方華 of the Book of Songs through Big5).
const beforeRunGain = 3.0

// maxBeforeRun is how many characters before a misaligned run's '?'
// recodedRunOK reads.
const maxBeforeRun = 12

// allNonASCII reports whether s holds no ASCII byte.
func allNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			return false
		}
	}
	return true
}

// runBody returns the characters of a misaligned run's garbled text between
// its leading question marks, and an ASCII byte right after them that may
// be the second byte of the character the '?' took, and the ASCII at its
// end (the '?' or the mark that its lost last byte took).
func runBody(garbled string) string {
	s := strings.TrimLeft(garbled, "?")
	if len(s) > 1 && s[0] >= 0x40 && s[0] <= 0x7E && s[1] >= utf8.RuneSelf {
		// The second byte of the character the '?' took, where it is
		// ASCII (Big5's 一, A4 40, read as GBK: ?@).
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] < utf8.RuneSelf {
		s = s[:len(s)-1]
	}
	return s
}

// recodedAfterLost reports whether garbled, a misaligned run of one '?'
// and what follows it up to its end, reads as Big5 read as GBK by a
// reader that wrote the '?' for the first byte of a character (。 is
// A1 43 in Big5, and such a reader leaves ?C): with some byte that a GBK
// reader fails on before the run's next byte in place of the '?', the
// run decodes as Big5 into at least two characters, none ASCII and Han
// among them, that score no worse a character than repair. (Comparing
// the whole readings instead, which favours the one of fewer characters,
// left 17 more misaligned lines of scripts/shift-heldout.sh unrepaired.)
func recodedAfterLost(m *lm.Model, garbled, repair string) bool {
	if len(garbled) < 3 || garbled[0] != '?' || garbled[1] == '?' || garbled[1] < 0x40 {
		return false
	}
	body := strings.TrimRight(garbled[1:], "? ,.;:")
	var bb, ob [96]byte
	bs, ok := appendEncoded(bb[:1], body, gbkCodec{})
	if !ok || len(bs) < 3 {
		return false
	}
	// The characters after the first, which no choice of the byte
	// changes: read once.
	b5 := big5Codec{}
	if _, size := b5.decode(bs[2:]); size == 0 {
		return false
	}
	out, k, ok := decodeInner(ob[:0], bs[2:], b5)
	if !ok || k == 0 || !allNonASCII(string(out)) {
		return false
	}
	rest := string(out)
	r0, _ := utf8.DecodeRuneInString(rest)
	restHan := hasHan(rest)
	// LogProb of the whole reading is the first character's unigram, its
	// bigram with r0, and the rest's LogProb less r0's unigram.
	best := math.Inf(-1)
	for x := 0x81; x <= 0xFE; x++ {
		bs[0] = byte(x)
		if !wrongFails("gbk", bs, 0) {
			continue
		}
		// The byte must begin a character with the next one, and the
		// reading hold a Han character.
		c, size := b5.decode(bs)
		if size != 2 || !restHan && !isHan(c) {
			continue
		}
		best = max(best, m.Unigram(c)+m.Bigram(c, r0))
	}
	n := utf8.RuneCountInString(repair)
	if math.IsInf(best, -1) || n == 0 {
		return false
	}
	lp := best + m.LogProb(rest) - m.Unigram(r0)
	return lp/float64(k+1) >= m.LogProb(repair)/float64(n)
}
