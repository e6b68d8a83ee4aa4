package detect

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseBoilerplateRules(f *testing.F) {
	f.Add("breadcrumb edge prefix max=80 您的位置:\nnav edge prefix max=120 上一篇{sep}\nmeta any contains max=60 发布时间:{date}\n" +
		"tracking edge line {kv}\neditor any end (责任编辑:{name})\nrelated edge line list=1 相关文章\njunk any infix -+\n")
	f.Add("kind any line {kv}\n")
	f.Add("a edge prefix w=0.5 max=3 name=x -- {n}{date}{name}{*}abc\n")
	f.Add("x any contains {{}}\n")
	f.Add("toolbar edge line {tools}\nfooter any line max=9 {links}\ny any end max=5 [编辑]\nz any prefix {tools}{n}{links}\n")
	f.Fuzz(func(t *testing.T, text string) {
		rs, err := ParseBoilerplateRules(strings.NewReader(text))
		if err != nil {
			if rs != nil {
				t.Fatal("rules and error")
			}
			return
		}
		// Whatever parsed must run safely on text.
		for _, s := range []string{text, "标题\n正文。\n上一篇:x\nbook=1,ebook=2", "名称[编辑]\n分享 收藏 阅读 1,204\n关于我们 | 隐私政策\n"} {
			if !utf8.ValidString(s) {
				continue
			}
			checkSpans(t, s, Boilerplate(s, rs, nil))
		}
	})
}

func FuzzReadSiteModel(f *testing.F) {
	l := NewLearner()
	for i := 0; i < 4; i++ {
		l.Add(sitePage(1, i))
	}
	var buf bytes.Buffer
	if _, err := l.Model().WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"hanfix-sitemodel","version":1,"groups":{"a":{"docs":1,"min_docs":1,"templates":[]}}}`))
	f.Add([]byte(`{"format":"hanfix-sitemodel","version":1,"groups":{"":{"docs":9,"min_docs":3,"templates":[` +
		`{"fp":"27f56bc6818a998d","docs":4,"edge":0,"site":true},{"fp":"9a15fac6c8f67a46","docs":4,"edge":4}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := ReadSiteModels(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if _, err := ms.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		back, err := ReadSiteModels(&out)
		if err != nil {
			t.Fatalf("rewritten model does not read back: %v", err)
		}
		for k, m := range ms {
			if back[k].Len() != m.Len() {
				t.Fatalf("group %q: %d templates, read back %d", k, m.Len(), back[k].Len())
			}
			s := sitePage(1, 9)
			checkSpans(t, s, Boilerplate(s, nil, m))
		}
	})
}

func FuzzBoilerplate(f *testing.F) {
	f.Add("您的位置:某某网 > 正文\n\n标题\n\n发布时间:2016/10/5\n正文。\n会员免费查看正文二。(完)(责任编辑: 某)\n上一篇:x\nbook=43,ebook=38")
	f.Add("文/某\n标题\n文/某\n的-+贯彻\n相关文章\n条目一\n条目二\n")
	f.Add("\n\n\n")
	f.Add("發(fā)布日期：２０２０-01-01 閱讀次數(shù):1\n")
	f.Add("标题_某某网\n本篇《标题》系某某网投稿，仅供参考。\n正文。\n关注某某网，每天推送好文\n正文。\n《》_|\n")
	f.Add("第一段正文很长很长很长很长结束了。（按此睇圖輯）\n第二段。\n")
	f.Add("您的位置:某某网 > 正文\n点击阅读全文第一段正文很长很长很长很长结束了。\n第二段。\n版权所有 某某网\n上一篇:x\n")
	f.Add("展开剩余23%第一段正文很长很长很长结束了。\n一键复制第二段正文很长很长很长结束了。\n一键复制第三段正文很长很长很长结束了。\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// Not the pipeline's input, but a public function: it must
			// not panic, and its spans stay inside the text.
			checkBounds(t, s, Boilerplate(s, nil, nil))
			l := NewLearner()
			l.MinDocs = 1
			l.Add(s)
			l.Add(s)
			checkBounds(t, s, Boilerplate(s, nil, l.Model()))
			return
		}
		spans := Boilerplate(s, nil, nil)
		checkSpans(t, s, spans)
		// The copies teach nothing (see learn_copies.go): one document
		// is the support, so that every line of s is a template.
		l := NewLearner()
		l.MinDocs = 1
		l.Add(s)
		l.Add(s)
		l.Add(s)
		checkSpans(t, s, Boilerplate(s, nil, l.Model()))
	})
}

// checkBounds checks that spans are ordered and inside s.
func checkBounds(t *testing.T, s string, spans []BoilerplateSpan) {
	t.Helper()
	last := 0
	for _, sp := range spans {
		if sp.Span.Start < last || sp.Span.End < sp.Span.Start || sp.Span.End > len(s) {
			t.Fatalf("span %d-%d out of order or outside the text (len %d)", sp.Span.Start, sp.Span.End, len(s))
		}
		last = sp.Span.End
	}
}

// Invalid UTF-8 (many bytes that each would fold to a three-byte U+FFFD)
// used to overrun the fold buffer.
func TestBoilerplateInvalidUTF8(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("\xff", 100) + "\n上一篇:x\n",
		"您的位置:\x80\x81\x82 > 正文\n正文。\n" + strings.Repeat("\xfe\xe4", 50),
		"\xe4\xb8",
	} {
		checkBounds(t, s, Boilerplate(s, nil, nil))
		l := NewLearner()
		l.MinDocs = 1
		l.Add(s)
		l.Add(s)
		checkBounds(t, s, Boilerplate(s, nil, l.Model()))
	}
}
