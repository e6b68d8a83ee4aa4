package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestChineseRepair checks which repairs read as Chinese text: ASCII,
// which the codecs keep as it is, never counts against a repair; other
// scripts count when they are more than a tenth of the Han characters;
// the frames of tables (box drawing) do not count.
func TestChineseRepair(t *testing.T) {
	for _, c := range []struct {
		name string
		s    string
		want bool
	}{
		{"plain Chinese", "将手册页转换为指定的编码。", true},
		{"groff escapes of a manual page", `man [\|选项\|] [\|[\|章节\|] 页 \|.\|.\|.\|]`, true},
		{"ASCII symbols only", "|=|=|=", false},
		{"kana among Han", "手册ずぺ页ゅ转ン换", false},
		{"a trace of kana", "将手册页转换为指定的编码，再写回文件ず", true},
		{"a table row", "│ │gcc │ │编译器 │", true},
		{"a table rule", "├──┼──┤名称", true},
		{"only a frame", "│ │ │", false},
		{"block elements", "▓▒░名称", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, chineseRepair(c.s))
		})
	}
}
