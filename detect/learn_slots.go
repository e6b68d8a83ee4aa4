package detect

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Two more fingerprints of a line let the learner see a site's template
// where the page puts its own title into it: the title varies from page to
// page, the rest of the line does not.
//
//   - A title slot: the line with the text of each 《…》 left out
//     ("本篇《…》系某某范文网会员投稿，仅供参考。", "上一篇：《…》").
//   - A site suffix: the text after the last '_' or '|' of a short line,
//     the way pages title themselves ("如何安装软件_某某经验",
//     "标题 | 某某新闻网").
//
// Each is learned and looked up like a label (see labelOf): with a salt of
// its own, and used only where the template sat at the page edges
// (siteTemplate.atEdges).
const (
	titleSalt  = 0x6a09e667f3bcc908
	suffixSalt = 0xbb67ae8584caa73b
)

const (
	titleOpen  = "《"
	titleClose = "》"
	// minSlotRest is the least number of letters and Han characters a
	// title-slot line has outside its titles: a line that is a title
	// alone, or a title and a word, is the article's.
	minSlotRest = 5
	// maxSlotLine bounds the lines a title slot is learned from and
	// applied to (folded runes).
	maxSlotLine = 160
	// maxSuffixRunes bounds a site suffix, minSuffixRunes is its least
	// length.
	minSuffixRunes = 2
	maxSuffixRunes = 16
)

// titleFingerprint returns the fingerprint of the folded line with the
// text of each complete 《…》 left out (the marks stay); ok is false for a
// line without one, or with fewer than minSlotRest letters and Han
// characters beside its titles.
func titleFingerprint(f *folder) (uint64, bool) {
	b := f.b
	if !f.titles || f.runes > maxSlotLine {
		return 0, false
	}
	out := f.slot[:0]
	found := false
	for {
		i := bytes.Index(b, []byte(titleOpen))
		if i < 0 {
			break
		}
		j := bytes.Index(b[i+len(titleOpen):], []byte(titleClose))
		if j < 0 {
			break
		}
		out = append(out, b[:i+len(titleOpen)]...)
		b = b[i+len(titleOpen)+j:]
		found = true
	}
	out = append(out, b...)
	f.slot = out
	if !found || letterCount(out, minSlotRest) < minSlotRest {
		return 0, false
	}
	fp, _ := fingerprint(out)
	return fp ^ titleSalt, true
}

// suffixFingerprint returns the fingerprint of the site suffix of a folded
// line of at most maxLabelLine characters: the text after its last '_' or
// '|', minSuffixRunes to maxSuffixRunes letters, digits and Han characters
// with a Han character among them (a Chinese site's name; folding drops
// spaces, so "ls | grep foo" would otherwise end in a name "grepfoo"),
// after at least two letters or Han characters of title. ok is false
// where there is none.
func suffixFingerprint(f *folder) (uint64, bool) {
	b := f.b
	if f.runes > maxLabelLine {
		return 0, false
	}
	// Most lines have neither separator: IndexByte tells that fast.
	k := -1
	if bytes.IndexByte(b, '_') >= 0 {
		k = bytes.LastIndexByte(b, '_')
	}
	if bytes.IndexByte(b[k+1:], '|') >= 0 {
		k = bytes.LastIndexByte(b, '|')
	}
	if k < 0 || letterCount(b[:k], 2) < 2 {
		return 0, false
	}
	s := b[k+1:]
	n, han := 0, 0
	for i := 0; i < len(s); n++ {
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z':
		case isHan(r):
			han++
		default:
			return 0, false
		}
		i += size
	}
	if n < minSuffixRunes || n > maxSuffixRunes || han == 0 {
		return 0, false
	}
	fp, _ := fingerprint(b[k:])
	return fp ^ suffixSalt, true
}

// letterCount counts the ASCII letters and Han characters of the folded
// bytes b, up to max.
func letterCount(b []byte, max int) int {
	n := 0
	for i := 0; i < len(b) && n < max; {
		if c := b[i]; c < 0x80 {
			if c >= 'a' && c <= 'z' {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if isHan(r) {
			n++
		}
		i += size
	}
	return n
}

// maxMidNotice is the longest line (folded runes) that a template learned
// inside the text of pages may remove (see midNotice).
const maxMidNotice = 40

// midNotice reports whether a folded line looks like a notice that a site
// prints inside its texts ("扫码下载某某客户端，本地新闻随时看", "（本段为VIP专享
// 内容…）") rather than a sentence or heading of the text: at most
// maxMidNotice characters, at least minTemplateRunes, minMidHan of them
// Han characters, not ended as a sentence or a lead-in (。！？：…), and two
// clauses (a comma inside: a heading has none) unless the template is
// common, in minTailShare of the run's documents (a site's notice is on
// most of its pages; a heading that several manual pages share, on few
// pages of a run). A line that several pages share inside their text is
// content as often as not (a heading every page of a site has, a
// quotation, a sentence of a manual that articles copy), so a learned
// template removes it there only in this shape, and only on a page that
// shows the site's template at its edges too (see dropLoneTemplate).
func midNotice(f *folder, common bool) bool {
	if f.runes < minTemplateRunes || f.runes > maxMidNotice {
		return false
	}
	r, _ := utf8.DecodeLastRune(f.b)
	switch r {
	case '。', '.', '!', '?', ':', ';', ',', '，', '、', '…', '！', '？', '：', '；':
		return false
	}
	if !common && bytes.IndexByte(f.b, ',') < 0 {
		return false
	}
	han := 0
	for i := 0; i < len(f.b) && han < minMidHan; {
		r, size := utf8.DecodeRune(f.b[i:])
		if isHan(r) {
			han++
		}
		i += size
	}
	return han >= minMidHan
}

// minMidHan is the least number of Han characters of a notice that a
// template learned inside the text of pages removes: a site's notices are
// Chinese sentences, while the short lines that documents share inside
// their text are as often option lists and release notes (-h, --help;
// LilyPond 2.19.7 released May 25, 2014).
const minMidHan = 6

// enumerated reports whether a folded line begins with the number of a
// section or list item: 一、, (一), 1、, 1., 8.1.1., 8.1.1, 第二篇, 第3章. A site's template
// numbers nothing, while the headings of a document that several pages
// share (the same article cut into pages, or reposted) are numbered.
func enumerated(b []byte) bool {
	i := 0
	open := i < len(b) && b[i] == '('
	if open {
		i++
	}
	ord := false
	if !open && bytes.HasPrefix(b, []byte("第")) {
		ord, i = true, len("第")
	}
	n := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if !numeral(r) {
			break
		}
		n++
		i += size
	}
	if n == 0 || i >= len(b) {
		return false
	}
	r, _ := utf8.DecodeRune(b[i:])
	switch {
	case open:
		return r == ')'
	case ord:
		return strings.ContainsRune("篇章节条部", r)
	}
	if r == '、' {
		return true
	}
	// 2., 8.1., 8.1.1., 8.1.1: a section number of a manual, but not a
	// version or a decimal (2.5) before text.
	groups := 1
	for i < len(b) && b[i] == '.' {
		j := i + 1
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j == i+1 { // a dot that ends the number
			return true
		}
		groups++
		i = j
	}
	return groups >= 3
}

// numeral reports whether r is an ASCII digit or a Chinese numeral.
func numeral(r rune) bool {
	switch r {
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
		'一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零':
		return true
	}
	return false
}

// tailSalt separates the fingerprints of the phrases after a paragraph's
// last sentence (see tailPhrase).
const tailSalt = 0x510e527fade682d1

// Bounds of a phrase glued after a paragraph that the learner counts.
const (
	minTailRunes     = 4
	maxTailRunes     = 20
	minTailHan       = 2
	minTailParagraph = 8 // Han characters of the paragraph before it
	// minTailShare is the least share of a run's documents that must end
	// a paragraph with the phrase: the start of the next sentence after a
	// line broken mid-text (参见, 例如, 如果) is shared by many documents
	// of a large run, but by few of them each; a site's phrase is on most
	// of its pages.
	minTailShare = 0.15
)

// tailPhrase returns where, in the folded line, the text after the line's
// last sentence end begins (。!?, the full-width marks folded), when that
// text is a phrase a site may glue after a paragraph: minTailRunes to
// maxTailRunes characters, two of them letters or Han characters, after
// a paragraph of at least minTailParagraph Han characters
// ("…的格式。（按此睇圖輯）", "…保持完整包裝。[已编辑于 2023-07-09]"). A
// line that ends as a sentence has no such text; one that a page broke
// in the middle of a sentence has the next sentence's start, which no
// other page shares.
func tailPhrase(f *folder) (int, bool) {
	b := f.b
	// Most lines end as sentences, or have no phrase after one within the
	// last maxTailRunes characters: only those bytes are searched.
	if len(b) == 0 || bytes.HasSuffix(b, []byte("。")) || b[len(b)-1] == '!' || b[len(b)-1] == '?' {
		return 0, false
	}
	lo := max(0, len(b)-maxTailRunes*utf8.UTFMax-len("。"))
	k, n := bytes.LastIndex(b[lo:], []byte("。")), len("。")
	if j := bytes.LastIndexAny(b[lo:], "!?"); j > k {
		k, n = j, 1
	}
	if k < 0 {
		return 0, false
	}
	k += lo
	t := b[k+n:]
	runes := utf8.RuneCount(t)
	if runes < minTailRunes || runes > maxTailRunes || hanCountBytes(t, minTailHan) < minTailHan ||
		hanCountBytes(b[:k], minTailParagraph) < minTailParagraph {
		return 0, false
	}
	// A lead-in or a clause goes on: 例如：, 但是，.
	last, _ := utf8.DecodeLastRune(t)
	switch last {
	case ',', ':', ';', '、', '，', '：', '；':
		return 0, false
	}
	// A site sets its phrase apart, in brackets or after a mark
	// ((按此睇图辑), [已编辑于 …], …展开全部, 点击下载附件(…)); the start of
	// the next sentence of a line broken mid-text (如果给出了) is bare text.
	first, _ := utf8.DecodeRune(t)
	if !setApart(first) && !strings.ContainsRune(")]）】〕」』>", last) {
		return 0, false
	}
	return k + n, true
}

// tailFingerprint returns the fingerprint of the phrase after the folded
// line's last sentence (see tailPhrase) and where the phrase begins.
func tailFingerprint(f *folder) (uint64, int, bool) {
	at, ok := tailPhrase(f)
	if !ok {
		return 0, 0, false
	}
	fp, _ := fingerprint(f.b[at:])
	return fp ^ tailSalt, at, true
}

// hanCountBytes counts the Han characters of the UTF-8 bytes b, up to max.
func hanCountBytes(b []byte, max int) int {
	n := 0
	for i := 0; i < len(b) && n < max; {
		r, size := utf8.DecodeRune(b[i:])
		if isHan(r) {
			n++
		}
		i += size
	}
	return n
}

// setApart reports whether r, the first character of a phrase, sets the
// phrase apart from the text before it: an opening bracket or a mark, not
// a letter, digit or Han character.
func setApart(r rune) bool {
	return !isHan(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r)
}
