package convert_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode/utf32"

	"github.com/hanfix/hanfix/convert"
)

var fuzzEncodings = []string{"utf-8", "utf-16le", "utf-16be", "gbk", "gb18030", "big5", "hz-gb-2312",
	"shift_jis", "euc-jp", "iso-2022-jp", "euc-kr", "windows-1252", "utf-32le", "utf-32be"}

func fuzzEncoding(t *testing.T, name string) encoding.Encoding {
	switch name {
	case "hz-gb-2312":
		return simplifiedchinese.HZGB2312
	case "utf-32le":
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	case "utf-32be":
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// FuzzDecode checks that Decode never panics, accounts for every U+FFFD it
// produces, and gives back any text the encoding can represent:
// Decode(encode(s)) == s whenever x/text's encoder accepts s and its own
// decoder round-trips it (Shift_JIS maps ¥ to '\', for instance) and the
// bytes do not start with a Unicode byte order mark.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "中文", "經濟", "日本語のテキスト", "한국어", "café", "a\x00b", "~{", "\xff\xfe\x00", "\x84\x31\x95\x33"} {
		for i := range fuzzEncodings {
			f.Add([]byte(s), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		name := fuzzEncodings[int(which)%len(fuzzEncodings)]
		got, errs, err := convert.Decode(b, name)
		if err != nil {
			t.Fatalf("Decode(%q, %s): %v", b, name, err)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Decode(%q, %s) = %q: invalid UTF-8", b, name, got)
		}
		prev := -1
		for _, e := range errs {
			if e.Offset <= prev || e.Len <= 0 || e.Offset+e.Len > len(b) {
				t.Fatalf("Decode(%q, %s): bad error %+v after %d", b, name, e, prev)
			}
			prev = e.Offset
		}
		if n := strings.Count(got, "\ufffd"); n < len(errs) {
			t.Fatalf("Decode(%q, %s): %d errors but %d U+FFFD", b, name, len(errs), n)
		}
		// Round trip of the bytes read as text.
		s := string(b)
		if !utf8.ValidString(s) || strings.HasPrefix(s, "\ufeff") {
			return
		}
		e := fuzzEncoding(t, name)
		enc, err := e.NewEncoder().String(s)
		if err != nil {
			return // not representable
		}
		if ref, err := e.NewDecoder().String(enc); err != nil || ref != s {
			return // the encoding itself does not round-trip s
		}
		for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff", "\x00\x00\xfe\xff"} {
			if strings.HasPrefix(enc, bom) {
				return // a Unicode byte order mark overrides the name
			}
		}
		back, errs, err := convert.Decode([]byte(enc), name)
		if err != nil || back != s || len(errs) != 0 {
			t.Fatalf("Decode(encode(%q), %s) = %q, %v, %v", s, name, back, errs, err)
		}
	})
}

// FuzzDecodeAuto checks DecodeAuto on any bytes: valid UTF-8 out, errors
// in order and in bounds, and each segment in order, its text in Text the
// decoding of its bytes in its encoding.
func FuzzDecodeAuto(f *testing.F) {
	for _, s := range []string{"", "中文", "\xd6\xd0\xce\xc4", "中文\xd6\xd0\xce\xc4\xb1\xbe", "\xef\xbb\xbf正文\n\xb1\xbe\xce\xc4\xc0\xb4\xd4\xb4",
		"\xb8\xf7\xb5\xd8\xd2\xaa\n联系我们", "\xe8\xbd?\xe6\x8d\xa2", "\xd6\x81\x30\x81\x30"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := convert.DecodeAuto(b)
		if err != nil {
			t.Fatalf("DecodeAuto(%q): %v", b, err)
		}
		if !utf8.ValidString(r.Text) {
			t.Fatalf("DecodeAuto(%q) = %q: invalid UTF-8", b, r.Text)
		}
		prev := -1
		for _, e := range r.Errors {
			if e.Offset <= prev || e.Len <= 0 || e.Offset+e.Len > len(b) {
				t.Fatalf("DecodeAuto(%q): bad error %+v after %d", b, e, prev)
			}
			prev = e.Offset
		}
		off, text := r.BOMLen, 0
		for _, s := range r.Segments {
			if s.Offset < off || s.Len <= 0 || s.Offset+s.Len > len(b) || s.TextStart < text || s.TextEnd < s.TextStart || s.TextEnd > len(r.Text) {
				t.Fatalf("DecodeAuto(%q): bad segment %+v", b, s)
			}
			want, _, err := convert.Decode(b[s.Offset:s.Offset+s.Len], s.Encoding)
			if err != nil || want != r.Text[s.TextStart:s.TextEnd] {
				t.Fatalf("DecodeAuto(%q): segment %+v is %q, its bytes decode to %q", b, s, r.Text[s.TextStart:s.TextEnd], want)
			}
			off, text = s.Offset+s.Len, s.TextEnd
		}
	})
}
