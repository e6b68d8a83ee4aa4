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

func TestMidNotice(t *testing.T) {
	f := new(folder)
	loadFold()
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"扫码下载掌上书香客户端，更多范文随时看", true},
		{"（本段为VIP专享内容，开通会员后可复制全文）", true},
		{"选项 OPTIONS", false}, // a heading: no comma
		{"-h, --help", false}, // no Chinese sentence
		{"LilyPond 2.19.7 released May 25, 2014", false},
		{"在这种情况下，请使用下面的命令：", false},                      // a lead-in
		{"如果一切正常，程序会返回零。", false},                        // a sentence
		{"短，句", false},                                   // too short
		{"这是一个很长的通知，" + strings.Repeat("内容", 20), false}, // too long
	} {
		f.fold(tc.line)
		assert.Equal(t, tc.want, midNotice(f, false), tc.line)
	}
}

// TestLearnerMidNoticeNeedsSite: a notice the pages print inside their
// text goes only from pages that show the site's template at their edges.
func TestLearnerMidNoticeNeedsSite(t *testing.T) {
	notice := slotNotice
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(slotPage(i, true))
	}
	m := l.Model()
	bare := "第一段正文" + words(1) + "，写得很长。\n第二段" + words(2) + "。\n" + notice + "\n第三段" + words(3) + "。\n第四段" + words(4) + "。\n"
	assert.Contains(t, applySpans(bare, Boilerplate(bare, nil, m)), notice)
}

// TestLearnerEdgesOnly: a line that the pages share inside their text is
// not a template where it happens to fall at the edge of one page.
func TestLearnerEdgesOnly(t *testing.T) {
	shared := "dh_shlibdeps 会为二进制包计算共享库依赖关系。"
	l := NewLearner()
	var pages []string
	for i := 0; i < 5; i++ {
		p := slotPage(i, false)
		lines := strings.Split(p, "\n")
		if i == 4 {
			lines = append(lines[:1], append([]string{shared}, lines[1:]...)...) // at the head
		} else {
			lines = append(lines[:8], append([]string{shared}, lines[8:]...)...) // in the text
		}
		p = strings.Join(lines, "\n")
		pages = append(pages, p)
		l.Add(p)
	}
	m := l.Model()
	assert.Contains(t, applySpans(pages[4], Boilerplate(pages[4], nil, m)), shared)
}

// TestLearnerRepeatedShape: a learned template that matches many lines of
// one document (their digits varying) is that document's content.
func TestLearnerRepeatedShape(t *testing.T) {
	// vecPage is slotPage with n lines of one shape after its first line.
	vecPage := func(i, n int) string {
		lines := strings.SplitAfter(slotPage(i, false), "\n")
		var b strings.Builder
		b.WriteString(lines[0])
		for k := 0; k < n; k++ {
			fmt.Fprintf(&b, "vec($_, %d, 1) = 1 == %d 位向量\n", k+i, 1<<(k+i))
		}
		b.WriteString(strings.Join(lines[1:], ""))
		return b.String()
	}
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(vecPage(i, 2))
	}
	m := l.Model()
	doc := vecPage(50, 6)
	out := applySpans(doc, Boilerplate(doc, nil, m))
	assert.Equal(t, 6, strings.Count(out, "vec($_"), out)
	assert.NotContains(t, out, "会员投稿", "the site's template still goes")
	// Two lines of a shape are still a template (a header and a footer).
	doc = vecPage(60, 2)
	out = applySpans(doc, Boilerplate(doc, nil, m))
	assert.NotContains(t, out, "vec($_", out)
}

func TestTailPhrase(t *testing.T) {
	f := new(folder)
	loadFold()
	const para = "这是一段很长的正文内容在这里结束。"
	for _, tc := range []struct {
		line string
		want string // the phrase, "" for none
	}{
		{para + "（按此睇圖輯）", "(按此睇图辑)"}, // folded
		{para + "[已编辑于 2023-07-09]", "[已编辑于2023-07-09]"},
		{para + "…展开全部", "…展开全部"},
		{para + "点击下载附件(12 KB)", "点击下载附件(12kb)"},
		{para + "如果给出了", ""},  // the next sentence's start: bare text
		{para + "例如：", ""},    // a lead-in
		{para + "(y/N)", ""},  // no Han characters
		{para + "参见", ""},     // too short
		{"短句。（按此睇圖輯）", ""},    // no paragraph before it
		{"没有句号的一行文字没有句号", ""}, // no sentence end
		{para, ""},
	} {
		f.fold(tc.line)
		at, ok := tailPhrase(f)
		got := ""
		if ok {
			got = string(f.b[at:])
		}
		assert.Equal(t, tc.want, got, tc.line)
	}
}

// tailPage is page i of a site that glues （按此睇圖輯） after its second
// paragraph.
func tailPage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "港讯 第%d期 · 港闻频道\n", i)
	for p := 0; p < 6; p++ {
		fmt.Fprintf(&b, "这是%s的正文,内容%s各不相同,讨论%s的问题。", words(i*100+p), words(i*7+p), words(i*13+p))
		if p == 1 {
			b.WriteString("（按此睇圖輯）")
		}
		b.WriteString("\n")
	}
	b.WriteString("版权所有 © 港讯传媒有限公司 不得转载\n")
	return b.String()
}

func TestLearnerTailPhrase(t *testing.T) {
	l := NewLearner()
	for i := 0; i < 5; i++ {
		l.Add(tailPage(i))
	}
	m := l.Model()
	page := tailPage(42)
	out := applySpans(page, Boilerplate(page, nil, m))
	assert.NotContains(t, out, "按此睇圖輯", out)
	assert.NotContains(t, out, "第42期", out)
	assert.Equal(t, 6, strings.Count(out, "。\n"), "every paragraph stays, ended as it was")

	// Five pages of forty-five documents are too few to tell a site's phrase
	// from a phrase that documents share.
	for i := 0; i < 40; i++ {
		l.Add(fmt.Sprintf("%s的另一篇文章,%s。\n%s。\n", words(i+500), words(i+600), words(i+700)))
	}
	m = l.Model()
	out = applySpans(page, Boilerplate(page, nil, m))
	assert.Contains(t, out, "（按此睇圖輯）", out)
}

func TestEnumerated(t *testing.T) {
	f := new(folder)
	loadFold()
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"一、指导思想", true},
		{"（二）开展学习型机关建设", true},
		{"(3)第三点", true},
		{"12、抓好党建基础工作", true},
		{"2. 安装", true},
		{"8.1.1. UTF-8 语言环境的基本原理", true},
		{"8.1. 语言环境", true},
		{"8.1.1 语言环境", true},
		{"第二篇:对当前机关党建的思考", true},
		{"第3章 配置", true},
		{"2.5 版本说明", false}, // a version, not an item
		{"3.14159 是圆周率", false},
		{"一键复制", false},
		{"第一时间推送", false},
		{"(完)", false},
		{"2023-05-01 发布", false},
		{"东湖大学新闻网", false},
	} {
		f.fold(tc.line)
		assert.Equal(t, tc.want, enumerated(f.b), tc.line)
	}
}

// TestLearnerMidNoticeWithoutComma: a notice of one clause inside the text
// goes when most pages of the run print it, not when a few do.
func TestLearnerMidNoticeWithoutComma(t *testing.T) {
	const notice = "下载书香范文库APP随时随地看范文"
	page := func(i int) string {
		return strings.Replace(slotPage(i, true), slotNotice, notice, 1)
	}
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(page(i))
	}
	m := l.Model()
	p := page(77)
	assert.NotContains(t, applySpans(p, Boilerplate(p, nil, m)), notice)

	// Three pages of 25 documents (12%): a line they share stays.
	l = NewLearner()
	for i := 0; i < 3; i++ {
		l.Add(page(i))
	}
	for i := 0; i < 22; i++ {
		l.Add(slotPage(100+i, false))
	}
	m = l.Model()
	assert.Contains(t, applySpans(p, Boilerplate(p, nil, m)), notice)
}
