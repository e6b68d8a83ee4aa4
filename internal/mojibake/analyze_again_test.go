package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Find searches the repaired text again where a second cleaning could
// find a repair that the first did not make, and makes it: cleaning the
// output again changes nothing. Each text is a line of
// scripts/lostbyte-heldout.sh, cut down, that a second cleaning changed
// before.
func TestFindMakesTheRepairsOfASecondCleaning(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		// want is a piece of the repair that only the second cleaning
		// made before.
		want string
	}{
		{
			// GBK read as Big5 with errors="ignore": 庥挋皈 was reported
			// as read out of step, judged on the whole line; once the
			// rest of the line is repaired, the line's first word is.
			name: "run read out of step", text: "蝜扢离賸庥挋皈 俴庥恞鍔﹝", want: "设置了",
		},
		{
			// GBK read as Big5 with U+FFFD: the repair of 肩談炬 restores
			// the byte behind the first U+FFFD of a run of two; the other
			// stays reported.
			name: "U+FFFD run restored in part", text: "S\uFFFD肩談炬\uFFFD\uFFFD昐\uFFFDй褫眕肮", want: "同步",
		},
		{
			// Big5 read as GB2312 with U+FFFD: a repair withdrawn (the
			// repaired text offered a further one) lets the text around
			// it be repaired otherwise.
			name: "repair withdrawn", text: "\uFFFD汗w\uFFFD]陪\uFFFD夹非\uFFFDw\uFFFD邯弧c6 \uFFFDn砰", want: "標準",
		},
		{
			// UTF-8 read as GBK by a reader that writes '?': with the
			// misaligned run ?屼笉鍙? repaired, 瑕侀?茶。 reads as 要進衣,
			// but only with the document's prior, which a second
			// cleaning lacks; the run is not withdrawn for it.
			name: "repair found only with the prior",
			text: "渚嗚渶瑕侀?茶?屾洿鍔犵窗绡?鐨勬帶煇鍊嬪煼琛岀窉闇?瑕侀?茶?屼笉鍙?鍒嗗壊鎿嶄綔锛屼笉鎳夌暥琚?鍏朵粬鍩疯?岀窉鐨",
			want: "。槍",
		},
		{
			// GBK read as Big5 by a reader that writes '?': the repair
			// ，?K且不要 was withdrawn, since ?K then read as 。並; the
			// repair of the same text as ，並且不要 is another repair, and
			// is made.
			name: "another repair of a withdrawn one's text",
			text: "坳豢偍init妏蚚?恀墓譏葸?宒???衶?呾?Cㄛ?Kй祥猁?昐倞庥庰騫尌o最唗﹝",
			want: "，並且不要執行",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spans := Find(tc.text)
			out := applySpans(tc.text, spans)
			require.Contains(t, out, tc.want)
			assert.Equal(t, out, applySpans(out, Find(out)), "cleaning twice")
			// Every U+FFFD left in the output is reported.
			lost := 0
			for _, sp := range spans {
				if sp.Kind == KindLost {
					lost += strings.Count(sp.Garbled, "\uFFFD")
				}
			}
			assert.Equal(t, strings.Count(out, "\uFFFD"), lost, "U+FFFD reported")
		})
	}
}

// reportLost reports the lost characters that no span covers, and only
// those.
func TestReportLost(t *testing.T) {
	s := "ab\uFFFD\uFFFD\uFFFDcd"
	rep := func(lo, hi int) Span { return Span{Start: lo, End: hi, Repairable: true} }
	for _, tc := range []struct {
		name  string
		spans []Span
		want  []string
	}{
		{"none restored", nil, []string{"\uFFFD\uFFFD\uFFFD"}},
		{"first restored", []Span{rep(0, 5)}, []string{"\uFFFD\uFFFD"}},
		{"last restored", []Span{rep(8, 13)}, []string{"\uFFFD\uFFFD"}},
		{"middle restored", []Span{rep(5, 8)}, []string{"\uFFFD", "\uFFFD"}},
		{"both ends restored", []Span{rep(0, 5), rep(8, 13)}, []string{"\uFFFD"}},
		{"all restored", []Span{rep(1, 12)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range reportLost(s, tc.spans) {
				if p.Kind == KindLost {
					require.Equal(t, s[p.Start:p.End], p.Garbled)
					got = append(got, p.Garbled)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
