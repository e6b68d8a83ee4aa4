package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// unseenPage builds page i of one of three fictional sites whose templates
// use phrases the default rules mostly do not know. It returns the page and,
// per line, whether the line is boilerplate.
func unseenPage(site, i int) (string, []bool) {
	var lines []string
	var bp []bool
	add := func(b bool, format string, a ...any) {
		lines = append(lines, fmt.Sprintf(format, a...))
		bp = append(bp, b)
	}
	title := "关于" + words(i*5+site) + "的说明"
	body := func() {
		for p := 0; p < 4+i%3; p++ {
			add(false, "%s,这是第%d段,%s,说明%s的用法。", words(site*7919+i*31+p), p+1, words(i*17+p), words(p+i))
		}
	}
	switch site {
	case 0:
		add(true, "栏目导读 → 学习园地 » 技术文档")
		add(false, "%s", title)
		add(true, "作者：佚名　　点击：%d　　更新：2023-0%d-1%d", 100+i*7, i%9+1, i%10)
		body()
		add(true, "本文由学习园地编辑部审核发布")
		add(true, "前一页：%s", "关于"+words(i*5+site+1)+"的说明")
		add(true, "返回学习园地首页")
		add(true, "学习园地 版权所有 2015-2023 湘ICP备12345678号")
	case 1:
		add(true, "【學海拾貝】%s頻道", []string{"科技", "人文", "生活"}[i%3])
		add(false, "%s", title)
		add(true, "發佈於 2022/%d/%d ｜ 閱讀 %d 次", i%12+1, i%28+1, 300+i)
		body()
		add(true, "（本文來自學海拾貝，僅供學習參考）")
		add(true, "喜歡這篇文章嗎？歡迎轉發給朋友")
		add(true, "下一篇 › %s", "關於"+words(i*3)+"的說明")
	case 2:
		add(true, "首页 | 资讯 | 专题 | 论坛 | 下载")
		add(false, "%s", title)
		body()
		add(true, "标签：学习 资料 文档")
		add(true, "上一条：%s", "关于"+words(i*9)+"的说明")
		add(true, "下一条：%s", "关于"+words(i*11)+"的说明")
		add(true, "Copyright 2008-2024 某某资讯网 版权所有 粤ICP备0000000号")
	}
	return strings.Join(lines, "\n") + "\n", bp
}

// TestBoilerplateUnseenTemplates learns four pages of each of three sites
// together (one group, as a -jsonl run without -group) and measures line
// precision and recall on them.
func TestBoilerplateUnseenTemplates(t *testing.T) {
	l := NewLearner()
	type page struct {
		text string
		bp   []bool
	}
	var pages []page
	for site := 0; site < 3; site++ {
		for i := 0; i < 4; i++ {
			s, bp := unseenPage(site, i)
			pages = append(pages, page{s, bp})
			l.Add(s)
		}
	}
	m := l.Model()
	for _, tc := range []struct {
		name  string
		model *SiteModel
	}{{"rules", nil}, {"rules+learned", m}} {
		tp, fp, fn := 0, 0, 0
		for _, p := range pages {
			removed := map[int]bool{}
			spans := Boilerplate(p.text, nil, tc.model)
			checkSpans(t, p.text, spans)
			for _, sp := range spans {
				if sp.Line {
					// the line the span covers (it may start with the line
					// break before the line)
					removed[strings.Count(p.text[:sp.Span.Start], "\n")+boolInt(p.text[sp.Span.Start] == '\n')] = true
				}
			}
			for k, isBP := range p.bp {
				switch {
				case isBP && removed[k]:
					tp++
				case isBP:
					fn++
					if tc.model != nil {
						t.Logf("missed: %s", strings.Split(p.text, "\n")[k])
					}
				case removed[k]:
					fp++
					t.Logf("content removed: %s", strings.Split(p.text, "\n")[k])
				}
			}
		}
		prec := float64(tp) / float64(max(1, tp+fp))
		rec := float64(tp) / float64(max(1, tp+fn))
		t.Logf("%-14s precision %.3f recall %.3f (tp %d fp %d fn %d)", tc.name, prec, rec, tp, fp, fn)
		assert.Zero(t, fp, tc.name)
		if tc.model != nil {
			assert.GreaterOrEqual(t, rec, 0.9)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
