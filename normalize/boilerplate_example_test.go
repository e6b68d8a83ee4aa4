package normalize_test

import (
	"fmt"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/normalize"
)

// Pages of one site are learned together first; then each page is cleaned
// with the site model, as hanfix -jsonl does with the documents of a group.
func ExampleOptions_siteModel() {
	pages := []string{
		"山海资讯 · 科技频道\n编辑图表\n连按两下某轴可编辑显示比例。\n本站内容仅供学习交流\n",
		"山海资讯 · 科技频道\n使用者介面\n选取用于使用者介面的语言。\n本站内容仅供学习交流\n",
		"山海资讯 · 科技频道\n参考文献\n参考文献目录是所参照著作的清单。\n本站内容仅供学习交流\n",
	}
	l := detect.NewLearner()
	for _, p := range pages {
		l.Add(p)
	}
	n, err := normalize.New(normalize.Options{Target: normalize.TargetKeep, SiteModel: l.Model()})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, rep, _ := n.String(pages[0])
	fmt.Print(out)
	fmt.Println(rep.Counts[normalize.KindBoilerplate], "lines removed")
	// Output:
	// 编辑图表
	// 连按两下某轴可编辑显示比例。
	// 2 lines removed
}
