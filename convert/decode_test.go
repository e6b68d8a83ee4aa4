package convert_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/convert"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name, enc string
		in        []byte
		want      string
		errs      []convert.DecodeError
	}{
		{"utf-8", "utf-8", []byte("中文"), "中文", nil},
		{"utf-8 bom stripped", "UTF-8", []byte("\xef\xbb\xbf中文"), "中文", nil},
		{"utf-8 invalid byte", "utf-8", []byte("中\xff文"), "中\ufffd文", []convert.DecodeError{{Offset: 3, Len: 1}}},
		{"utf-8 maximal subpart", "utf-8", []byte("a\xe4\xb8b"), "a\ufffdb", []convert.DecodeError{{Offset: 1, Len: 2}}},
		{"utf-8 truncated", "utf-8", []byte("中\xe6\x96"), "中\ufffd", []convert.DecodeError{{Offset: 3, Len: 2, Truncated: true}}},
		{"gbk", "gbk", []byte{0xd6, 0xd0, 0xce, 0xc4}, "中文", nil},
		{"gb2312 alias", "gb2312", []byte{0xd6, 0xd0}, "中", nil},
		{"gbk euro", "gbk", []byte{0x80}, "€", nil},
		{"gbk invalid trail", "gbk", []byte{0xd6, 0x20, 0xd0}, "\ufffd \ufffd",
			[]convert.DecodeError{{Offset: 0, Len: 1}, {Offset: 2, Len: 1, Truncated: true}}},
		{"gbk user-defined AAA1", "gbk", []byte{0xaa, 0xa1, 0x41}, "\ue000A", nil},
		{"gbk user-defined F8A1", "gbk", []byte{0xf8, 0xa1}, "\ue234", nil},
		{"gbk user-defined A140", "gbk", []byte{0xa1, 0x40}, "\ue4c6", nil},
		{"gbk user-defined A7A0", "gb18030", []byte{0xa7, 0xa0}, "\ue765", nil},
		{"gb18030 four-byte", "gb18030", []byte{0x81, 0x30, 0x81, 0x30}, "\u0080", nil},
		{"gb18030 bom", "gb18030", []byte{0x84, 0x31, 0x95, 0x33, 0xd6, 0xd0}, "中", nil},
		{"gb18030 encodes U+FFFD", "gb18030", []byte{0x84, 0x31, 0xa4, 0x37}, "\ufffd", nil},
		// WHATWG: GBK's decoder is GB18030's.
		{"gbk four-byte", "gbk", []byte{0xd6, 0xd0, 0x81, 0x30, 0x81, 0x30, 0x84, 0x31, 0xa4, 0x37}, "中\u0080\ufffd", nil},
		// Python's gb18030 codec agrees on each (GB18030-2000's private use).
		{"gbk unassigned pairs", "gbk", []byte{0xa2, 0xab, 0xa8, 0xef, 0xa6, 0xd9, 0xfe, 0x51, 0xd7, 0xfa}, "\ue766\ue7d2\ue78d\ue816\ue810", nil},
		{"gbk four-byte truncated", "gbk", []byte{0xd6, 0xd0, 0x81, 0x30, 0x81}, "中\ufffd0\ufffd",
			[]convert.DecodeError{{Offset: 2, Len: 1}, {Offset: 4, Len: 1, Truncated: true}}},
		{"big5", "big5", []byte{0xa4, 0xa4, 0xa4, 0xe5}, "中文", nil},
		{"big5 truncated", "big5", []byte{0xa4, 0xa4, 0xa4}, "中\ufffd", []convert.DecodeError{{Offset: 2, Len: 1, Truncated: true}}},
		{"utf-16le bom", "utf-16le", []byte{0xff, 0xfe, 0x2d, 0x4e}, "中", nil},
		{"utf-16be", "utf-16be", []byte{0x4e, 0x2d, 0x65, 0x87}, "中文", nil},
		{"utf-16le odd byte", "utf-16le", []byte{0x2d, 0x4e, 0x41}, "中\ufffd", []convert.DecodeError{{Offset: 2, Len: 1, Truncated: true}}},
		{"utf-16le lone surrogate", "utf-16le", []byte{0x00, 0xd8, 0x41, 0x00}, "\ufffdA", []convert.DecodeError{{Offset: 0, Len: 2}}},
		{"shift_jis", "shift_jis", []byte{0x93, 0xfa, 0x96, 0x7b}, "日本", nil},
		{"euc-kr", "euc-kr", []byte{0xc7, 0xd1}, "한", nil},
		{"hz", "hz-gb-2312", []byte("~{VPND~}"), "中文", nil},
		{"windows-1252", "latin1", []byte{0x63, 0x61, 0x66, 0xe9, 0x80}, "café€", nil},
		{"empty", "gbk", nil, "", nil},
		{"nul bytes are text", "utf-8", []byte("a\x00b"), "a\x00b", nil},
		{"nul bytes in gbk", "gbk", []byte("a\x00\xd6\xd0"), "a\x00中", nil},
		{"bom overrides label", "gbk", []byte{0xff, 0xfe, 0x2d, 0x4e}, "中", nil},
		{"utf-16 label with be bom", "utf-16", []byte{0xfe, 0xff, 0x4e, 0x2d}, "中", nil},
		{"utf-32le", "utf-32le", []byte{0x2d, 0x4e, 0, 0, 0x87, 0x65, 0, 0}, "中文", nil},
		{"utf-32be bom", "utf-32be", []byte{0, 0, 0xfe, 0xff, 0, 0, 0x4e, 0x2d}, "中", nil},
		{"utf-32 label, no bom", "utf-32", []byte{0x2d, 0x4e, 0, 0}, "中", nil},
		{"utf-32le bom overrides utf-16le", "utf-16le", []byte{0xff, 0xfe, 0, 0, 0x2d, 0x4e, 0, 0}, "中", nil},
		{"utf-32 beyond U+10FFFF", "utf-32le", []byte{0x2d, 0x4e, 0, 0, 0, 0, 0x11, 0}, "中\ufffd", []convert.DecodeError{{Offset: 4, Len: 4}}},
		{"utf-32 truncated", "utf-32be", []byte{0, 0, 0x4e, 0x2d, 0, 0}, "中\ufffd", []convert.DecodeError{{Offset: 4, Len: 2, Truncated: true}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, errs, err := convert.Decode(c.in, c.enc)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.errs, errs)
		})
	}
}

func TestDecodeUnknownEncoding(t *testing.T) {
	for _, name := range []string{"", "klingon", "utf-7x", "replacement"} {
		_, _, err := convert.Decode([]byte("x"), name)
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, convert.ErrUnknownEncoding), name)
		assert.Contains(t, err.Error(), "gb18030")
	}
}

func TestDecodeErrorString(t *testing.T) {
	assert.Equal(t, "invalid sequence at byte 3 (2 bytes)", convert.DecodeError{Offset: 3, Len: 2}.Error())
	assert.Equal(t, "truncated sequence at byte 1 (1 bytes)", convert.DecodeError{Offset: 1, Len: 1, Truncated: true}.Error())
}

func TestDecodeAuto(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		enc  string
		want string
		bom  int
	}{
		{"utf-8 bom", []byte("\xef\xbb\xbf中文"), "utf-8", "中文", 3},
		{"utf-16le bom", []byte{0xff, 0xfe, 0x2d, 0x4e, 0x87, 0x65}, "utf-16le", "中文", 2},
		{"utf-32le bom", []byte{0xff, 0xfe, 0, 0, 0x2d, 0x4e, 0, 0, 0x87, 0x65, 0, 0}, "utf-32le", "中文", 4},
		{"utf-32le", []byte{0x2d, 0x4e, 0, 0, 0x87, 0x65, 0, 0, 0x0a, 0, 0, 0}, "utf-32le", "中文\n", 0},
		{"utf-32be", []byte{0, 0, 0x4e, 0x2d, 0, 0, 0x65, 0x87, 0, 0, 0, 0x41}, "utf-32be", "中文A", 0},
		{"gbk", []byte{0xd6, 0xd0, 0xbb, 0xaa, 0xc8, 0xcb, 0xc3, 0xf1, 0xb9, 0xb2, 0xba, 0xcd, 0xb9, 0xfa}, "gbk", "中华人民共和国", 0},
		{"ascii", []byte("hello"), "utf-8", "hello", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := convert.DecodeAuto(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.enc, r.Encoding)
			assert.Equal(t, c.want, r.Text)
			assert.Equal(t, c.bom, r.BOMLen)
			assert.Empty(t, r.Errors)
		})
	}
}

// TestDecodeGBUserDefinedAreas checks the private-use mapping of the GBK
// user-defined areas against GB18030's assignments at the area corners.
func TestDecodeGBUserDefinedAreas(t *testing.T) {
	cases := []struct {
		in   []byte
		want rune
	}{
		{[]byte{0xaa, 0xa1}, 0xe000}, {[]byte{0xaf, 0xfe}, 0xe233},
		{[]byte{0xf8, 0xa1}, 0xe234}, {[]byte{0xfe, 0xfe}, 0xe4c5},
		{[]byte{0xa1, 0x40}, 0xe4c6}, {[]byte{0xa1, 0x7e}, 0xe504},
		{[]byte{0xa1, 0x80}, 0xe505}, {[]byte{0xa1, 0xa0}, 0xe525},
		{[]byte{0xa7, 0xa0}, 0xe765},
	}
	for _, c := range cases {
		for _, enc := range []string{"gbk", "gb18030"} {
			got, errs, err := convert.Decode(c.in, enc)
			require.NoError(t, err)
			assert.Empty(t, errs)
			assert.Equal(t, string(c.want), got, "%x %s", c.in, enc)
		}
	}
}

func TestEncodingName(t *testing.T) {
	cases := []struct{ label, want string }{
		{"utf-8", "utf-8"},
		{"UTF8", "utf-8"},
		{"GB2312", "gbk"},
		{"cp936", "gbk"},
		{"gb18030", "gb18030"},
		{"big5-hkscs", "big5"},
		{"utf-16", "utf-16le"},
		{"UTF-16BE", "utf-16be"},
		{"utf-32", "utf-32le"},
		{"ucs-4be", "utf-32be"},
		{"hz", "hz-gb-2312"},
		{"latin1", "windows-1252"},
		{" Shift_JIS ", "shift_jis"},
	}
	for _, tc := range cases {
		got, err := convert.EncodingName(tc.label)
		require.NoError(t, err, tc.label)
		assert.Equal(t, tc.want, got, tc.label)
	}
	for _, bad := range []string{"", "klingon", "replacement"} {
		_, err := convert.EncodingName(bad)
		assert.ErrorIs(t, err, convert.ErrUnknownEncoding, bad)
	}
}
