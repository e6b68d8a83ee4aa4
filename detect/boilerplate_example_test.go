package detect_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/hanfix/hanfix/detect"
)

func ExampleBoilerplate() {
	page := "您的位置:某某网 > 调研报告 > 正文\n" +
		"加强机关党务干部队伍建设调研报告\n" +
		"会员免费查看机关党务干部是机关党建工作的策划者。\n" +
		"上一篇:党组织建设面临问题思考\n" +
		"阅读 2.1万 · 分享 收藏 点赞\n" +
		"Copyright © 2010-2018 www.example.com All Rights Reserved."
	for _, sp := range detect.Boilerplate(page, nil, nil) {
		fmt.Printf("%-6v %-10s %q\n", sp.Line, sp.Kind, strings.TrimSpace(page[sp.Span.Start:sp.Span.End]))
	}
	// Output:
	// true   breadcrumb "您的位置:某某网 > 调研报告 > 正文"
	// false  paywall    "会员免费查看"
	// true   nav        "上一篇:党组织建设面临问题思考"
	// true   toolbar    "阅读 2.1万 · 分享 收藏 点赞"
	// true   copyright  "Copyright © 2010-2018 www.example.com All Rights Reserved."
}

func ExampleParseBoilerplateRules() {
	mine, err := detect.ParseBoilerplateRules(strings.NewReader(`
# KIND  ZONE  MODE    [OPTION ...]  PATTERN
ad      tail  line    name=ad-space 广告位招租
promo   any   start                 限时免费
paywall any   start   w=0           会员免费查看
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rules := detect.DefaultBoilerplateRules().Merge(mine) // add two rules, turn one off
	page := "正文第一段。\n限時免費正文第二段。\n会员免费查看正文第三段。\n廣告位招租"
	for _, sp := range detect.Boilerplate(page, rules, nil) {
		fmt.Printf("%s %q\n", sp.Rule, page[sp.Span.Start:sp.Span.End])
	}

	_, err = detect.ParseBoilerplateRules(strings.NewReader("ad tail line 广告\nad nowhere line 广告\n"))
	fmt.Println(err)
	// Output:
	// phrase:promo:start:限时免费 "限時免費"
	// line:ad-space "\n廣告位招租"
	// boilerplate rules: line 2: zone "nowhere": want head, tail, edge or any
}

func ExampleLearner() {
	page := func(n int, title, body string) string {
		return fmt.Sprintf("晴川学习 > 第%d期\n%s\n%s\n往期:%s\n本页由晴川学习提供\n", n, title, body, title)
	}
	pages := []string{
		page(1, "表单导航栏", "「导航」栏包含用于编辑数据库表的各种图标。"),
		page(2, "图表向导", "在本页面中,您可以选择要显示的图表元素。"),
		page(3, "名字空间", "名字空间变量类似于全局变量。"),
	}
	l := detect.NewLearner()
	for _, p := range pages {
		l.Add(p)
	}
	model := l.Model()
	var buf bytes.Buffer
	if _, err := model.WriteTo(&buf); err != nil { // save for later runs
		fmt.Println(err)
		return
	}
	model, _ = detect.ReadSiteModel(&buf)

	p := page(4, "贴齐页边", "光标必须位于吸附距离之内。")
	for _, sp := range detect.Boilerplate(p, nil, model) {
		fmt.Printf("%s %q\n", sp.Kind, strings.TrimSpace(p[sp.Span.Start:sp.Span.End]))
	}
	// Output:
	// learned "晴川学习 > 第4期"
	// learned "往期:贴齐页边"
	// learned "本页由晴川学习提供"
}

// Fingerprinting is most of the work of learning and needs nothing of the
// learner: workers take the fingerprints of documents at once, and one
// goroutine adds them in document order.
func ExampleLearner_AddFingerprints() {
	pages := make([]string, 3)
	for i, body := range []string{"表单导航栏包含各种图标。", "您可以选择图表元素。", "名字空间变量类似于全局变量。"} {
		pages[i] = fmt.Sprintf("晴川学习 > 第%d期\n%s\n本页由晴川学习提供\n", i+1, body)
	}
	prints := make([]detect.Fingerprints, len(pages))
	var wg sync.WaitGroup
	for i, p := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prints[i] = detect.FingerprintDoc(p)
		}()
	}
	wg.Wait()
	l := detect.NewLearner()
	for _, fps := range prints {
		l.AddFingerprints(fps)
	}
	p := "晴川学习 > 第4期\n光标必须位于吸附距离之内。\n本页由晴川学习提供\n"
	for _, sp := range detect.Boilerplate(p, nil, l.Model()) {
		fmt.Printf("%s %q\n", sp.Kind, strings.TrimSpace(p[sp.Span.Start:sp.Span.End]))
	}
	// Output:
	// learned "晴川学习 > 第4期"
	// learned "本页由晴川学习提供"
}
