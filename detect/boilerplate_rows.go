package detect

import (
	"slices"
	"sync"
	"unicode/utf8"
)

// The {tools} and {links} wildcards: a row of a page's buttons and
// counters (分享 收藏 点赞 在看, 阅读 2.1万, 已赞过 已踩过, 收藏0 分享 淘帖0
// 支持 反对), or of the links of its header or footer (隐私政策 关于我们
// 免责声明 手机版). Sites write these rows in ever new combinations, so the
// rules name the words, not the rows: a row matches when it is made of
// nothing but the words of its list, separators and, for {tools}, counts,
// with at least two words, or ({tools}) one word and a count. Lines are
// folded before they are matched (Traditional as Simplified, letters
// lower-cased, spaces dropped), so the words are written folded and
// "分享 收藏" arrives as 分享收藏.

// rowWords is the word list of a kind of row, indexed on first use.
type rowWords struct {
	words  []string
	counts bool // counts may stand between the words
	once   sync.Once
	// byRune holds, for each first character, the folded words that
	// start with it, longest first; first has bit c set for each such
	// character c of the BMP, for a quick test before the map.
	byRune map[rune][]string
	first  [0x10000 / 64]uint64
}

// toolRow holds the words of button and counter rows ({tools}): buttons
// (share, like, comment, report, print) and the words around counts
// (阅读量, 条评论, 人赞同). Words that also head content (推荐, 更多, 展开全文)
// or are rules of their own with lists under them (推荐阅读) are left out,
// and every word here may read as content alone: a row needs two of them
// or a count.
var toolRow = &rowWords{counts: true, words: []string{
	"分享", "分享到", "收藏", "已收藏", "加入收藏", "点赞", "赞", "已赞", "赞过", "已赞过", "踩", "已踩过",
	"在看", "评论", "条评论", "写评论", "发表评论", "添加评论", "转发", "举报", "喜欢", "回复",
	"赞同", "反对", "支持", "收起", "写留言", "留言", "申请转载", "打赏", "赞赏", "私信", "纠错",
	"阅读", "阅读量", "阅读数", "阅读次数", "次阅读", "人阅读", "浏览", "浏览量", "浏览次数", "次浏览",
	"人浏览", "点击", "点击量", "点击数", "次点击", "人赞同", "人点赞", "人收藏", "人喜欢", "人推荐",
	"人看过", "关注者", "被浏览", "点赞数", "收藏数", "评论数", "转发数", "分享数", "复制链接",
	"微博", "新浪微博", "微信", "朋友圈", "qq", "qq空间", "facebook", "twitter", "line",
	"淘帖", "使用道具", "打印", "关闭", "按赞", "列印", "检举", "回应", "有用", "没用",
	"点评", "我要分享", "查看数", "回帖数", "复制本帖链接", "关注问题", "写回答", "邀请回答", "好问题",
}}

// linkRow holds the words of header and footer link rows ({links}): the
// pages about the site, its policies, its other versions and the account.
var linkRow = &rowWords{words: []string{
	"首页", "关于我们", "关于本站", "联系我们", "联系方式", "隐私政策", "隐私权政策", "隐私保护",
	"免责声明", "网站声明", "法律声明", "版权声明", "使用条款", "服务条款", "用户协议", "网站地图",
	"网站导航", "广告服务", "广告合作", "商务合作", "意见反馈", "意见建议", "帮助中心", "加入我们",
	"招聘信息", "人才招聘", "友情链接", "投稿", "在线投稿", "rss", "手机版", "手机版视图", "电脑版",
	"客户端", "开发者", "会员中心", "登录", "注册", "立即注册", "返回顶部", "回到顶部", "设为首页",
	"关于维基百科", "cookie声明",
}}

// index returns the words that may start at byte at of the folded line.
func (w *rowWords) index(b []byte, at int) []string {
	w.once.Do(func() {
		m := map[rune][]string{}
		for _, word := range w.words {
			f := foldString(word)
			c, _ := utf8.DecodeRuneInString(f)
			m[c] = append(m[c], f)
			if c < 0x10000 {
				w.first[c>>6] |= 1 << (c & 63)
			}
		}
		for _, ws := range m {
			slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
		}
		w.byRune = m
	})
	c, _ := decodeRune3b(b, at)
	if c < 0x10000 && w.first[c>>6]&(1<<(c&63)) == 0 {
		return nil
	}
	return w.byRune[c]
}

// mayStart reports whether a row may start at byte i of the folded line:
// with a word of the list or a count, or with an opening bracket before
// one (【打印】【关闭】 folds to [打印][关闭]).
func (w *rowWords) mayStart(b []byte, i int) bool {
	if i < len(b) && (b[i] == '[' || b[i] == '(') {
		i++
	}
	return i < len(b) && (w.counts && isDigit(b[i]) || len(w.index(b, i)) > 0)
}

// maxRowBytes bounds the folded bytes a row may span: a row is
// a short line.
const maxRowBytes = 240

// ends returns the ends, in increasing order, of the rows of w that
// start at byte i of the folded line b, appended to ends.
// It tries every way of reading the bytes as words, counts and
// separators (the words overlap: 赞 and 赞同), tracking for each byte
// whether a reading reaches it with no, one or two or more words and
// with or without a count.
func (w *rowWords) ends(b []byte, i int, ends []int) []int {
	if len(b)-i > maxRowBytes {
		b = b[:i+maxRowBytes]
	}
	// state bits: words (0, 1, 2+) × count seen (no, yes): bit
	// words*2+count.
	var reach [maxRowBytes + 1]uint8
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
		if sz := rowSep(b, at); sz > 0 {
			reach[k+sz] |= st
			far = max(far, k+sz)
		}
		// A count adds a count.
		if w.counts {
			if e := rowCount(b, at); e > at {
				var add uint8
				for s := range 6 {
					if st&(1<<s) != 0 {
						add |= 1 << (s | 1)
					}
				}
				reach[e-i] |= add
				far = max(far, e-i)
			}
		}
		// A word adds a word.
		for _, word := range w.index(b, at) {
			if len(word) > n-k || string(b[at:at+len(word)]) != word {
				continue
			}
			var add uint8
			for s := range 6 {
				if st&(1<<s) != 0 {
					words, count := s>>1, s&1
					add |= 1 << (min(words+1, 2)<<1 | count)
				}
			}
			reach[k+len(word)] |= add
			far = max(far, k+len(word))
		}
	}
	// Done: two words (bits 4, 5), or one word and a count (bit 3).
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

// rowSep returns the length of a separator between the items of a row at
// byte at of the folded line (0: none): | / · • : , ( ) [ ] - _ 、 ・.
func rowSep(b []byte, at int) int {
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

// rowCount returns the end of a count at byte at of the folded line (at:
// none): digits, with groups of three after commas (1,204) and a decimal
// part (2.1), then at most one of 万 千 亿 k w and an optional +.
func rowCount(b []byte, at int) int {
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
