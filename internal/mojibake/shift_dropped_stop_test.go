package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunAfterDroppedStop checks the runs that start with 。 before a
// character whose first byte is under A1: read one byte out of step, 。's
// second byte A3 and that first byte make a private-use pair, which the
// decoder drops (。對 is A1 A3 8C A6). The run must keep its 。 rather than
// read as the character with its own first byte lost (leadOffTrailCost),
// and when the decoder also lost the character's second byte with the
// "(" of its reading, the reading names it (??duì), stopDropStarts); when
// its second byte is ASCII, that byte is read in phase (。僅 A1 A3 83 48 is
// ?H, stopDropASCIIStarts).
func TestRunAfterDroppedStop(t *testing.T) {
	for _, tc := range []struct{ name, in, garbled, want string }{
		{"dropped pair then a run", "然後按下「O」鍵?υ捒虺霈F後,鬆開兩鍵", "?υ捒虺霈F", "。對話框出現"},
		{"only the reading left", "列表然後退出??duì)腳本編程很有用", "??", "。對("},
		{"only the reading left, number", "設置調試級別??shù)值越高,寫到服務器的日誌", "??", "。數("},
		{"second byte read as ASCII", "問題可能在卡上?L試其他卡或試試另一個", "?L", "。嘗"},
		{"second byte read as ASCII, reading after", "問題可能在卡上?L試(shì)其他卡或試(shì)試(shì)另一個", "?L", "。嘗"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var spans []Span
			for _, sp := range Find(tc.in) {
				if sp.Garbled == tc.garbled {
					spans = append(spans, sp)
				}
			}
			require.Len(t, spans, 1)
			sp := spans[0]
			require.True(t, sp.Repairable, sp.Reason)
			assert.Equal(t, tc.garbled, sp.Garbled)
			assert.Equal(t, tc.want, sp.Repair)
			got, err := mustParsePlan(t, sp.Plan).Apply(sp.Garbled)
			require.NoError(t, err)
			assert.Equal(t, sp.Repair, got, "the plan %s replays the repair", sp.Plan)
		})
	}
	// Two question marks before a reading that no character with a first
	// byte under A1 has stay as they are; so do two question marks before
	// anything else.
	// The letter is no second byte read in phase when what follows does
	// not read as clean text: a letter glued to it, a garbled character.
	for _, in := range []string{"民之洽矣?^o之懌矣,民之莫矣。", "之檔案名稱?T赱簡報的 URL]"} {
		for _, sp := range Find(in) {
			assert.False(t, sp.Repairable && len([]rune(sp.Garbled)) == 2, "%q: %+v", in, sp)
		}
	}
	// A question mark before a Latin letter in clean text is no run.
	for _, in := range []string{"他說什麼??mā)好", "真的嗎??是的", "你要選哪個?A還是B?", "這是什麼問題?B選項是正確的", "第幾頁?P12"} {
		for _, sp := range Find(in) {
			assert.False(t, sp.Repairable, "%q: %+v", in, sp)
		}
	}
}

// TestShiftNeedStopDrop checks that the dropped pair of 。's second byte and
// the next first byte costs no more than a run without it, and that other
// dropped pairs still do.
func TestShiftNeedStopDrop(t *testing.T) {
	stop := shiftDrop{At: 0, U: 0xA3, V: 0x8C}
	other := shiftDrop{At: 1, U: 0xFD, V: 0xC8}
	plain := ShiftPlan{Lead: 0xA1, End: endASCII}
	withStop := ShiftPlan{Lead: 0xA1, Drops: []shiftDrop{stop}, End: endASCII}
	withBoth := ShiftPlan{Lead: 0xA1, Drops: []shiftDrop{stop, other}, End: endASCII}
	withOther := ShiftPlan{Lead: 0xA1, Drops: []shiftDrop{other}, End: endASCII}
	afterOtherLead := ShiftPlan{Lead: 0xB3, Drops: []shiftDrop{stop}, End: endASCII}
	assert.Equal(t, shiftNeed(plain), shiftNeed(withStop))
	assert.Equal(t, shiftNeed(withOther), shiftNeed(withBoth))
	assert.Greater(t, shiftNeed(withOther), shiftNeed(plain))
	assert.Greater(t, shiftNeed(afterOtherLead), shiftNeed(plain))
}

// TestDroppedStopEdges runs the new starts at the edges of the text: a
// reading or a letter at its very end, nothing after the question marks.
// Whatever Find repairs must replay from its plan.
func TestDroppedStopEdges(t *testing.T) {
	for _, in := range []string{"退出??duì)", "退出??duì", "退出??", "退出?", "上?L", "上?L試", "上?L\n", "??duì)腳本", "?H當", "。??(duì)", "項(xiàng)??duì)"} {
		for _, sp := range Find(in) {
			if !sp.Repairable {
				continue
			}
			got, err := mustParsePlan(t, sp.Plan).Apply(sp.Garbled)
			require.NoError(t, err, "%q: %+v", in, sp)
			assert.Equal(t, sp.Repair, got, "%q", in)
		}
	}
}
