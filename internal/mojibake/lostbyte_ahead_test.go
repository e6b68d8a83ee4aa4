package mojibake

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A misread sentence pasted into clean text ends where the clean text
// begins: the reader never saw the bytes after it, so its last lost byte
// is not held to have failed against them, and 。 is not forced to be
// U+3000 (the only byte a GB18030 reader fails on before a Latin letter,
// or before the GBK bytes C3 BF of 每, which read as UTF-8 ÿ).
func TestRestoreLostAtMisreadEnd(t *testing.T) {
	for _, c := range []struct {
		before, misread, after string
		exact                  bool // restored exactly; else the U+FFFD may stay
	}{
		{"这是第二段。", "请把所有文件都保存到新的目录里。", "然后关闭窗口", true},
		{"这是第二段。", "这个命令会删除缓存里的全部数据。", "每次运行前都要备份", true},
		{"这是第二段。", "这个命令会删除缓存里的全部数据。", "\n下一段", true},
		{"这是第二段。", "这个命令会删除缓存里的全部数据。", "GNU 的版本也一样", false},
		{"今天的会议很顺利。", "我们明天继续讨论这个计划。", "Bob 也会来", false},
		{"今天的会议很顺利。", "我们明天继续讨论这个计划。", "会后大家一起吃饭", false},
	} {
		garbled := readFailing(t, gb18030Reader, []byte(c.misread))
		assert.Contains(t, garbled, "\uFFFD")
		text := c.before + garbled + c.after
		out := applySpans(text, Find(text))
		want := c.before + c.misread + c.after
		if c.exact {
			assert.Equal(t, want, out)
			continue
		}
		if out != want {
			assert.Contains(t, out, "\uFFFD", "a wrong restoration of %q", text)
			assert.NotContains(t, out, "\u3000")
		}
	}
}

func TestMisreadGoesOn(t *testing.T) {
	gbkOf := func(s string) string { return string(encodeAll(t, "gbk", s)) }
	for _, c := range []struct {
		name, rest string
		want       bool
	}{
		{"misread UTF-8 Han", "的文件", true},
		{"misread UTF-8 after ASCII", " Bob 的文件", true},
		{"only ASCII", " Bob.", true},
		{"a byte still unknown", "\xe7\x9a\xff", true},
		{"GBK of clean Han reads as ÿ", gbkOf("每个"), false},
		{"GBK of clean Han after ASCII, undecodable", "GNU " + gbkOf("的版本"), false},
		{"a Latin-1 letter", "é", false},
	} {
		bs := []byte("x" + c.rest)
		assert.Equal(t, c.want, misreadGoesOn(codecs["utf8"], bs, 1), c.name)
	}
}

func TestBracketsAhead(t *testing.T) {
	for _, c := range []struct {
		name, rest, text string
		r                rune
		want             float64
	}{
		{"closer ahead", "%s”，请检查。", "", '“', bracketAhead},
		{"closer ahead past the stretch", "%s", "” 已存在\n下一行”", '“', bracketAhead},
		{"another kind closes", "%s”，请检查。", "", '‘', bracketNotAhead},
		{"closer on the next line only", "%s，请检查。\n”", "", '“', bracketNotAhead},
		{"closer of a later opener", "“a”", "", '“', bracketNotAhead},
		{"unknown byte on the line", "%s\xff，请检查。", "", '‘', 0},
		{"line too long to read", strings.Repeat("长", maxAhead), "", '“', 0},
		{"not an opener", "%s”", "", '：', 0},
		{"a closer", "%s”", "", '”', 0},
	} {
		a := aheadOf(codecs["utf8"], []byte("“"+c.rest), len("“"), c.text)
		assert.Equal(t, c.want, a.openerLP(c.r), c.name)
	}
}

func TestSymbolBonus(t *testing.T) {
	var c stretchCache
	c.build(codecs["utf8"], []byte("│名称│大小│\n→ 下一步 → 完成，第\u00a01\u00a0节"))
	assert.InDelta(t, math.Min(3, 1.5+math.Log(3)), c.symbolBonus('│'), 1e-9)
	assert.InDelta(t, 1.5+math.Log(2), c.symbolBonus('→'), 1e-9)
	assert.InDelta(t, 1.5+math.Log(2), c.symbolBonus('\u00a0'), 1e-9)
	assert.Zero(t, c.symbolBonus('─'))
	assert.Zero(t, c.symbolBonus('¡'))
}

// Whole texts read by a failing GB18030 reader, whose lost bytes only the
// context beyond the character's own neighbours makes a clear choice.
func TestRestoreLostFarContext(t *testing.T) {
	for _, c := range []struct{ name, orig string }{
		// “ before %s lost its last byte (9C fails before %); ‘, „ and
		// the other E2 80 xx are as likely by their neighbours, but the
		// line closes ” after %s.
		{"closing mark ahead", "无法打开配置文件“%s”，请检查它的权限。\n无法写入日志文件“%s”，磁盘可能已满。\n"},
		// The no-break space before a digit lost its A0; the document
		// writes it twice more where it was read.
		{"the document's own symbol", "第\u00a01\u00a0节介绍安装方法，第\u00a02\u00a0节介绍配置，第\u00a03\u00a0节介绍常见问题。\n"},
	} {
		garbled := readFailing(t, gb18030Reader, []byte(c.orig))
		assert.Contains(t, garbled, "\uFFFD", c.name)
		assert.Equal(t, c.orig, applySpans(garbled, Find(garbled)), c.name)
	}
}
