package detect

import (
	"strings"
	"unicode/utf8"
)

// The lines of some genres begin with labels of their own: a FAQ's 问：
// and 答：, an interview's 主持人： and 嘉宾：, a recipe's 材料： and 做法：,
// a classical text's 原文： and 译文：, a paper's 摘要： and 关键词：, and the
// speakers of quotations and dialogues (子曰：, 孔子说：). A run of such documents holds each
// label near the edges of most pages, as a site's labels (上一篇：,
// 来源：) are, and the learner took every line that begins with one for a
// template whose rest varies from page to page. Those labels are text:
// they make no label template (see labelFingerprint). A site's notice
// that begins with one (温馨提示：本站…) is still learned as a whole line.

// contentLabels are the genre labels (folded on first use: see foldedSet).
var contentLabels = newFoldedSet(
	// questions and answers
	"问", "答", "问题", "回答", "答案", "解析", "解答", "解", "答复", "提问", "追问", "补充", "q", "a",
	// interviews and dialogues
	"主持人", "主持", "嘉宾", "记者", "采访者", "受访者", "观众", "甲", "乙",
	// recipes and instructions
	"材料", "原料", "配料", "主料", "辅料", "调料", "食材", "做法", "步骤", "方法", "用法", "用量",
	"功效", "作用", "小贴士", "贴士", "提示", "注意", "注意事项", "特点", "说明", "要求", "目的", "意义",
	// classical texts and exercises
	"原文", "译文", "注释", "赏析", "翻译", "释义", "朝代", "例", "例如", "例题", "题目", "分析",
	"证明", "考点", "点评", "寓意", "启示",
	// papers and reports
	"摘要", "关键词", "关键字", "引言", "前言", "结论", "结语", "致谢", "附录", "参考文献", "作者简介",
)

// contentLabel reports whether label, a folded label as labelOf returns
// it (with its ':' or brackets), is a genre's own.
func contentLabel(label []byte) bool {
	if n := len(label); n > 0 && (label[n-1] == ':' || label[n-1] == ']') {
		label = label[:n-1]
	}
	if len(label) > 0 && label[0] == '[' {
		label = label[1:]
	}
	if contentLabels.has(label) {
		return true
	}
	// Speech: 子曰：, 孔子说：, 他问道： introduce what someone said.
	r, _ := utf8.DecodeLastRune(label)
	return strings.ContainsRune(speechVerbs, r)
}

// speechVerbs end the labels that introduce speech.
const speechVerbs = "曰说道云讲问答"
