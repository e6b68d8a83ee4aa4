// Failing bytes: the bytes on which a wrong reader gives up, each becoming
// one U+FFFD, and the test that restored bytes read back as the garbled text.

package mojibake

import (
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm/charset"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

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
	case "gbk", gb18030Reader, gb2312Reader:
		// 0x80 is € only for windows-936 readers; GB18030 readers fail.
		if c == 0x80 {
			return true
		}
		r := gbk().decode2(c, bs[i+1])
		switch code := uint16(c)<<8 | uint16(bs[i+1]); {
		case r == 0:
			return true
		case wrong == gb18030Reader:
			return false
		case wrong == gb2312Reader && !inGB2312(code):
			return true
		default:
			return gbkDisputed(code, r)
		}
	case "big5", big5HKSCSReader:
		code := uint16(c)<<8 | uint16(bs[i+1])
		if big5().dec[code-0x8000] == 0 || big5Disputed(code) {
			return true
		}
		return wrong == "big5" && cp950Lacks(code)
	case "cp950":
		code := uint16(c)<<8 | uint16(bs[i+1])
		return big5().dec[code-0x8000] == 0 || cp950Lacks(code)
	}
	return false
}

// gb18030Reader names, for wrongFails and failTableOf, the GBK readers
// that read every position of the table here, the user-defined areas as
// private use (Python's gb18030): text that holds such a private-use
// character was read by one (see restoreLost).
const gb18030Reader = "gb18030"

// gb2312Reader names, for wrongFails and failTableOf, the GBK readers in
// wide use and Python's gb2312 (the codec of a page that says gb2312, or
// that chardet takes for GB2312), which fails on every pair outside
// GB2312 (inGB2312): text with no character of GBK outside GB2312 may
// have been read by one (see lostReader).
const gb2312Reader = "gb2312"

var (
	gb2312Once sync.Once
	gb2312Set  [87 * 94]bool
)

// inGB2312 reports whether the GBK pair code is a character of GB2312:
// rows A1–F7, columns A1–FE, a character that HZ (golang.org/x/text's
// HZ-GB-2312, GB2312 in 7 bits) writes.
func inGB2312(code uint16) bool {
	lead, trail := int(code>>8), int(code&0xFF)
	if lead < 0xA1 || lead > 0xF7 || trail < 0xA1 || trail > 0xFE {
		return false
	}
	gb2312Once.Do(func() {
		enc := simplifiedchinese.HZGB2312.NewEncoder()
		t := gbk()
		var src [4]byte
		var dst [16]byte
		for l := 0xA1; l <= 0xF7; l++ {
			for c := 0xA1; c <= 0xFE; c++ {
				r := t.decode2(byte(l), byte(c))
				if r == 0 || r >= 0xE000 && r <= 0xF8FF {
					continue
				}
				enc.Reset()
				_, _, err := enc.Transform(dst[:], src[:utf8.EncodeRune(src[:], r)], true)
				gb2312Set[(l-0xA1)*94+c-0xA1] = err == nil
			}
		}
	})
	return gb2312Set[(lead-0xA1)*94+trail-0xA1]
}

// big5HKSCSReader names, for wrongFails and failTableOf, the Big5 readers
// that read the rows of HKSCS (WHATWG's, Python's big5hkscs): text that
// holds a character of those rows was read by one (see lostReader).
// "big5" is any Big5 reader: those and Python's big5 and cp950, which
// fail on the rows of HKSCS (cp950Lacks).
const big5HKSCSReader = "big5hkscs"

// gbkDisputed reports whether some GBK readers in wide use fail on code,
// which the GBK table here reads as r: Python's gbk (and cp936) fails on
// every position that GB18030-2000 readers map to private use (the
// user-defined areas, and the unassigned positions of GBK/1 and GBK/5),
// on the characters GB18030-2005 added there (charset.GB2000Standardized: € at A2E3,
// ǹ at A8BF, the ideographic description characters at A989–A995), on
// A3A0 and on the whole of FE50–FEA0 (the radicals and the characters of
// Extension A that GB18030 gave it). A lost byte there is possible: 香,
// UTF-8 E9 A6 99, read by Python's gbk leaves one before 0x99, for A6 99
// is a user-defined position.
func gbkDisputed(code uint16, r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || charset.GB2000Standardized(code) || code == 0xA3A0 ||
		code >= 0xFE50 && code <= 0xFEA0
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
// code of other Big5 variants), which HKSCS-2004 readers do not map; and
// the 30 codes of big5HKSCS2004Gaps that these rules miss (〃 at C6DE:
// 妻, GBK C6 DE, read as Big5 leaves a U+FFFD). A lost byte there is
// possible: 普 (GBK C6 D5) read as Big5 leaves one.
func big5Disputed(code uint16) bool {
	return big5DisputedByRule(code) || big5HKSCS2004Gap(code)
}

// big5DisputedByRule is big5Disputed without big5HKSCS2004Gaps: the
// ranges and the compatibility codes, which the rules above find.
func big5DisputedByRule(code uint16) bool {
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
// the text), the bytes 0x80–0xFE a reader fails on before it, in order
// and as a set.
type failTable struct {
	lists [257][]byte
	sets  [257][4]uint64
}

// before returns the bytes on which the reader fails when next follows
// them (-1: nothing follows).
func (t *failTable) before(next int) []byte {
	if next < 0 {
		return t.lists[256]
	}
	return t.lists[next]
}

// failsBefore reports whether x is one of before(next).
func (t *failTable) failsBefore(x byte, next int) bool {
	if next < 0 {
		next = 256
	}
	return t.sets[next][x>>6]>>(x&63)&1 != 0
}

var (
	failOnce   sync.Once
	failTables map[string]*failTable
)

// failTableOf returns the failTable of the wrong reader (gbk, gb18030Reader,
// big5 or cp1252), nil for the others.
func failTableOf(wrong string) *failTable {
	failOnce.Do(func() {
		failTables = map[string]*failTable{}
		for _, name := range []string{"gbk", gb18030Reader, gb2312Reader, "big5", big5HKSCSReader, "cp950", "cp1252"} {
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
						t.lists[nb] = append(t.lists[nb], byte(x))
						t.sets[nb][x>>6] |= 1 << (x & 63)
					}
				}
			}
			failTables[name] = t
		}
	})
	return failTables[wrong]
}

// readsAs reports whether the wrong reader, failing one byte at a time,
// turns bs into exactly garbled: the lossless test of a repair with
// restored bytes.
func readsAs(wrong codec, bs []byte, garbled string) bool {
	name := wrong.name()
	if name == "gbk" {
		// Whichever GBK reader it was (see lostReader): gb2312Reader's
		// failures hold the others'.
		name = gb2312Reader
	}
	i := 0
	for _, g := range garbled {
		if i >= len(bs) {
			return false
		}
		if g < utf8.RuneSelf {
			// Every reader reads an ASCII byte as itself and no other
			// byte as ASCII (TestCodecsReadASCII), but one that writes
			// '?' for a byte it fails on (see questionLost).
			if bs[i] != byte(g) && (g != '?' || !wrongFails(name, bs, i)) {
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
