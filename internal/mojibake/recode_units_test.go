package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestWrittenSupplementary(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{0x24F7A, true},  // a Han character of extension B
		{0x1F600, true},  // an emoji
		{0x1D11E, true},  // a musical symbol
		{0xE0100, true},  // a variation selector
		{0xE7DBE, false}, // unassigned (螫毒 read as UTF-8)
		{0xF0000, false}, // private use
		{0x10FFFD, false},
	} {
		assert.Equal(t, tc.want, writtenSupplementary(tc.r), "%U", tc.r)
	}
}

// A line of GBK text whose bytes spell an unassigned rune in UTF-8 stays
// as it is under a line of UTF-8 read as GBK, which is repaired.
func TestNoUnassignedRepair(t *testing.T) {
	misread, err := simplifiedchinese.GBK.NewDecoder().String("我们的发展战略需要进一步完善和落实。")
	assert.NoError(t, err)
	for _, line := range []string{"螫毒", "螫毒的"} {
		out := applySpans(misread+"\n"+line, Find(misread+"\n"+line))
		assert.True(t, strings.HasPrefix(out, "我们的发展战略需要进一步完善和落实。\n"), "%q", out)
		assert.True(t, strings.HasSuffix(out, "\n"+line), "%q", out)
	}
}
