package mojibake

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The Big5 codec writes a character that the decoder reads at an HKSCS
// code and at a standard one at the standard code, as the WHATWG encoder
// does, and the last of the six characters standard Big5 has twice.
func TestBig5Encoder(t *testing.T) {
	code := func(r rune) uint16 {
		b, ok := big5Codec{}.appendRune(nil, r)
		require.True(t, ok, "%c", r)
		require.Len(t, b, 2)
		return uint16(b[0])<<8 | uint16(b[1])
	}
	for _, c := range []struct {
		r    rune
		want uint16
	}{
		{'都', 0xB3A3}, // also read at 90 6D
		{'偽', 0xB0B0}, // also read at FA 66
	} {
		assert.Equal(t, c.want, code(c.r), "%c", c.r)
	}
	for _, r := range []rune{0x2550, 0x255E, 0x2561, 0x256A, 0x5341, 0x5345} {
		var last uint16
		for i, d := range big5().dec {
			if c := uint16(i) + 0x8000; d == r && c >= 0xA100 {
				last = c
			}
		}
		require.NotZero(t, last, "%U", r)
		assert.Equal(t, last, code(r), "%U", r)
	}
	// A character only HKSCS has keeps its HKSCS code.
	for i, d := range big5().dec {
		c := uint16(i) + 0x8000
		if d == 0 || c >= 0xA100 {
			continue
		}
		onlyHKSCS := true
		for j, e := range big5().dec {
			if e == d && uint16(j)+0x8000 >= 0xA100 {
				onlyHKSCS = false
				break
			}
		}
		if onlyHKSCS {
			assert.Less(t, code(d), uint16(0xA100), "%c", d)
			break
		}
	}
}

// GBK text read as Big5 by a reader that knows the HKSCS codes comes back
// in full: 常 (GBK B3 A3) is read as 都, whose Big5 code must be B3 A3 and
// not its HKSCS duplicate 90 6D (恗 in GBK).
func TestGBKReadAsBig5Duplicates(t *testing.T) {
	const orig = "这个选项通常是非常有用的，系统管理员通常会打开它。"
	raw, err := simplifiedchinese.GBK.NewEncoder().String(orig)
	require.NoError(t, err)
	garbled, err := traditionalchinese.Big5.NewDecoder().String(raw)
	require.NoError(t, err)
	require.Contains(t, garbled, "都")
	assert.Equal(t, orig, applySpans(garbled, Find(garbled)))
}

// TestBig5HKSCS2004Gaps checks the table of codes that CPython's
// big5hkscs does not read: in order, each read by golang.org/x/text, and
// each a byte on which a Big5 reader fails (wrongFails), so that a lost
// byte may be restored there.
func TestBig5HKSCS2004Gaps(t *testing.T) {
	assert.True(t, slices.IsSorted(big5HKSCS2004Gaps[:]))
	for _, code := range big5HKSCS2004Gaps {
		assert.NotZero(t, big5().dec[code-0x8000], "%04X", code)
		assert.True(t, wrongFails("big5", []byte{byte(code >> 8), byte(code)}, 0), "%04X", code)
	}
	for _, c := range []struct {
		name string
		code uint16
		want bool
	}{
		{"〃 at C6DE (GBK 妻)", 0xC6DE, true},
		{"一 at A440, which both read", 0xA440, false},
		{"a control picture, by big5Disputed's range", 0xA3CB, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, big5HKSCS2004Gap(c.code))
		})
	}
}

// 十, which standard Big5 has at A2 CC and A4 51, is written at A2 CC
// when Big5 is the wrong codec (GBK read as Big5, out of step after a
// lost byte: 、提 is A1 A2 CC E1), and at A4 51 when Big5 is the original
// codec (Big5 text). A hop and its undoing agree.
func TestBig5WrongTen(t *testing.T) {
	b, ok := appendWrongBig5(nil, '十')
	require.True(t, ok)
	assert.Equal(t, []byte{0xA2, 0xCC}, b)
	b, ok = big5Codec{}.appendRune(nil, '十')
	require.True(t, ok)
	assert.Equal(t, []byte{0xA4, 0x51}, b)
	r, n := big5WrongCodec{}.decode([]byte{0xA2, 0xCC})
	assert.Equal(t, '十', r)
	assert.Equal(t, 2, n)

	gbkOfA2CC, _ := gbkCodec{}.decode([]byte{0xA2, 0xCC})
	rep, ok := recodeString("十", recoding{"gbk", "big5"})
	require.True(t, ok)
	assert.Equal(t, string(gbkOfA2CC), rep)
	back, ok := invertChain(rep, []recoding{{"gbk", "big5"}})
	require.True(t, ok)
	assert.Equal(t, "十", back)
	// Undoing Big5 text read as GBK writes 十 at A4 51, as Big5 text has
	// it.
	gbkOfA451, _ := gbkCodec{}.decode([]byte{0xA4, 0x51})
	undone, ok := undoString("十", recoding{Orig: "gbk", Wrong: "big5"})
	require.True(t, ok)
	assert.Equal(t, string(gbkOfA451), undone)

	for _, orig := range []string{
		"加强人员培训、提高服务质量，认真做好日常维护工作。\n",
		"要求全体人员认真学习、提高认识，确保各项任务按时完成。\n",
	} {
		garbled := readFailing(t, "cp950", encodeAll(t, "gbk", orig))
		assert.Equal(t, orig, applySpans(garbled, Find(garbled)), "%q", garbled)
	}
}
