package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeadPhrases(t *testing.T) {
	f := new(folder)
	loadFold()
	const para = "这是一段很长的正文内容在这里结束。"
	for _, tc := range []struct {
		line string
		want []string // the candidates, shortest first, folded
	}{
		{"点击阅读全文" + para, []string{"点击阅读", "点击阅读全文"}},
		{"點擊閱讀全文" + para, []string{"点击阅读", "点击阅读全文"}}, // Traditional folds
		{"展开剩余23%" + para, []string{"展开剩余23%"}},
		{"开通VIP解锁全文" + para, []string{"开通vip解锁", "开通vip解锁全文"}},
		{"一键复制" + para, []string{"一键复制"}},
		{"继续阅读本文档" + para, []string{"继续阅读", "继续阅读本文档"}},
		{"要在文档" + para, nil},    // ends a clause, no reader's action
		{"打开文档" + para, nil},    // the same
		{"适合人类阅读" + para, nil},  // the same
		{"您可以点击查看" + para, nil}, // a clause: no ending after 点击 in time
		{"点击阅读全文", nil},         // no paragraph after it
		{"点击阅读全文短句。", nil},      // too short a paragraph
		{"点击：阅读全文" + para, nil}, // a mark: not one phrase
		{"查看全文" + para, []string{"查看全文"}},
		{"这个命令点击阅读全文" + para, nil}, // too late in the line to be a phrase before it
	} {
		f.fold(tc.line)
		var got []string
		for _, c := range headPhrases(nil, f, 0) {
			got = append(got, string(f.b[:c.at]))
		}
		assert.Equal(t, tc.want, got, tc.line)
	}
}

// headPage is page i of a site that glues its phrase before the third
// paragraph; with bare, the page has no furniture at its edges.
func headPage(i int, phrase string, bare bool) string {
	var b strings.Builder
	if !bare {
		fmt.Fprintf(&b, "港讯 第%d期 · 港闻频道\n", i)
	}
	for p := 0; p < 6; p++ {
		if p == 2 {
			b.WriteString(phrase)
		}
		fmt.Fprintf(&b, "这是%s的正文,内容%s各不相同,讨论%s的问题。\n", words(i*100+p), words(i*7+p), words(i*13+p))
	}
	if !bare {
		b.WriteString("版权所有 © 港讯传媒有限公司 不得转载\n")
	}
	return b.String()
}

func TestLearnerHeadPhrase(t *testing.T) {
	const phrase = "点击展开阅读全文"
	l := NewLearner()
	for i := 0; i < 5; i++ {
		l.Add(headPage(i, phrase, false))
	}
	m := l.Model()
	page := headPage(42, phrase, false)
	spans := Boilerplate(page, nil, m)
	checkSpans(t, page, spans)
	out := applySpans(page, spans)
	assert.NotContains(t, out, phrase, out)
	assert.Equal(t, 6, strings.Count(out, "。\n"), "every paragraph stays")
	assert.Contains(t, out, "\n这是"+words(4202), "the phrase goes, the paragraph after it stays whole")
	var rule string
	for _, sp := range spans {
		if !sp.Line {
			rule = sp.Rule
		}
	}
	require.NotEmpty(t, rule, "the phrase is a span of its own")
	assert.True(t, strings.HasPrefix(rule, "learned:"), rule)

	// A page that does not show the site's template at its edges keeps
	// it: it may be another site's text that starts alike.
	bare := headPage(43, phrase, true)
	assert.Equal(t, bare, applySpans(bare, Boilerplate(bare, nil, m)))

	// A page that starts two paragraphs with it keeps both: a site glues
	// its phrase before one paragraph of a page.
	twice := strings.Replace(page, "\n这是"+words(4204), "\n"+phrase+"这是"+words(4204), 1)
	require.NotEqual(t, page, twice)
	assert.Equal(t, 2, strings.Count(applySpans(twice, Boilerplate(twice, nil, m)), phrase))

	// Five pages of forty-five documents are fewer than 15%, but they are
	// all the pages of the site's template (see TestSitePhrases).
	for i := 0; i < 40; i++ {
		l.Add(fmt.Sprintf("%s的另一篇文章,%s。\n%s。\n", words(i+500), words(i+600), words(i+700)))
	}
	m = l.Model()
	assert.NotContains(t, applySpans(page, Boilerplate(page, nil, m)), phrase)
}

// TestLearnerHeadPhraseShared checks that pages of a site whose paragraphs
// after the phrase happen to start alike lose only the phrase: the
// candidates end with the reader's action, not inside the text after it.
func TestLearnerHeadPhraseShared(t *testing.T) {
	const phrase = "会员免费查看"
	l := NewLearner()
	page := func(i int) string {
		return strings.Replace(headPage(i, phrase, false), phrase+"这是", phrase+"如果这是", 1)
	}
	for i := 0; i < 6; i++ {
		l.Add(page(i))
	}
	p := page(42)
	out := applySpans(p, Boilerplate(p, nil, l.Model()))
	assert.NotContains(t, out, phrase, out)
	assert.Contains(t, out, "\n如果这是"+words(4202), out)
}

// TestLearnerHeadPhraseOnce checks that the learner does not count a
// phrase that starts several lines of a document.
func TestLearnerHeadPhraseOnce(t *testing.T) {
	const phrase = "点击展开阅读全文"
	l := NewLearner()
	for i := 0; i < 5; i++ {
		p := headPage(i, phrase, false)
		p = strings.Replace(p, "\n这是"+words(i*100+4), "\n"+phrase+"这是"+words(i*100+4), 1)
		l.Add(p)
	}
	page := headPage(42, phrase, false)
	assert.Contains(t, applySpans(page, Boilerplate(page, nil, l.Model())), phrase)
}

// TestAppendHeadPrints checks that both ways of dropping the phrases that
// start several lines of a document agree, and what they keep.
func TestAppendHeadPrints(t *testing.T) {
	for _, n := range []int{0, 1, 5, maxHeadPairs, maxHeadPairs + 1, 300} {
		var cands []headPrint
		for i := 0; i < n; i++ {
			// fingerprints 0..n/3, two candidates to a line
			cands = append(cands, headPrint{headCand{fp: uint64(i % (n/3 + 1)), line: i / 2}, fmt.Sprint(i / 2)})
		}
		want := appendHeadPrintsMap(nil, cands)
		assert.Equal(t, want, appendHeadPrintsPairs(nil, cands), "n=%d", n)
		assert.Equal(t, want, appendHeadPrints(nil, cands), "n=%d", n)
	}
	got := appendHeadPrints(nil, []headPrint{
		{headCand{fp: 1, line: 0}, "a"}, {headCand{fp: 2, line: 0}, "a"},
		{headCand{fp: 2, line: 3}, "b"}, {headCand{fp: 3, line: 3}, "b"}, {headCand{fp: 3, line: 3}, "b"},
	})
	assert.Equal(t, []linePrint{{fp: 1, line: "a", phrase: true}, {fp: 3, line: "b", phrase: true}}, got, "2 starts two lines; 3, twice on one, counts once")
}
