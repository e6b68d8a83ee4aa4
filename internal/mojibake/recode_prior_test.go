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
	garble := func(s string) string { return readFailing(t, gb18030Reader, encodeAll(t, "big5", s)) }
	alone := garble(heading)
	require.NotEqual(t, heading, alone)
	assert.Equal(t, alone, applySpans(alone, Find(alone)), "a heading alone is too short")
	doc := garble(heading + body)
	assert.Equal(t, heading+body, applySpans(doc, Find(doc)))
}

func TestPriorAt(t *testing.T) {
	rc := recoding{"gbk", "big5"}
	// Offsets: "ab " 0-3, 饜离 3-9 (a repair), " cd " 9-13, 恅璃 13-19,
	// "，" 19-22, 藹 22-25, 氪 25-28 (a repair), "\n" 28.
	text := "ab 饜离 cd 恅璃，藹氪\n"
	a := &analyzer{text: text, prior: rc, repairs: []window{{3, 9}, {25, 28}}}
	cases := []struct {
		start, end int
		lost       bool
		want       recoding
	}{
		{0, 3, false, rc},           // touches a repair: a word next to it
		{13, 19, false, rc},         // between ASCII and a mark
		{4, 9, false, recoding{}},   // inside a repair
		{0, 28, false, recoding{}},  // over both
		{13, 19, true, recoding{}},  // a stretch with lost bytes
		{16, 19, false, recoding{}}, // glued to 恅, which no repair made
		{22, 25, false, rc},         // glued to a repair only
		{10, 12, false, rc},         // ASCII around
	}
	for _, c := range cases {
		assert.Equal(t, c.want, a.priorAt(c.start, c.end, c.lost), "%d-%d lost %v", c.start, c.end, c.lost)
	}
	assert.Equal(t, recoding{}, (&analyzer{text: text}).priorAt(13, 19, false), "no prior")
}

// The prior is no licence to repair clean text: under a paragraph of GBK
// read as Big5, a rare word of clean classical text (歙歙, whose Big5
// bytes read as GBK give 均均) stays as it is.
func TestPriorLeavesCleanText(t *testing.T) {
	para := "为页面指定想要的宽度。如果这个选项等于零(缺省)，则这个窗口根本不要求任何大小。在这种情况下，用户可以调用 PagesManager::compute_size 来使 PagesManager 足够大得包含最大的页面。\n"
	// Lines of the clean text between the two, so that the word is a
	// region of its own.
	clean := "为学日益，为道日损。\n损之又损，以至于无为。\n无为而无不为。\n取天下常以无事。\n" +
		"及其有事，不足以取天下。\n圣人常无心，以百姓心为心。\n圣人在天下，歙歙焉，为天下浑其心，圣人皆孩之。\n"
	garbled := readFailing(t, big5HKSCSReader, encodeAll(t, "gbk", para))
	spans := Find(garbled + clean)
	require.NotEmpty(t, spans, "the paragraph is repaired")
	out := applySpans(garbled+clean, spans)
	assert.True(t, strings.HasSuffix(out, clean), "clean text changed: %q", out[strings.IndexByte(out, '\n')+1:])
}
