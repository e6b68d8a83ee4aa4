package detect

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A pattern is a sequence of literal text (already folded) and wildcards,
// matched against folded lines by a small backtracking matcher. Patterns are
// short and wildcards are bounded, so a match costs a few hundred byte
// comparisons at most; no regular expressions are involved.
type pattern struct {
	toks []token
}

type tokKind uint8

const (
	tLit   tokKind = iota // literal folded text
	tAny                  // {*}: any text, shortest first, at most maxAnyBytes unless last
	tNum                  // {n}: one or more ASCII digits, with groups of three after commas (1,204)
	tDate                 // {date}: a date or time: digits and - / . : 年 月 日 号 时 分 秒
	tName                 // {name}: 1 to 12 characters without clause punctuation (see nameStop)
	tKV                   // {kv}: two or more key=digits pairs joined by & , or ;
	tQuery                // {query}: two or more key=value pairs joined by &, as in a URL
	tSep                  // {sep}: a separator: one of : ] > | / - · or a space, or the end of the line
	tTools                // {tools}: a row of buttons and counters (see toolRow)
	tLinks                // {links}: a row of header or footer links (see linkRow)
)

type token struct {
	kind tokKind
	lit  string
}

// maxAnyBytes bounds a {*} that is not the last token of a pattern.
const maxAnyBytes = 400

var wildcards = map[string]tokKind{"*": tAny, "n": tNum, "date": tDate, "name": tName, "kv": tKV, "query": tQuery, "sep": tSep, "tools": tTools, "links": tLinks}

// parsePattern parses pattern source text: literal text with {*}, {n},
// {date}, {name}, {kv}, {query}, {sep}, {tools} and {links} wildcards; "{{"
// and "}}" stand for literal braces.
// Literal text is folded.
func parsePattern(src string) (pattern, error) {
	var p pattern
	var lit strings.Builder
	flush := func() {
		if lit.Len() == 0 {
			return
		}
		if f := foldString(lit.String()); f != "" {
			if n := len(p.toks); n > 0 && p.toks[n-1].kind == tLit {
				p.toks[n-1].lit += f
			} else {
				p.toks = append(p.toks, token{kind: tLit, lit: f})
			}
		}
		lit.Reset()
	}
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "{{"):
			lit.WriteByte('{')
			i += 2
		case strings.HasPrefix(src[i:], "}}"):
			lit.WriteByte('}')
			i += 2
		case src[i] == '{':
			j := strings.IndexByte(src[i:], '}')
			if j < 0 {
				return p, fmt.Errorf("unclosed wildcard at %q (write {{ for a literal brace)", src[i:])
			}
			name := src[i+1 : i+j]
			k, ok := wildcards[name]
			if !ok {
				return p, fmt.Errorf("unknown wildcard {%s}: want {*}, {n}, {date}, {name}, {kv}, {query}, {sep}, {tools} or {links}", name)
			}
			flush()
			i += j + 1
			if n := len(p.toks); n > 0 && k == tAny && p.toks[n-1].kind == tAny {
				break // {*}{*} is {*}
			}
			p.toks = append(p.toks, token{kind: k})
		default:
			lit.WriteByte(src[i])
			i++
		}
	}
	flush()
	wild := 0
	for _, t := range p.toks {
		if t.kind != tLit {
			wild++
		}
	}
	if wild > maxWildcards {
		return p, fmt.Errorf("%d wildcards, at most %d", wild, maxWildcards)
	}
	if len(p.toks) == 0 {
		return p, fmt.Errorf("empty pattern")
	}
	if len(p.toks) == 1 && p.toks[0].kind == tAny {
		return p, fmt.Errorf("pattern {*} alone matches everything")
	}
	return p, nil
}

// equal reports whether p and q are the same pattern.
func (p pattern) equal(q pattern) bool {
	if len(p.toks) != len(q.toks) {
		return false
	}
	for i := range p.toks {
		if p.toks[i] != q.toks[i] {
			return false
		}
	}
	return true
}

// firstLit returns the leading literal of p, or "".
func (p pattern) firstLit() string {
	if len(p.toks) > 0 && p.toks[0].kind == tLit {
		return p.toks[0].lit
	}
	return ""
}

// match reports whether p matches the folded line f.b starting at i, and
// where the match ends. With needEnd the match must end at len(f.b).
func (p pattern) match(f *folder, i int, needEnd bool) (int, bool) {
	return matchToks(p.toks, f, i, needEnd, &f.budget)
}

// maxNumSteps bounds the digits and separators of a {n} or {date}.
const maxNumSteps = 48

// maxLen returns the most bytes of a folded line that a match of p can
// span, and false when p does not bound it (a {*} at its end, {kv},
// {query}).
func (p pattern) maxLen() (int, bool) {
	n := 0
	for k, t := range p.toks {
		switch t.kind {
		case tLit:
			n += len(t.lit)
		case tAny:
			if k == len(p.toks)-1 {
				return 0, false
			}
			n += maxAnyBytes
		case tNum, tDate:
			n += maxNumSteps * 3 // a digit or a separator of up to three bytes a step
		case tTools, tLinks:
			n += maxRowBytes
		case tName:
			n += 12 * utf8.UTFMax
		case tSep:
			n += len("·")
		default:
			return 0, false
		}
	}
	return n, true
}

// matchBudget bounds the matching steps spent on one line (plus
// matchBudgetPerByte per byte of the folded line), so that patterns with
// many wildcards cannot backtrack for long: once the budget is spent, the
// line's remaining match attempts fail.
const (
	matchBudget        = 20000
	matchBudgetPerByte = 64
)

// maxWildcards bounds the wildcards of one pattern.
const maxWildcards = 6

func matchToks(toks []token, f *folder, i int, needEnd bool, budget *int) (int, bool) {
	if *budget <= 0 {
		return 0, false
	}
	*budget--
	b := f.b
	if len(toks) == 0 {
		if needEnd && i != len(b) {
			return 0, false
		}
		return i, true
	}
	t, rest := toks[0], toks[1:]
	switch t.kind {
	case tLit:
		if !bytes.HasPrefix(b[i:], []byte(t.lit)) {
			return 0, false
		}
		return matchToks(rest, f, i+len(t.lit), needEnd, budget)
	case tAny:
		if len(rest) == 0 {
			if needEnd {
				return len(b), true
			}
			return i, true
		}
		limit := len(b)
		if limit-i > maxAnyBytes {
			limit = i + maxAnyBytes
		}
		next := rest[0]
		for j := i; j <= limit; {
			if next.kind != tLit || bytes.HasPrefix(b[j:], []byte(next.lit)) {
				if e, ok := matchToks(rest, f, j, needEnd, budget); ok {
					return e, true
				}
			}
			if next.kind == tLit {
				hi := min(len(b), limit+len(next.lit))
				if j+1 > hi {
					return 0, false
				}
				k := bytes.Index(b[j+1:hi], []byte(next.lit))
				if k < 0 {
					return 0, false
				}
				j += 1 + k
				continue
			}
			if j == len(b) {
				break
			}
			_, size := utf8.DecodeRune(b[j:])
			j += size
		}
		return 0, false
	case tNum, tDate:
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		var ends [maxNumSteps]int
		n := 0
		j := i
		for j < len(b) && n < len(ends) {
			if b[j] >= '0' && b[j] <= '9' {
				j++
			} else if t.kind == tNum && thousands(b, j) {
				j += 4
			} else if t.kind == tDate && dateSepLen(b[j:]) > 0 {
				j += dateSepLen(b[j:])
			} else {
				break
			}
			ends[n] = j
			n++
		}
		for k := n - 1; k >= 0; k-- { // longest first
			if e, ok := matchToks(rest, f, ends[k], needEnd, budget); ok {
				return e, true
			}
		}
		return 0, false
	case tName:
		j, n := i, 0
		for j < len(b) && n < 12 {
			r, size := utf8.DecodeRune(b[j:])
			if nameStop(r) {
				break
			}
			j += size
			n++
			if e, ok := matchToks(rest, f, j, needEnd, budget); ok {
				return e, true
			}
		}
		return 0, false
	case tSep:
		if i == len(b) {
			return matchToks(rest, f, i, needEnd, budget)
		}
		switch b[i] {
		case ':', ']', '>', '|', '/', '-':
			return matchToks(rest, f, i+1, needEnd, budget)
		}
		if bytes.HasPrefix(b[i:], []byte("·")) {
			return matchToks(rest, f, i+len("·"), needEnd, budget)
		}
		if f.gap(i) {
			return matchToks(rest, f, i, needEnd, budget)
		}
		return 0, false
	case tTools, tLinks:
		row := toolRow
		if t.kind == tLinks {
			row = linkRow
		}
		if !row.mayStart(b, i) {
			return 0, false
		}
		var buf [16]int
		ends := row.ends(b, i, buf[:0])
		for k := len(ends) - 1; k >= 0; k-- { // longest first
			if e, ok := matchToks(rest, f, ends[k], needEnd, budget); ok {
				return e, true
			}
		}
		return 0, false
	case tKV:
		if j, ok := keyValuePairs(b, i, isDigit, "&,;"); ok {
			return matchToks(rest, f, j, needEnd, budget)
		}
		return 0, false
	case tQuery:
		if j, ok := keyValuePairs(b, i, isQueryValue, "&"); ok {
			return matchToks(rest, f, j, needEnd, budget)
		}
		return 0, false
	}
	return 0, false
}

// keyValuePairs matches at byte i of the folded line b two or more
// key=value pairs, each joined to the next by one of the bytes of joins
// before a letter: a key of letters, digits and _ that starts with a letter
// or _, a value of one or more bytes that value accepts. It returns the end
// of the last pair. {kv} wants digits as values, joined by & , or ;
// (book=43,ebook=38); {query} the values of a URL's query string, joined by
// & (from=timeline&isappinstalled=0).
func keyValuePairs(b []byte, i int, value func(byte) bool, joins string) (int, bool) {
	j, pairs := i, 0
	for {
		k := j
		for k < len(b) && (b[k] >= 'a' && b[k] <= 'z' || b[k] == '_' || k > j && isDigit(b[k])) {
			k++
		}
		if k == j || k >= len(b) || b[k] != '=' {
			break
		}
		v := k + 1
		for v < len(b) && value(b[v]) {
			v++
		}
		if v == k+1 {
			break
		}
		pairs++
		j = v
		if j+1 < len(b) && strings.IndexByte(joins, b[j]) >= 0 && b[j+1] >= 'a' && b[j+1] <= 'z' {
			j++
			continue
		}
		break
	}
	return j, pairs >= 2
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// thousands reports whether a group of a number's thousands starts at byte
// j of the folded line b, after a digit: a comma and three digits, the
// last of the number (1,204 and 356,789, not the list 1,2 or 1,2345).
func thousands(b []byte, j int) bool {
	return j > 0 && isDigit(b[j-1]) && j+3 < len(b) && b[j] == ',' && isDigit(b[j+1]) && isDigit(b[j+2]) && isDigit(b[j+3]) &&
		(j+4 == len(b) || !isDigit(b[j+4]))
}

// isQueryValue reports whether c may stand in the value of a URL's query
// string: a letter, a digit or one of _ . - %.
func isQueryValue(c byte) bool {
	return c >= 'a' && c <= 'z' || isDigit(c) || c == '_' || c == '.' || c == '-' || c == '%'
}

// dateSepLen returns the length of a date or time separator at the start of
// b: - / . : and 年 月 日 号 时 分 秒.
func dateSepLen(b []byte) int {
	switch b[0] {
	case '-', '/', '.', ':':
		return 1
	}
	if len(b) >= 3 {
		switch string(b[:3]) {
		case "年", "月", "日", "号", "时", "分", "秒":
			return 3
		}
	}
	return 0
}

// nameStop reports whether r ends a {name}: clause punctuation, brackets,
// quotes, and the marks that join names in a line (> | =) or stand around
// a placeholder (<键>=<值>).
func nameStop(r rune) bool {
	switch r {
	case ',', '.', ';', ':', '!', '?', '(', ')', '[', ']', '"', '。', '、', '《', '》', '<', '>', '=', '|', utf8.RuneError:
		return true
	}
	return false
}
