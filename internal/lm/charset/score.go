package charset

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/hanfix/hanfix/internal/lm"
)

// Scoring constants of trial decoding, in nats.
const (
	// invalidPenalty is charged per byte sequence the encoding cannot
	// decode, on top of scoring it as U+FFFD.
	invalidPenalty = -10
	// rarePenalty is charged per character from the rarely used parts of
	// a double-byte character set (rareFlag) and per Hangul syllable outside
	// KS X 1001.
	rarePenalty = -4
	// temperature divides score differences before the softmax that gives
	// confidences. It is the maximum-likelihood fit of TestCalibration
	// (calibration_test.go) on 57,000 windows of 8 to 20 bytes, where the
	// detector makes most of its mistakes (HANFIX_CAL_SIZES=8,10,12,16,20
	// HANFIX_CAL_PER=10); longer windows are almost always right.
	temperature = 1.25
	// utf8TwoByteBonus and utf8LongBonus are added to the UTF-8 score
	// of input that is valid UTF-8 throughout, per two-byte sequence and
	// per sequence of three or four bytes (the first minUTF8Sequences
	// sequences; more take the fast path). Each is the odds against
	// legacy text forming such a sequence by chance: of 200,000 pairs of
	// the development set's Han characters in GBK, 15.5% began with a
	// valid two-byte sequence (1.86 nats) and 0.59% with a three-byte
	// one (5.14 nats). Without them, a file of one character or symbol
	// often read better in another encoding: 驾 as EUC-KR, © 2024 as
	// EUC-JP (49 of the 1,617 single Han characters of the development
	// set's gold text, 15 of 40 short Latin-1 and symbol texts; with them
	// 5 and 4). They cost single GBK characters, which are valid UTF-8
	// once in six (63 more of 3,000 read otherwise), and none of the
	// calibration windows of 8 to 20 bytes.
	utf8TwoByteBonus = 1.9
	utf8LongBonus    = 5.1
)

// prior returns the log prior of an encoding: a small preference for the
// encodings Chinese documents use most, which only matters for very short or
// ambiguous input.
func prior(enc string) float64 {
	switch enc {
	case encUTF8, encGBK, encGB18030:
		return 0
	case encBig5:
		return -0.5
	case encUTF16LE, encUTF16BE:
		return -2
	case encHZ, encISO2022JP:
		return -1
	case encShiftJIS, encEUCKR:
		return -1.5
	case encEUCJP:
		return -1.5
	case encWindows125:
		return -3
	}
	return -5
}

// acc accumulates the log-likelihood of a decoded rune sequence and gives
// up (dead) once it falls below cutoff, where the candidate can no longer
// matter: log-likelihoods only decrease as runes are added.
type acc struct {
	m      *lm.Model
	c      lm.Chain
	cutoff float64
	k      int
	dead   bool
	// kanaPen and hanPen are added per kana and per unified ideograph.
	kanaPen, hanPen float64
}

func newAcc(m *lm.Model, cutoff float64) acc {
	return acc{m: m, c: m.NewChain(), cutoff: cutoff}
}

// Language-consistency penalties: kana in a Chinese encoding and
// ideographs in EUC-KR are possible but unusual.
const (
	kanaInChinese = -3
	hanInKorean   = -1
)

// commonKanjiFloor is the least log-probability a JIS X 0208 level-1 kanji
// gets when decoded from a Japanese encoding.
const commonKanjiFloor = -9

func (a *acc) add(r rune) {
	if r >= 0x3040 {
		if r&rareFlag != 0 {
			r &^= rareFlag
			a.c.AddPenalty(rarePenalty)
		}
		if r&kanjiFlag != 0 {
			r &^= kanjiFlag
			if u := a.m.Unigram(r); u < commonKanjiFloor {
				a.c.AddPenalty(commonKanjiFloor - u)
			}
		}
		switch {
		case r <= 0x30FF:
			a.c.AddPenalty(a.kanaPen)
		case r >= 0x4E00 && r <= 0x9FFF:
			a.c.AddPenalty(a.hanPen)
		case r >= 0xAC00 && r <= 0xD7A3 && !hangulCommon[r-0xAC00]:
			a.c.AddPenalty(rarePenalty)
		}
	}
	a.c.Add(r)
	a.k++
	if a.k&7 == 0 && a.c.LogProb() < a.cutoff {
		a.dead = true
	}
}

func (a *acc) invalid() {
	a.add(utf8.RuneError)
	a.c.AddPenalty(invalidPenalty)
}

func (a *acc) total() float64 { return a.c.LogProb() }

// scoreASCII scores 7-bit input as itself.
func scoreASCII(m *lm.Model, cutoff float64, b []byte) float64 {
	a := newAcc(m, cutoff)
	for _, c := range b {
		if a.dead {
			break
		}
		a.add(rune(c))
	}
	return a.total()
}

// scoreUTF8 scores b as UTF-8 with errors.
func scoreUTF8(m *lm.Model, cutoff float64, b []byte) float64 {
	a := newAcc(m, cutoff)
	multi, invalid := 0, false
	bonus := 0.0
	for i := 0; i < len(b) && !a.dead; {
		c := b[i]
		if c < utf8.RuneSelf {
			a.add(rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(b[i:]) && validPrefixUTF8(b[i:]) {
				break // truncated at the end
			}
			a.invalid()
			invalid = true
		} else {
			a.add(r)
			if multi < minUTF8Sequences {
				if size == 2 {
					bonus += utf8TwoByteBonus
				} else {
					bonus += utf8LongBonus
				}
			}
			multi++
		}
		i += size
	}
	if !invalid {
		a.c.AddPenalty(bonus)
	}
	return a.total()
}

// validPrefixUTF8 reports whether b (shorter than a full sequence) could be
// the start of a valid UTF-8 sequence.
func validPrefixUTF8(b []byte) bool {
	if len(b) == 0 || b[0] < 0xC2 || b[0] > 0xF4 {
		return false
	}
	for _, c := range b[1:] {
		if c&0xC0 != 0x80 {
			return false
		}
	}
	return true
}

// scoreDBCS scores b in a double-byte encoding given by its table.
func scoreDBCS(m *lm.Model, cutoff float64, b []byte, t *dbcs) float64 {
	a := newAcc(m, cutoff)
	switch t {
	case big5Table:
		a.kanaPen = kanaInChinese
	case euckrTable:
		a.hanPen = hanInKorean
	}
	for i := 0; i < len(b) && !a.dead; {
		c := b[i]
		if c < 0x80 {
			a.add(rune(c))
			i++
			continue
		}
		if r := t.single[c-0x80]; r != 0 {
			a.add(r)
			i++
			continue
		}
		if !t.lead[c-0x80] {
			a.invalid()
			i++
			continue
		}
		if i+1 >= len(b) {
			break // truncated at the end
		}
		if r := t.lookup(c, b[i+1]); r != 0 {
			a.add(r)
			i += 2
			continue
		}
		a.invalid()
		if b[i+1] < 0x80 {
			i++ // an ASCII trail byte is not consumed
		} else {
			i += 2
		}
	}
	return a.total()
}

// scoreGBK scores b as GBK and counts GB18030 four-byte sequences, which it
// decodes with the x/text GB18030 decoder.
func scoreGBK(m *lm.Model, cutoff float64, b []byte) (score float64, four int) {
	t := gbkTable
	a := newAcc(m, cutoff)
	a.kanaPen = kanaInChinese
	var dec *encoding.Decoder
	for i := 0; i < len(b) && !a.dead; {
		c := b[i]
		if c < 0x80 {
			a.add(rune(c))
			i++
			continue
		}
		if r := t.single[c-0x80]; r != 0 {
			a.add(r)
			i++
			continue
		}
		if !t.lead[c-0x80] {
			a.invalid()
			i++
			continue
		}
		if i+1 >= len(b) {
			break
		}
		c1 := b[i+1]
		if c1 >= 0x30 && c1 <= 0x39 {
			if i+3 >= len(b) {
				break // a truncated four-byte sequence
			}
			if b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39 {
				if dec == nil {
					dec = simplifiedchinese.GB18030.NewDecoder()
				}
				var dst [8]byte
				dec.Reset()
				n, _, _ := dec.Transform(dst[:], b[i:i+4], true)
				r, _ := utf8.DecodeRune(dst[:n])
				// U+FFFD itself, saved as GB18030, is 84 31 A4 37.
				if r != utf8.RuneError || string(b[i:i+4]) == "\x84\x31\xa4\x37" {
					a.add(r)
					four++
					i += 4
					continue
				}
			}
			a.invalid()
			i++
			continue
		}
		if r := t.lookup(c, c1); r != 0 {
			a.add(r)
			i += 2
			continue
		}
		a.invalid()
		if c1 < 0x80 {
			i++
		} else {
			i += 2
		}
	}
	return a.total(), four
}

// scoreEUCJP scores b as EUC-JP, whose 0x8F prefix starts a three-byte
// JIS X 0212 character (scored as a rare ideograph).
func scoreEUCJP(m *lm.Model, cutoff float64, b []byte) float64 {
	t := eucjpTable
	a := newAcc(m, cutoff)
	for i := 0; i < len(b) && !a.dead; {
		c := b[i]
		switch {
		case c < 0x80:
			a.add(rune(c))
			i++
			continue
		case c == 0x8F:
			if i+2 >= len(b) {
				i = len(b)
				continue
			}
			if b[i+1] >= 0xA1 && b[i+1] <= 0xFE && b[i+2] >= 0xA1 && b[i+2] <= 0xFE {
				a.add(0x20000) // stands for a rare ideograph
				i += 3
				continue
			}
			a.invalid()
			i++
			continue
		case !t.lead[c-0x80]:
			a.invalid()
			i++
			continue
		case i+1 >= len(b):
			i = len(b)
			continue
		}
		if r := t.lookup(c, b[i+1]); r != 0 {
			a.add(r)
			i += 2
			continue
		}
		a.invalid()
		if b[i+1] < 0x80 {
			i++
		} else {
			i += 2
		}
	}
	return a.total()
}

// scoreWindows1252 scores b as windows-1252.
func scoreWindows1252(m *lm.Model, cutoff float64, b []byte) float64 {
	a := newAcc(m, cutoff)
	for _, c := range b {
		if a.dead {
			break
		}
		if c < 0x80 {
			a.add(rune(c))
		} else {
			a.add(cp1252[c-0x80])
		}
	}
	return a.total()
}

// utf16Plausible reports whether b looks like UTF-16 text in either byte
// order: most high bytes (every other byte) fall in the blocks text uses
// (Latin, general punctuation, CJK punctuation and kana, ideographs, Hangul,
// fullwidth forms). strong is the same test without Hangul, whose high
// bytes B0–D7 are also the GB2312 lead bytes.
func utf16Plausible(b []byte) (le, be, strongLE, strongBE bool) {
	if len(b) < 2 {
		return
	}
	var even, odd, evenStrong, oddStrong int
	n := len(b) / 2
	for i := 0; i+1 < len(b); i += 2 {
		if p, s := plausibleHigh(b[i]); p {
			even++
			if s {
				evenStrong++
			}
		}
		if p, s := plausibleHigh(b[i+1]); p {
			odd++
			if s {
				oddStrong++
			}
		}
	}
	min := 3 * n / 4
	return odd >= min, even >= min, oddStrong >= min, evenStrong >= min
}

// plausibleHigh classifies a UTF-16 high byte: plausible in text, and
// strongly so (outside the Hangul syllables).
func plausibleHigh(c byte) (plausible, strong bool) {
	switch {
	case c == 0x00, c == 0x20, c == 0x30, c == 0xFF, c == 0x03, c == 0x04, c == 0x25,
		c >= 0x4E && c <= 0x9F, c >= 0x34 && c <= 0x4D:
		return true, true
	case c >= 0xAC && c <= 0xD7:
		return true, false
	}
	return false, false
}

// scoreUTF16 scores b as UTF-16 in the given byte order.
func scoreUTF16(m *lm.Model, cutoff float64, b []byte, bigEndian bool) float64 {
	a := newAcc(m, cutoff)
	u := func(i int) rune {
		if bigEndian {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	for i := 0; i+1 < len(b) && !a.dead; i += 2 {
		r := u(i)
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+3 >= len(b) {
				return a.total() // truncated at the end
			}
			if r2 := u(i + 2); r2 >= 0xDC00 && r2 < 0xE000 {
				a.add(0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00))
				i += 2
				continue
			}
			a.invalid()
		case r >= 0xDC00 && r < 0xE000:
			a.invalid()
		default:
			a.add(r)
		}
	}
	return a.total()
}

// scoreHZ scores 7-bit input as HZ-GB-2312, if it decodes without errors.
func scoreHZ(m *lm.Model, cutoff float64, b []byte) (float64, bool) {
	return score7bit(m, cutoff, b, simplifiedchinese.HZGB2312)
}

// scoreISO2022JP scores 7-bit input as ISO-2022-JP, if it decodes without
// errors.
func scoreISO2022JP(m *lm.Model, cutoff float64, b []byte) (float64, bool) {
	return score7bit(m, cutoff, b, japanese.ISO2022JP)
}

func score7bit(m *lm.Model, cutoff float64, b []byte, e encoding.Encoding) (float64, bool) {
	// A window cut inside an escape or a character makes x/text fail; drop
	// up to three trailing bytes before giving up.
	var out []byte
	var err error
	for cut := 0; cut < 4 && cut < len(b); cut++ {
		if out, err = e.NewDecoder().Bytes(b[:len(b)-cut]); err == nil {
			break
		}
	}
	if err != nil {
		return 0, false
	}
	a := newAcc(m, cutoff)
	bad := 0
	for _, r := range strings.TrimRight(string(out), "\uFFFD") {
		if r == utf8.RuneError {
			bad++
			a.invalid()
			continue
		}
		a.add(r)
	}
	if bad > len(out)/8 {
		return 0, false
	}
	return a.total(), true
}
