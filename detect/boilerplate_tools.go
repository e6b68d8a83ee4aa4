package detect

import (
	"slices"
	"sync"
	"unicode/utf8"
)

// The {tools} wildcard: a row of a page's buttons and counters (分享 收藏
// 点赞 在看, 阅读 2.1万, 已赞过 已踩过, 收藏0 分享 淘帖0 支持 反对). Sites
// write these rows in ever new combinations, so the rules name the words,
// not the rows: a row matches when it is made of nothing but toolLabels,
// counts and separators, with at least two labels, or one label and a
// count. Lines are folded before they are matched (Traditional as
// Simplified, letters lower-cased, spaces dropped), so the labels are
// written folded and "分享 收藏" arrives as 分享收藏.

// toolLabels are the words of the rows, folded: buttons (share, like,
// comment, report, print) and the words around counts (阅读量, 条评论,
// 人赞同). Words that also head content (推荐, 更多, 展开全文) or are
// rules of their own with lists under them (推荐阅读) are left out, and
// so is every word that reads as content alone: a row needs two of these
// or a count.
var toolLabels = []string{
	"分享", "分享到", "收藏", "已收藏", "加入收藏", "点赞", "赞", "已赞", "赞过", "已赞过", "踩", "已踩过",
	"在看", "评论", "条评论", "写评论", "发表评论", "添加评论", "转发", "举报", "喜欢", "回复",
	"赞同", "反对", "支持", "收起", "写留言", "留言", "申请转载", "打赏", "赞赏", "私信", "纠错",
	"阅读", "阅读量", "阅读数", "阅读次数", "次阅读", "人阅读", "浏览", "浏览量", "浏览次数", "次浏览",
	"人浏览", "点击", "点击量", "点击数", "次点击", "人赞同", "人点赞", "人收藏", "人喜欢", "人推荐",
	"人看过", "关注者", "被浏览", "点赞数", "收藏数", "评论数", "转发数", "分享数", "复制链接",
	"微博", "新浪微博", "微信", "朋友圈", "qq", "qq空间", "facebook", "twitter", "line",
	"淘帖", "打印", "关闭", "按赞", "列印", "检举", "回应",
}

var (
	toolsOnce sync.Once
	// toolsByRune holds, for each first character, the folded labels
	// that start with it, longest first.
	toolsByRune map[rune][]string
)

func loadTools() {
	toolsOnce.Do(func() {
		m := map[rune][]string{}
		for _, w := range toolLabels {
			f := foldString(w)
			c, _ := utf8.DecodeRuneInString(f)
			m[c] = append(m[c], f)
		}
		for _, ws := range m {
			slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
		}
		toolsByRune = m
	})
}

// toolsAt returns the labels that may start at byte at of the folded line.
func toolsAt(b []byte, at int) []string {
	c, _ := decodeRune3b(b, at)
	return toolsByRune[c]
}

// maxToolsBytes bounds the folded bytes a {tools} row may span: a row is
// a short line.
const maxToolsBytes = 240

// toolsEnds returns the ends, in increasing order, of the matches of
// {tools} that start at byte i of the folded line b, appended to ends.
// It tries every way of reading the bytes as labels, counts and
// separators (the labels overlap: 赞 and 赞同), tracking for each byte
// whether a reading reaches it with no, one or two or more labels and
// with or without a count.
func toolsEnds(b []byte, i int, ends []int) []int {
	if len(b)-i > maxToolsBytes {
		b = b[:i+maxToolsBytes]
	}
	loadTools()
	// state bits: labels (0, 1, 2+) × count seen (no, yes): bit
	// labels*2+count.
	var reach [maxToolsBytes + 1]uint8
	n := len(b) - i
	reach[0] = 1 // no labels, no count
	far := 0     // the furthest byte a reading has reached
	for k := 0; k <= far && k < n; k++ {
		st := reach[k]
		if st == 0 {
			continue
		}
		at := i + k
		// A separator keeps the state.
		if sz := toolSep(b, at); sz > 0 {
			reach[k+sz] |= st
			far = max(far, k+sz)
		}
		// A count adds a count.
		if e := toolCount(b, at); e > at {
			var add uint8
			for s := range 6 {
				if st&(1<<s) != 0 {
					add |= 1 << (s | 1)
				}
			}
			reach[e-i] |= add
			far = max(far, e-i)
		}
		// A label adds a label.
		for _, w := range toolsAt(b, at) {
			if len(w) > n-k || string(b[at:at+len(w)]) != w {
				continue
			}
			var add uint8
			for s := range 6 {
				if st&(1<<s) != 0 {
					labels, count := s>>1, s&1
					add |= 1 << (min(labels+1, 2)<<1 | count)
				}
			}
			reach[k+len(w)] |= add
			far = max(far, k+len(w))
		}
	}
	// Done: two labels (bits 4, 5), or one label and a count (bit 3).
	const done = 1<<4 | 1<<5 | 1<<3
	for k := 1; k <= far; k++ {
		if reach[k]&done != 0 && !splitsWord(b, i+k) {
			ends = append(ends, i+k)
		}
	}
	return ends
}

// splitsWord reports whether byte j of the folded line falls inside a
// Latin word or a number: a row does not end halfway through "lines" or
// "2024".
func splitsWord(b []byte, j int) bool {
	if j == 0 || j >= len(b) {
		return false
	}
	return wordByte(b[j-1]) && wordByte(b[j])
}

func wordByte(c byte) bool { return c >= 'a' && c <= 'z' || isDigit(c) }

// toolSep returns the length of a separator between the items of a row at
// byte at of the folded line (0: none): | / · • : , ( ) [ ] - _ 、 ・.
func toolSep(b []byte, at int) int {
	switch b[at] {
	case '|', '/', ':', ',', '(', ')', '[', ']', '-', '_', '\'':
		return 1
	}
	for _, s := range [...]string{"·", "•", "、", "・"} {
		if len(b)-at >= len(s) && string(b[at:at+len(s)]) == s {
			return len(s)
		}
	}
	return 0
}

// toolCount returns the end of a count at byte at of the folded line (at:
// none): digits, with groups of three after commas (1,204) and a decimal
// part (2.1), then at most one of 万 千 亿 k w and an optional +.
func toolCount(b []byte, at int) int {
	j := at
	for j < len(b) && isDigit(b[j]) {
		j++
	}
	if j == at {
		return at
	}
	for thousands(b, j) {
		j += 4
	}
	if j+1 < len(b) && b[j] == '.' && isDigit(b[j+1]) {
		j++
		for j < len(b) && isDigit(b[j]) {
			j++
		}
	}
	if j < len(b) && (b[j] == 'k' || b[j] == 'w') {
		j++
	} else if r, size := utf8.DecodeRune(b[j:]); r == '万' || r == '千' || r == '亿' {
		j += size
	}
	if j < len(b) && b[j] == '+' {
		j++
	}
	return j
}
