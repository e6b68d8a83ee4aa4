package convert

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// CJKPunctSegments calls fn for every ASCII clause punctuation mark in s
// that stands between two CJK characters, with its full-width form:
// , ; : ? ! become ，；：？！ when the characters on both sides are CJK
// (Han, kana, or CJK punctuation such as “《, or a parenthesis that becomes
// full-width). A pair ( … ) on one line becomes （ … ） when its content
// contains a Han character, no ASCII letter and no parenthesis that stays
// ASCII; (NLP), (1) and f(x) stay ASCII. The result is its own fixed point:
// CJKPunct(CJKPunct(s)) == CJKPunct(s).
func CJKPunctSegments(s string, fn func(start, end int, repl string)) {
	lineStart := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			cjkPunctLine(s, lineStart, i, fn)
			lineStart = i + 1
		}
	}
}

// CJKPunct returns s with ASCII clause punctuation between CJK characters
// turned into full-width forms (see CJKPunctSegments).
func CJKPunct(s string) string { return spliceSegments(s, CJKPunctSegments) }

var fullwidthPunct = [128]string{',': "，", ';': "；", ':': "：", '?': "？", '!': "！", '(': "（", ')': "）"}

// cjkPunctLine calls fn for the marks of the line s[start:end] that become
// full-width, in order. The pairs of parentheses that become full-width are
// decided first, inner pairs before the pairs around them: a pair converted
// is CJK punctuation to the pair around it and to the marks next to it, as
// it is to a second pass over the converted text (which would otherwise
// convert the , of 字节),（如, the ? of 層?） and the outer pair of
// (基地址（16进制）)).
func cjkPunctLine(s string, start, end int, fn func(int, int, string)) {
	var pairs []int // the offsets of the parentheses that become full-width
	var opens []int // the unmatched '('
	for i := start; i < end; i++ {
		switch s[i] {
		case '(':
			opens = append(opens, i)
		case ')':
			if len(opens) == 0 {
				continue
			}
			open := opens[len(opens)-1]
			opens = opens[:len(opens)-1]
			if parenIsCJK(s, open, i, pairs) {
				pairs = append(pairs, open, i)
			}
		}
	}
	slices.Sort(pairs)
	// cjkAt reports whether the rune r at offset j is CJK, or will be.
	cjkAt := func(r rune, j int) bool {
		if r == '(' || r == ')' {
			_, found := slices.BinarySearch(pairs, j)
			return found
		}
		return isCJK(r)
	}
	k := 0 // pairs[k] is the next parenthesis to convert
	for i := start; i < end; i++ {
		switch c := s[i]; c {
		case ',', ';', ':', '?', '!':
			prev, n := utf8.DecodeLastRuneInString(s[start:i])
			next, _ := utf8.DecodeRuneInString(s[i+1 : end])
			if cjkAt(prev, i-n) && cjkAt(next, i+1) {
				fn(i, i+1, fullwidthPunct[c])
			}
		case '(', ')':
			if k < len(pairs) && pairs[k] == i {
				fn(i, i+1, fullwidthPunct[c])
				k++
			}
		}
	}
}

// parenIsCJK reports whether the pair of parentheses at open and close
// becomes full-width: its content holds a Han character, no ASCII letter,
// and no parenthesis but those of the pairs inside it that do (pairs).
func parenIsCJK(s string, open, close int, pairs []int) bool {
	han := false
	for j, r := range s[open+1 : close] {
		switch {
		case r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'):
			return false
		case r == '(' || r == ')':
			if !slices.Contains(pairs, open+1+j) {
				return false
			}
		case unicode.Is(unicode.Han, r):
			han = true
		}
	}
	return han
}

// isCJK reports whether r is a Han character, kana, or CJK punctuation.
func isCJK(r rune) bool {
	switch {
	case r < 0x2E80:
		return r == '“' || r == '”' || r == '‘' || r == '’' || r == '…'
	case r >= 0x3000 && r <= 0x30FF: // CJK punctuation, kana
		return true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// SpaceCommaSegments calls fn for every single ASCII space in s that stands
// for a missing "，" between two clauses of a sentence: both neighbours are
// Han characters, each side has at least four Han characters since the
// previous break, and the line ends with sentence-final punctuation (so that
// titles and bylines such as 市土地儲備中心 豐安軍 stay).
func SpaceCommaSegments(s string, fn func(start, end int, repl string)) {
	lineStart := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			spaceCommaLine(s[lineStart:i], lineStart, fn)
			lineStart = i + 1
		}
	}
}

// SpaceComma returns s with spaces standing for commas replaced (see
// SpaceCommaSegments).
func SpaceComma(s string) string { return spliceSegments(s, SpaceCommaSegments) }

const minClauseHan = 4

func spaceCommaLine(line string, off int, fn func(int, int, string)) {
	last, _ := utf8.DecodeLastRuneInString(line)
	if last != '。' && last != '！' && last != '？' && last != '!' && last != '?' && last != '”' {
		return
	}
	before := 0 // Han characters since the last break
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == ' ':
			prev, _ := utf8.DecodeLastRuneInString(line[:i])
			if before >= minClauseHan && unicode.Is(unicode.Han, prev) && hanRunAfter(line[i+1:]) >= minClauseHan {
				fn(off+i, off+i+1, "，")
			}
			before = 0
		case unicode.Is(unicode.Han, r):
			before++
		default:
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				before = 0
			}
		}
		i += size
	}
}

// hanRunAfter counts the Han characters at the start of s up to the next
// space or punctuation.
func hanRunAfter(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			if r == ' ' || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			continue
		}
		n++
	}
	return n
}
