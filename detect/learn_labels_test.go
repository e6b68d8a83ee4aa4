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
