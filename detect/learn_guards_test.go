package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

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
	// A notice that most pages of a run print needs no comma; a section
	// heading that a run of reports repeats is no notice all the same.
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"扫码下载掌上书香客户端", true},
		{"该回答已被题主采纳", true},
		{"存在的问题和不足", false},
		{"主要工作和成效", false},
		{"下一步工作打算", false},
		{"存在的問題和不足", false},
	} {
		f.fold(tc.line)
		assert.Equal(t, tc.want, midNotice(f, true), tc.line)
	}
}

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

// TestLearnerRuleNamesLine: a line that a rule removes is reported under
// the rule, though a learned template matches it too (normalize weighs
// only what the learner alone takes against a page's text).
func TestLearnerRuleNamesLine(t *testing.T) {
	page := func(i int) string {
		return slotPage(i, false) + "收藏 | 打印 | 纠错 | 导出Word\n"
	}
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(page(i))
	}
	m := l.Model()
	p := page(9)
	var rules []string
	for _, sp := range Boilerplate(p, nil, m) {
		if strings.Contains(p[sp.Span.Start:sp.Span.End], "导出Word") {
			rules = append(rules, sp.Rule)
		}
	}
	assert.Equal(t, []string{"line:toolbar:line:{name}|{name}|{name}|{name}"}, rules)
}
