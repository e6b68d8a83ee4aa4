package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestShiftSpaceBeforeLatin garbles lines (written for this test) whose
// run ends in a lost byte that swallowed the space before a Latin word.
// The last character is a free guess of its second byte, and the
// character model, which knows nothing of Latin text, preferred 设置文
// (设置文件) to 设置为 before "visible"; the Latin-context statistics say
// which characters running text writes before a Latin word.
func TestShiftSpaceBeforeLatin(t *testing.T) {
	for _, tc := range []struct{ line, repair string }{
		{"它不会发出响铃。如果设置为 visible,它使用可视的响铃", "。如果设置为 "},
		{"你可以选择命令。在命令行提示符下按 Ctrl-R 搜索历史", "。在命令行提示符下按 "},
	} {
		sp := assertRepair(t, tc.line, tc.repair)
		assert.Contains(t, sp.Plan, "+20", "the lost byte swallowed a space")
	}
}

func TestLatinWordAt(t *testing.T) {
	for _, tc := range []struct {
		text string
		at   int
		want string
	}{
		{"?visible,x", 1, "visible"},
		{"? Ctrl-R", 1, "Ctrl"},
		{"?  two spaces", 1, ""},
		{"?。中文", 1, ""},
		{"?", 1, ""},
		{"?x_1 y", 1, "x_1"},
		{"?averyveryveryveryveryveryverylongidentifier_that_is_not_a_word", 1, ""},
	} {
		assert.Equal(t, tc.want, latinWordAt(tc.text, tc.at), "%q", tc.text)
	}
}
