package detect

import (
	"bytes"
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
