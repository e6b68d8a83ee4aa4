package detect_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hanfix/hanfix/detect"
)

// TestEncodingShortUTF8 is valid UTF-8 too short for the fast path (fewer
// than four multi-byte sequences): a file of one character, a copyright
// line, a temperature. Each sequence that decodes counts for UTF-8 (see
// internal/lm/charset, utf8SequenceBonus); without that, each of these
// read better in another encoding.
func TestEncodingShortUTF8(t *testing.T) {
	for _, s := range []string{
		"© 2024 Example", "25°C", "ü\n", "ñ\n", "½", "Ω", "¥", "§", "®",
		"驾", "驗", "殭", "篩", "暂", "粘", "勿",
	} {
		t.Run(s, func(t *testing.T) {
			r := detect.Encoding([]byte(s))
			assert.Equal(t, "utf-8", r.Encoding, "candidates %v", r.Candidates)
		})
	}
}
