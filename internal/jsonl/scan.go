package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// A Member is one top-level member of an object line, as byte offsets into
// the line: the key including its quotes is line[KeyStart:KeyEnd], the value
// line[ValueStart:ValueEnd].
type Member struct {
	KeyStart, KeyEnd     int
	ValueStart, ValueEnd int
}

// Key returns the raw key of m, including its quotes.
func (m Member) Key(line []byte) []byte { return line[m.KeyStart:m.KeyEnd] }

// Value returns the raw value of m.
func (m Member) Value(line []byte) []byte { return line[m.ValueStart:m.ValueEnd] }

// IsString reports whether the value of m is a JSON string.
func (m Member) IsString(line []byte) bool {
	return m.ValueEnd > m.ValueStart && line[m.ValueStart] == '"'
}

// Object is the result of Parse: the top-level members of an object line in
// their order, and the offset of its closing brace. An Object can be reused
// across lines to save allocations.
type Object struct {
	Members []Member
	// Close is the offset of the closing '}' of the object.
	Close int
}

// SyntaxError describes why a line is not a JSON object.
type SyntaxError struct {
	Msg    string
	Offset int // byte offset in the line
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s (at byte %d)", e.Msg, e.Offset)
}

// ErrNotObject is wrapped by the error of Parse for a valid JSON value that
// is not an object (an array, a string, a number …).
var ErrNotObject = errors.New("line is not a JSON object")

// Validate returns nil when line (without its line terminator; trailing
// white space is allowed) is exactly one valid JSON value, and otherwise a
// *SyntaxError saying what is wrong and where.
func Validate(line []byte) error {
	if json.Valid(line) {
		return nil
	}
	// Slow path, only for bad lines: let encoding/json say what is wrong.
	var v any
	err := json.Unmarshal(line, &v)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &SyntaxError{Msg: se.Error(), Offset: int(se.Offset)}
	case err != nil:
		return &SyntaxError{Msg: err.Error()}
	}
	return &SyntaxError{Msg: "invalid JSON"}
}

// Parse locates the top-level members of the JSON object in line, which may
// have white space around it. It reuses o.Members. A line that is valid JSON
// but not an object gives an error wrapping ErrNotObject.
func Parse(line []byte, o *Object) error {
	o.Members = o.Members[:0]
	o.Close = 0
	i := skipSpace(line, 0)
	if i >= len(line) {
		return &SyntaxError{Msg: "empty line", Offset: i}
	}
	if line[i] != '{' {
		return fmt.Errorf("%w (it starts with %q)", ErrNotObject, line[i])
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		o.Close = i
		return checkEnd(line, i+1)
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return syntaxErr(line, i, "object key string")
		}
		var m Member
		m.KeyStart = i
		end, err := skipString(line, i)
		if err != nil {
			return err
		}
		m.KeyEnd = end
		i = skipSpace(line, end)
		if i >= len(line) || line[i] != ':' {
			return syntaxErr(line, i, "':' after object key")
		}
		i = skipSpace(line, i+1)
		m.ValueStart = i
		end, err = skipValue(line, i)
		if err != nil {
			return err
		}
		m.ValueEnd = end
		o.Members = append(o.Members, m)
		i = skipSpace(line, end)
		if i >= len(line) {
			return syntaxErr(line, i, "',' or '}' after object value")
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			o.Close = i
			return checkEnd(line, i+1)
		default:
			return syntaxErr(line, i, "',' or '}' after object value")
		}
	}
}

// Find returns the index in o.Members of the last member whose key is name
// (as JSON decoders do, the last of duplicate keys wins), or -1.
func (o *Object) Find(line []byte, name string) int {
	for k := len(o.Members) - 1; k >= 0; k-- {
		if KeyEqual(o.Members[k].Key(line), name) {
			return k
		}
	}
	return -1
}

// KeyEqual reports whether the raw JSON string key (with quotes) decodes
// to name.
func KeyEqual(key []byte, name string) bool {
	if len(key) < 2 {
		return false
	}
	inner := key[1 : len(key)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner) == name
	}
	dec, err := AppendUnquote(nil, key)
	return err == nil && string(dec) == name
}

func checkEnd(line []byte, i int) error {
	if j := skipSpace(line, i); j < len(line) {
		return syntaxErr(line, j, "end of line after the object")
	}
	return nil
}

func syntaxErr(line []byte, i int, want string) error {
	if i >= len(line) {
		return &SyntaxError{Msg: "unexpected end of line, want " + want, Offset: i}
	}
	return &SyntaxError{Msg: fmt.Sprintf("unexpected %q, want %s", line[i], want), Offset: i}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(line []byte, i int) int {
	for i < len(line) && isSpace(line[i]) {
		i++
	}
	return i
}

// skipString returns the offset after the string that starts with the
// quote at line[i].
func skipString(line []byte, i int) (int, error) {
	start := i
	i++
	for i < len(line) {
		j := bytes.IndexAny(line[i:], "\"\\")
		if j < 0 {
			break
		}
		i += j
		if line[i] == '"' {
			return i + 1, nil
		}
		i += 2 // backslash and the escaped byte
	}
	return 0, &SyntaxError{Msg: "unterminated string", Offset: start}
}

// skipValue returns the offset after the JSON value at line[i].
func skipValue(line []byte, i int) (int, error) {
	if i >= len(line) {
		return 0, syntaxErr(line, i, "a value")
	}
	switch c := line[i]; {
	case c == '"':
		return skipString(line, i)
	case c == '{' || c == '[':
		return skipNested(line, i)
	case c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'):
		j := i
		for j < len(line) {
			c := line[j]
			if c == ',' || c == '}' || c == ']' || isSpace(c) {
				break
			}
			j++
		}
		return j, nil
	default:
		return 0, syntaxErr(line, i, "a value")
	}
}

// skipNested skips an object or array, checking that brackets match.
func skipNested(line []byte, i int) (int, error) {
	var stackBuf [32]byte
	stack := stackBuf[:0]
	start := i
	for i < len(line) {
		switch c := line[i]; c {
		case '"':
			end, err := skipString(line, i)
			if err != nil {
				return 0, err
			}
			i = end
			continue
		case '{':
			stack = append(stack, '}')
		case '[':
			stack = append(stack, ']')
		case '}', ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return 0, &SyntaxError{Msg: fmt.Sprintf("mismatched %q", c), Offset: i}
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return i + 1, nil
			}
		}
		i++
	}
	return 0, &SyntaxError{Msg: "unterminated object or array", Offset: start}
}
