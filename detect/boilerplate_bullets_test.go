package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bulletPage is page i of a site whose template ends each page with a
// heading of its own and items under it (the links to other articles).
func bulletPage(i int, items []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "晨星新聞網 第%d期 · 地方新聞\n", i)
	for p := 0; p < 5; p++ {
		fmt.Fprintf(&b, "這是%s的正文,內容%s各不相同,討論%s的問題。\n", words(i*100+p), words(i*7+p), words(i*13+p))
	}
	b.WriteString("更多晨星報導\n")
	for _, it := range items {
		b.WriteString(it + "\n")
	}
	b.WriteString("本網站所刊載之文字、圖片及影音，均受著作權法保護。\n© 晨星傳媒股份有限公司\n")
	return b.String()
}

func TestBulletListUnderTemplate(t *testing.T) {
	l := NewLearner()
	for i := 0; i < 5; i++ {
		l.Add(bulletPage(i, []string{"▸ " + words(i+50), "▸ " + words(i+60)}))
	}
	m := l.Model()
	for _, tc := range []struct {
		name  string
		items []string
		gone  bool
	}{
		{"bulleted links", []string{"▸ 颱風過後的第一個週末", "▸ 老街的新店家"}, true},
		{"other bullets", []string{"• 颱風過後的第一個週末", "※ 老街的新店家", "★ 夜市美食"}, true},
		{"one item", []string{"▸ 颱風過後的第一個週末"}, false},
		{"no bullets", []string{"颱風過後的第一個週末", "老街的新店家"}, false},
		{"a sentence among them", []string{"▸ 颱風過後的第一個週末", "▸ 這是一個句子，說完了，再說一句。"}, false},
	} {
		page := bulletPage(99, tc.items)
		spans := Boilerplate(page, nil, m)
		checkSpans(t, page, spans)
		out := applySpans(page, spans)
		assert.Equal(t, 5, strings.Count(out, "的正文"), "%s: the text stays\n%s", tc.name, out)
		assert.NotContains(t, out, "著作權法", tc.name)
		for _, it := range tc.items {
			assert.Equal(t, !tc.gone, strings.Contains(out, it), "%s: %s\n%s", tc.name, it, out)
		}
	}
}

// TestBulletItemsAfter checks bulletItemsAfter, one pass from the end,
// against a scan from each line.
func TestBulletItemsAfter(t *testing.T) {
	follows := func(lines []bpLine, i int) bool {
		n := 0
		for j := i + 1; j < len(lines); j++ {
			if lines[j].blank || lines[j].removed {
				continue
			}
			if n++; n > maxBulletItems || !bulletItem(lines[j]) {
				return false
			}
		}
		return n >= minBulletItems
	}
	kinds := []bpLine{
		{trimmed: "▸ 老街的新店家", runes: 7},
		{trimmed: "• 夜市美食", runes: 6},
		{trimmed: "这是正文的一句话。", runes: 9},
		{trimmed: "▸", runes: 1},
		{blank: true},
		{trimmed: "上一篇：标题", runes: 6, removed: true},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 2000; round++ {
		lines := make([]bpLine, rng.IntN(40))
		for i := range lines {
			// mostly items, so that long lists come up
			k := rng.IntN(len(kinds) + 6)
			if k >= len(kinds) {
				k = 0
			}
			lines[i] = kinds[k]
		}
		after := make([]int, len(lines))
		bulletItemsAfter(lines, after)
		for i := range lines {
			require.Equal(t, follows(lines, i), bulletList(after[i]), "round %d line %d", round, i)
		}
	}
}
