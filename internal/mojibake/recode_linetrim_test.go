package mojibake

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLineTrim(t *testing.T) {
	// Units of "甲乙\n丙丁" one rune each; gains per case. In lost, the
	// units at both ends hold U+FFFD, bytes a decoder lost.
	text, lost := "甲乙\n丙丁", "\uFFFD乙\n丙\uFFFD"
	// The repairs: Han, or with one line of no Han (kana here; 殴 read
	// back as Ź under a line of UTF-8 read as GBK).
	all, kanaLast, kanaFirst := "子丑\n寅卯", "子丑\nアイ", "アイ\n寅卯"
	units := []unit{
		{gs: 0, ge: 3, rs: 0, re: 3}, {gs: 3, ge: 6, rs: 3, re: 6},
		{gs: 6, ge: 7, rs: 6, re: 7, ident: true},
		{gs: 7, ge: 10, rs: 7, re: 10}, {gs: 10, ge: 13, rs: 10, re: 13},
	}
	inf := math.Inf(-1)
	cases := []struct {
		name      string
		text, all string
		gains     []float64
		bs, be    int
		want      [2]int
	}{
		// 丙 gains a little, 丁 after it loses: clean text goes on.
		{"last line clean", text, all, []float64{9, 9, 0, 1.7, -9.9}, 0, 4, [2]int{0, 2}},
		// The line goes on with a U+FFFD: a short misread piece, kept.
		{"last line lost", lost, all, []float64{9, 9, 0, 1.7, inf}, 0, 4, [2]int{0, 4}},
		// The line goes on with a unit that fails to decode and lost no
		// byte: clean text that the codec cannot have made (空言 after
		// 徒讬, whose GBK bytes CD BD DA B6 are UTF-8 too).
		{"last line fails", text, all, []float64{9, 9, 0, 1.7, inf}, 0, 4, [2]int{0, 2}},
		// The line's piece gains enough.
		{"last line gains", text, all, []float64{9, 9, 0, 5, -9.9}, 0, 4, [2]int{0, 4}},
		// The run ends with the line: nothing goes on after it.
		{"last line whole", text, all, []float64{9, 9, 0, 1, 0.5}, 0, 5, [2]int{0, 5}},
		// 乙 gains a little after 甲, which loses: the first line's clean.
		{"first line clean", text, all, []float64{-9.9, 1.7, 0, 9, 9}, 1, 5, [2]int{3, 5}},
		{"first line lost", lost, all, []float64{inf, 1.7, 0, 9, 9}, 1, 5, [2]int{1, 5}},
		{"first line fails", text, all, []float64{inf, 1.7, 0, 9, 9}, 1, 5, [2]int{3, 5}},
		// A whole line whose Han characters repair to none.
		{"last line no Han", text, kanaLast, []float64{9, 9, 0, 1, 0.5}, 0, 5, [2]int{0, 2}},
		{"first line no Han", text, kanaFirst, []float64{1, 0.5, 0, 9, 9}, 0, 5, [2]int{3, 5}},
		// No line end inside the run.
		{"one line", text, all, []float64{9, 1, 0, 9, 9}, 3, 5, [2]int{3, 5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bs, be := lineTrim(c.text, c.all, units, c.gains, c.bs, c.be, func(lo, hi int) bool { return false }, nil)
			assert.Equal(t, c.want, [2]int{bs, be})
		})
	}
}

// TestLineTrimPastStretch checks the third case of lineTrim: a last line
// that would not stand as a segment of its own, between GBK and Big5,
// goes when the text after the stretch starts with a rune the wrong codec
// cannot write, and stays otherwise.
func TestLineTrimPastStretch(t *testing.T) {
	text := "甲乙\n丙丁\n戊" // the units end before the last line
	units := []unit{
		{gs: 0, ge: 3, rs: 0, re: 3}, {gs: 3, ge: 6, rs: 3, re: 6},
		{gs: 6, ge: 7, rs: 6, re: 7, ident: true},
		{gs: 7, ge: 10, rs: 7, re: 10}, {gs: 10, ge: 13, rs: 10, re: 13},
	}
	all := "子丑\n寅卯"
	gains := []float64{9, 9, 0, 5, 5} // the last line gains lineJoinGain and more
	not := func(lo, hi int) bool { return false }
	writes := func(r rune) bool { return r != '戊' }
	for _, tc := range []struct {
		name      string
		stands    func(lo, hi int) bool
		encodable func(rune) bool
		want      [2]int
	}{
		{"clean text after", not, writes, [2]int{0, 2}},
		{"the line stands alone", func(lo, hi int) bool { return true }, writes, [2]int{0, 5}},
		{"text the codec writes after", not, func(rune) bool { return true }, [2]int{0, 5}},
		{"not between GBK and Big5", not, nil, [2]int{0, 5}},
	} {
		bs, be := lineTrim(text, all, units, gains, 0, 5, tc.stands, tc.encodable)
		assert.Equal(t, tc.want, [2]int{bs, be}, tc.name)
	}
}

// A paragraph of GBK read as Big5 above clean Traditional text: its repair
// stops at its line end, and 切換 on the next line stays (it read back as
// ち传 when the repair went on).
func TestRepairStopsAtCleanLine(t *testing.T) {
	para := "在这个机器上运行的操作系统的版本号。在 UNIX 机器上，用 uname -r 返回这个值。在 Windows 95 上，版本将是 4.0；在 Windows 98 上，版本将是 4.10。\n"
	clean := "切換到 local_dir 以執行其作業，所以它應該得是完整\n(full)的路徑名稱。如果沒有給任何引數，其預設值為\n"
	garbled := readFailing(t, big5HKSCSReader, encodeAll(t, "gbk", para))
	assert.Equal(t, para+clean, applySpans(garbled+clean, Find(garbled+clean)))
}

// A line of GBK read as Big5 above a short line of clean text and a line
// that Big5 cannot write: the short line stays (都 read back as 常, 孺 as
// 扩, 白瓜 as フナ before), and the misread line is repaired.
func TestShortLineUnderMisreadLine(t *testing.T) {
	misread := readFailing(t, big5HKSCSReader, encodeAll(t, "gbk", "我们今天讨论的问题，经济发展需要进一步研究。"))
	for _, short := range []string{"都", "孺", "佌佌", "諺", "白瓜", "仇"} {
		in := misread + "\n" + short + "\n这是一个普通的句子，没有任何问题。\n"
		assert.Equal(t, "我们今天讨论的问题，经济发展需要进一步研究。\n"+short+"\n这是一个普通的句子，没有任何问题。\n", applySpans(in, Find(in)), short)
	}
}

// TestLineTrimLetters checks that a last line whose Han characters repair
// to letters that are not ASCII goes, whatever it gains (殴 read back as Ź
// under a line of UTF-8 read as GBK), and one that repairs to symbols
// stays (a misread line of © or —).
func TestLineTrimLetters(t *testing.T) {
	text := "甲乙\n丙丁"
	units := func(all string) []unit {
		k := len("子丑\n")
		r1 := k + len(string([]rune(all[k:])[0]))
		return []unit{
			{gs: 0, ge: 3, rs: 0, re: 3}, {gs: 3, ge: 6, rs: 3, re: 6},
			{gs: 6, ge: 7, rs: 6, re: 7, ident: true},
			{gs: 7, ge: 10, rs: k, re: r1}, {gs: 10, ge: 13, rs: r1, re: len(all)},
		}
	}
	gains := []float64{9, 9, 0, 5, 5}
	not := func(lo, hi int) bool { return false }
	for _, tc := range []struct {
		all  string
		want [2]int
	}{
		{"子丑\nŹŽ", [2]int{0, 2}},
		{"子丑\n©®", [2]int{0, 5}},
		{"子丑\n寅卯", [2]int{0, 5}},
	} {
		bs, be := lineTrim(text, tc.all, units(tc.all), gains, 0, 5, not, nil)
		assert.Equal(t, tc.want, [2]int{bs, be}, tc.all)
	}
}

// A line of characters whose GBK bytes are UTF-8 of Latin letters stays
// under a line of UTF-8 read as GBK (群殴 read back as ȺŹ).
func TestLettersLineUnderMisreadLine(t *testing.T) {
	misread := readFailing(t, gb18030Reader, []byte("我们今天讨论的问题，经济发展需要进一步研究。"))
	for _, line := range []string{"殴", "群殴", "沤"} {
		out := applySpans(misread+"\n"+line, Find(misread+"\n"+line))
		assert.True(t, strings.HasSuffix(out, "\n"+line), "%q", out)
	}
}

// Lines of Latin text with symbols (a tree of units, dashes, arrows, a
// degree sign) under a line misread between GBK and Big5 stay, one after
// the other, and so does a line whose repair would hold a kana; the
// misread line is repaired. Read back, ├─ was 念岸, – 每, ° ～ and → △,
// and 柳黔 霞ケ.
func TestLatinLinesUnderMisreadLine(t *testing.T) {
	simp := "我们今天讨论的问题，经济发展需要进一步研究。"
	trad := "無法配置記憶體給程式標頭區使用，允許應用程式延遲系統關機。"
	lines := "Unit: user-1005.slice\n├─user@1005.service\n├─session-3.scope\n└─session-5.scope\n" +
		"Choose Insert – Media – Scan\nthe ideal image is a 360°\ngzip → bzip2 → xz\n"
	for _, tc := range []struct {
		name, orig, misread string
	}{
		{"GBK read as Big5", simp, readFailing(t, big5HKSCSReader, encodeAll(t, "gbk", simp))},
		{"Big5 read by Python's gbk", trad, readFailing(t, "gbk", encodeAll(t, "big5", trad))},
		{"Big5 read as GB18030", trad, readFailing(t, gb18030Reader, encodeAll(t, "big5", trad))},
	} {
		for _, after := range []string{lines, lines + "这是一个普通的句子，没有任何问题。\n", "柳黔"} {
			in := tc.misread + "\n" + after
			assert.Equal(t, tc.orig+"\n"+after, applySpans(in, Find(in)), "%s, then %q", tc.name, after)
		}
	}
}
