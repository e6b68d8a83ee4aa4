package convert_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/hanfix/hanfix/convert"
)

func gbkBytes(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

// TestDecodeAutoMixed: a GBK line in a UTF-8 document is decoded as GBK
// and listed, with its place in the input and in the text.
func TestDecodeAutoMixed(t *testing.T) {
	head, tail := "今天的会议讨论了明年的工作计划。\n", "\n会议由主任主持，各部门负责人参加。\n"
	line := "本文来源：新华社记者报道"
	for _, bom := range []string{"", "\xef\xbb\xbf"} {
		raw := append(append([]byte(bom+head), gbkBytes(t, line)...), tail...)
		r, err := convert.DecodeAuto(raw)
		require.NoError(t, err)
		assert.Equal(t, "utf-8", r.Encoding)
		assert.Equal(t, len(bom), r.BOMLen)
		assert.Equal(t, head+line+tail, r.Text)
		assert.Empty(t, r.Errors)
		require.Len(t, r.Segments, 1)
		s := r.Segments[0]
		assert.Equal(t, "gbk", s.Encoding)
		assert.Equal(t, len(bom)+len(head), s.Offset)
		assert.Equal(t, len(gbkBytes(t, line)), s.Len)
		assert.Equal(t, line, r.Text[s.TextStart:s.TextEnd])
		assert.Greater(t, s.Confidence, 0.99)
		assert.Greater(t, s.Gain, 8.0)
	}
}

// TestDecodeAutoMixedErrors: bytes that no encoding reads are still
// U+FFFD, reported at their place in the input, and only the last is cut
// short by the end of the input.
func TestDecodeAutoMixedErrors(t *testing.T) {
	head := "会议强调，要坚持以人民为中心的发展思想，推动经济社会高质量发展。第一行文字"
	var raw []byte
	raw = append(raw, head+"\xe5\xad\n"...) // a character cut short
	raw = append(raw, gbkBytes(t, "这一行是用国标码保存的")...)
	raw = append(raw, "\n会议要求各地认真贯彻落实，确保各项任务落到实处。最后一行\xe6\x96"...)
	r, err := convert.DecodeAuto(raw)
	require.NoError(t, err)
	assert.Equal(t, "utf-8", r.Encoding)
	assert.Equal(t, head+"\ufffd\n这一行是用国标码保存的\n会议要求各地认真贯彻落实，确保各项任务落到实处。最后一行\ufffd", r.Text)
	require.Len(t, r.Segments, 1)
	assert.Equal(t, []convert.DecodeError{
		{Offset: len(head), Len: 2},
		{Offset: len(raw) - 2, Len: 2, Truncated: true},
	}, r.Errors)
}

// TestDecodeAutoLegacyWithUTF8: a UTF-8 footer in a GBK document.
func TestDecodeAutoLegacyWithUTF8(t *testing.T) {
	body := "各地要认真贯彻落实会议精神，推动工作取得新进展。\n确保各项任务落到实处。\n"
	raw := append(gbkBytes(t, body), "联系我们：编辑部办公室"...)
	r, err := convert.DecodeAuto(raw)
	require.NoError(t, err)
	assert.Equal(t, "gbk", r.Encoding)
	assert.Equal(t, body+"联系我们：编辑部办公室", r.Text)
	require.Len(t, r.Segments, 1)
	assert.Equal(t, "utf-8", r.Segments[0].Encoding)
}

// TestDecodeKeepsOneEncoding: Decode, with the encoding named, reads every
// byte with it.
func TestDecodeKeepsOneEncoding(t *testing.T) {
	raw := append([]byte("今天的会议讨论了明年的工作计划。\n"), gbkBytes(t, "本文来源：新华社")...)
	text, errs, err := convert.Decode(raw, "utf-8")
	require.NoError(t, err)
	assert.NotEmpty(t, errs)
	assert.Contains(t, text, "\ufffd")
}
