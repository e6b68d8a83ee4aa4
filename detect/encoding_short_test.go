package detect_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hanfix/hanfix/detect"
)

// TestEncodingShortUTF8 is valid UTF-8 too short for the fast path (fewer
// than four multi-byte sequences): a file of one character, a copyright
// line, a temperature. Each sequence that decodes counts for UTF-8 (see
// internal/lm/charset, utf8TwoByteBonus and utf8LongBonus); without that,
// each of these read better in another encoding. Short legacy text that is
// not valid UTF-8 is read as before.
func TestEncodingShortUTF8(t *testing.T) {
	for _, s := range []string{
		"© 2024 Example", "25°C", "ü\n", "ñ\n", "½", "¥", "§", "®",
		"驾", "驗", "殭", "篩", "暂", "粘", "勿",
	} {
		t.Run(s, func(t *testing.T) {
			r := detect.Encoding([]byte(s))
			assert.Equal(t, "utf-8", r.Encoding, "candidates %v", r.Candidates)
		})
	}
	for _, tc := range []struct{ enc, s string }{
		{"gbk", "说明文件"}, {"gbk", "中文"}, {"big5", "說明文件"},
	} {
		t.Run(tc.enc+" "+tc.s, func(t *testing.T) {
			r := detect.Encoding(encode(t, tc.enc, tc.s))
			assert.Equal(t, tc.enc, r.Encoding, "candidates %v", r.Candidates)
		})
	}
}
