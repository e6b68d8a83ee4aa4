// Phrases that a site glues before a paragraph, learned from the starts of
// lines.

package detect

import (
	"bytes"
	"unicode/utf8"
)

// headSalt separates the fingerprints of the phrases before a paragraph
// (see headPhrases) from those of lines, labels and tail phrases.
const headSalt = 0x6a09e667f3bcc908

// Bounds of a phrase glued before a paragraph that the learner counts.
const (
	minHeadRunes     = 4
	maxHeadRunes     = 12
	minHeadHan       = 3
	minHeadParagraph = 8 // Han characters of the paragraph after it
)

// headEnds are the words that end a site's phrase glued before a
// paragraph, the object or the verb of a reader's action (点击阅读全文,
// 会员免费查看, 一键复制, 展开全部, 继续阅读本文档, 向上滑动阅览), folded. A
// candidate must end with one of them and start with one of headActions.
// Paragraphs that several documents start alike start with a clause (这个命令,
// 如果没有, 您可以使用) and go on after such a word (要在文档中, 打开文档以):
// without either list, runs of twenty Debian documents as pages of one site
// lost 1,364 such starts to the learner (scripts/noharm-boilerplate.sh,
// SITE=1 BATCH=20); with headEnds alone, 11 (要在文档, 打开文档, 适合人类阅读);
// with both, none.
var headEnds = [...][]byte{
	[]byte("全文"), []byte("阅读"), []byte("阅览"), []byte("查看"), []byte("全部"),
	[]byte("更多"), []byte("复制"), []byte("下载"), []byte("原文"), []byte("收起"),
	[]byte("展开"), []byte("文档"), []byte("内容"), []byte("附件"), []byte("解锁"),
}

// headActions are the words of the actions that a page offers its reader
// where it glues a phrase before a paragraph: to click, unfold, pay, log
// in, subscribe, scan (see headAction), folded.
var headActions = [...][]byte{
	[]byte("点击"), []byte("展开"), []byte("收起"), []byte("会员"), []byte("vip"),
	[]byte("免费"), []byte("付费"), []byte("解锁"), []byte("登录"), []byte("注册"),
	[]byte("订阅"), []byte("关注"), []byte("扫码"), []byte("一键"), []byte("继续阅读"),
	[]byte("全文"), []byte("滑动"), []byte("剩余"), []byte("app"),
}

// maxActionAt is the most characters before the action word of a phrase
// glued before a paragraph (请点击, 开通vip, 向上滑动): a clause that reaches
// one later (您可以点击查看, 这个命令点击) is the paragraph's own.
const maxActionAt = 2

// runeSet is a set of BMP characters, one bit each.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) { s[r>>6] |= 1 << (r & 63) }

func (s *runeSet) has(r rune) bool { return r >= 0 && r < 0x10000 && s[r>>6]&(1<<(r&63)) != 0 }

// runeSetOf returns the set of the characters that at takes from each of
// the words ws.
func runeSetOf(ws [][]byte, at func([]byte) rune) *runeSet {
	s := new(runeSet)
	for _, w := range ws {
		s.add(at(w))
	}
	return s
}

// actionFirst and actionSecond hold the first and second characters of
// headActions, endLast the last ones of headEnds: most lines start with no
// action word (一个, 全国, 关于 and 注意 start with the character of one,
// not with its first two), and most characters end no phrase, which these
// tell without comparing words.
var (
	actionFirst  = runeSetOf(headActions[:], func(w []byte) rune { r, _ := decodeRune3b(w, 0); return r })
	actionSecond = runeSetOf(headActions[:], func(w []byte) rune { _, n := decodeRune3b(w, 0); r, _ := decodeRune3b(w, n); return r })
	endLast      = runeSetOf(headEnds[:], func(w []byte) rune { r, _ := utf8.DecodeLastRune(w); return r })
)

// headAction reports whether one of headActions starts within the first
// maxActionAt+1 characters of the folded line b.
func headAction(b []byte) bool {
	for i, n := 0, 0; i < len(b) && n <= maxActionAt; n++ {
		r, size := decodeRune3b(b, i)
		if actionFirst.has(r) && i+size < len(b) {
			if r2, _ := decodeRune3b(b, i+size); actionSecond.has(r2) {
				for _, w := range headActions {
					if bytes.HasPrefix(b[i:], w) {
						return true
					}
				}
			}
		}
		i += size
	}
	return false
}

// headCand is a prefix of a folded line that may be a phrase glued before
// a paragraph: its fingerprint (salted), where the paragraph begins in the
// folded line, and the line's index in its document.
type headCand struct {
	fp   uint64
	at   int
	line int
}

// headPrint is a head phrase of a document as the learner counts it: the
// candidate and its line, for the template's sample.
type headPrint struct {
	headCand
	text string
}

// headPhrases appends to dst the prefixes of the folded line that may be
// a phrase a site glues before a paragraph, shortest first: minHeadRunes
// to maxHeadRunes characters from the line's start, Han characters,
// ASCII letters and digits and '%' only (展开剩余23%), at least minHeadHan
// of them Han, starting with one of headActions (see headAction), ended by
// one of headEnds or by '%' after digits, before a paragraph of at least
// minHeadParagraph Han characters. Digit runs are one wildcard, as in
// every fingerprint.
func headPhrases(dst []headCand, f *folder, line int) []headCand {
	b := f.b
	if !headAction(b) {
		return dst
	}
	han, runes := 0, 0
	for i := 0; i < len(b) && runes < maxHeadRunes; {
		c := b[i]
		var r rune
		size := 1
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '%':
			r = rune(c)
		case c >= 0x80:
			r, size = decodeRune3b(b, i)
			if !isHan(r) {
				return dst
			}
			han++
		default:
			return dst
		}
		i += size
		runes++
		if runes < minHeadRunes || han < minHeadHan || !headEnd(b[:i], r) {
			continue
		}
		if hanCountBytes(b[i:], minHeadParagraph) < minHeadParagraph {
			return dst
		}
		fp, _ := fingerprint(b[:i])
		dst = append(dst, headCand{fp ^ headSalt, i, line})
	}
	return dst
}

// headEnd reports whether p, whose last character is r, ends as a phrase
// before a paragraph may: with one of headEnds, or '%' after a digit.
func headEnd(p []byte, r rune) bool {
	if r == '%' {
		return len(p) > 1 && p[len(p)-2] >= '0' && p[len(p)-2] <= '9'
	}
	if !endLast.has(r) {
		return false
	}
	for _, w := range headEnds {
		if bytes.HasSuffix(p, w) {
			return true
		}
	}
	return false
}

// appendHeadPrints appends the head phrases cands of one document to ps,
// but those that start more than one of its lines: a site glues its phrase
// before one paragraph of a page, while a clause that the text repeats
// starts several.
func appendHeadPrints(ps []linePrint, cands []headPrint) []linePrint {
	if len(cands) > maxHeadPairs {
		return appendHeadPrintsMap(ps, cands)
	}
	return appendHeadPrintsPairs(ps, cands)
}

// appendHeadPrintsPairs is appendHeadPrints for few candidates (a document
// has none, most often): each is compared with the others.
func appendHeadPrintsPairs(ps []linePrint, cands []headPrint) []linePrint {
next:
	for i, c := range cands {
		for j, d := range cands {
			if d.fp == c.fp && (d.line != c.line || j < i) {
				continue next // on another line too, or counted already
			}
		}
		ps = append(ps, linePrint{fp: c.fp, line: c.text, phrase: true})
	}
	return ps
}

// maxHeadPairs is the most candidates that appendHeadPrints compares pair
// by pair (appendHeadPrintsPairs); more go through a map, so that the time
// stays linear.
const maxHeadPairs = 64

// appendHeadPrintsMap is appendHeadPrints for many candidates.
func appendHeadPrintsMap(ps []linePrint, cands []headPrint) []linePrint {
	first := make(map[uint64]int, len(cands)) // fingerprint → its line, -1 for several
	for _, c := range cands {
		if l, ok := first[c.fp]; !ok {
			first[c.fp] = c.line
		} else if l != c.line {
			first[c.fp] = -1
		}
	}
	for _, c := range cands {
		if first[c.fp] == c.line {
			ps = append(ps, linePrint{fp: c.fp, line: c.text, phrase: true})
			first[c.fp] = -2 // counted
		}
	}
	return ps
}
