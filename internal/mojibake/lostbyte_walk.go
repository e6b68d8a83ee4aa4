// Walking the original codec up to the restored bytes, with the context
// they are scored in: the last characters, the last Latin word, the open
// brackets and the sentence.

package mojibake

import "github.com/hanfix/hanfix/internal/lm"

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
		if n == 0 && w.bs[w.i] == 0xFF && w.i+1 <= p && w.orig.name() != "utf8" && (w.i+1 == len(w.bs) || !trails(w.orig, w.bs[w.i+1])) {
			// A byte left unknown (the placeholder of a U+FFFD left
			// unrestored) in GBK or Big5 before a byte that cannot
			// trail one (a line end): it ends the character before, and
			// this reading was out of step; it goes on in step after
			// it. Going on at
			// the next garbled rune's bytes instead (skip) is the byte
			// itself in GBK read as Big5, which stays out of step up to
			// the next failure, and every byte restored there failed: a
			// U+FFFD left at the end of one line (。 or ， before the
			// line end, a choice the model did not make) lost the U+FFFD
			// at the start of every line after it. (Before a byte that
			// may trail one, the unknown byte may lead a character of
			// two, but the stretch's units, which restoreLost's choices
			// are read back in (recodeScratch.decode), go on at the next
			// garbled rune there too: stepping over both bytes here chose
			// bytes for a reading that the units did not make.)
			w.i++
			w.prev, w.prev2 = '\n', '\n'
			w.sent = lm.Sentence{}
			w.word = noWord
			continue
		}
		if p-w.i <= 3 {
			break // the character that holds byte p
		}
		w.skip()
	}
	return w.i <= p
}

// trails reports whether b may be the second byte of a character of two
// in orig, GBK (0x40-0x7E, 0x80-0xFE) or Big5 (0x40-0x7E, 0xA1-0xFE).
func trails(orig codec, b byte) bool {
	if b >= 0x40 && b <= 0x7E {
		return true
	}
	if orig.name() == "big5" {
		return b >= 0xA1 && b <= 0xFE
	}
	return b >= 0x80 && b <= 0xFE
}
