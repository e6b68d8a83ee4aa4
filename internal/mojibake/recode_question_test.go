package mojibake

import (
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// questionSentences are clean sentences of the kind these tests misread
// with a reader that writes '?' for each byte it fails on.
var questionSentences = []string{
	"如果设置为真，程序将直接显示所有的字符，而不是转化为一个带前缀的序列。",
	"这个选项指定一个被用于输出的文件描述符，默认值是标准输出。",
	"本命令会很有用处，在连接到远端系统时可以节省大量的时间。",
	"包含伪文件系统、重复和无法访问的文件系统的列表。",
	"然后以一个新的进程重新执行该命令，直到完成为止。",
	"用户可以在配置文件中修改默认的行为，例如关闭自动更新。",
	"如果查询结果在一页里放不下，那么它们被送到分页程序。",
	"我们还是推荐使用这个工具，因为它进行了一些检查而且更容易使用。",
	"认证失败时，服务器会记录请求的来源和时间，然后拒绝连接。",
	"让全部人员确认权限设置，若有问题请立即联系管理员。",
	"缺省的编码方式是平台相关的，可以用环境变量来改变。",
	"这些文件必须包含合法的音频数据，否则解码器会忽略它们。",
}

// readQuestion reads bs as a reader of wrong that writes '?' for each byte
// it fails on (PHP's mb_convert_encoding, MySQL's conversions).
func readQuestion(t *testing.T, wrong string, bs []byte) string {
	t.Helper()
	return strings.ReplaceAll(readFailing(t, wrong, bs), "\uFFFD", "?")
}

// newHan returns the Han characters of out that are in neither garbled nor
// orig: characters a repair put in that the text never held.
func newHan(orig, garbled, out string) string {
	var b strings.Builder
	for _, r := range out {
		if isHan(r) && !strings.ContainsRune(garbled, r) && !strings.ContainsRune(orig, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestQuestionReaderBetweenGBKAndBig5: GBK read as Big5 by a reader that
// writes '?' for the first byte of each character it cannot read goes on
// one byte out of step after each '?' up to the next ASCII byte. Those
// runs are left as they are (markAfterQuestion); the rest of each line is
// still repaired.
func TestQuestionReaderBetweenGBKAndBig5(t *testing.T) {
	lines, repaired := 0, 0
	for _, wrong := range []string{"big5", big5HKSCSReader, "cp950"} {
		for _, s := range questionSentences {
			garbled := readQuestion(t, wrong, encodeAll(t, "gbk", s))
			if !strings.Contains(garbled, "?") {
				continue
			}
			lines++
			out := applySpans(garbled, Find(garbled))
			assert.Empty(t, newHan(s, garbled, out), "%s: %q\n-> %q", wrong, garbled, out)
			if out != garbled {
				repaired++
			}
		}
	}
	assert.Greater(t, repaired, lines*2/3, "lines with a repair, of %d", lines)
}

// TestQuestionReaderNoMisalignedRun: UTF-8 read as GBK by a reader that
// writes '?' for each byte it fails on is full of '?' between runs of odd
// characters, which the misalignment search would read as GBK decoded one
// byte out of phase; re-read as UTF-8 they are the text, and no such run
// is repaired (recodedRun).
func TestQuestionReaderNoMisalignedRun(t *testing.T) {
	n := 0
	for _, wrong := range []string{"gbk", gb18030Reader} {
		for _, s := range questionSentences {
			garbled := readQuestion(t, wrong, []byte(s))
			if !strings.Contains(garbled, "?") {
				continue
			}
			n++
			for _, sp := range Find(garbled) {
				assert.False(t, sp.Kind == KindGBKShift && sp.Repairable, "%s: %q: run %q repaired as %q", wrong, garbled, sp.Garbled, sp.Repair)
			}
		}
	}
	require.Greater(t, n, 10)
}

// TestRecodedRun: a misaligned run's body that re-reads as UTF-8, Big5 or
// GBK text at least as well as the misalignment search's repair is other
// mojibake; misaligned GBK, ASCII in the body, or a reading that does not
// decode is not.
func TestRecodedRun(t *testing.T) {
	m := lm.Default()
	cases := []struct {
		name, body, repair string
		want               string
	}{
		{"UTF-8 read as GBK, last byte lost", "鐨勬暟瀛楀苟鏈", "如殑鏁板瓧骞定面準", "utf8<-gbk"},
		{"misaligned GBK (ARTIFACTS.md §2)", "!秾嵤┮庖姟穼ψセ鶎狱h建", "。《實施意見》對抓基層黨建", ""},
		{"a pinyin reading in the run", "yōu)榫o", "優(yōu)化", ""},
		{"one character", "鐨", "的", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rc, ok := recodedRun(m, runBody("?"+c.body), c.repair)
			if c.want == "" {
				assert.False(t, ok, "read as %s", rc)
				return
			}
			require.True(t, ok)
			assert.Equal(t, c.want, rc.String())
		})
	}
}

// TestQuestionLostRestored: the byte behind a '?' that such a reader wrote
// is restored as the byte behind a U+FFFD is (questionLost), in UTF-8
// read as GBK, GB18030 or windows-1252 and in GBK read as Big5; the
// repairs replay from their plans, and none puts in a Han character that
// the text never held.
func TestQuestionLostRestored(t *testing.T) {
	cases := []struct{ orig, wrong string }{
		{"utf8", "gbk"},
		{"utf8", gb18030Reader},
		{"utf8", "cp1252"},
		{"gbk", "big5"},
	}
	for _, c := range cases {
		t.Run(c.orig+"<-"+c.wrong, func(t *testing.T) {
			lines, exact := 0, 0
			for _, s := range questionSentences {
				bs := []byte(s)
				if c.orig != "utf8" {
					bs = encodeAll(t, c.orig, s)
				}
				garbled := readQuestion(t, c.wrong, bs)
				if !strings.Contains(garbled, "?") {
					continue
				}
				if c.wrong == gb18030Reader && strings.ContainsRune(garbled, '€') {
					// A known limit, with U+FFFD as with '?': GB18030
					// reads A2 E3 as €, the codec writes it 80 (as
					// WHATWG readers read it), and the repair of 止。
					// read as 姝€ has 歀 (E6 AD 80).
					continue
				}
				lines++
				spans := Find(garbled)
				out := applySpans(garbled, spans)
				assert.Empty(t, newHan(s, garbled, out), "%q\n-> %q", garbled, out)
				if out == s {
					exact++
				}
				for _, sp := range spans {
					if !sp.Repairable || sp.Kind == KindGBKShift {
						continue
					}
					p, err := ParsePlan(sp.Plan)
					require.NoError(t, err)
					got, err := p.Apply(sp.Garbled)
					require.NoError(t, err, "plan %s on %q", sp.Plan, sp.Garbled)
					assert.Equal(t, sp.Repair, got)
				}
			}
			require.Greater(t, lines, 5)
			assert.Greater(t, exact, lines/3, "restored exactly, of %d", lines)
		})
	}
}

// TestQuestionLost: which '?' may stand for a byte a reader failed on.
func TestQuestionLost(t *testing.T) {
	cases := []struct {
		text string
		i    int
		want bool
	}{
		{"鏈?鎸", 3, true},     // after a misread character
		{"?蝜?", 0, true},     // a line's first byte, before one
		{"ab ?蝜", 3, true},   // after a space, before one
		{"what?蝜", 4, false}, // ends a Latin word
		{"? a", 0, false},    // before ASCII
		{"x\n?鐨", 2, true},   // after a line end
		{"鐨?", 3, true},      // at the end, after one
		{"a?b", 1, false},    // between ASCII
	}
	for _, c := range cases {
		require.Equal(t, byte('?'), c.text[c.i], c.text)
		assert.Equal(t, c.want, questionLost(c.text, c.i), "%q at %d", c.text, c.i)
	}
}

// TestRecodedBefore: a short run after a '?' is other mojibake when the
// characters before the '?' read as such (recodedRunOK), and misaligned
// GBK may follow clean text, however rare its characters.
func TestRecodedBefore(t *testing.T) {
	m := lm.Default()
	cases := []struct {
		name, text, run, repair string
		want                    bool
	}{
		{"UTF-8 read as GBK before the '?'", "鍦板潃鍙?甯?", "?甯?", "义父,", true},
		{"clean text before the '?'", "了解您的地址可?甯?", "?甯?", "义父,", false},
		{"clean text of rare characters", "昔我往矣,黍稷方華?=裎襾硭?", "?=裎襾硭?", "。今我來思,", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := strings.Index(c.text, c.run)
			require.GreaterOrEqual(t, q, 0)
			assert.Equal(t, c.want, recodedRunOK(m, c.text, q, c.run, c.repair))
		})
	}
}

// TestRecodedAfterLost: a run after a '?' that, with a byte a GBK reader
// fails on in the '?”s place, reads as Big5 (Big5 read as GBK by a reader
// that writes '?') is other mojibake; misaligned GBK, or a reading with
// ASCII in it, is not.
func TestRecodedAfterLost(t *testing.T) {
	m := lm.Default()
	cases := []struct {
		name, run, repair string
		want              bool
	}{
		{"Big5's 一臺 read as GBK, 一's A4 lost", "?@籓", "。例一O", true},
		{"misaligned GBK (ARTIFACTS.md §2)", "?!秾嵤┮庖姟穼ψセ鶎狱h建", "。《實施意見》對抓基層黨建", false},
		{"ASCII in the Big5 reading", "?XM弟", "。豈弟", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, recodedAfterLost(m, c.run, c.repair))
		})
	}
}
