package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestThinRunClean checks clean text with a question mark before ASCII
// after a Han character, as forums and half-width punctuation write it: a
// thin misaligned run would read as 。 and a character made of the ASCII
// bytes (and at most one character after them), a little more probable
// than the text, and must not be repaired in a document that shows no
// other misalignment, machine-made ruby (pinyin readings glued to
// Traditional-only characters) included.
func TestThinRunClean(t *testing.T) {
	for _, in := range []string{
		"我們的團隊(duì)正在開發(fā)新的系統(tǒng)。請問支持哪些語言?(C++)還是Java?",
		"请问这个软件支持哪些语言?(C++)",
		"AT 大部分是由Thomas Koenig写的?ig25@rz.uni-karlsruhe.de.",
		"邮件发给我?ig25@rz.uni-karlsruhe.de",
		"命令将它杀死?^Z 会立即起作用",
		"你用的是什么显示器?VT100的光标键可有两种模式",
		"示器?VT100的光标键可有两种模式：应用模式和光标模式?这由一个转义序列来控",
		"转化许多源代码到带有高亮显示的 HTML, XHTML 文件?(C++)",
		"有人知道怎么办吗?Thanks",
		"是不是要重启?[急]",
		"然後選取您要編輯的?>軸 (或多個軸)。即會顯示對話方塊。",
	} {
		for _, sp := range Find(in) {
			assert.False(t, sp.Repairable, "%q: %q repaired as %q (%s)", in, sp.Garbled, sp.Repair, sp.Reason)
		}
	}
}

// TestThinRunNeedsBacking checks that a thin run with one character that
// is not ASCII, reading less than thinRunGain better than the text, is
// repaired only in a document that shows GBK misalignment otherwise, by a
// repaired run that is not thin (pinyin readings are no such evidence),
// and that a run of ASCII only, or one whose only other character the
// repair takes apart (end=absorbed), needs thinRunGain in any document.
func TestThinRunNeedsBacking(t *testing.T) {
	const (
		odd   = "文件?!秾嵤┮庖姟穼ψセ鶎狱h建"
		line  = "裝入時可能顯示的是錯誤和警告信息?7粗?裝入文件正確的話,程序會"
		ascii = "指定註腳的自訂編號格式?H當選取了[重新編號]核取方塊時,此核取方塊才可用。"
	)
	repaired := func(t *testing.T, text, garbled, want string) bool {
		t.Helper()
		for _, sp := range Find(text) {
			if sp.Garbled == garbled {
				require.Equal(t, KindGBKShift, sp.Kind)
				if sp.Repairable {
					assert.Equal(t, want, sp.Repair)
					return true
				}
			}
		}
		return false
	}
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"alone", line, false},
		{"after a run of odd characters", odd + "\n" + line, true},
		{"before a run of odd characters", line + "\n" + odd, true},
		{"with readings", "這是建設(shè)的基本方針。\n" + line, false},
		{"with readings of characters both scripts write", "例如：长(cháng)城很长，他长(zhǎng)得很高。\n" + line, false},
		{"after a run reported, not repaired", "第二?齠絲諍糯笥詰諞桓觶?敲此?腔岜喚換弧\n" + line, false},
		{"after another thin run", "設定的位址?H當選項已設定\n" + line, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, repaired(t, tc.text, "?7粗?", "。反之,"))
		})
	}
	for _, text := range []string{ascii, odd + "\n" + ascii, "這是建設(shè)的基本方針。\n" + odd + "\n" + ascii} {
		assert.False(t, repaired(t, text, "?H", "。僅"), "a run of ASCII only: %q", text)
	}
	const absorbed = "然後選取您要編輯的?>軸 (或多個軸)。即會顯示對話方塊。"
	for _, text := range []string{absorbed, odd + "\n" + absorbed} {
		for _, sp := range Find(text) {
			assert.False(t, sp.Repairable && sp.Garbled == "?>軸", "the last character taken apart: %q as %q", text, sp.Repair)
		}
	}
}

func TestThinRun(t *testing.T) {
	for _, tc := range []struct {
		garbled string
		want    bool
	}{
		{"?_@", true}, {"?H", true}, {"?>軸", true}, {"?.?", true},
		{"?仈", true}, {"?!秾嵤", false}, {"?H绻ㄒ", false}, {"?,F绻", true},
	} {
		assert.Equal(t, tc.want, thinRun(tc.garbled), tc.garbled)
	}
}
