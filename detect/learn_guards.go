// Where a learned template may remove a line: the shape of a notice that
// a site prints inside its texts, and numbered lines, which no template
// matches.

package detect

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// maxMidNotice is the longest line (folded runes) that a template learned
// inside the text of pages may remove (see midNotice).
const maxMidNotice = 40

// midNotice reports whether a folded line looks like a notice that a site
// prints inside its texts ("扫码下载某某客户端，本地新闻随时看", "（本段为VIP专享
// 内容…）") rather than a sentence or heading of the text: at most
// maxMidNotice characters, at least minTemplateRunes, minMidHan of them
// Han characters, not ended as a sentence or a lead-in (。！？：…), and two
// clauses (a comma inside: a heading has none) unless the template is
// common (see SiteModel.common) (a site's notice is on
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
	if sectionHeading(f.b) {
		return false
	}
	return hanCountBytes(f.b, minMidHan) >= minMidHan
}

// sectionNouns end the headings of a report's or an essay's sections
// (存在的问题和不足, 主要工作和成效, 下一步工作打算), which a run of such
// documents repeats inside their texts without numbers; a site's notice
// ends otherwise (扫码下载某某客户端, 请往下继续阅读, 该回答已被题主采纳).
var sectionNouns = []string{
	"问题", "不足", "成效", "成绩", "打算", "措施", "做法", "经验", "体会", "情况", "建议", "意见",
	"目标", "任务", "原则", "思路", "背景", "意义", "总结", "概述", "方法", "步骤", "结论", "要求",
	"安排", "计划", "目的", "现状", "原因", "对策", "启示", "收获", "思考", "展望", "概况", "特点",
	"优势", "分析", "举措", "成果", "亮点", "不足之处",
}

// sectionHeading reports whether a folded line ends with one of the
// sectionNouns (in Simplified: the folded form).
func sectionHeading(b []byte) bool {
	for _, n := range sectionNouns {
		if bytes.HasSuffix(b, []byte(n)) {
			return true
		}
	}
	return false
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
