package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slotBody is the number of body lines of slotPage: enough for a middle

// that is not within the first or last lines the learner calls the edges.

const slotBody = 16

// slotNotice is the notice slotPage puts inside its text; no rule knows it.

const slotNotice = "关注书香范文库，每天推送一篇好范文"

// slotPage builds page i of a fictional site that puts the page's title

// into its template: a head line "title_site", a footer naming the title in

// 《》, and a notice inside the text. Each line of the body differs from

// page to page.

func slotPage(i int, notice bool) string {
	title := "关于" + words(i*5) + "的说明"
	var b strings.Builder
	fmt.Fprintf(&b, "%s_书香范文库\n", title)
	for p := 0; p < slotBody; p++ {
		if p == slotBody/2 && notice {
			b.WriteString(slotNotice + "\n")
		}
		fmt.Fprintf(&b, "这是%s的正文,内容%s各不相同,讨论%s的问题。\n", words(i*100+p), words(i*7+p), words(i*13+p))
	}
	fmt.Fprintf(&b, "本篇《%s》系书香范文库会员投稿，仅供写作参考，请勿整篇照搬。\n", title)
	b.WriteString("网站地图 | 联系我们 | 会员中心\n")
	return b.String()
}

func TestLearnerTitleSlotAndSuffix(t *testing.T) {
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(slotPage(i, true))
	}
	m := l.Model()
	page := slotPage(99, true)
	spans := Boilerplate(page, nil, m)
	checkSpans(t, page, spans)
	out := applySpans(page, spans)
	assert.NotContains(t, out, "_书香范文库", "the site suffix of the page's title line")
	assert.NotContains(t, out, "会员投稿", "the footer with the page's own title in 《》")
	assert.NotContains(t, out, slotNotice, "the notice inside the text")
	assert.Equal(t, slotBody, strings.Count(out, "\n"), out)
	for _, sp := range spans {
		assert.True(t, strings.HasPrefix(sp.Rule, "learned:") || strings.HasPrefix(sp.Rule, "line:"), sp.Rule)
	}
}

// foldedPrint returns fn applied to the folded form of a line.

func foldedPrint(fn func(*folder) (uint64, bool)) func(string) (uint64, bool) {
	f := new(folder)
	loadFold()
	return func(s string) (uint64, bool) {
		f.fold(s)
		return fn(f)
	}
}

func TestTitleFingerprint(t *testing.T) {
	fp := foldedPrint(titleFingerprint)
	a, ok := fp("本篇《关于甲的说明》系某某网会员投稿，仅供参考。")
	require.True(t, ok)
	b, ok := fp("本篇《乙》系某某网会员投稿，仅供参考。")
	require.True(t, ok)
	assert.Equal(t, a, b, "the title is left out")
	c, _ := fp("本篇《乙》系另一网会员投稿，仅供参考。")
	assert.NotEqual(t, a, c, "the rest of the line counts")
	for _, s := range []string{
		"没有书名号的一行文字",
		"《关于甲的说明》",        // a title alone is the article's
		"《关于甲的说明》第一章",     // a title and a word
		"本篇《没有合上的书名号会员投稿", // no complete title
	} {
		_, ok := fp(s)
		assert.False(t, ok, s)
	}
}

func TestSuffixFingerprint(t *testing.T) {
	fp := foldedPrint(suffixFingerprint)
	a, ok := fp("如何安装软件_某某经验网")
	require.True(t, ok)
	b, ok := fp("如何配置网络接口_某某经验网")
	require.True(t, ok)
	assert.Equal(t, a, b)
	c, ok := fp("标题文字 | 某某新闻网")
	require.True(t, ok)
	assert.NotEqual(t, a, c)
	for _, s := range []string{
		"没有分隔符的一行",
		"_某某经验网",        // no title before it
		"标题文字_某",        // one character is no site name
		"标题文字_a_b c",    // no Han character in the suffix
		"ls | grep foo", // a command line, not a site's name
		"标题文字_" + strings.Repeat("网", 17),
	} {
		_, ok := fp(s)
		assert.False(t, ok, s)
	}
}

// TestLearnerMidNoticeNeedsSite: a notice the pages print inside their

// text goes only from pages that show the site's template at their edges.

// TestLearnerEdgesOnly: a line that the pages share inside their text is

// not a template where it happens to fall at the edge of one page.

// TestLearnerRepeatedShape: a learned template that matches many lines of

// one document (their digits varying) is that document's content.

// tailPage is page i of a site that glues （按此睇圖輯） after its second

// paragraph.

// TestLearnerMidNoticeWithoutComma: a notice of one clause inside the text

// goes when most pages of the run print it, not when a few do.
