package jsonl

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		line string
		keys []string // raw keys
		vals []string // raw values
	}{
		{"empty object", `{}`, nil, nil},
		{"spaces", " \t{ } \r", nil, nil},
		{"one", `{"text":"a"}`, []string{`"text"`}, []string{`"a"`}},
		{"odd spaces", "{ \"id\" :\t7 ,\"text\"  :  \"x\\\"y\" }", []string{`"id"`, `"text"`}, []string{`7`, `"x\"y"`}},
		{"nested", `{"a":{"b":[1,{"c":"]}"}]},"text":"t","z":[]}`, []string{`"a"`, `"text"`, `"z"`},
			[]string{`{"b":[1,{"c":"]}"}]}`, `"t"`, `[]`}},
		{"literals", `{"a":null,"b":true,"c":false,"d":-1.5e3}`, []string{`"a"`, `"b"`, `"c"`, `"d"`},
			[]string{`null`, `true`, `false`, `-1.5e3`}},
		{"escaped key", `{"te\u0078t":"v"}`, []string{`"te\u0078t"`}, []string{`"v"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o Object
			require.NoError(t, Parse([]byte(tt.line), &o))
			require.Len(t, o.Members, len(tt.keys))
			line := []byte(tt.line)
			for i, m := range o.Members {
				assert.Equal(t, tt.keys[i], string(m.Key(line)))
				assert.Equal(t, tt.vals[i], string(m.Value(line)))
			}
			assert.Equal(t, byte('}'), line[o.Close])
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		line      string
		notObject bool
	}{
		{``, false},
		{`   `, false},
		{`[1,2]`, true},
		{`"text"`, true},
		{`42`, true},
		{`{`, false},
		{`{"a"}`, false},
		{`{"a":}`, false},
		{`{"a":1,}`, false},
		{`{"a":"x}`, false},
		{`{"a":[1}`, false},
		{`{"a":1} x`, false},
		{`{a:1}`, false},
		{`{"a":01}`, false},
		{`{"a":1.}`, false},
		{`{"a":-}`, false},
		{`{"a":1e}`, false},
		{`{"a":tru}`, false},
		{`{"a":nul}`, false},
		{`{"a":[1,]}`, false},
		{`{"a":{"b" 1}}`, false},
		{`{"a":"\x"}`, false},
		{`{"a":"\u12G4"}`, false},
		{"{\"a\":\"\t\"}", false},
		{`{"a":[1 2]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			var o Object
			err := Parse([]byte(tt.line), &o)
			require.Error(t, err)
			if tt.notObject {
				assert.ErrorIs(t, err, ErrNotObject)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	require.NoError(t, Validate([]byte(`{"a":1}`)))
	err := Validate([]byte(`{not json`))
	require.Error(t, err)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 2, se.Offset)
	assert.Contains(t, err.Error(), "invalid character 'n'")
	assert.Error(t, Validate([]byte("{\"a\":\"\x00\"}")), "raw control character in a string")
}

func TestFind(t *testing.T) {
	line := []byte(`{"text":"first","id":1,"t\u0065xt":"last"}`)
	var o Object
	require.NoError(t, Parse(line, &o))
	k := o.Find(line, "text")
	require.Equal(t, 2, k, "the last of duplicate keys wins, as in JSON decoders")
	assert.Equal(t, `"last"`, string(o.Members[k].Value(line)))
	assert.Equal(t, -1, o.Find(line, "missing"))
}

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`""`, ""},
		{`"abc"`, "abc"},
		{`"汉字"`, "汉字"},
		{`"\u00e9\/\"\\\b\f\n\r\t"`, "é/\"\\\b\f\n\r\t"},
		{`"\ud83d\ude00"`, "😀"},
		{`"\ud83d x"`, "\uFFFD x"},
		{`"\ude00"`, "\uFFFD"},
		{"\"raw \xb0\xa1 bytes\"", "raw \xb0\xa1 bytes"},
	}
	for _, tt := range tests {
		got, err := AppendUnquote(nil, []byte(tt.in))
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, string(got), tt.in)
	}
	for _, bad := range []string{``, `"`, `abc`, `"\x"`, `"\u12"`, `"\`} {
		_, err := AppendUnquote(nil, []byte(bad))
		assert.Error(t, err, bad)
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"汉字 abc", `"汉字 abc"`},
		{"a\"b\\c", `"a\"b\\c"`},
		{"\n\r\t\b\f\x00\x1f", `"\n\r\t\b\f\u0000\u001f"`},
		{"<&>/", `"<&>/"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"bad \xff", `"bad \ufffd"`},
	}
	for _, tt := range tests {
		got := string(AppendQuote(nil, tt.in))
		assert.Equal(t, tt.want, got)
		var back string
		require.NoError(t, json.Unmarshal([]byte(got), &back))
		if utf8.ValidString(tt.in) {
			assert.Equal(t, tt.in, back)
		}
	}
}

func TestEdits(t *testing.T) {
	line := []byte(`{ "id" : "\u00e9\/" ,  "text":"旧" , "meta":{"x":[1, 2]} }`)
	var o Object
	require.NoError(t, Parse(line, &o))
	m := o.Members[o.Find(line, "text")]
	got := AppendEdits(nil, line, ReplaceValue(m, AppendQuote(nil, "新")))
	assert.Equal(t, `{ "id" : "\u00e9\/" ,  "text":"新" , "meta":{"x":[1, 2]} }`, string(got))

	add := o.SetMember(line, "hanfix", []byte(`{"n":1}`), nil)
	got = AppendEdits(nil, line, ReplaceValue(m, []byte(`"新"`)), add)
	assert.Equal(t, `{ "id" : "\u00e9\/" ,  "text":"新" , "meta":{"x":[1, 2]} ,"hanfix":{"n":1}}`, string(got))

	// A second SetMember replaces the member instead of adding a duplicate.
	var o2 Object
	require.NoError(t, Parse(got, &o2))
	again := AppendEdits(nil, got, o2.SetMember(got, "hanfix", []byte(`2`), nil))
	assert.Equal(t, `{ "id" : "\u00e9\/" ,  "text":"新" , "meta":{"x":[1, 2]} ,"hanfix":2}`, string(again))

	var empty Object
	require.NoError(t, Parse([]byte(`{ }`), &empty))
	assert.Equal(t, `{ "k":true}`, string(AppendEdits(nil, []byte(`{ }`), empty.SetMember([]byte(`{ }`), "k", []byte("true"), nil))))
}

func TestAppendWithout(t *testing.T) {
	line := []byte(`{"id" : 1, "text":"长文本", "meta":{"a":"b"}}`)
	var o Object
	require.NoError(t, Parse(line, &o))
	got := AppendWithout(nil, line, &o, func(m Member) bool { return KeyEqual(m.Key(line), "text") }, []byte(`"script":"none"`))
	assert.Equal(t, `{"id" : 1,"meta":{"a":"b"},"script":"none"}`, string(got))
	assert.True(t, json.Valid(got))
	assert.Equal(t, `{}`, string(AppendWithout(nil, line, &o, func(Member) bool { return true }, nil)))
}

// FuzzJSONLine checks that Parse never panics, agrees with encoding/json on
// which lines are objects, and that splicing a member's own value back
// gives the identical line, and a re-encoded string value an equivalent one.
func FuzzJSONLine(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"text":"汉字","meta":{"n":7,"tags":["x","y"]}}`,
		`{ "text" : "\u00e9\/\n" , "a":[1,{"b":null}] }`,
		`{}`, `[]`, `"x"`, `{"text":5}`, `{"text":"\ud83d"}`, "{\"text\":\"\xff\"}",
		`{"a":"\\"}`, `{"a":{"b":{"c":[[[]]]}}}`, `{not json`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var o Object
		perr := Parse(line, &o)
		verr := Validate(line)
		trimmed := strings.TrimLeft(string(line), " \t\r\n")
		if isObject := verr == nil && strings.HasPrefix(trimmed, "{"); isObject != (perr == nil) {
			t.Fatalf("Parse error %v, but encoding/json says valid=%v", perr, verr == nil)
		}
		if perr != nil || verr != nil {
			return
		}
		for _, m := range o.Members {
			same := AppendEdits(nil, line, ReplaceValue(m, m.Value(line)))
			if string(same) != string(line) {
				t.Fatalf("splicing the same value back changed the line")
			}
			if !m.IsString(line) {
				continue
			}
			dec, err := AppendUnquote(nil, m.Value(line))
			if err != nil {
				t.Fatalf("unquote %q: %v", m.Value(line), err)
			}
			var want string
			if err := json.Unmarshal(m.Value(line), &want); err != nil {
				t.Fatalf("encoding/json rejects %q: %v", m.Value(line), err)
			}
			if utf8.Valid(dec) && string(dec) != want {
				t.Fatalf("unquote %q = %q, encoding/json says %q", m.Value(line), dec, want)
			}
			q := AppendQuote(nil, string(dec))
			spliced := AppendEdits(nil, line, ReplaceValue(m, q))
			if !json.Valid(spliced) {
				t.Fatalf("spliced line is not valid JSON: %q", spliced)
			}
			var o2 Object
			if err := Parse(spliced, &o2); err != nil || len(o2.Members) != len(o.Members) {
				t.Fatalf("spliced line parses differently: %v", err)
			}
			back, err := AppendUnquote(nil, q)
			if err != nil || (utf8.Valid(dec) && string(back) != string(dec)) {
				t.Fatalf("quote/unquote round trip of %q gave %q (%v)", dec, back, err)
			}
		}
	})
}

// TestPlainEnd checks the chunked search of skipString against strStop
// byte by byte: every byte value at positions around the word and chunk
// edges of lines of several lengths, and random lines.
func TestPlainEnd(t *testing.T) {
	bytewise := func(line []byte, i int) int {
		for ; i < len(line); i++ {
			if strStop[line[i]] {
				return i
			}
		}
		return len(line)
	}
	for _, fill := range []byte{'a', 0x80, 0xE4, 0xFF, 0x20, '!'} {
		for _, n := range []int{1, 7, 8, 15, 16, 17, 33, plainChunk - 1, plainChunk, plainChunk + 1, 2*plainChunk + 20} {
			line := bytes.Repeat([]byte{fill}, n)
			for _, pos := range []int{0, 1, 7, 8, 15, 16, 17, n / 2, plainChunk - 1, plainChunk, plainChunk + 1, n - 1} {
				if pos < 0 || pos >= n {
					continue
				}
				for c := 0; c < 256; c++ {
					line[pos] = byte(c)
					for _, from := range []int{0, 1, pos} {
						if from <= n {
							require.Equal(t, bytewise(line, from), plainEnd(line, from), "fill %#x, length %d, byte %#x at %d, from %d", fill, n, c, pos, from)
						}
					}
				}
				line[pos] = fill
			}
		}
	}
	// Random lines of bytes near the edges: stop bytes and their
	// neighbours, rare enough that the searches run long.
	rng := rand.New(rand.NewPCG(1, 2))
	edge := []byte{0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xE4}
	for range 20000 {
		line := make([]byte, rng.IntN(3*plainChunk))
		for k := range line {
			if rng.IntN(64) == 0 {
				line[k] = edge[rng.IntN(len(edge))]
			} else {
				line[k] = 0xE4 + byte(rng.IntN(4))
			}
		}
		from := 0
		if len(line) > 0 {
			from = rng.IntN(len(line))
		}
		require.Equal(t, bytewise(line, from), plainEnd(line, from), "%x from %d", line, from)
	}
}
