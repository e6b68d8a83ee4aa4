// Stretches: the runs of a cluster that each wrong codec can encode, which
// the codec-chain search reads.

package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// stretch is a run of text[i:j] that the wrong codec can encode, worth
// recoding.
type stretch struct{ i, j int }

// codecStretches holds the stretches of a cluster for each wrong codec.
type codecStretches struct{ cp1252, gbk, big5 []stretch }

// stretches sets sts to the stretches of cluster cl for each wrong codec,
// and for GBK and Big5 only with cjk (none otherwise): the longest runs
// of runes the codec can encode (U+FFFD counts: it stands for lost
// bytes), outside the spans already found, with a suspicious rune. For
// windows-1252 a stretch can hold a repair only if its bytes have a UTF-8
// lead byte followed by a continuation byte, or a two-byte lead (a dropped
// byte may complete it); otherwise every unit fails or stays as it is
// (pinyin tone marks: xiàn), and the stretch is left out. For GBK and Big5
// a stretch needs two CJK runes: every segment of it that recodeSegment
// accepts must (cjkHopFits), and most stretches of a damaged document,
// a rare character or two between ASCII and punctuation, have fewer.
//
// The runs of the three codecs are read in one pass, each rune decoded
// once.
func (a *analyzer) stretches(cl cluster, cjk bool, cov *coverCursor, sts *codecStretches) {
	text := a.text
	g, b5 := gbk(), big5()
	cp1252Tables()
	sts.cp1252, sts.gbk, sts.big5 = sts.cp1252[:0], sts.gbk[:0], sts.big5[:0]
	for i := cl.start; i < cl.end; {
		if e, ok := cov.covered(i); ok {
			i = e
			continue
		}
		// The runs end at the next span already found, if not before: i
		// is outside the spans, and each span starts at a '?', which no
		// rune decoded here straddles.
		end := cl.end
		if cov.k < len(cov.spans) {
			end = min(end, cov.spans[cov.k].Start)
		}
		lat, gr, br := cp1252Run{start: -1}, cjkRun{start: -1}, cjkRun{start: -1}
		// A stretch for GBK or Big5 needs two CJK runes, one for the
		// codec the document's repairs show it was misread with
		// (codecPrior).
		needG, needB := 2, 2
		switch a.prior.Wrong {
		case "gbk":
			needG = 1
		case "big5":
			needB = 1
		}
		// longAt and capAt are where the earliest run reaches maxStretch
		// and maxStretchHard (see stretchEnds).
		longAt, capAt := i+maxStretch, i+maxStretchHard
		for j := i; j < end; {
			if !cjk && lat.start < 0 {
				// Three-byte characters from U+3000 up (CJK) other than
				// U+FFFD, which windows-1252 cannot encode, start no run.
				for j+3 <= end && cjk3(text, j) {
					j += 3
				}
				if j >= end {
					break
				}
			}
			// decodeRune, with ASCII and the runes of Latin-1 mojibake
			// and of CJK text inline.
			r, n := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				if r2, ok := utf8x.Decode2(text, j); ok {
					r, n = r2, 2
				} else if r3, ok := utf8x.Decode3(text, j); ok {
					r, n = r3, 3
				} else {
					r, n = decodeRune(text, j)
				}
			}
			susp := suspiciousRune(r)
			// windows-1252, with U+FFFD as the byte 0xFF; it writes
			// ASCII and U+0080 to U+00FF as the byte of their value
			// (TestCP1252Latin1Bytes), without the table.
			b, ok := byte(r), r < 0x100
			if !ok && r < cp1252TabLen {
				if v := cp1252Tab[r]; v != 0 {
					b, ok = byte(v-1), true
				}
			}
			if !ok && r == utf8.RuneError {
				b, ok = 0xFF, true
			}
			if ok {
				lat.add(j, b, susp)
			} else {
				lat.end(&sts.cp1252, j)
			}
			if cjk {
				inG, inB := r < 0x80, r < 0x80
				switch {
				case inG:
				case r == utf8.RuneError:
					inG, inB = true, true
				case r < 0x10000:
					inG, inB = g.bmp[r] != 0 || r == '€', b5.encBMP[r] != 0
				default:
					inG, inB = cjkEncodes(true, g, b5, r), cjkEncodes(false, g, b5, r)
				}
				c := cjkRune(r)
				if inG {
					gr.add(j, c, susp)
				} else {
					gr.end(&sts.gbk, j, needG)
				}
				if inB {
					br.add(j, c, susp)
				} else {
					br.end(&sts.big5, j, needB)
				}
			}
			j += n
			if j >= longAt && (r < 0x40 || j >= capAt) {
				// A stretch ends once it is long (see maxStretch).
				if lat.start >= 0 && stretchEnds(r, j-lat.start) {
					lat.end(&sts.cp1252, j)
				}
				if gr.start >= 0 && stretchEnds(r, j-gr.start) {
					gr.end(&sts.gbk, j, needG)
				}
				if br.start >= 0 && stretchEnds(r, j-br.start) {
					br.end(&sts.big5, j, needB)
				}
				// The earliest start of the runs left (-1, none, read
				// as unsigned is the largest), or j: a run that starts
				// later reaches the cap later still.
				first := int(min(uint(lat.start), uint(gr.start), uint(br.start), uint(j)))
				longAt, capAt = first+maxStretch, first+maxStretchHard
			}
		}
		lat.end(&sts.cp1252, end)
		gr.end(&sts.gbk, end, needG)
		br.end(&sts.big5, end, needB)
		i = end
	}
}

// cp1252Run is a run of runes that windows-1252 encodes, from start (-1
// for none), being read by stretches.
type cp1252Run struct {
	start  int
	prevB  byte // the byte of the last rune
	susp   bool // a suspicious rune
	viable bool // a byte that may start a UTF-8 sequence there
}

// add appends the rune at i, of windows-1252 byte b, to the run.
func (l *cp1252Run) add(i int, b byte, susp bool) {
	if l.start < 0 {
		*l = cp1252Run{start: i}
	}
	if b >= 0xC2 && b <= 0xDF || l.prevB >= 0xC2 && l.prevB <= 0xF4 && b >= 0x80 && b <= 0xBF {
		l.viable = true
	}
	l.prevB = b
	l.susp = l.susp || susp
}

// end ends the run at j, if there is one, appending it to *dst if it is a
// stretch. Most runes that windows-1252 cannot write end no run: then the
// list is not written back.
func (l *cp1252Run) end(dst *[]stretch, j int) {
	if l.start < 0 {
		return
	}
	if l.susp && l.viable {
		*dst = append(*dst, stretch{l.start, j})
	}
	l.start = -1
}

// cjkRun is a run of runes that GBK or Big5 encodes, from start (-1 for
// none), being read by stretches.
type cjkRun struct {
	start int
	cjk   int  // CJK runes, up to 2
	susp  bool // a suspicious rune
}

// add appends the rune at i to the run; cjk tells whether it is CJK.
func (c *cjkRun) add(i int, cjk, susp bool) {
	if c.start < 0 {
		*c = cjkRun{start: i}
	}
	if cjk && c.cjk < 2 {
		c.cjk++
	}
	c.susp = c.susp || susp
}

// end ends the run at j, if there is one, appending it to *dst if it is a
// stretch: a suspicious rune, and need CJK runes (at most 2).
func (c *cjkRun) end(dst *[]stretch, j, need int) {
	if c.start < 0 {
		return
	}
	if c.susp && c.cjk >= need {
		*dst = append(*dst, stretch{c.start, j})
	}
	c.start = -1
}

// cjkEncodes reports whether GBK (with isGBK) or Big5 has bytes for r, or
// r is U+FFFD (which stands for lost bytes): whether r continues a
// stretch.
func cjkEncodes(isGBK bool, g *gbkTable, b5 *big5Table, r rune) bool {
	if r == utf8.RuneError {
		return true
	}
	if isGBK {
		_, _, k := g.encode(r)
		return k != 0
	}
	return b5.encodes(r)
}

// cjk3 reports whether text[i:] starts with a three-byte character from
// U+3000 up other than U+FFFD.
func cjk3(text string, i int) bool {
	c := text[i]
	return c >= 0xE3 && c != 0xED && c <= 0xEF && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 &&
		!(c == 0xEF && text[i+1] == 0xBF && text[i+2] == 0xBD)
}

// maxStretch is the length (bytes) from which a stretch ends at the next
// line end (or space, digit or mark: stretchEnds), the rest of the run
// making stretches of its own. A stretch's
// segments are found one after the other, each by a pass over the part of
// the stretch left to either side of the one before (recodeStretch), which
// is quadratic in the stretch's length where it holds many short
// segments: a page of 16,000 lines "item N 資料 = N" of GBK read as Big5
// (400 KB, one stretch, since the codecs read ASCII too) took 6 seconds,
// and 0.43 a quarter of it. Documents of the development set and of the
// held-out sets are far shorter than this, and a misreading across a
// line end at this length loses nothing: the lines after it are a
// stretch of their own, read the same way.
const maxStretch = 32 << 10

// maxStretchHard is the length from which a stretch ends after any rune.
// A line may be long and hold no line end (a paragraph scraped as one
// line) nor any of the bytes stretchEnds ends it at (CJK mojibake with a
// '?' for each byte its reader failed on: 400 KB of ?蝜 took 4.9 seconds
// as one stretch). A misreading cut there loses at most the character
// whose bytes the cut parts.
const maxStretchHard = maxStretch + maxStretch/4

// stretchEnds reports whether a stretch that is length bytes long with
// the rune r ends after r: once it is maxStretch long, at a line end or
// another ASCII byte below 0x40 (a space, a digit, a mark), which no
// character of UTF-8, GBK or Big5 holds, but '?', which may stand for a
// lost byte (questionLost); once it is maxStretchHard long, anywhere.
func stretchEnds(r rune, length int) bool {
	return length >= maxStretchHard || length >= maxStretch && r < 0x40 && r != '?'
}
