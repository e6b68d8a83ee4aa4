// The units of a document and their lines, for Mixed.

package charset

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// dropLostLines drops from segs, in order, those on the lines of
// mu.lostLines: in a legacy document, a line with lost bytes is UTF-8
// text read as the legacy encoding and saved in it, its failures written
// as question marks (杞? for 转, E8 BD 3F) or as U+FFFD in GB18030
// (gbFFFD). Read unit by unit, its units without a lost byte would be
// UTF-8 and the others mojibake; the repair of package mojibake reads the
// whole line and restores the lost bytes. A line holds lost bytes where a
// unit holds U+FFFD, or question marks inside it or right before or
// after it that stand for lost bytes (lostAt).
func (mu *mixedUnits) dropLostLines(segs []Segment) []Segment {
	if len(mu.lostLines) == 0 {
		return segs
	}
	kept := segs[:0]
	ls := lines{b: mu.b}
	for _, s := range segs {
		if _, lost := slices.BinarySearch(mu.lostLines, ls.startOf(s.Start)); !lost {
			kept = append(kept, s)
		}
	}
	return kept
}

// gbFFFD is U+FFFD in GB18030.
var gbFFFD = []byte{0x84, 0x31, 0xA4, 0x37}

// lines finds the start of the line that holds a byte, for bytes in
// increasing order, reading each byte of b once in all.
type lines struct {
	b           []byte
	read, start int // b[:read] has been read; the last line in it starts at start
}

// startOf returns the offset of the line of b that holds b[i]; i must be
// at least the i of the call before.
func (l *lines) startOf(i int) int {
	if k := bytes.LastIndexByte(l.b[l.read:i], '\n'); k >= 0 {
		l.start = l.read + k + 1
	}
	l.read = max(l.read, i)
	return l.start
}

// unitEnd returns the end of the unit that goes on at b[j]: the next
// byte below 0x40, but for the second and fourth bytes of a GB18030
// four-byte sequence (digits after a lead byte) and for question marks
// before a byte of 0x80 or above, which may be a reader's for bytes it
// failed on; lost reports one that is (see lostAt).
func unitEnd(b []byte, j int) (end int, lost bool) {
	for j < len(b) {
		switch c := b[j]; {
		case c >= 0x40:
			j++
		case c >= '0' && c <= '9' && b[j-1] >= 0x81 && j+2 < len(b) && b[j+1] >= 0x81 && b[j+2] >= '0' && b[j+2] <= '9':
			j += 3
		case c == '?':
			k := j + 1
			for k < len(b) && b[k] == '?' {
				k++
			}
			if k == len(b) || b[k] < 0x80 {
				return j, lost
			}
			lost = lost || lostAt(b, j, k)
			j = k
		default:
			return j, lost
		}
	}
	return j, lost
}

// lostAt reports whether the question marks b[q:k] stand for bytes of
// UTF-8 text that a reader failed on: the UTF-8 sequence before them is
// cut short (杞? for 转, E8 BD 3F), or a continuation byte follows them.
// Between whole UTF-8 characters (活力?帶著) or legacy text they are
// question marks.
func lostAt(b []byte, q, k int) bool {
	if k < len(b) && b[k]&0xC0 == 0x80 {
		return true
	}
	// The last lead byte within three bytes before q, and whether the
	// bytes after it up to q are fewer than it needs.
	for p := q - 1; p >= 0 && p >= q-3; p-- {
		switch c := b[p]; {
		case c&0xC0 == 0x80:
			continue
		case c >= 0xC2 && c <= 0xF4:
			return q-p < utf8x.SeqLen(c)
		default:
			return false
		}
	}
	return false
}

// nextUnit returns the next unit at or after b[i], b[len(b):] when there
// is none; on the first pass over a legacy document it notes the lines
// with lost bytes (see dropLostLines).
func (mu *mixedUnits) nextUnit(i int) (start, end int) {
	b := mu.b
	for i < len(b) && b[i] < 0x80 {
		i++
	}
	if i == len(b) {
		return i, i
	}
	j, lost := unitEnd(b, i+1)
	if mu.enc != encUTF8 && i >= mu.scanned {
		mu.scanned = j
		// Question marks right before or after the unit.
		if q := i; q > 0 && b[q-1] == '?' {
			for q > 0 && b[q-1] == '?' {
				q--
			}
			lost = lost || lostAt(b, q, i)
		}
		if k := j; k < len(b) && b[k] == '?' {
			for k < len(b) && b[k] == '?' {
				k++
			}
			lost = lost || lostAt(b, j, k)
		}
		if lost || bytes.Contains(b[i:j], gbFFFD) {
			if ls := mu.lines.startOf(i); len(mu.lostLines) == 0 || mu.lostLines[len(mu.lostLines)-1] != ls {
				mu.lostLines = append(mu.lostLines, ls)
			}
		}
	}
	return i, j
}

// splits holds the last mixedSplits split points added.
type splits struct {
	k [mixedSplits]int
	n int
}

// add adds k as the last point, dropping the first when full.
func (s *splits) add(k int) {
	if s.n == mixedSplits {
		copy(s.k[:], s.k[1:])
		s.n--
	}
	s.k[s.n] = k
	s.n++
}

// points returns the split points.
func (s *splits) points() []int { return s.k[:s.n] }

// utf8Prefixes returns the split points k, 0 < k < len(u), at the last
// mixedSplits character boundaries of the longest prefix of u that is
// valid UTF-8, of those right after a multi-byte sequence: a point among
// ASCII letters reads the same as the one before them (活动的|Internet
// and 活动的Internet| before GBK text), and two readings alike would
// leave no margin.
func utf8Prefixes(u []byte) splits {
	var ks splits
	for i := 0; i < len(u); {
		r, n := utf8.DecodeRune(u[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
		if n > 1 && i < len(u) {
			ks.add(i)
		}
	}
	return ks
}

// utf8Suffixes returns the split points k, 0 < k < len(u), at the first
// mixedSplits character boundaries of the longest suffix of u that is
// valid UTF-8, of those right before a multi-byte sequence (in decreasing
// order; see utf8Prefixes).
func utf8Suffixes(u []byte) splits {
	var ks splits
	for j := len(u); j > 0; {
		r, n := utf8.DecodeLastRune(u[:j])
		if r == utf8.RuneError && n == 1 {
			break
		}
		j -= n
		if n > 1 && j > 0 {
			ks.add(j)
		}
	}
	return ks
}
