package detect

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestContentLabel(t *testing.T) {
	loadFold()
	var f folder
	for _, tc := range []struct {
		line string
		want bool // the line has a label template
	}{
		{"上一篇：关于加强机关党建的意见", true},
		{"[下一篇] 某某文章", true},
		{"来源：人民网", true},
		{"问：怎样安装软件包？", false},
		{"答：使用 apt-get install 命令。", false},
		{"主持人：欢迎收看本期节目", false},
		{"嘉賓：謝謝主持人", false},
		{"做法：先把水烧开", false},
		{"[注释] 碩鼠：大老鼠", false},
		{"原文：关关雎鸠，在河之洲", false},
		{"摘要：本文讨论了中文文本清洗的方法", false},
		{"关键词：文本清洗；乱码；拼音", false},
		{"子曰：“学而时习之，不亦说乎？”", false},
		{"孔子说：“三人行，必有我师焉。”", false},
	} {
		f.fold(tc.line)
		_, ok := labelFingerprint(&f)
		assert.Equal(t, tc.want, ok, "%q", tc.line)
	}
}

// A run of FAQ pages holds 问： and 答： at the edges of every page; the
// lines stay.
func TestLearnerContentLabelsStay(t *testing.T) {
	l := NewLearner()
	var pages []string
	for i := 0; i < 12; i++ {
		p := fmt.Sprintf("问：%s是什么？\n答：%s,%s。\n%s", words(i), words(i+30), words(i+60), article(80+i))
		pages = append(pages, p)
		l.Add(p)
	}
	m := l.Model()
	for i, p := range pages {
		assert.Empty(t, Boilerplate(p, nil, m), "page %d", i)
	}
}

// Text under a label that every page prints (最佳答案：…, 导语：…) stays: a
// label template takes a site's line, whose rest is a title, a name or a
// date, not a sentence. The site's own labelled lines still go.
func TestLearnerLabelledTextStays(t *testing.T) {
	l := NewLearner()
	var pages []string
	for i := 0; i < 12; i++ {
		p := fmt.Sprintf("晴川知道 > 问题详情\n%s是什么？\n最佳答案：%s是一种常见的东西，%s也经常用到它。\n%s往期推荐：%s的故事\n",
			words(i), words(i+20), words(i+40), article(90+i), words(i+60))
		pages = append(pages, p)
		l.Add(p)
	}
	m := l.Model()
	for i, p := range pages {
		out := applySpans(p, Boilerplate(p, nil, m))
		assert.Contains(t, out, "最佳答案：", "page %d", i)
		assert.NotContains(t, out, "往期推荐：", "page %d", i)
		assert.NotContains(t, out, "晴川知道", "page %d", i)
	}
}
