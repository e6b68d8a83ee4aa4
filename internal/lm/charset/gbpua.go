package charset

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// GBPrivateUse maps a two-byte GBK/GB18030 sequence that x/text decodes to
// U+FFFD to the private use code point GB18030-2000 assigns it, or returns
// 0 (for a sequence x/text decodes, and for one that is not a GBK pair):
//
//   - the user-defined areas AAA1–AFFE, F8A1–FEFE and A140–A7A0, as
//     GBUserDefined;
//   - FE50–FEA0 not decoded, to U+E815 on;
//   - the other pairs with lead 81–D7 not decoded, in code order, to
//     U+E766 on, where the positions that GB18030-2005 gave standard code
//     points (A2E3, A8BF, A989–A995) keep their slot in the sequence.
//
// Python's gb18030 codec, and so text misread by it, uses these code
// points; convert.Decode decodes them, and the mojibake analysis's GBK
// table holds them, through this one mapping.
func GBPrivateUse(lead, trail byte) rune {
	if r := GBUserDefined(lead, trail); r != 0 {
		return r
	}
	return gbPUA()[uint16(lead)<<8|uint16(trail)]
}

// GBKPair returns x/text's GBK decoding of the pair lead, trail (lead
// 81–FE, trail 40–FE but 7F), 0 where it has none (U+FFFD) or for any
// other pair. All pairs are decoded once, in one call.
func GBKPair(lead, trail byte) rune {
	if lead < 0x81 || lead == 0xFF || trail < 0x40 || trail == 0x7F || trail == 0xFF {
		return 0
	}
	t := trail - 0x40
	if trail > 0x7F {
		t--
	}
	return gbkPairs()[int(lead-0x81)*190+int(t)]
}

var gbkPairs = sync.OnceValue(func() []rune {
	// Every pair decodes to one rune, U+FFFD where x/text has none.
	src := make([]byte, 0, 2*126*190)
	for b0 := 0x81; b0 <= 0xFE; b0++ {
		for b1 := 0x40; b1 <= 0xFE; b1++ {
			if b1 != 0x7F {
				src = append(src, byte(b0), byte(b1))
			}
		}
	}
	pairs := make([]rune, len(src)/2)
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(src)
	if err != nil || utf8.RuneCount(out) != len(pairs) {
		// Not x/text's decoder as this was written for: no pair decodes
		// (TestGBPrivateUse fails).
		return pairs
	}
	for k := range pairs {
		r, size := utf8.DecodeRune(out)
		out = out[size:]
		if r != utf8.RuneError {
			pairs[k] = r
		}
	}
	return pairs
})

// gbPUA is the GB18030-2000 private use mapping of the pairs outside the
// user-defined areas that x/text does not decode.
var gbPUA = sync.OnceValue(func() map[uint16]rune {
	m := make(map[uint16]rune, 256)
	next := rune(0xE766)
	for b0 := 0x81; b0 <= 0xFE; b0++ {
		for b1 := 0x40; b1 <= 0xFE; b1++ {
			if b1 == 0x7F || GBUserDefined(byte(b0), byte(b1)) != 0 {
				continue
			}
			decoded := GBKPair(byte(b0), byte(b1)) != 0
			code := uint16(b0)<<8 | uint16(b1)
			switch {
			case b0 == 0xFE && b1 >= 0x50 && b1 <= 0xA0:
				if !decoded {
					k := rune(b1 - 0x50)
					if b1 > 0x7F {
						k--
					}
					m[code] = 0xE815 + k
				}
			case b0 <= 0xD7 && (!decoded || GB2000Standardized(code)):
				if !decoded {
					m[code] = next
				}
				next++
			}
		}
	}
	return m
})

// GB2000Standardized reports the positions that GB18030-2005 and x/text map
// to standard code points but GB18030-2000 mapped to private use.
func GB2000Standardized(code uint16) bool {
	return code == 0xA2E3 || code == 0xA8BF || code >= 0xA989 && code <= 0xA995
}
