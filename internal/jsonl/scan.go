package jsonl

import (
	"bytes"
	"encoding/binary"
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

// Error gives the message and the byte offset in the line.
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

// strStop marks the bytes that end a run of plain string content: the
// quote, the backslash and the control characters JSON forbids in strings.
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// skipString returns the offset after the string that starts with the
// quote at line[i], checking its escapes and that it has no raw control
// characters.
func skipString(line []byte, i int) (int, error) {
	start := i
	i++
	for i < len(line) {
		if i = plainEnd(line, i); i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '"':
			return i + 1, nil
		case c == '\\':
			if i+1 >= len(line) {
				return 0, &SyntaxError{Msg: "unterminated string", Offset: start}
			}
			switch line[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(line[i+2:]); !ok {
					return 0, &SyntaxError{Msg: "invalid \\u escape in string", Offset: i}
				}
				i += 6
			default:
				return 0, &SyntaxError{Msg: fmt.Sprintf("invalid escape %q in string", line[i:i+2]), Offset: i}
			}
		default:
			return 0, &SyntaxError{Msg: fmt.Sprintf("invalid control character %q in string", c), Offset: i}
		}
	}
	return 0, &SyntaxError{Msg: "unterminated string", Offset: start}
}

// plainChunk is how much of a line plainEnd searches at a time.
const plainChunk = 1024

// plainEnd returns the offset of the first stop byte (strStop) in line at
// or after i, or len(line) if there is none. It searches a chunk of
// plainChunk bytes at a time: bytes.IndexByte (vectorised) finds the first
// quote and the first backslash before it, and only the bytes before
// those are tested for control characters (firstControl). The chunks
// bound the searches, so that a line of many short strings is not
// searched to its end for each of them.
func plainEnd(line []byte, i int) int {
	for i < len(line) {
		chunk := line[i:min(i+plainChunk, len(line))]
		n := len(chunk)
		if k := bytes.IndexByte(chunk, '"'); k >= 0 {
			n = k
		}
		if k := bytes.IndexByte(chunk[:n], '\\'); k >= 0 {
			n = k
		}
		if k := firstControl(chunk[:n]); k >= 0 {
			return i + k
		}
		if n < len(chunk) {
			return i + n
		}
		i += n
	}
	return len(line)
}

// firstControl returns the offset of the first byte of b below 0x20, or -1
// if there is none. It passes over sixteen bytes at a time while none of
// them is one, by the classic "has a byte less than n" word test, which is
// exact about whether some byte of the word qualifies.
func firstControl(b []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for w := b; len(w) >= 16; w = w[16:] {
		x, y := binary.LittleEndian.Uint64(w[:8]), binary.LittleEndian.Uint64(w[8:16])
		if ((x-0x20*ones)&^x|(y-0x20*ones)&^y)&highs != 0 {
			break
		}
		i += 16
	}
	for ; i < len(b); i++ {
		if b[i] < 0x20 {
			return i
		}
	}
	return -1
}

// maxDepth bounds the nesting of arrays and objects, as in encoding/json.
const maxDepth = 10000

// skipValue returns the offset after the JSON value at line[i], checking
// its grammar.
func skipValue(line []byte, i int) (int, error) {
	return skipValueDepth(line, i, 0)
}

func skipValueDepth(line []byte, i, depth int) (int, error) {
	if i >= len(line) {
		return 0, syntaxErr(line, i, "a value")
	}
	switch c := line[i]; {
	case c == '"':
		return skipString(line, i)
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return 0, &SyntaxError{Msg: "nested too deeply", Offset: i}
		}
		return skipComposite(line, i, depth+1)
	case c == '-' || (c >= '0' && c <= '9'):
		return skipNumber(line, i)
	case c == 't':
		return skipLiteral(line, i, "true")
	case c == 'f':
		return skipLiteral(line, i, "false")
	case c == 'n':
		return skipLiteral(line, i, "null")
	default:
		return 0, syntaxErr(line, i, "a value")
	}
}

func skipLiteral(line []byte, i int, lit string) (int, error) {
	if len(line)-i >= len(lit) && string(line[i:i+len(lit)]) == lit {
		return i + len(lit), nil
	}
	return 0, &SyntaxError{Msg: "invalid literal, want " + lit, Offset: i}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func skipNumber(line []byte, i int) (int, error) {
	start := i
	bad := func() (int, error) { return 0, &SyntaxError{Msg: "invalid number", Offset: start} }
	if line[i] == '-' {
		i++
	}
	switch {
	case i < len(line) && line[i] == '0':
		i++
	case i < len(line) && isDigit(line[i]):
		for i < len(line) && isDigit(line[i]) {
			i++
		}
	default:
		return bad()
	}
	if i < len(line) && line[i] == '.' {
		i++
		if i >= len(line) || !isDigit(line[i]) {
			return bad()
		}
		for i < len(line) && isDigit(line[i]) {
			i++
		}
	}
	if i < len(line) && (line[i] == 'e' || line[i] == 'E') {
		i++
		if i < len(line) && (line[i] == '+' || line[i] == '-') {
			i++
		}
		if i >= len(line) || !isDigit(line[i]) {
			return bad()
		}
		for i < len(line) && isDigit(line[i]) {
			i++
		}
	}
	return i, nil
}

// skipComposite checks and skips the object or array at line[i].
func skipComposite(line []byte, i, depth int) (int, error) {
	obj := line[i] == '{'
	closing := byte(']')
	if obj {
		closing = '}'
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == closing {
		return i + 1, nil
	}
	for {
		if obj {
			if i >= len(line) || line[i] != '"' {
				return 0, syntaxErr(line, i, "object key string")
			}
			end, err := skipString(line, i)
			if err != nil {
				return 0, err
			}
			i = skipSpace(line, end)
			if i >= len(line) || line[i] != ':' {
				return 0, syntaxErr(line, i, "':' after object key")
			}
			i = skipSpace(line, i+1)
		}
		end, err := skipValueDepth(line, i, depth)
		if err != nil {
			return 0, err
		}
		i = skipSpace(line, end)
		if i >= len(line) {
			return 0, syntaxErr(line, i, fmt.Sprintf("',' or %q", closing))
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case closing:
			return i + 1, nil
		default:
			return 0, syntaxErr(line, i, fmt.Sprintf("',' or %q", closing))
		}
	}
}
