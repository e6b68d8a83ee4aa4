package lm

// Floors and rules for characters without statistics. The numbers are
// natural-log probabilities chosen by hand for Chinese running text: a
// character that is normal in Chinese documents (full stop, comma, ASCII
// letters in product names, digits) costs a few nats, one that is typical of
// decoding damage (rare ideographs, halfwidth katakana, box drawing, private
// use, controls, U+FFFD) costs 12 to 20.
const (
	floorRareHan     = -17 // CJK extension A/B…, compatibility ideographs
	floorUnseenHan   = -15 // unified ideographs absent from the dictionaries
	floorReplacement = -20
	floorPrivateUse  = -18
	floorControl     = -18
	floorOther       = -15
)

// floor returns the log-probability of a rune without statistics.
func floor(r rune) float64 {
	switch {
	case r < 0:
		return floorReplacement
	case r < 0x80:
		return asciiUni[r]
	case r <= 0x9F:
		return floorControl
	case r >= 0x4E00 && r <= 0x9FFF:
		return floorUnseenHan
	case r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x3FFFF:
		return floorRareHan
	case r == 0xFFFD:
		return floorReplacement
	case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000 && r <= 0x10FFFF:
		return floorPrivateUse
	case r >= 0xD800 && r <= 0xDFFF, r > 0x10FFFF:
		return floorReplacement
	}
	switch {
	// Japanese and Korean: moderate, so that such text is scored sanely;
	// runs of them get a bonus in classAdjust.
	case r >= 0x3041 && r <= 0x309F:
		return -6.5
	case r >= 0x30A0 && r <= 0x30FF:
		if r == 0x30FB || r == 0x30FC { // ・ ー
			return -7
		}
		return -7.5
	case r >= 0x31F0 && r <= 0x31FF:
		return -11
	case r >= 0xFF61 && r <= 0xFF9F: // halfwidth katakana and punctuation
		return -13
	case r >= 0xAC00 && r <= 0xD7A3:
		return -9
	case r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F, r >= 0xFFA0 && r <= 0xFFDC:
		return -12

	// CJK punctuation.
	case r == 0x3001 || r == 0x3002 || r == 0xFF0C: // 、 。 ，
		return -3.5
	case r == 0xFF1A || r == 0xFF1B || r == 0xFF01 || r == 0xFF1F || r == 0xFF08 || r == 0xFF09, // ：；！？（）
		r >= 0x300A && r <= 0x3011: // 《》「」『』【】
		return -5.5
	case r == 0x3000:
		return -7
	case r >= 0x301D && r <= 0x301F:
		// 〝〞〟, double prime quotation marks: rare in Chinese text, and
		// in UTF-8 the neighbours of 、 (E3 80 9D against E3 80 81)
		// that a lost last byte makes a candidate for it.
		return -13
	case r >= 0x3003 && r <= 0x303F:
		return -9
	case r >= 0xFF10 && r <= 0xFF19: // fullwidth digits
		return -8
	case r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A: // fullwidth letters
		return -9
	case r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFEE:
		return -8.5
	case r >= 0xFE30 && r <= 0xFE4F: // CJK compatibility forms
		return -11
	case r >= 0xFE50 && r <= 0xFE6F: // small forms
		return -12

	// General punctuation: dashes, quotes, ellipsis are common.
	case r == 0x2014 || r == 0x2026 || (r >= 0x2018 && r <= 0x201D):
		return -5.5
	case r == 0x2028 || r == 0x2029:
		return -13
	case r >= 0x2000 && r <= 0x206F:
		return -10

	// Latin-1 supplement and other Latin.
	case r == 0xA0:
		return -9
	case r == 0xB7: // middle dot, used in names
		return -8
	case r == 0xD7 || r == 0xF7:
		return -9
	case r >= 0xA1 && r <= 0xBF:
		return -10
	case r >= 0xC0 && r <= 0xFF:
		return -10
	case r >= 0x100 && r <= 0x2FF:
		return -12
	case r >= 0x300 && r <= 0x36F: // combining marks
		return -14
	case r >= 0x370 && r <= 0x4FF: // Greek, Cyrillic
		return -11

	// Symbols.
	case r >= 0x2150 && r <= 0x218F, r >= 0x2460 && r <= 0x24FF: // Ⅰ Ⅱ, ① ②
		return -9
	case r >= 0x25A0 && r <= 0x25FF: // ■ □ ○ ●
		return -9.5
	case r >= 0x2100 && r <= 0x23FF, r >= 0x2600 && r <= 0x27BF:
		return -10
	case r >= 0x2500 && r <= 0x259F: // box drawing, blocks
		return -12
	case r >= 0x2E80 && r <= 0x2FDF: // radicals
		return -13
	case r >= 0x3100 && r <= 0x312F, r >= 0x31A0 && r <= 0x31BF: // Bopomofo
		return -12
	case r >= 0x3200 && r <= 0x33FF:
		return -11
	case r >= 0xA000 && r <= 0xA4CF: // Yi, typical of byte-swapped UTF-16
		return -16
	case r >= 0x1F300 && r <= 0x1FAFF: // emoji
		return -10
	case r == 0xFEFF:
		return -12
	}
	return floorOther
}

// floorBlocks are blocks of the BMP in which floor is the same for every
// rune (TestFloorBlocks checks it): 97 % of the BMP, in
// increasing order.
var floorBlocks = [...]struct{ lo, hi rune }{
	{0x0100, 0x02FF}, // Latin extended
	{0x0370, 0x04FF}, // Greek, Cyrillic
	{0x0500, 0x10FF}, // Cyrillic supplement to Georgian
	{0x1100, 0x11FF}, // Hangul jamo
	{0x1200, 0x1FFF}, // Ethiopic to Greek extended
	{0x2190, 0x23FF}, // arrows to miscellaneous technical
	{0x2460, 0x24FF}, // enclosed alphanumerics
	{0x2500, 0x259F}, // box drawing, blocks
	{0x2600, 0x27BF}, // miscellaneous symbols, dingbats
	{0x27C0, 0x2E7F}, // mathematical symbols to supplemental punctuation
	{0x2E80, 0x2FDF}, // radicals
	{0x3200, 0x33FF}, // enclosed CJK letters, compatibility
	{0x3400, 0x4DBF}, // CJK extension A
	{0x4E00, 0x9FFF}, // unified ideographs
	{0xA000, 0xA4CF}, // Yi
	{0xA4D0, 0xABFF}, // Lisu to Meetei Mayek
	{0xAC00, 0xD7A3}, // Hangul syllables
	{0xD800, 0xDFFF}, // surrogates
	{0xE000, 0xF8FF}, // private use
	{0xF900, 0xFAFF}, // compatibility ideographs
	{0xFB00, 0xFE2F}, // alphabetic presentation forms to combining half marks
}

// fillFloors sets the Unigram of t[r] to floor(r) for every BMP rune, a
// block of floorBlocks at a time where it can: 4.0M fewer instructions at
// start-up than asking floor about each of the 65,536 runes.
func fillFloors(t *[0x10000]runeEntry) {
	r := rune(0)
	for _, b := range floorBlocks {
		for ; r < b.lo; r++ {
			t[r].uni = float32(floor(r))
		}
		v := float32(floor(b.lo))
		for ; r <= b.hi; r++ {
			t[r].uni = v
		}
	}
	for ; r < 0x10000; r++ {
		t[r].uni = float32(floor(r))
	}
}

// asciiUni holds Unigram of the ASCII characters in Chinese running text.
var asciiUni = func() (t [128]float64) {
	for i := range t {
		c := byte(i)
		switch {
		case isLower(c):
			t[i] = -6.5
			if isCommonLetter(c | 0x20) {
				t[i] = -6
			} else if isRareLetter(c | 0x20) {
				t[i] = -7.5
			}
		case isUpper(c):
			t[i] = -7
			if isRareLetter(c | 0x20) {
				t[i] = -8
			}
		case c >= '0' && c <= '9':
			t[i] = -5.5
		case c == ' ':
			t[i] = -4.5
		case c == '\n':
			t[i] = -5
		case c == '\r':
			t[i] = -7
		case c == '\t':
			t[i] = -8
		case c < 0x20 || c == 0x7F:
			t[i] = floorControl
		case c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?' ||
			c == '(' || c == ')' || c == '"' || c == '\'' || c == '-':
			t[i] = -5.5
		default:
			t[i] = -7.5
		}
	}
	return
}()

func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetter(c byte) bool { return isLower(c) || isUpper(c) }
func isVowel(c byte) bool {
	c |= 0x20
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// isCommonLetter reports the letters that make up most of English and pinyin
// text; isRareLetter the least frequent ones.
func isCommonLetter(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'n', 's', 't', 'r', 'h', 'u', 'g':
		return true
	}
	return false
}

func isRareLetter(c byte) bool {
	switch c {
	case 'q', 'x', 'z', 'j', 'v', 'k':
		return true
	}
	return false
}

// asciiBigram returns log P(b|a) for two ASCII characters, by rules: letters
// follow letters (vowels and consonants alternating), words end in spaces or
// punctuation, digits follow digits, lowercase rarely precedes uppercase.
func asciiBigram(a, b byte) float64 {
	switch {
	case isLetter(a) && isLetter(b):
		lp := -3.0
		switch {
		case isLower(a) && isUpper(b):
			return -6
		case isVowel(a) != isVowel(b):
			lp = -2.5
		case isVowel(a):
			lp = -3.6
		default:
			lp = -3.3
		}
		if isRareLetter(b | 0x20) {
			lp -= 1.5
		}
		return lp
	case isLetter(a) && b == ' ':
		return -2
	case isLetter(a) && (b == '.' || b == ',' || b == '\n'):
		return -3.5
	case a == ' ' && isLower(b):
		return -2.3
	case a == ' ' && isUpper(b):
		return -3.5
	case isDigit(a) && isDigit(b):
		return -1.5
	case isDigit(a) && (b == '.' || b == ',' || b == ':' || b == '-' || b == '%'):
		return -3
	case (a == '.' || a == ',' || a == ':' || a == ';' || a == '!' || a == '?') && b == ' ':
		return -1.5
	case a == '\r' && b == '\n':
		return -0.1
	}
	return asciiUni[b&0x7F]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// classAdjust returns the class-level correction to Unigram(b) after a for
// pairs the bigram statistics do not cover: runs of kana and of Hangul are
// likely, switching between Hangul and ideographs is not.
func classAdjust(a, b rune) float64 {
	switch {
	case isKanaRune(a) && isKanaRune(b):
		return 1
	case isHangulSyllable(a):
		switch {
		case isHangulSyllable(b):
			return 2.5
		case b == ' ':
			return 1
		case b >= 0x4E00 && b <= 0x9FFF:
			return -2
		}
	case isHangulSyllable(b) && a >= 0x4E00 && a <= 0x9FFF:
		return -2
	}
	return 0
}

func isKanaRune(r rune) bool       { return r >= 0x3041 && r <= 0x30FF }
func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// isLatinLetter reports whether r is a letter of the ASCII, Latin-1 or
// Latin Extended-A/B blocks.
func isLatinLetter(r rune) bool {
	switch {
	case r < 0x80:
		return isLetter(byte(r))
	case r >= 0xC0 && r <= 0x24F:
		return r != 0xD7 && r != 0xF7
	}
	return false
}

// latinBigram scores accented letters inside Latin words (é in "été") and
// at their start after a space (à, être):
// between letters they cost little more than ASCII letters, while alone among
// other characters they keep their low floor, so that Latin-1 mojibake such
// as "Ã©" stays unlikely.
func latinBigram(a, b rune) (float64, bool) {
	if a == ' ' && b >= 0xC0 && isLatinLetter(b) {
		return -7, true // a word starting with an accented letter (à, être)
	}
	if a < 0x80 && b < 0x80 || !isLatinLetter(a) || !isLatinLetter(b) {
		return 0, false
	}
	if b < 0x80 {
		return -3.2, true // an ASCII letter after an accented one
	}
	return -5, true // an accented letter after a letter
}
