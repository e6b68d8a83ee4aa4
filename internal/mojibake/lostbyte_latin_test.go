package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Lost bytes next to Latin words. The character model knows nothing of
// the words that technical Chinese mixes in; the Latin-context statistics
// of package lm (按 stands before F9, 个 before a lower-case word) and the
// document's own pairs of a character and a word (wordPairCache) let the
// restoration choose there. It must still never choose wrongly.
func TestRestoreLostLatinNeverWrong(t *testing.T) {
	sentences := []string{
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
	}
	var n lostOutcomes
	for _, s := range sentences {
		n.add(t, s+"\n", "utf8", "gbk")
		n.add(t, s+"\n", "gbk", "big5")
	}
	t.Logf("restored %d, left with U+FFFD %d", n.restored, n.kept)
	// Without the Latin-context statistics 7 were restored.
	assert.GreaterOrEqual(t, n.restored, 9)
}
