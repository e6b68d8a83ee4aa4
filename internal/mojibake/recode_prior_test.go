package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCodecPrior(t *testing.T) {
	long := strings.Repeat("資料欄位選項", 5) // 30 runes
	b5 := func(repair string) Span {
		return Span{Kind: KindBig5GBK, Repair: repair, Repairable: true}
	}
	cases := []struct {
		name  string
		spans []Span
		want  recoding
	}{
		{"none", nil, recoding{}},
		{"one long repair", []Span{b5(long)}, recoding{"big5", "gbk"}},
		{"short repairs", []Span{b5("資料"), b5("欄位選項")}, recoding{}},
		{"several adding up", []Span{b5(long[:30]), b5(long[30:])}, recoding{"big5", "gbk"}},
		{"ASCII not counted", []Span{b5(strings.Repeat("a資", 20))}, recoding{}},
		{"another recoding too", []Span{b5(long), {Kind: KindGBKBig5, Repair: "字段", Repairable: true}}, recoding{}},
		{"reports not counted", []Span{{Kind: KindBig5GBK, Repair: long}}, recoding{}},
		{"other kinds ignored", []Span{b5(long), {Kind: KindUTF8Latin, Repair: "é", Repairable: true}}, recoding{"big5", "gbk"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, codecPrior(c.spans))
		})
	}
}

// A short heading of a document read wrongly throughout is repaired once
// the document's long lines show the misreading; alone, it is too short
// to repair, and stays (TestPriorRepairsShortWords fails with no prior).
func TestPriorRepairsShortWords(t *testing.T) {
	heading := "階層\n"
	// A long line of English between the heading and the Chinese lines:
	// the heading is a region of its own.
	body := "Select the hierarchy that you want to use. The pivot table must be based on an external source data that contains data hierarchies, which it reads at start.\n" +
		"開啟所選自動圖文集條目，用於在單獨文件中編輯。完成所需的變更，然後選擇關閉。\n" +
		"您也可以使用與您建立的自動圖文集項目中提供的一些自動圖文集項目相連結的巨集。\n"
	garble := func(s string) string { return readFailing(t, "gbk", encodeAll(t, "big5", s)) }
	alone := garble(heading)
	require.NotEqual(t, heading, alone)
	assert.Equal(t, alone, applySpans(alone, Find(alone)), "a heading alone is too short")
	doc := garble(heading + body)
	assert.Equal(t, heading+body, applySpans(doc, Find(doc)))
}

func TestPriorAt(t *testing.T) {
	rc := recoding{"gbk", "big5"}
	a := &analyzer{prior: rc, repairs: []window{{10, 20}, {40, 50}}}
	cases := []struct {
		start, end int
		lost       bool
		want       recoding
	}{
		{0, 10, false, rc},          // touches a repair: a word next to it
		{20, 40, false, rc},         // between two
		{15, 25, false, recoding{}}, // inside a repair
		{0, 60, false, recoding{}},  // over both
		{25, 30, true, recoding{}},  // a stretch with lost bytes
	}
	for _, c := range cases {
		assert.Equal(t, c.want, a.priorAt(c.start, c.end, c.lost), "%d-%d lost %v", c.start, c.end, c.lost)
	}
	assert.Equal(t, recoding{}, (&analyzer{}).priorAt(0, 5, false), "no prior")
}
