package mojibake

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGluedHan checks which lone ideographs read from windows-1252 count
// as European typography: those with a Latin letter right beside them.
func TestGluedHan(t *testing.T) {
	cp := []recoding{{"utf8", "cp1252"}}
	for _, tc := range []struct {
		name  string
		prev  rune
		rep   string
		next  rune
		chain []recoding
		want  bool
	}{
		{"after a letter", 't', "頻", ' ', cp, true},
		{"before a letter", ' ', "頻", 'x', cp, true},
		{"before a letter inside the repair", 'e', "\u00a0頻x", ' ', cp, true},
		{"caption before a no-break space", 0, "图\u00a01.2.\u00a0", 'A', cp, false},
		{"between no-break spaces", 'e', "\u00a0图\u00a0", 'x', cp, false},
		{"two ideographs", 'a', "中文", 'b', cp, false},
		{"no letter around", ' ', "頻", ' ', cp, false},
		{"CJK chain", 't', "頻", ' ', []recoding{{"utf8", "gbk"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, gluedHan(tc.prev, tc.rep, tc.next, tc.chain))
		})
	}
}

// TestFindCaptionIn1252 checks UTF-8 read as windows-1252 in English text
// with a few Chinese characters: a caption whose one ideograph is
// followed by a no-break space and a number, and a paragraph whose
// repaired runes are few among its ASCII.
func TestFindCaptionIn1252(t *testing.T) {
	for _, want := range []string{
		"The picture below shows the toolbox.\n图\u00a03.4.\u00a0Window with a toolbar\nClick on a tool to use it.\n",
		"Open the “Brushes” dialog from the menu; see\n第\u00a04.1\u00a0节 “Windows and Menus” for help with it.\nThe brushes are shown in a grid.\n",
	} {
		in := garble1252(want)
		assert.Equal(t, want, applySpans(in, Find(in)), "%q", in)
	}
}

// TestCJKPerRune checks the gain per rune asked of short repairs: more of
// those between GBK and Big5 under cjkFullRunes runes.
func TestCJKPerRune(t *testing.T) {
	u8, b5, gb := recoding{"utf8", "gbk"}, recoding{"big5", "gbk"}, recoding{"gbk", "big5"}
	for _, tc := range []struct {
		first recoding
		n     int
		want  float64
	}{
		{u8, 3, 2.5}, {u8, 6, 2.5},
		{b5, 4, 8}, {b5, 5, 8}, {b5, 6, 2.5},
		{gb, 4, 8}, {gb, 12, 2.5},
	} {
		assert.Equal(t, tc.want, cjkPerRune(tc.first, tc.n), "%v %d", tc.first, tc.n)
	}
	assert.Equal(t, 3, cjkMinRunes(u8))
	assert.Equal(t, 4, cjkMinRunes(gb))
}

// TestFindShortGBKBig5 checks that four characters of GBK read as Big5 in
// Simplified text are repaired, and that clean Traditional text of rare
// characters, which reads as Simplified text through Big5 and GBK, is
// not.
func TestFindShortGBKBig5(t *testing.T) {
	for _, tc := range []struct{ garbled, repair string }{
		{"湖羲恅璃", "打开文件"},
		{"刉壺恅璃", "删除文件"},
	} {
		text := "这里说明一下：" + tc.garbled + "，然后继续下一步。"
		assert.Equal(t, "这里说明一下："+tc.repair+"，然后继续下一步。", applySpans(text, Find(text)), "%q", text)
	}
	for _, text := range []string{"鼋鼍蛟龙游于渊，鸾凤翱翔于天。", "蒹葭苍苍，白露为霜。"} {
		assert.Equal(t, text, applySpans(text, Find(text)))
	}
}

// TestCJKRunes checks which runes of a repair through GBK or Big5 count,
// and at what gain per rune: not ASCII, unless the garbled text glues CJK
// to an ASCII letter or digit, where all count when the first hop reads
// bytes as GBK, and those that are not ASCII at gluedBig5PerRune when it
// reads them as Big5.
func TestCJKRunes(t *testing.T) {
	u8, b5, gb := recoding{"utf8", "gbk"}, recoding{"big5", "gbk"}, recoding{"gbk", "big5"}
	for _, tc := range []struct {
		garbled, rep string
		first        recoding
		want         int
		perRune      float64
	}{
		{"cp [恁砐] 埭恅璃", "cp [选项] 源文件", gb, 5, 8},
		{"蚚 %s 杸遙 %s", "用 %s 替换 %s", gb, 3, 8},
		{"恁砐", "选项", gb, 2, 8},
		{"ab恁砐", "ab选项", u8, 4, 2.5},
		{"ab恁砐", "ab选项", b5, 4, 8},
		{"鈹俛rmel", "│armel", u8, 6, 2.5},
		// GBK read as Big5: Chinese glued to ASCII words counts alone.
		{"ab恁砐", "ab选项", gb, 2, 8},
		{"恁砐ls 埭恅璃蚚 %s 杸遙", "选项ls 源文件用 %s 替换", gb, 8, 4},
	} {
		n, perRune := cjkRunes(tc.garbled, tc.rep, tc.first)
		assert.Equal(t, tc.want, n, "%q", tc.garbled)
		assert.Equal(t, tc.perRune, perRune, "%q", tc.garbled)
	}
}

// TestFindGBKAsBig5GluedASCII checks lines of GBK read as Big5 whose
// Chinese runs into ASCII words, as manuals and configuration notes
// write them, or into the frames of a table: repaired as a whole, while the clean lines (and a
// box-drawing line of UTF-8 read as GBK) stay as they are.
func TestFindGBKAsBig5GluedASCII(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		garble     bool
	}{
		{"two ASCII words", "运行make命令之前，请先设置PATH环境变量。\n", true},
		{"mostly ASCII", "选项 OPTIONS\n用--verbose显示debug信息。\n", true},
		{"file names", "读取/etc/hosts.conf和/usr/local/etc/hosts.conf两个配置文件\n", true},
		{"key and window", "按F1键打开help窗口，或者打开config文件修改port选项。\n", true},
		{"table", "│make │构建工具│读取Makefile│\n│gcc │编译器│GNU C │\n│gdb │调试器│GNU │\n", true},
		{"clean Simplified", "运行make命令之前，请先设置PATH环境变量。\n", false},
		{"clean Traditional", "執行make命令之前，請先設定PATH環境變數。\n", false},
		{"box drawing read as GBK", "鈹侫RM 鈹俛rmel 鈹侻arvell Kirkwood\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.want
			if tc.garble {
				var ok bool
				in, ok = garble(t, tc.want, "gbk<-big5")
				require.True(t, ok)
			}
			assert.Equal(t, tc.want, applySpans(in, Find(in)), "%q", in)
		})
	}
}

// A segment of many lines is judged line by line for the ASCII glued to
// its CJK runes (cjkRunes): a Big5 paragraph read as GBK, with ASCII
// glued to Chinese in one line, above a hundred lines of ASCII with one
// misread word each, was refused when every rune of the segment counted.
func TestCJKRunesLineByLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("最基礎的查看二進制數據的方法是使用od命令，它可以把檔案的內容以十六進制的形式顯示出來。\n")
	b.WriteString("這裏，我們討論直接操作存儲介質上的二進制數據，以及如何在沒有檔案系統的情況下讀寫檔案。\n")
	words := []string{"資料", "欄位", "選項", "檔案", "系統", "程式"}
	for k := range 100 {
		fmt.Fprintf(&b, "item %d %s = %d\n", k, words[k%len(words)], k)
	}
	orig := b.String()
	garbled := readFailing(t, gb18030Reader, encodeAll(t, "big5", orig))
	out := applySpans(garbled, Find(garbled))
	para, _, _ := strings.Cut(orig, "item 0")
	assert.True(t, strings.HasPrefix(out, para), "the paragraph is repaired: %q", out[:min(len(out), 300)])

	// The rule itself: the glued line counts every rune, the others
	// their runes that are not ASCII.
	n, _ := cjkRunes("ab甲乙\nx 丙 y\n", "abCD\nx 丁 y\n", recoding{"big5", "gbk"})
	assert.Equal(t, 4+1, n)
}
