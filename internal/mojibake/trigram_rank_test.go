package mojibake

import "testing"

// TestShiftTrigram garbles lines (written for this test) whose runs need
// characters guessed where the character before says too little: 驱 and
// 区 both follow 设备 as well as the bigram estimate after 备 knows (设备区
// reads as a word pair), 必要 and 重要 both read after 如果 …; the model's
// counts of three characters in a row tell them apart. Without them, three
// of the four lines are repaired wrongly (设备区程序, 如果重要, 元软件).
func TestShiftTrigram(t *testing.T) {
	for _, tc := range []struct{ line, repair string }{
		{"网卡的说明在这里。一些设备驱动程序总是使用队列", "。一些设备驱动程序总是使用队列"},
		{"这个工具很好。这很明显是最健壮的方案 of all", "。这很明显是最健壮的方案 "},
		{"它的配置文件。如果必要,将会建立新的目录", "。如果必要,"},
		{"程序的输出。这是个元软件包,它依赖其他软件包", "。这是个元软件包,"},
	} {
		assertRepair(t, tc.line, tc.repair)
	}
}
