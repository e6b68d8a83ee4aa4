package convert

import (
	"unicode"
	"unicode/utf8"
)

// CJKPunctSegments calls fn for every ASCII clause punctuation mark in s
// that stands between two CJK characters, with its full-width form:
// , ; : ? ! become ，；：？！ when the characters on both sides are CJK
// (Han, kana, or CJK punctuation such as “《). A pair ( … ) on one line
// becomes （ … ） when its content contains a Han character and no ASCII
// letter; (NLP), (1) and f(x) stay ASCII.
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

func cjkPunctLine(s string, start, end int, fn func(int, int, string)) {
	open := -1 // position of an unmatched '(' that qualifies so far
	for i := start; i < end; i++ {
		c := s[i]
		switch c {
		case ',', ';', ':', '?', '!':
			if open >= 0 {
				continue // inside parentheses: decided with the pair
			}
			prev, _ := utf8.DecodeLastRuneInString(s[start:i])
			next, _ := utf8.DecodeRuneInString(s[i+1 : end])
			if isCJK(prev) && isCJK(next) {
				fn(i, i+1, fullwidthPunct[c])
			}
		case '(':
			open = i
		case ')':
			if open < 0 {
				continue
			}
			if parenIsCJK(s, open, i) {
				fn(open, open+1, fullwidthPunct['('])
				cjkPunctLine(s, open+1, i, fn)
				fn(i, i+1, fullwidthPunct[')'])
			} else {
				cjkPunctInner(s, open+1, i, fn)
			}
			open = -1
		}
	}
	if open >= 0 {
		cjkPunctInner(s, open+1, end, fn)
	}
}

// cjkPunctInner handles the clause marks of a stretch that was skipped
// because it followed '(' without a matching qualifying pair.
func cjkPunctInner(s string, start, end int, fn func(int, int, string)) {
	cjkPunctLine(s, start, end, fn)
}

func parenIsCJK(s string, open, close int) bool {
	han := false
	for _, r := range s[open+1 : close] {
		switch {
		case r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'):
			return false
		case r == '(' || r == ')':
			return false
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
