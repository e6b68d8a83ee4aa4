package detect

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormula(t *testing.T) {
	loadFold()
	var f folder
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"同志们：", true},
		{"同志們：今天我們在這裡召開全市組織工作會議。", true},
		{"尊敬的张书记：", true},
		{"各位领导、各位来宾：", true},
		{"女士们、先生们：", true},
		{"全体党员同志：", true},
		{"亲爱的同学们:", true},
		{"谢谢大家！", true},
		{"謝謝大家。", true},
		{"此致", true},
		{"敬礼！", true},
		{"以上报告，请审议。", true},
		{"特此通知。", true},
		{"妥否，请批示。", true},
		{"本周主要工作如下：", true},
		{"現將有關事項通知如下：", true},
		{"上一篇：关于加强机关党建的意见", false},
		{"发布时间：2023-05-01", false},
		{"大家好，欢迎访问晴川文摘网", false},
		{"谢谢您的阅读，欢迎分享本文", false},
		{"来源：人民网", false},
		{"本文由晴川文摘网整理发布，转载请注明出处。", false},
		{"同志们在会上的发言很热烈，大家表示：要把会议精神落到实处", false},
		{"", false},
	} {
		f.fold(tc.line)
		assert.Equal(t, tc.want, formula(f.b), "%q", tc.line)
	}
}

// The openings and closings of a run of speeches stay, though every
// speech has one of them at its top or bottom; the site's own lines go.
func TestLearnerFormulaStays(t *testing.T) {
	openers := []string{"尊敬的各位领导、各位来宾：", "同志们：", "各位老师、同学们：", "大家好！"}
	closers := []string{"谢谢大家！", "以上报告，请审议。", "此致\n敬礼！", "谢谢！"}
	l := NewLearner()
	var pages []string
	for i := 0; i < 12; i++ {
		p := fmt.Sprintf("晴川范文网 > 讲话稿 > 正文%d\n%s\n%s%s\n晴川范文网提供范文参考，仅供学习交流\n",
			i, openers[i%4], article(60+i), closers[i%4])
		pages = append(pages, p)
		l.Add(p)
	}
	m := l.Model()
	for i, p := range pages {
		out := applySpans(p, Boilerplate(p, nil, m))
		assert.Equal(t, openers[i%4]+"\n"+article(60+i)+closers[i%4]+"\n", out, "page %d", i)
	}
}
