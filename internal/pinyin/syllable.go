package pinyin

import (
	"strings"
	"unicode/utf8"
)

// Tone numbers. ToneAny is what a toneless reading has: it matches a
// reading of any tone. ToneNeutral is the light tone (zhe5, or a reading
// without mark in the dictionary).
const (
	ToneAny     = 0
	ToneNeutral = 5
)

// maxBase is the longest toneless syllable in bytes (zhuang, chuang,
// shuang: 6; lüe: 4) with room to spare.
const maxBase = 8

// markedVowel returns the base letter and tone of a precomposed
// tone-marked letter (the Pinyin tone marks plus the syllabic nasals).
func markedVowel(r rune) (base string, tone uint8, ok bool) {
	switch r {
	case 'ā', 'á', 'ǎ', 'à':
		return "a", toneOf(r, 'ā', 'á', 'ǎ', 'à'), true
	case 'ē', 'é', 'ě', 'è':
		return "e", toneOf(r, 'ē', 'é', 'ě', 'è'), true
	case 'ī', 'í', 'ǐ', 'ì':
		return "i", toneOf(r, 'ī', 'í', 'ǐ', 'ì'), true
	case 'ō', 'ó', 'ǒ', 'ò':
		return "o", toneOf(r, 'ō', 'ó', 'ǒ', 'ò'), true
	case 'ū', 'ú', 'ǔ', 'ù':
		return "u", toneOf(r, 'ū', 'ú', 'ǔ', 'ù'), true
	case 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return "ü", toneOf(r, 'ǖ', 'ǘ', 'ǚ', 'ǜ'), true
	case 'ü':
		return "ü", 0, true
	case 'ê':
		return "ê", 0, true
	case 'ế':
		return "ê", 2, true
	case 'ề':
		return "ê", 4, true
	case 'ḿ':
		return "m", 2, true
	case 'ń':
		return "n", 2, true
	case 'ň':
		return "n", 3, true
	case 'ǹ':
		return "n", 4, true
	}
	return "", 0, false
}

func toneOf(r, t1, t2, t3, t4 rune) uint8 {
	switch r {
	case t1:
		return 1
	case t2:
		return 2
	case t3:
		return 3
	case t4:
		return 4
	}
	return 0
}

// combiningTone returns the tone of a combining tone mark.
func combiningTone(r rune) (uint8, bool) {
	switch r {
	case 0x0304:
		return 1, true
	case 0x0301:
		return 2, true
	case 0x030C:
		return 3, true
	case 0x0300:
		return 4, true
	}
	return 0, false
}

// parse splits a reading in any accepted form into its toneless base,
// written into buf with ü for ü/v/u:, and its tone (ToneAny when it has
// none). It does not check that the base is a syllable.
func parse(s string, buf *[maxBase]byte) (n int, tone uint8, ok bool) {
	if s == "" || len(s) > 3*maxBase {
		return 0, 0, false
	}
	marks := 0
	put := func(b string) bool {
		if n+len(b) > maxBase {
			return false
		}
		n += copy(buf[n:], b)
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			c |= 0x20
			if c == 'v' {
				if !put("ü") {
					return 0, 0, false
				}
			} else {
				if n+1 > maxBase {
					return 0, 0, false
				}
				buf[n] = c
				n++
			}
			i++
		case c == ':':
			// u: is ü
			if n == 0 || buf[n-1] != 'u' {
				return 0, 0, false
			}
			n--
			if !put("ü") {
				return 0, 0, false
			}
			i++
		case c >= '0' && c <= '5':
			// a tone number ends the reading
			if i != len(s)-1 || marks > 0 || n == 0 {
				return 0, 0, false
			}
			tone = c - '0'
			if tone == 0 {
				tone = ToneNeutral
			}
			marks++
			i++
		case c < utf8.RuneSelf:
			return 0, 0, false
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if t, isMark := combiningTone(r); isMark {
				if marks > 0 || n == 0 {
					return 0, 0, false
				}
				tone = t
				marks++
				continue
			}
			mvBase, mvTone, known := markedVowel(r)
			if !known {
				return 0, 0, false
			}
			if mvTone != 0 {
				if marks > 0 {
					return 0, 0, false
				}
				tone = mvTone
				marks++
			}
			if !put(mvBase) {
				return 0, 0, false
			}
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	// jü, qü, xü, yü are written ju, qu, xu, yu.
	if n >= 3 && buf[1] == 0xC3 && buf[2] == 0xBC && (buf[0] == 'j' || buf[0] == 'q' || buf[0] == 'x' || buf[0] == 'y') {
		buf[1] = 'u'
		copy(buf[2:], buf[3:n])
		n--
	}
	return n, tone, true
}

// toneVowel returns the byte index in base of the vowel that carries the
// tone mark: a or e if present, the o of ou, else the last vowel; for the
// syllabic nasals m, n, ng the first letter.
func toneVowel(base string) int {
	if i := strings.IndexByte(base, 'a'); i >= 0 {
		return i
	}
	if i := strings.IndexByte(base, 'e'); i >= 0 {
		return i
	}
	if i := strings.Index(base, "ê"); i >= 0 {
		return i
	}
	if i := strings.Index(base, "ou"); i >= 0 {
		return i
	}
	last := -1
	for i, r := range base {
		switch r {
		case 'i', 'o', 'u', 'ü':
			last = i
		}
	}
	if last < 0 && base != "" && (base[0] == 'm' || base[0] == 'n' || base[0] == 'h') {
		// m, n, ng, hm, hng: the nasal carries the mark
		if base[0] == 'h' && len(base) > 1 {
			return 1
		}
		return 0
	}
	return last
}

var toneMarked = map[string][6]string{
	"a": {"a", "ā", "á", "ǎ", "à", "a"},
	"e": {"e", "ē", "é", "ě", "è", "e"},
	"i": {"i", "ī", "í", "ǐ", "ì", "i"},
	"o": {"o", "ō", "ó", "ǒ", "ò", "o"},
	"u": {"u", "ū", "ú", "ǔ", "ù", "u"},
	"ü": {"ü", "ǖ", "ǘ", "ǚ", "ǜ", "ü"},
	"ê": {"ê", "ê̄", "ế", "ê̌", "ề", "ê"},
	"m": {"m", "m̄", "ḿ", "m̌", "m̀", "m"},
	"n": {"n", "n̄", "ń", "ň", "ǹ", "n"},
}

// mark writes base with tone as a tone-marked syllable.
func mark(base string, tone uint8) string {
	if tone == ToneAny || tone == ToneNeutral {
		return base
	}
	i := toneVowel(base)
	if i < 0 {
		return base
	}
	_, size := utf8.DecodeRuneInString(base[i:])
	forms, ok := toneMarked[base[i:i+size]]
	if !ok {
		return base
	}
	return base[:i] + forms[tone] + base[i+size:]
}

// IsSyllable reports whether s is a valid Pinyin syllable in any accepted
// form (shè, she4, she, lü, lv, lu:).
func IsSyllable(s string) bool {
	var buf [maxBase]byte
	n, _, ok := parse(s, &buf)
	if !ok {
		return false
	}
	_, ok = data().baseID[string(buf[:n])]
	return ok
}

// Canonical returns s as a tone-marked lowercase syllable with ü (she4 →
// shè, lv4 → lǜ, zhe5 → zhe) and whether s is a valid syllable. A toneless
// s stays toneless.
func Canonical(s string) (string, bool) {
	var buf [maxBase]byte
	n, tone, ok := parse(s, &buf)
	if !ok {
		return "", false
	}
	id, ok := data().baseID[string(buf[:n])]
	if !ok {
		return "", false
	}
	return mark(data().bases[id], tone), true
}

// Numbered returns s with a tone number instead of a tone mark (shè →
// she4, lǜ → lv4, neutral tone → 5, toneless → no digit) and whether s is a
// valid syllable. ü is written v, as in most input methods.
func Numbered(s string) (string, bool) {
	var buf [maxBase]byte
	n, tone, ok := parse(s, &buf)
	if !ok {
		return "", false
	}
	id, ok := data().baseID[string(buf[:n])]
	if !ok {
		return "", false
	}
	b := strings.ReplaceAll(data().bases[id], "ü", "v")
	if tone == ToneAny {
		return b, true
	}
	return b + string(rune('0'+tone)), true
}

// Toneless returns s without its tone (shè → she, lǜ → lü) and whether s is
// a valid syllable.
func Toneless(s string) (string, bool) {
	var buf [maxBase]byte
	n, _, ok := parse(s, &buf)
	if !ok {
		return "", false
	}
	id, ok := data().baseID[string(buf[:n])]
	if !ok {
		return "", false
	}
	return data().bases[id], true
}
