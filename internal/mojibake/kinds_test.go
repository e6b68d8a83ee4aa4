package mojibake

import (
	"strings"
	"testing"
)

// garble applies a chain's mechanism to clean text: for each hop from the
// last, encode with the original codec and decode with the wrong one.
func garble(t *testing.T, s string, plan string) (string, bool) {
	t.Helper()
	p, err := ParsePlan(plan)
	if err != nil {
		t.Fatal(err)
	}
	return invertChain(s, p.Hops)
}

// Sentences to garble; a mechanism that cannot write one of them without
// U+FFFD (a byte sequence with no character) skips it.
var kindSentences = map[string][]string{
	"simp": {"系统默认的输入法设置", "用户可以自定义快捷键", "安装完成以后请重新启动计算机", "在命令行提示符下输入命令",
		"可以使用鼠标选择文本", "默认情况下不显示隐藏文件", "系统管理员可以通过配置文件来设置默认的语言和输入法。", "在打开的文件中，数据和数据类型的出现顺序必须相同。",
		"配置文件的配置偏好设置。", "您可以定义自己的渐变、修改现有渐变，还可以保存和加载渐变文件列表。", "在德语区域设置中千位分隔符是句点。",
		"要替换结构行中的代码，请点击代码，然后点击代码按钮。", "对于缺省情况，它配置当前的运行级别。"},
	"trad": {"系統管理員可以透過設定檔來設定預設的語言和輸入法。", "開啟對話方塊，您可以在其中變更選取的自動圖文集項目的名稱。",
		"如果需要，您也可以儲存已格式化文字。", "列出目前所選自動圖文集條目的名稱。"},
}

func TestChainKinds(t *testing.T) {
	cases := []struct {
		script, plan, kind string
	}{
		{"simp", "utf8<-gbk", KindUTF8GBK},
		{"simp", "utf8<-cp1252", KindUTF8Latin},
		{"simp", "utf8<-latin1", KindUTF8Latin},
		{"trad", "big5<-gbk", KindBig5GBK},
		{"simp", "gbk<-big5", KindGBKBig5},
		{"simp", "utf8<-cp1252 utf8<-cp1252", KindChain},
		{"simp", "utf8<-cp1252 utf8<-gbk", KindChain},
	}
	for _, c := range cases {
		tested := 0
		for _, orig := range kindSentences[c.script] {
			g, ok := garble(t, orig, c.plan)
			if !ok {
				continue
			}
			tested++
			c := struct{ orig, plan, kind string }{orig, c.plan, c.kind}
			for _, ctx := range []struct{ before, after string }{{"", ""}, {"第一段。\n", "\n最后一段。"}} {
				in := ctx.before + g + ctx.after
				spans := Find(in)
				got := applySpans(in, spans)
				if got != ctx.before+c.orig+ctx.after {
					t.Errorf("%s: %q\n got %q\nwant %q", c.plan, in, got, ctx.before+c.orig+ctx.after)
					continue
				}
				var kinds, plans []string
				for _, sp := range spans {
					if sp.Repairable {
						kinds, plans = append(kinds, sp.Kind), append(plans, sp.Plan)
					}
				}
				if len(kinds) != 1 || kinds[0] != c.kind || plans[0] != c.plan {
					t.Errorf("%s: spans %v %v, want one %s with plan %q", c.plan, kinds, plans, c.kind, c.plan)
				}
			}
		}
		if tested == 0 {
			t.Errorf("%s: no sentence could be garbled", c.plan)
		}
		t.Logf("%s: %d sentences", c.plan, tested)
	}
}

// U+FFFD where bytes were lost: the lossless parts are repaired, the rest
// is reported and left alone.
func TestUTF8AsGBKWithLostBytes(t *testing.T) {
	orig := "安装完成以后请重新启动计算机"
	gs, ok := garble(t, orig, "utf8<-gbk")
	if !ok {
		t.Fatal("cannot garble")
	}
	g := []rune(gs)
	g[len(g)/2] = '\uFFFD'
	in := string(g)
	spans := Find(in)
	out := applySpans(in, spans)
	if !strings.Contains(out, "\uFFFD") {
		t.Errorf("the lost bytes were guessed: %q", out)
	}
	if !strings.HasPrefix(out, "安装完") || !strings.HasSuffix(out, "计算机") {
		t.Errorf("lossless parts not repaired: %q", out)
	}
	reported := false
	for _, sp := range spans {
		if !sp.Repairable && strings.Contains(sp.Garbled, "\uFFFD") {
			reported = true
		}
	}
	if !reported {
		t.Errorf("U+FFFD not reported: %+v", spans)
	}
}
