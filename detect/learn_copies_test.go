package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// article returns a clean text of eight lines that differ from those of
// every other n (no furniture).
func article(n int) string {
	var b strings.Builder
	for p := 0; p < 8; p++ {
		fmt.Fprintf(&b, "第%s段讲的是%s,又说到%s的事情。\n", words(n*100+p), words(n*100+p+50), words(n*100+p+70))
	}
	return b.String()
}

// furniture wraps text in the header and footer of site k, which the
// default rules do not know.
func furniture(k int, text string) string {
	return fmt.Sprintf("晴川%s文摘 · 栏目%s\n%s本页内容由晴川%s文摘编辑部整理\n", words(k), words(k+1), text, words(k))
}

func TestLearnerCopies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pages  []string
		copies int
	}{
		{"crawled three times", []string{article(1), article(1), article(1)}, 2},
		{"view counts differ", []string{
			"阅读 12 次\n" + article(2), "阅读 15 次\n" + article(2), "阅读 310 次\n" + article(2)}, 2},
		{"reposted under other furniture", []string{
			furniture(1, article(3)), furniture(2, article(3)), furniture(3, article(3))}, 2},
		{"copies among other pages", []string{
			article(4), furniture(1, article(5)), article(4), furniture(1, article(6)), furniture(2, article(4))}, 2},
		{"distinct articles", []string{article(7), article(8), article(9)}, 0},
		{"one site's pages", []string{
			furniture(1, article(10)), furniture(1, article(11)), furniture(1, article(12)), furniture(1, article(13))}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLearner()
			for _, p := range tc.pages {
				l.Add(p)
			}
			assert.Equal(t, tc.copies, l.Copies())
			assert.Equal(t, len(tc.pages)-tc.copies, l.Docs())
			// Whatever the copies, the text of every page stays.
			m := l.Model()
			for _, p := range tc.pages {
				out := applySpans(p, Boilerplate(p, nil, m))
				for _, line := range strings.Split(strings.TrimSuffix(p, "\n"), "\n") {
					if strings.HasPrefix(line, "第") {
						assert.Contains(t, out, line)
					}
				}
			}
		})
	}
}

// Before copies were told, three copies of a page taught the learner all
// of its lines, and a page of three lines lost two of them.
func TestLearnerCopiesKeepText(t *testing.T) {
	page := "这是一个 UDP 协议的实现. 它实现无连接的, 不可靠的数据报信息包服务.\n" +
		"当创建一个 UDP 套接字时, 它的本地和远程地址是不确定的.\n" +
		"所有接收操作只返回一个信息包.\n"
	for _, fps := range []bool{false, true} {
		l := NewLearner()
		for i := 0; i < 5; i++ {
			if fps {
				l.AddFingerprints(FingerprintDoc(page))
			} else {
				l.Add(page)
			}
		}
		assert.Equal(t, 4, l.Copies())
		assert.Zero(t, l.Model().Len())
		assert.Empty(t, Boilerplate(page, nil, l.Model()))
	}

	// A site's furniture is still learnt from its other pages, and goes
	// from the copies too.
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(furniture(1, page))
		l.Add(furniture(1, article(20+i)))
	}
	assert.Equal(t, 3, l.Copies())
	p := furniture(1, page)
	assert.Equal(t, page, applySpans(p, Boilerplate(p, nil, l.Model())))
}

// Pages of one site whose longest lines are its notices share the key of
// their two longest lines, but not their other lines: no copies.
func TestLearnerLongNoticesNoCopies(t *testing.T) {
	page := func(i int) string {
		return "本站所有文章均来自网友投稿与网络转载，版权归原作者所有，仅供学习交流使用。\n" +
			"如您发现本站内容侵犯了您的权益，请发送邮件至编辑部邮箱，我们将在三个工作日内处理。\n" +
			words(i) + "的问题\n" + words(i+40) + "的回答\n" + words(i+80) + "的补充\n" +
			"用户协议与隐私政策的说明\n"
	}
	l := NewLearner()
	for i := 0; i < 6; i++ {
		l.Add(page(i))
	}
	assert.Zero(t, l.Copies())
	out := applySpans(page(9), Boilerplate(page(9), nil, l.Model()))
	assert.NotContains(t, out, "版权归原作者所有")
	assert.Contains(t, out, words(9)+"的问题")
}

// Two long paragraphs that the first pages of an article share stay, where
// the pages have been cleaned once already and the paragraphs sit at their
// top: a site's notices are shorter.
func TestLearnedLongSentencesStay(t *testing.T) {
	para1 := "机关党务干部是机关党建工作的策划者、组织者和实施者，其素质的高低，直接关系到机关党建活动的吸引力和实效性，要建设一支党性强、业务精、肯干事的党务干部队伍。"
	para2 := "机关党务干部顾全大局，忠于职守，兢兢业业，任劳任怨，在服务中心、建设队伍等方面作了许多有效的探索，较好地履行了工作职责，取得了较大的成效。"
	l := NewLearner()
	var pages []string
	for i := 0; i < 5; i++ {
		p := para1 + "\n" + para2 + "\n" + article(30+i)
		pages = append(pages, p)
		l.Add(p)
	}
	require.Zero(t, l.Copies())
	for _, p := range pages {
		assert.Empty(t, Boilerplate(p, nil, l.Model()))
	}
	// Short shared notices at the same places go.
	l = NewLearner()
	pages = pages[:0]
	for i := 0; i < 5; i++ {
		p := "本文由晴川文摘编辑部整理发布，欢迎分享。\n" + article(40+i) + "喜欢本文请点赞并关注晴川文摘。\n"
		pages = append(pages, p)
		l.Add(p)
	}
	for i, p := range pages {
		assert.Equal(t, article(40+i), applySpans(p, Boilerplate(p, nil, l.Model())))
	}
}
