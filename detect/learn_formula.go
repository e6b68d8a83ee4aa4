package detect

import (
	"bytes"
	"unicode/utf8"
)

// The openings and closings of speeches, reports and letters (同志们：,
// 尊敬的各位领导、各位来宾：, 谢谢大家！, 此致 敬礼, 特此通知) begin or end most
// documents of their genre, and a run of such documents (the essays and
// speeches of a 范文 site) holds them at the edges of many pages, where the
// learner takes a line for a site's template. They are the documents'
// text: a line that is one of them, or that opens with an address to the
// audience, matches no learned template (see formula).

// closings are the formula lines, without their final punctuation.
var closings = newFoldedSet(
	"谢谢大家", "谢谢各位", "谢谢", "大家好", "各位好", "同志们好", "同学们好", "老师们好",
	"此致", "敬礼", "此致敬礼", "此致,敬礼",
	"特此通知", "特此报告", "特此公告", "特此证明", "特此函告", "特此函复", "特此批复", "特此说明", "特此声明",
	"以上报告,请审议", "以上报告请审议", "请审议", "以上报告,请予审议",
	"妥否,请批示", "当否,请批示", "以上意见如无不妥,请批转各地执行", "请批示",
)

// trimFormulaEnd drops the punctuation at the end of a folded line.
func trimFormulaEnd(b []byte) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeLastRune(b)
		switch r {
		case '!', '.', ':', ',', ';', '?', '。', '！', '：', '，', '；', '？', '…', '~', '～':
			b = b[:len(b)-size]
			continue
		}
		return b
	}
	return b
}

// maxAddressRunes bounds the address before the ':' of an opening.
const maxAddressRunes = 24

// formula reports whether a folded line is the opening or closing formula
// of a speech, report or letter: one of the closings, a line that ends
// with 如下： (what follows is the text), or a line that begins with an
// address to the audience and a ':' (同志们：…, 尊敬的张书记：, 各位领导、各位来宾：):
// at most maxAddressRunes characters before the ':', which begin with
// 尊敬的, 亲爱的, 各位 or 全体, or end with 们.
func formula(b []byte) bool {
	if closings.has(trimFormulaEnd(b)) {
		return true
	}
	if bytes.HasSuffix(b, []byte("如下:")) {
		return true // 现将有关事项通知如下：, 本周主要工作如下：
	}
	colon := bytes.IndexByte(b, ':')
	if colon <= 0 {
		return false
	}
	addr := b[:colon]
	if utf8.RuneCount(addr) > maxAddressRunes {
		return false
	}
	for _, p := range []string{"尊敬的", "亲爱的", "各位", "全体"} {
		if bytes.HasPrefix(addr, []byte(p)) {
			return true
		}
	}
	return bytes.HasSuffix(addr, []byte("们"))
}
