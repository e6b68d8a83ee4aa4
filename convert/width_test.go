package convert

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestFullwidthASCII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"中文", "中文"},
		{"ＧＤＰ增长１２％", "GDP增长12％"},
		{"ａｂｃ，ｘｙｚ", "abc，xyz"},
		{"全角标点：（）！？保留", "全角标点：（）！？保留"},
		{"\u3000缩进", "\u3000缩进"},
		{"\xef\xbc", "\xef\xbc"}, // truncated sequence stays as it is
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, FullwidthASCII(tt.in), tt.in)
		assert.Equal(t, tt.want, FullwidthASCII(tt.want), "idempotent")
	}
}

func TestCJKPunct(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"comma between Han", "因此,我们", "因此，我们"},
		{"all clause marks", "甲,乙;丙:丁?戊!己", "甲，乙；丙：丁？戊！己"},
		{"before a quote", "他说:“好”", "他说：“好”"},
		{"end of line stays", "是吗?\n对", "是吗?\n对"},
		{"Latin context stays", "a,b 和 1:2", "a,b 和 1:2"},
		{"time stays", "时间 06:06:00 发布", "时间 06:06:00 发布"},
		{"paren pair", "科(组)室", "科（组）室"},
		{"section number", "(一)领导重视", "（一）领导重视"},
		{"acronym stays", "自然语言处理(NLP)技术", "自然语言处理(NLP)技术"},
		{"year stays", "于(2010年)发布", "于（2010年）发布"},
		{"digits only stay", "第(1)条", "第(1)条"},
		{"function call stays", "调用f(x)函数", "调用f(x)函数"},
		{"unbalanced stays", "甲(乙", "甲(乙"},
		{"inside converted pair", "理(董,监)事会", "理（董，监）事会"},
		// A mark next to a pair converted in the same pass stands next
		// to CJK punctuation.
		{"between converted pairs", "等级(单位字节),(如，通知)在", "等级（单位字节），（如，通知）在"},
		{"last inside converted pair", "當前的 L3(第三層?) 介面", "當前的 L3（第三層？） 介面"},
		{"after converted pair", "語 (1500 之後);普羅旺斯語", "語 （1500 之後）；普羅旺斯語"},
		{"before converted pair", "甲,(乙)", "甲，（乙）"},
		{"next to a pair that stays", "甲,(NLP)", "甲,(NLP)"},
		{"nested pairs", "基地址(记忆体(16进制))", "基地址（记忆体（16进制））"},
		{"around a pair that stays", "见(参考(NLP)说明)", "见(参考(NLP)说明)"},
		{"unbalanced open before a pair", "甲(乙(丙)丁", "甲(乙（丙）丁"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CJKPunct(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, got, CJKPunct(got), "idempotent")
		})
	}
}

func TestSpaceComma(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"clauses", "干部是否選準用好了 干部現實表現是否得人心了 群眾最有評判權。", "干部是否選準用好了，干部現實表現是否得人心了，群眾最有評判權。"},
		{"byline stays", "市土地儲備中心 豐安軍", "市土地儲備中心 豐安軍"},
		{"title stays", "強化意識 落實措施 形成黨建工作責任機制", "強化意識 落實措施 形成黨建工作責任機制"},
		{"short clause stays", "新疆平安網訊 不久前召開了會議。", "新疆平安網訊，不久前召開了會議。"},
		{"latin neighbour stays", "使用 Linux 系统进行开发工作。", "使用 Linux 系统进行开发工作。"},
		{"two spaces stay", "第一部分内容  第二部分内容。", "第一部分内容  第二部分内容。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SpaceComma(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, got, SpaceComma(got), "idempotent")
		})
	}
}

func FuzzPunct(f *testing.F) {
	for _, s := range []string{"甲,乙", "(一)领导", "ＡＢ１", "干部是否選準用好了 干部現實表現。", "\xef\xbc(", "等级(单位字节),(如，通知)在"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string, func(int, int, string)){FullwidthASCIISegments, CJKPunctSegments, SpaceCommaSegments} {
			last := 0
			fn(s, func(start, end int, repl string) {
				if start < last || end < start || end > len(s) {
					t.Fatalf("segment [%d,%d) out of order (last %d, len %d)", start, end, last, len(s))
				}
				last = end
			})
		}
		if !utf8.ValidString(s) {
			return
		}
		for _, fn := range []func(string) string{FullwidthASCII, CJKPunct, SpaceComma} {
			if out := fn(s); fn(out) != out {
				t.Fatalf("not idempotent: %q → %q → %q", s, out, fn(out))
			}
		}
	})
}

func ExampleCJKPunct() {
	fmt.Println(CJKPunct("因此,我们要加强(一)组织建设:提高GDP(国内生产总值)"))
	// Output: 因此，我们要加强（一）组织建设：提高GDP（国内生产总值）
}

func ExampleFullwidthASCII() {
	fmt.Println(FullwidthASCII("ＧＤＰ增长１２％。"))
	// Output: GDP增长12％。
}
