package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// readIgnoring decodes bs with the wrong reader as Python's codecs do with
// errors="ignore": a byte that starts no character is dropped, with no
// trace, and reading goes on with the next byte.
func readIgnoring(t testing.TB, wrong string, bs []byte) string {
	t.Helper()
	return strings.ReplaceAll(readFailing(t, wrong, bs), "\uFFFD", "")
}

// GBK read by a Big5 reader that drops the bytes it fails on: after 人
// (C8 CB, whose C8 Big5 lacks) and 然 (C8 BB) the reader is one byte out
// of step up to the next ASCII byte. The runs read so stay as they are
// and are reported; the text around them is repaired, and no repair puts
// in a Han character that is neither the original's nor the garbled
// text's. (Repaired pair by pair, 人目录；内建命令 read 四柯迹荒诮 and 然后以一个
// 缓笠砸桓.)
func TestOutOfStepRunStays(t *testing.T) {
	lines := []string{
		"当前用户的个人目录；内建命令 cd 的默认参数。",
		"键的键盘上，M-x 意思是 ESC-x，也就是说，按下 Esc 键，然后按",
		"blank(空格) 分隔的词和重定向, 然后以一个 control operator 结束.",
		"如果设置为 On，readline 将匹配的补全按字母表顺序排序，然后水平排列显示出来，",
		"当设置了这个变量并且一个反斜杠命令查询数据库时，首先显示查询。",
	}
	orig := strings.Join(lines, "\n") + "\n"
	garbled := readIgnoring(t, big5HKSCSReader, encodeAll(t, "gbk", orig))
	require.NotContains(t, garbled, "\uFFFD")
	spans := Find(garbled)
	out := applySpans(garbled, spans)
	for _, r := range out {
		if isHan(r) && !strings.ContainsRune(orig, r) && !strings.ContainsRune(garbled, r) {
			t.Errorf("%q put into %q", r, out)
		}
	}
	first, _, _ := strings.Cut(garbled, "\n")
	i := strings.Index(first, " cd")
	require.Positive(t, i)
	run := first[len("絞ゴ蚚誧腔跺"):i]
	assert.True(t, strings.HasPrefix(out, "当前用户的个"+run+" cd 的默认参数。\n"), "%q", out)
	found := false
	for _, sp := range spans {
		if sp.Garbled == run {
			found = true
			assert.False(t, sp.Repairable)
			assert.Equal(t, KindGBKBig5, sp.Kind)
			assert.Contains(t, sp.Reason, "out of step")
		}
	}
	assert.True(t, found, "the run %q is reported", run)
}

// A further hop between GBK and Big5 does not turn a repair's box drawing,
// arrows or dashes into Han characters (├── read back as 念岸岸).
func TestSymbolsToHan(t *testing.T) {
	for _, c := range []struct {
		rep, r2 string
		rc      recoding
		want    bool
	}{
		{"│基于 Intel x86 │i386 ├──", "岫價衾 Intel x86 岫i386 念岸岸", recoding{"big5", "gbk"}, true},
		// Symbols that become other symbols are not its matter.
		{"选择 File → Open → Recent", "选择 File △ Open △ Recent", recoding{"gbk", "big5"}, false},
		{"one ─ only", "one 岸 only", recoding{"big5", "gbk"}, false},
		{"│基于 ├──", "岫價衾 念岸岸", recoding{"utf8", "gbk"}, false},
		{"鍙戝睍 ─ ─", "發展 ─ ─", recoding{"big5", "gbk"}, false},
	} {
		assert.Equal(t, c.want, symbolsToHan(c.rep, c.r2, c.rc), "%q -> %q", c.rep, c.r2)
	}
}

// GBK read by golang.org/x/text's Big5 reader, which drops both bytes of a
// pair it cannot read (权 and 全 of GBK's row C8; 項, ED 97, whose 97 is
// no second byte of Big5): the U+FFFD stands for a whole character and the
// text after it reads in step as it is; a byte restored there put it out
// of step (wholeCharLost: 权限来查看 was read back as 认蘩床榭床, 項或引數
// as 然蛞龜担).
func TestWholeCharLost(t *testing.T) {
	for _, orig := range []string{
		"权限来查看不是你拥有的套接字的信息。对IPX套接字还无法获得此信息。\n",
		"是不可調節的值。返回 0，除非給出了非法的選項或引數，或者在設定新的限額時發生了錯誤。\n",
		"將目標檔案 SELinux 安全上下文設定為預設型別\n",
	} {
		gbkBytes, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(orig))
		require.NoError(t, err)
		garbled, err := traditionalchinese.Big5.NewDecoder().Bytes(gbkBytes)
		require.NoError(t, err)
		require.Contains(t, string(garbled), "\uFFFD")
		out := applySpans(string(garbled), Find(string(garbled)))
		for _, r := range out {
			if isHan(r) && !strings.ContainsRune(orig, r) && !strings.ContainsRune(string(garbled), r) {
				t.Errorf("%q put into %q", r, out)
			}
		}
	}
}
