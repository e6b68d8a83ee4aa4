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
		{para + "点击下载附件(6313 KB, 下载次数: 6313)", "点击下载附件(6313kb,下载次数:6313)"}, // 24 characters
		{para + "如果给出了", ""},                                               // the next sentence's start: bare text
		{para + "例如：", ""},                                                 // a lead-in
		{para + "(y/N)", ""},                                               // no Han characters
		{para + "参见", ""},                                                  // too short
		{"短句。（按此睇圖輯）", ""},                                                 // no paragraph before it
		{"没有句号的一行文字没有句号", ""},                                              // no sentence end
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

func TestTailSlotFingerprint(t *testing.T) {
	f := new(folder)
	loadFold()
	const para = "这是一段很长的正文内容在这里结束。"
	fp := func(line string) (uint64, bool) {
		f.fold(para + line)
		at, ok := tailPhrase(f)
		if !ok {
			return 0, false
		}
		h, _, ok := tailSlotFingerprint(f, at, nil)
		return h, ok
	}
	for _, tc := range []struct{ a, b string }{
		{"（滨江新闻网编辑：李娜）", "（滨江新闻网编辑：王芳）"},
		{"（編輯：杨帆）2119", "（編輯：刘洋）776"},
		{"（文字：张三　摄影：李四）", "（文字：欧阳明　摄影：王五）"},
	} {
		a, okA := fp(tc.a)
		b, okB := fp(tc.b)
		assert.True(t, okA && okB, "%s / %s", tc.a, tc.b)
		assert.Equal(t, a, b, "%s / %s", tc.a, tc.b)
	}
	for _, line := range []string{
		"（按此睇圖輯）",           // no label
		"（来源：中华人民共和国）",      // seven characters: no name
		"（编辑：李）",            // one
		"[已编辑于 2023-07-09]", // no Han characters after the ':'
	} {
		_, ok := fp(line)
		assert.False(t, ok, line)
	}
	a, _ := fp("（编辑：李娜）")
	b, _ := fp("（审核：李娜）")
	assert.NotEqual(t, a, b, "the labels stay")
}

func TestLearnerTailPhraseNames(t *testing.T) {
	names := []string{"李娜", "王芳", "张伟", "刘洋", "陈静", "杨帆"}
	page := func(i int) string {
		return strings.Replace(tailPage(i), "（按此睇圖輯）", "（滨江新闻网摄影："+names[i%len(names)]+"）", 1)
	}
	l := NewLearner()
	for i := 0; i < 5; i++ {
		l.Add(page(i))
	}
	p := page(42)
	out := applySpans(p, Boilerplate(p, nil, l.Model()))
	assert.NotContains(t, out, "滨江新闻网摄影", out)
	assert.Equal(t, 6, strings.Count(out, "。\n"), "every paragraph stays, ended as it was")
}
