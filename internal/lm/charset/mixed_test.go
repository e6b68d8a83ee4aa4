package charset

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// part is a piece of a test document and the encoding it is saved in.
type part struct {
	enc  string // utf-8, gbk or big5
	text string
}

var testCodecs = map[string]encoding.Encoding{
	encGBK:  simplifiedchinese.GB18030,
	encBig5: traditionalchinese.Big5,
}

// saved returns the bytes of the parts, each in its encoding.
func saved(t testing.TB, parts []part) []byte {
	var b []byte
	for _, p := range parts {
		if p.enc == encUTF8 || p.enc == "" {
			b = append(b, p.text...) // "": raw bytes
			continue
		}
		x, err := testCodecs[p.enc].NewEncoder().Bytes([]byte(p.text))
		require.NoError(t, err, "%s in %s", p.text, p.enc)
		b = append(b, x...)
	}
	return b
}

// decodedWith decodes b in enc, the segments in theirs, as
// convert.DecodeAuto does (with x/text, U+FFFD for what does not decode).
func decodedWith(b []byte, enc string, segs []Segment) string {
	dec := func(e string, x []byte) string {
		if e == encUTF8 {
			return strings.ToValidUTF8(string(x), "\ufffd")
		}
		out, _ := testCodecs[e].NewDecoder().Bytes(x)
		return string(out)
	}
	var sb strings.Builder
	p := 0
	for _, s := range segs {
		sb.WriteString(dec(enc, b[p:s.Start]))
		sb.WriteString(dec(s.Encoding, b[s.Start:s.End]))
		p = s.End
	}
	sb.WriteString(dec(enc, b[p:]))
	return sb.String()
}

func TestMixed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		enc   string // the document's encoding
		parts []part
		// segs is the number of segments; the document must decode to
		// its text with them, unless lossy (a part that stays U+FFFD or
		// mojibake).
		segs  int
		lossy bool
	}{
		{name: "gbk line in utf-8", enc: encUTF8, segs: 1, parts: []part{
			{encUTF8, "今天的会议讨论了明年的工作计划。\n"}, {encGBK, "本文来源：新华社记者报道"}, {encUTF8, "\n会议由主任主持。\n"}}},
		{name: "big5 line in utf-8", enc: encUTF8, segs: 1, parts: []part{
			{encUTF8, "这是一份简体中文的文件。\n"}, {encBig5, "這是一篇關於臺灣電影的文章。"}, {encUTF8, "\n下面是正文。\n"}}},
		{name: "utf-8 footer in gbk", enc: encGBK, segs: 1, parts: []part{
			{encGBK, "各地要认真贯彻落实会议精神，推动工作取得新进展。\n"}, {encUTF8, "联系我们：编辑部办公室"}}},
		{name: "utf-8 line in big5", enc: encBig5, segs: 1, parts: []part{
			{encBig5, "本校將於下週舉辦運動會，歡迎家長參加。\n"}, {encUTF8, "本站内容版权所有，转载请注明出处。"}, {encBig5, "\n報名請洽學務處。"}}},
		{name: "utf-8 label glued to gbk", enc: encUTF8, segs: 1, parts: []part{
			{encUTF8, "第一条新闻的内容在这里。\n来源："}, {encGBK, "人民日报海外版"}, {encUTF8, "\n第二条新闻的内容在这里。"}}},
		{name: "gbk words between digits, after a gbk line", enc: encUTF8, segs: 3, parts: []part{
			{encUTF8, "这是正文的第一段。\n"}, {encGBK, "发布时间：2009年8月"}, {encUTF8, "\n"}}},
		{name: "one gbk character alone", enc: encUTF8, segs: 0, lossy: true, parts: []part{
			{encUTF8, "这是正文的第一段。\n第"}, {encGBK, "二"}, {encUTF8, "段。\n"}}},

		{name: "utf-8 character cut short", enc: encUTF8, segs: 0, lossy: true, parts: []part{
			{encUTF8, "这是一段被截断的文\xe5\xad\n下一行文字。"}}},
		{name: "latin-1 bytes in utf-8", enc: encUTF8, segs: 0, lossy: true, parts: []part{
			{encUTF8, "菜单上写着 caf\xe9 和 cr\xe8me br\xfbl\xe9e。"}}},
		{name: "gbk throughout", enc: encGBK, segs: 0, parts: []part{
			{encGBK, "各地要认真贯彻落实会议精神。\n推动工作取得新进展，确保各项任务落到实处。"}}},
		{name: "big5 throughout", enc: encBig5, segs: 0, parts: []part{
			{encBig5, "本校將於下週舉辦運動會。\n歡迎家長踴躍參加，共襄盛舉。"}}},
		{name: "utf-8 read as gbk and saved with lost bytes", enc: encGBK, segs: 0, lossy: true, parts: []part{
			// 转换器的输入 in UTF-8, its last byte of 转 written as '?'
			{encGBK, "设备的说明\n"}, {encUTF8, "\xe8\xbd?换器的输入"}}},
		{name: "utf-8 by chance in a misaligned gbk run", enc: encGBK, segs: 1, lossy: true, parts: []part{
			// 茖W (C6 8C 57) after the question marks of a misaligned
			// run is ƌW in UTF-8; the UTF-8 head shows UTF-8.
			{encUTF8, "部门自身建设问题报告\n"}, {encGBK, "各地要认真贯彻落实会议精神。\n"},
			{"", "\xf3w\xfch\x86T??\xc6\x8cW,\xd2\xb2\xca\xc7"}}},
		{name: "other encodings are not searched", enc: encShiftJIS, segs: 0, lossy: true, parts: []part{
			{encUTF8, "文字"}, {encGBK, "文字"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := saved(t, tc.parts)
			segs := Mixed(b, tc.enc)
			require.Len(t, segs, tc.segs, "%+v", segs)
			prev := 0
			for _, s := range segs {
				assert.True(t, prev <= s.Start && s.Start < s.End && s.End <= len(b), "%+v after %d", s, prev)
				assert.NotEqual(t, tc.enc, s.Encoding)
				assert.GreaterOrEqual(t, s.Gain, mixedShownGain)
				assert.GreaterOrEqual(t, s.Margin, mixedMargin)
				assert.True(t, s.Confidence > 0.5 && s.Confidence <= 1, "%+v", s)
				prev = s.End
			}
			var want strings.Builder
			for _, p := range tc.parts {
				want.WriteString(p.text)
			}
			if !tc.lossy {
				assert.Equal(t, want.String(), decodedWith(b, tc.enc, segs))
			}
		})
	}
}

// TestMixedSplit: a unit with UTF-8 text glued to GBK text is read in
// two parts, whichever comes first.
func TestMixedSplit(t *testing.T) {
	for _, parts := range [][]part{
		{{encUTF8, "标题："}, {encGBK, "关于做好年度工作总结的通知"}},
		{{encGBK, "关于做好年度工作总结的通知"}, {encUTF8, "（转载）"}},
	} {
		b := saved(t, append([]part{{encUTF8, "正文第一段，说明事情的经过。\n"}}, parts...))
		segs := Mixed(b, encUTF8)
		require.Len(t, segs, 1)
		assert.Equal(t, encGBK, segs[0].Encoding)
		assert.Equal(t, "正文第一段，说明事情的经过。\n"+parts[0].text+parts[1].text, decodedWith(b, encUTF8, segs))
	}
}

// TestMixedValidUTF8Unit: once the document shows GBK, a GBK character
// that happens to be valid UTF-8 (同, CD AC, is U+036C) is read as GBK.
func TestMixedValidUTF8Unit(t *testing.T) {
	b := saved(t, []part{{encUTF8, "正文。\n"}, {encGBK, "与主机系统集成用户和组"}, {encUTF8, "\n"}, {encGBK, "同"}, {encUTF8, " Windows\n"}})
	require.True(t, utf8.Valid(saved(t, []part{{encGBK, "同"}})))
	segs := Mixed(b, encUTF8)
	require.Len(t, segs, 2)
	assert.Equal(t, "正文。\n与主机系统集成用户和组\n同 Windows\n", decodedWith(b, encUTF8, segs))
}

func TestUnitEnd(t *testing.T) {
	for _, tc := range []struct {
		in   string
		end  int
		lost bool
	}{
		{"\xd6\xd0\xce\xc4 x", 4, false},
		{"\xd6\xd0ABC.", 5, false},                   // ASCII letters may be trail bytes
		{"\xd6\x81\x30\x81\x30\xce\xc4\n", 7, false}, // a GB18030 four-byte sequence
		{"\xe8\xbd?\xe6\x8d\xa2 ", 6, true},          // a lost byte
		{"\xe8\xbd??\xe6\x8d\xa2", 7, true},
		{"\xe5\x8a\x9b?\xe5\xb8\xb6", 7, false}, // 力?帶: a question mark
		{"\xe5\x8a\x9b?\xb8\xb6", 6, true},      // a lost lead byte
		{"\xe8\xbd? x", 2, false},               // a question mark before ASCII ends the unit
		{"\xd6\xd0", 2, false},
	} {
		end, lost := unitEnd([]byte(tc.in), 1)
		assert.Equal(t, tc.end, end, "%q", tc.in)
		assert.Equal(t, tc.lost, lost, "%q", tc.in)
	}
}

func TestCutUTF8(t *testing.T) {
	assert.True(t, cutUTF8([]byte("\xe5\xad")))
	assert.True(t, cutUTF8([]byte("文\xe5")))
	assert.False(t, cutUTF8([]byte("\xa9M")), "和 in Big5: no lead byte")
	assert.False(t, cutUTF8([]byte("\xc4\xea")), "年 in GBK: two sequences")
	assert.False(t, cutUTF8([]byte("文字")))
	assert.False(t, cutUTF8([]byte("\xd1\xa1\xcf\xee\xa3\xa9")), "选项） in GBK: cut in the middle")
}

func FuzzMixed(f *testing.F) {
	for _, s := range []string{"中\xd6\xd0文", "\xe8\xbd?\xe6\x8d\xa2", "\xd6\x81\x30\x81\x30", "同 Windows", "\xa9M\n\xc4\xea"} {
		for _, e := range []string{encUTF8, encGBK, encBig5} {
			f.Add([]byte(s), e)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, enc string) {
		prev := 0
		for _, s := range Mixed(b, enc) {
			if s.Start < prev || s.End <= s.Start || s.End > len(b) || s.Encoding == enc {
				t.Fatalf("Mixed(%q, %s): bad segment %+v after %d", b, enc, s, prev)
			}
			prev = s.End
		}
	})
}

func TestLines(t *testing.T) {
	b := []byte("ab\ncd\n\nef")
	l := lines{b: b}
	for _, tc := range [][2]int{{0, 0}, {1, 0}, {2, 0}, {3, 3}, {5, 3}, {6, 6}, {7, 7}, {9, 7}} {
		assert.Equal(t, tc[1], l.startOf(tc[0]), "%d", tc[0])
	}
}

func TestPinyinUnit(t *testing.T) {
	for _, tc := range []struct {
		ctx, u string
		want   bool
	}{
		{"sh", "è", true}, {"zh", "ì", true}, {"ji", "é", true}, {"zhu", "àng", true}, {"", "ài", true}, {"x", "ǐn", true},
		{"caf", "é", false}, {"", "é", false}, {"sh", "é\xcc\xa8", false}, {"na", "ïve", false}, {"Str", "aße", false},
	} {
		assert.Equal(t, tc.want, pinyinUnit([]byte(tc.ctx), []byte(tc.u)), "%s|%s", tc.ctx, tc.u)
	}
}

// TestDetectGB18030Replacement: a GB18030 file of UTF-8 text that a
// GB18030 reader failed on, saved with its failures as U+FFFD (84 31 A4
// 37), is GB18030, though it reads better as UTF-8 (see promote).
func TestDetectGB18030Replacement(t *testing.T) {
	gb := simplifiedchinese.GB18030
	var b []byte
	for _, l := range []string{"我的系统里没有编译器，要如何编译这个程序？\n", "您首先需要做的是替您的系统找一个执行档。\n", "那大概是您忘了复制程式库，或者是程式库的路径不同的关系。\n"} {
		misread, err := gb.NewDecoder().Bytes([]byte(l))
		require.NoError(t, err)
		saved, err := gb.NewEncoder().Bytes(misread)
		require.NoError(t, err)
		b = append(b, saved...)
	}
	require.Contains(t, string(b), string(gbFFFD))
	r := Detect(b)
	assert.Equal(t, encGB18030, r.Encoding)
	assert.Equal(t, encGB18030, r.Candidates[0].Encoding)
	sum := 0.0
	for _, c := range r.Candidates {
		sum += c.Confidence
	}
	assert.InDelta(t, 1, sum, 1e-9)
}

// TestDetectUTF8HeadOnGBK: a page whose first lines are UTF-8 and the
// rest GBK is GBK, with the head a segment, though its first bytes read
// worse as GBK than as other encodings (the probe of trialScoresAbort
// looks at the middle and the end as well).
func TestDetectUTF8HeadOnGBK(t *testing.T) {
	head := "部门自身建设(shè)问题报告\n时间:2022-10-14 06:06:00\n导语:部门自身建设(shè)问题报告一文来源于网(wǎng)友上传,不代表本站观点,若需要原创(chuàng)文章可咨询客服老师,欢迎参考。\n"
	body := strings.Repeat("组织部门作为承担党的组织工作任务的施工队，肩负着管干部、管党员、管人才的重要职责，在推进党的建设新的伟大工程中发挥着积极作用。\n", 12)
	b := saved(t, []part{{encUTF8, head}, {encGBK, body}})
	r := Detect(b)
	require.Equal(t, encGBK, r.Encoding, "%+v", r.Candidates)
	segs := Mixed(b, r.Encoding)
	assert.Equal(t, head+body, decodedWith(b, r.Encoding, segs))
}
