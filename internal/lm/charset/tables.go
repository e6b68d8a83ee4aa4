package charset

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// dbcs is a decoding table for a double-byte character set, built once from
// the golang.org/x/text decoder so that trial decoding agrees with it while
// running without the transform machinery.
type dbcs struct {
	single [128]rune       // bytes 0x80–0xFF decoded alone; 0 when a lead byte or invalid
	lead   [128]bool       // bytes 0x80–0xFF that start a two-byte sequence
	pair   [128 * 192]rune // (lead-0x80)*192 + trail-0x40; 0 when invalid
}

// rareFlag marks pair entries for characters outside the core set of the
// encoding (GBK extensions, HKSCS, vendor extensions, UHC syllables), which
// real text seldom uses but mis-decoded bytes often hit.
const rareFlag = 1 << 30

// kanjiFlag marks pair entries for the JIS X 0208 level-1 kanji, the 2,965
// common ones, which Japanese shinjitai forms (検, 圧, 実) make rare under
// the Chinese model.
const kanjiFlag = 1 << 29

// lookup returns the character of a two-byte sequence, possibly with
// rareFlag set, or 0.
func (t *dbcs) lookup(lead, trail byte) rune {
	if trail < 0x40 {
		return 0
	}
	return t.pair[int(lead-0x80)*192+int(trail-0x40)]
}

var (
	tablesOnce                                             sync.Once
	gbkTable, big5Table, sjisTable, eucjpTable, euckrTable *dbcs
	cp1252                                                 [128]rune
	// hangulCommon marks the 2,350 Hangul syllables of KS X 1001, which
	// cover almost all Korean text; the other 8,822 are rare.
	hangulCommon [0xD7A4 - 0xAC00]bool
)

func loadTables() {
	tablesOnce.Do(func() {
		gbkTable = buildDBCS(simplifiedchinese.GBK, func(l, t byte) bool { return l < 0xA1 || t < 0xA1 })
		// x/text decodes the GBK user-defined areas, and the other pairs
		// GB18030-2000 maps to private use, to U+FFFD (golang/go#62063);
		// convert.Decode maps them to private use as GB18030-2000 does,
		// so score them as such: valid but rare.
		for l := 0x81; l <= 0xFE; l++ {
			for t := 0x40; t <= 0xFE; t++ {
				if gbkTable.lookup(byte(l), byte(t)) != 0 {
					continue
				}
				if r := GBPrivateUse(byte(l), byte(t)); r != 0 {
					gbkTable.pair[(l-0x80)*192+t-0x40] = r | rareFlag
					gbkTable.lead[l-0x80] = true
				}
			}
		}
		big5Table = buildDBCS(traditionalchinese.Big5, func(l, t byte) bool {
			return l < 0xA1 || l == 0xC6 && t >= 0xA1 || l == 0xC7 || l == 0xC8 || l == 0xF9 && t > 0xD5 || l > 0xF9
		})
		sjisTable = buildDBCS(japanese.ShiftJIS, func(l, t byte) bool { return l == 0x87 || l >= 0xED })
		eucjpTable = buildDBCS(japanese.EUCJP, func(l, t byte) bool { return l >= 0xF5 })
		// JIS X 0208 rows 16–47 (level 1): EUC-JP leads B0–CF, which
		// Shift_JIS puts at 889F–9872.
		for l := 0xB0; l <= 0xCF; l++ {
			for t := 0xA1; t <= 0xFE; t++ {
				i := (l-0x80)*192 + t - 0x40
				if r := eucjpTable.pair[i]; r != 0 && r&rareFlag == 0 {
					eucjpTable.pair[i] = r | kanjiFlag
				}
			}
		}
		for l := 0x88; l <= 0x98; l++ {
			for t := 0x40; t <= 0xFC; t++ {
				if l == 0x88 && t < 0x9F || l == 0x98 && t > 0x72 {
					continue
				}
				i := (l-0x80)*192 + t - 0x40
				if r := sjisTable.pair[i]; r != 0 && r&rareFlag == 0 {
					sjisTable.pair[i] = r | kanjiFlag
				}
			}
		}
		euckrTable = buildDBCS(korean.EUCKR, func(l, t byte) bool { return l < 0xA1 || t < 0xA1 })
		for l := 0xB0; l <= 0xC8; l++ {
			for t := 0xA1; t <= 0xFE; t++ {
				if r := euckrTable.lookup(byte(l), byte(t)); r >= 0xAC00 && r <= 0xD7A3 {
					hangulCommon[r-0xAC00] = true
				}
			}
		}
		dec := charmap.Windows1252.NewDecoder()
		var dst [8]byte
		for b := 0x80; b < 0x100; b++ {
			dec.Reset()
			n, _, _ := dec.Transform(dst[:], []byte{byte(b)}, true)
			r, _ := utf8.DecodeRune(dst[:n])
			cp1252[b-0x80] = r
		}
	})
}

// buildDBCS decodes every byte and byte pair with the x/text decoder of e;
// rare tells which pairs to flag with rareFlag.
func buildDBCS(e encoding.Encoding, rare func(lead, trail byte) bool) *dbcs {
	t := new(dbcs)
	dec := e.NewDecoder()
	var dst [16]byte
	decode := func(src []byte) (rune, int, int) {
		dec.Reset()
		n, nSrc, _ := dec.Transform(dst[:], src, true)
		r, size := utf8.DecodeRune(dst[:n])
		return r, nSrc, n - size
	}
	for b := 0x80; b < 0x100; b++ {
		r, nSrc, rest := decode([]byte{byte(b), 'a'})
		if r != utf8.RuneError && nSrc == 2 && rest == 1 {
			t.single[b-0x80] = r
		}
		if t.single[b-0x80] != 0 {
			continue // a single-byte character, never a lead byte
		}
		for c := 0x40; c < 0x100; c++ {
			r, nSrc, _ := decode([]byte{byte(b), byte(c)})
			if r == utf8.RuneError || nSrc != 2 {
				continue
			}
			if rare(byte(b), byte(c)) {
				r |= rareFlag
			}
			t.pair[(b-0x80)*192+c-0x40] = r
			t.lead[b-0x80] = true
		}
	}
	return t
}

// GBUserDefined maps a two-byte sequence in a GBK/GB18030 user-defined area
// (AAA1–AFFE, F8A1–FEFE, A140–A7A0) to the private use code point GB18030
// assigns it, or returns 0 (see GBPrivateUse, which convert.Decode uses to
// work around golang/go#62063).
func GBUserDefined(lead, trail byte) rune {
	switch {
	case lead >= 0xAA && lead <= 0xAF && trail >= 0xA1 && trail <= 0xFE:
		return 0xE000 + rune(lead-0xAA)*94 + rune(trail-0xA1)
	case lead >= 0xF8 && lead <= 0xFE && trail >= 0xA1 && trail <= 0xFE:
		return 0xE234 + rune(lead-0xF8)*94 + rune(trail-0xA1)
	case lead >= 0xA1 && lead <= 0xA7 && trail >= 0x40 && trail <= 0xA0 && trail != 0x7F:
		t := rune(trail - 0x40)
		if trail > 0x7F {
			t--
		}
		return 0xE4C6 + rune(lead-0xA1)*96 + t
	}
	return 0
}
