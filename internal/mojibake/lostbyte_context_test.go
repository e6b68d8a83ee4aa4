package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// What the restoration of lost bytes knows beyond the character model,
// each shown on sentences of its own (written for these tests), read by a
// reader that fails one byte at a time. No sentence may come back wrong;
// without the knowledge fewer came back (before, measured when it was
// added).
func TestRestoreLostContext(t *testing.T) {
	for _, c := range []struct {
		name string
		// why the knowledge matters
		why       string
		sentences []string
		// the codecs: orig read as wrong; end is appended to each sentence
		pairs           [][2]string
		end             string
		before, atLeast int
	}{
		{
			name: "Latin words",
			why: "the Latin-context statistics of package lm (按 stands before F9, 个 before a " +
				"lower-case word) and the document's own pairs of a character and a word",
			sentences: []string{
				"保存文件之前，请按 Ctrl 键和 S 键，然后按 Enter 确认。",
				"要刷新页面中的所有内容，请按 F5 键，或者选择菜单里的刷新，然后按 F5 键。",
				"我们需要先找一个 gcc 编译器，再用 make 命令构建整个项目。",
				"把编入 perl 的路径列出来，检查它们是否都存在。",
				"这个函数返回一个 int 类型的值，出错时返回 -1 并设置 errno 变量。",
				"在终端里输入 ls 命令，可以看到当前目录下的全部文件。",
				"如果你使用 Debian 系统，可以用 apt 安装这个软件包。",
				"配置文件放在 /etc 目录下，修改以后需要重新启动 nginx 服务。",
				"用 git 提交修改之前，先用 diff 看一看改了哪些地方。",
				"服务器默认监听 8080 端口，你可以在设置里改成别的端口。",
				"第 3 章介绍了怎样用 Python 读取 CSV 文件里的数据。",
				"打开 Firefox 浏览器，在地址栏里输入网址，然后按回车键。",
			},
			pairs: [][2]string{{"utf8", gb18030Reader}, {"gbk", big5HKSCSReader}}, end: "\n",
			before: 7, atLeast: 9,
		},
		{
			name: "script",
			why: "in Traditional text a Simplified character is an unlikely restoration, and the " +
				"other way round: the script of the stretch widens the lead of the right " +
				"character over its rivals of the other script (在 over 圆 and 圓 alike)",
			sentences: []string{
				"在 Python 里面可以直接读取这个文件。",
				"數據庫在 MySQL 裡面叫做資料庫。",
				"這個函數有 3 個參數，第一個是檔名。",
				"以来已有 5 次登录失败，请稍后再试。",
				"無法為類型 %s 建立雜湊函數",
				"修改檔案的所屬組為 \"users\" 。",
				"選項在互動式 shell 中是預設啟用的。",
				"显示所选进程的父进程 ID 和名称",
				"对 COPY 语句不支持这个规则",
				"在 Windows 系统上没有这个命令。",
				"這個設定檔在 /etc 目錄下面。",
				"預期得到 flush 包，但是沒有收到。",
				"在 Linux 上編譯這個程式需要 gcc。",
				"用戶在 Debian 系統上安裝了這個套件。",
				"配置文件在 /etc 目录下，修改后重启。",
				"聚合函数不能在 WHERE 子句中使用",
				"窗口函數不能在 WHERE 子句中使用",
				"所有的檔案都在 /tmp 目錄裡。",
				"請在終端機輸入 ls 命令。",
				"這個命令會在 bash 中執行。",
			},
			pairs:  [][2]string{{"utf8", gb18030Reader}},
			before: 9, atLeast: 11,
		},
		{
			name: "two characters in a row",
			why: "two characters in a row that each lost their last byte (所有 read as " +
				"鎵\uFFFD鏈\uFFFD) are chosen together, with a larger lead (jointMargin): " +
				"一个 and 一下 before a word stay reported",
			sentences: []string{
				"请先检查 Debian 的版本号。",
				"列出所有 Python 模块的名字。",
				"这是一个 ISO 映像文件。",
				"编译所需的模块都在这里。",
				"新增一個 VLAN 介面。",
				"使用一個 HTTP 代理伺服器。",
				"删除所有 PO 文件里的注释。",
				"重新检查 ABI 的兼容性。",
				"返回一個 JSON 物件。",
				"加载所需的驱动程序。",
				"自动检测 USB 设备。",
				"下载所需的软件包。",
				"你需要找一个 gcc 编译器。",
				"然后执行一下 make 命令。",
			},
			pairs:  [][2]string{{"utf8", gb18030Reader}},
			before: 0, atLeast: 11,
		},
		{
			name: "the document's pairs",
			why: "a document repeats its words: a pair of characters it writes elsewhere is " +
				"a likelier restoration (程式 where it writes 程式庫 twice)",
			sentences: []string{
				"這個程式庫很小。那是程式庫的路徑。有時候自動設定程式 (Configure) 會失敗。",
				"您先找一个编译器，再下载一个补丁，然后找一个 gcc 的执行档。",
				"这个函数库的版本很旧。请升级函数库以后再编译函数库 (libfoo) 的例子。",
				"按下确定以后，设定档会被改写。请备份设定档 (config) 之后再试。",
			},
			pairs:  [][2]string{{"utf8", gb18030Reader}},
			before: 1, atLeast: 2,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var n lostOutcomes
			for _, s := range c.sentences {
				for _, p := range c.pairs {
					n.add(t, s+c.end, p[0], p[1])
				}
			}
			t.Logf("%s: restored %d (%d before), left with U+FFFD %d", c.why, n.restored, c.before, n.kept)
			assert.GreaterOrEqual(t, n.restored, c.atLeast)
		})
	}
}

func TestBig5Disputed(t *testing.T) {
	for code, want := range map[uint16]bool{
		0xC6D5: true,  // 癶 for WHATWG, unmapped for HKSCS-2004 readers
		0xA3E1: true,  // € of WHATWG's Big5
		0x8740: true,  // HKSCS-2008
		0xA440: false, // 一
		0xB3A3: false, // 都
	} {
		assert.Equal(t, want, big5Disputed(code), "%04X", code)
	}
}
