package jsonl

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// AppendUnquote appends the bytes that the JSON string literal s (with its
// quotes) stands for to dst. Escapes are decoded; a \u escape of a lone
// surrogate becomes U+FFFD, as in encoding/json. Bytes that are not valid
// UTF-8 are copied as they are — unlike encoding/json, which replaces
// them — so that the caller can tell raw bytes in another encoding from
// text.
func AppendUnquote(dst, s []byte) ([]byte, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return dst, &SyntaxError{Msg: "not a JSON string"}
	}
	s = s[1 : len(s)-1]
	for len(s) > 0 {
		j := bytes.IndexByte(s, '\\')
		if j < 0 {
			return append(dst, s...), nil
		}
		dst = append(dst, s[:j]...)
		s = s[j:]
		if len(s) < 2 {
			return dst, &SyntaxError{Msg: "unterminated escape"}
		}
		switch c := s[1]; c {
		case '"', '\\', '/':
			dst = append(dst, c)
			s = s[2:]
		case 'b':
			dst, s = append(dst, '\b'), s[2:]
		case 'f':
			dst, s = append(dst, '\f'), s[2:]
		case 'n':
			dst, s = append(dst, '\n'), s[2:]
		case 'r':
			dst, s = append(dst, '\r'), s[2:]
		case 't':
			dst, s = append(dst, '\t'), s[2:]
		case 'u':
			r, ok := hex4(s[2:])
			if !ok {
				return dst, &SyntaxError{Msg: "bad \\u escape"}
			}
			s = s[6:]
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(-1), false
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					r2, ok2 = hex4(s[2:])
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					s = s[6:]
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
		default:
			return dst, &SyntaxError{Msg: "bad escape \\" + string(rune(c))}
		}
	}
	return dst, nil
}

func hex4(s []byte) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// needsEscape marks the ASCII bytes that Quote escapes.
var needsEscape = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

const hexDigits = "0123456789abcdef"

// AppendQuote appends s as a JSON string literal to dst. Only what JSON
// requires is escaped ('"', '\\' and control characters, with the short
// forms \n \r \t \b \f), plus U+2028 and U+2029 as encoding/json does;
// everything else, non-ASCII included, is written as UTF-8. Invalid UTF-8
// becomes \ufffd.
func AppendQuote(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !needsEscape[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		if i < len(s)-3 {
			// Chinese text is three-byte characters: read with the byte
			// after them in one load (the last three bytes of s take the
			// path below), those whose lead byte takes any continuation
			// bytes are valid, and those of lead byte E2, of U+2000–U+2FFF,
			// are left to the path below, which escapes U+2028 and U+2029.
			// A run of them is passed over in a loop of its own.
			k := i
			for ; k < len(s)-3; k += 3 {
				w := uint32(s[k]) | uint32(s[k+1])<<8 | uint32(s[k+2])<<16 | uint32(s[k+3])<<24
				if lead := byte(w); w&0xC0C0F0 != 0x8080E0 || lead == 0xE0 || lead == 0xE2 || lead == 0xED {
					break
				}
			}
			if k > i {
				i = k
				continue
			}
		}
		// Decoded inline where it can.
		r, size := rune(0), 3
		if r3, ok := utf8x.Decode3(s, i); ok {
			r = r3
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
