package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGarbledRuns(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"文件?!秾嵤┮庖姟穼ψセ鶎狱h建 after", []string{"?!秾嵤┮庖姟穼ψセ鶎狱h建"}},
		{"文件?0秾嵤┮庈姟穎狱A", []string{"?0秾嵤┮庈姟穎狱A"}},
		{"什麼?我叫李明，今年十歲。", nil}, // a question mark
		{"clean text", nil},
		{"a?b ┮ c", []string{"?b ┮"}},         // the run ends at the space, but takes in the flagged rune that made it
		{"x?┮y\n?┮z", []string{"?┮y", "?┮z"}}, // two runs
		{"??┮?┮", []string{"??┮?┮"}},
	} {
		var got []string
		for _, r := range GarbledRuns(c.text) {
			got = append(got, c.text[r[0]:r[1]])
		}
		assert.Equal(t, c.want, got, c.text)
	}
}
