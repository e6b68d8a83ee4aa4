package detect

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matchesLine reports whether the pattern src matches the whole of line.
func matchesLine(t *testing.T, src, line string) bool {
	t.Helper()
	p, err := parsePattern(src)
	require.NoError(t, err)
	var f folder
	f.fold(line)
	f.budget = matchBudget
	_, ok := p.match(&f, 0, true)
	return ok
}

func TestToolsPattern(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"分享 收藏 点赞 在看", true},
		{"阅读 2.1万", true},
		{"阅读10万+", true},
		{"阅读量1.2k 收藏 10 点赞数 5", true},
		{"收藏0 分享 淘帖0 支持 反对", true},
		{"已赞过 已踩过", true},
		{"评论 收起", true},
		{"喜欢 · 收藏 · 申请转载", true},
		{"​赞同 1024​​63 条评论", true}, // zero-width spaces, as scraped
		{"關注者 1,204 被瀏覽 356,789", true},
		{"按讚 留言 分享", true},
		{"分享到：微信 微博 QQ空间", true},
		{"收藏(12) | 评论(3)", true},
		// One word and no count, or anything that is not a row's.
		{"分享", false},
		{"评论", false},
		{"1,204", false},
		{"分享是一种美德", false},
		{"点击 确定", false},
		{"微信 微博 QQ 是常用的社交软件。", false},
		{"阅读 2024a", false},
		{"打印机", false},
		{"line lines", false},
	} {
		assert.Equal(t, tc.want, matchesLine(t, "{tools}", tc.line), tc.line)
	}
}

func TestLinksPattern(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"关于我们 | 联系我们 | 隐私政策", true},
		{"隐私政策 关于维基百科 免责声明 开发者 手机版视图", true},
		{"登录 | 立即注册", true},
		{"首頁 ‧ 關於我們", true}, // ‧ folds to ·
		{"登录 3", false},     // no counts in a link row
		{"关于我们", false},
		{"关于我们的故事", false},
	} {
		assert.Equal(t, tc.want, matchesLine(t, "{links}", tc.line), tc.line)
	}
}

func TestToolCount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int // the bytes of the count
	}{
		{"12", 2},
		{"1,204", 5},
		{"356,789被浏览", 7},
		{"1,2", 1},
		{"1,2345", 1},
		{"2.1万", 6},
		{"10万+", 6},
		{"1.2k", 4},
		{"3w", 2},
		{"5.", 1},
		{"x", 0},
	} {
		assert.Equal(t, tc.want, toolCount([]byte(tc.in), 0), tc.in)
	}
}

func TestNumberThousands(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"关注者1,204被浏览", true},
		{"关注者1204被浏览", true},
		{"关注者1,2被浏览", false},
		{"关注者1,2345被浏览", false},
	} {
		assert.Equal(t, tc.want, matchesLine(t, "关注者{n}被浏览", tc.line), tc.line)
	}
}
