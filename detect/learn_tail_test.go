package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

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

	// Five pages of forty-five documents are fewer than 15%, but they are
	// all the pages of the site's template (see TestSitePhrases).
	for i := 0; i < 40; i++ {
		l.Add(fmt.Sprintf("%s的另一篇文章,%s。\n%s。\n", words(i+500), words(i+600), words(i+700)))
	}
	m = l.Model()
	out = applySpans(page, Boilerplate(page, nil, m))
	assert.NotContains(t, out, "按此睇圖輯", out)
}
