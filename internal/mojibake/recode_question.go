// Readers that write '?' for a byte they fail on.

package mojibake

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// PHP's mb_convert_encoding (its default substitute character) and
// MySQL's conversions write '?' where Python's readers write U+FFFD: UTF-8
// read as GBK by one is 鍥哄畾鍛ㄦ湡.榛樿?ょ姸鎬佷笅鏄?娌℃湁 (固定周期.默认状态下是没有).
// Such a '?' is one more lost byte for the lost-byte search
// (encodeWrong, restoreUnits), the start of a run read out of step
// between GBK and Big5 (markAfterQuestion), and no byte lost before
// misaligned GBK (recodedRunOK).
// questionLost reports whether the '?' at text[i] may stand for a byte
// that the wrong reader failed on, as U+FFFD does for other readers:
// readers that write '?' instead (PHP's mb_convert_encoding, MySQL's
// conversions) leave it glued into the misread text,
// after a character that is not ASCII, or at the start of a line or
// after a space before one. (encodeWrong asks only in a stretch with no
// U+FFFD: a text shows one kind of reader.) A '?' that ends a sentence
// or a Latin word is none.
func questionLost(text string, i int) bool {
	if i > 0 && text[i-1] >= utf8.RuneSelf {
		return true
	}
	return (i == 0 || text[i-1] == '\n' || text[i-1] == ' ') && i+1 < len(text) && text[i+1] >= utf8.RuneSelf
}

// lostAfter reports whether the byte at q of the stretch's bytes is a '?'
// that may stand for a lost byte (questionLost): a sequence cut short
// right before it lost its byte there, where restoreUnits looks for it,
// rather than one the reader dropped, and the '?' goes with it. (Before a
// U+FFFD the dropped byte is filled in, on a narrower lead than
// restoreUnits asks, and the U+FFFD stays: 要� for è¦�.)
func (sc *recodeScratch) lostAfter(q int) bool {
	if q >= len(sc.bs) || sc.bs[q] != '?' {
		return false
	}
	_, ok := slices.BinarySearchFunc(sc.lostRunes, q, func(k, q int) int { return cmp.Compare(sc.bpos[k], q) })
	return ok
}
