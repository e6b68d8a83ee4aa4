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
	loadFold()
	var f folder
	f.fold(line)
	f.budget = matchBudget
	_, ok := p.match(&f, 0, true)
	return ok
}

// TestRowPatterns checks the rows of {tools} and {links}.
func TestRowPatterns(t *testing.T) {
	for _, tc := range []struct {
		pat, line string
		want      bool
	}{
		{"{tools}", "分享 收藏 点赞 在看", true},
		{"{tools}", "阅读 2.1万", true},
		{"{tools}", "阅读10万+", true},
		{"{tools}", "阅读量1.2k 收藏 10 点赞数 5", true},
		{"{tools}", "收藏0 分享 淘帖0 支持 反对", true},
		{"{tools}", "已赞过 已踩过", true},
		{"{tools}", "评论 收起", true},
		{"{tools}", "喜欢 · 收藏 · 申请转载", true},
		{"{tools}", "\u200b赞同 1024\u200b\u200b63 条评论", true}, // zero-width spaces, as scraped
		{"{tools}", "關注者 1,204 被瀏覽 356,789", true},
		{"{tools}", "按讚 留言 分享", true},
		{"{tools}", "分享到：微信 微博 QQ空间", true},
		{"{tools}", "收藏(12) | 评论(3)", true},
		// One word and no count, or anything that is not a row's.
		{"{tools}", "分享", false},
		{"{tools}", "评论", false},
		{"{tools}", "1,204", false},
		{"{tools}", "分享是一种美德", false},
		{"{tools}", "点击 确定", false},
		{"{tools}", "微信 微博 QQ 是常用的社交软件。", false},
		{"{tools}", "阅读 2024a", false},
		{"{tools}", "打印机", false},
		{"{tools}", "line lines", false},
		{"{links}", "关于我们 | 联系我们 | 隐私政策", true},
		{"{links}", "隐私政策 关于维基百科 免责声明 开发者 手机版视图", true},
		{"{links}", "登录 | 立即注册", true},
		{"{links}", "首頁 ‧ 關於我們", true}, // ‧ folds to ·
		{"{links}", "登录 3", false},     // no counts in a link row
		{"{links}", "关于我们", false},
		{"{links}", "关于我们的故事", false},
	} {
		assert.Equal(t, tc.want, matchesLine(t, tc.pat, tc.line), tc.pat+" "+tc.line)
	}
}

func TestRowCount(t *testing.T) {
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
		assert.Equal(t, tc.want, rowCount([]byte(tc.in), 0), tc.in)
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
