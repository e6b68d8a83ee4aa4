package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestASCIIRunAfterReading checks that a run of ASCII only (?.? for 。當,
// whose reading then names the character) is repaired after a reading
// glued to a Han character (項(xiàng)?.?dāng)) as after the bare character:
// the reading belongs to the character before it.
func TestASCIIRunAfterReading(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"after a character", "選項?.?dāng)緊急數據接收後,內核發送", "。當("},
		{"after a reading", "選項(xiàng)?.?dāng)緊急數據接收後,內核發送", "。當("},
		{"request", "整個進程組(zǔ)?U?qǐng)參閱 ps 命令輸出的 PGID 列", "。請("},
		{"after a number, named by the reading", "最大值爲 256?U?qǐng)注意:「函數」", "。請("},
		{"after a Latin word, named by the reading", "在 ButtonBox?1仨?xū)是 top、left", "。必須("},
		{"after punctuation, named by the reading after the run", "支援 A, B, ...?_@(zhè)些安裝的字型都可以用", "。這"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spans := Find(tc.in)
			require.Len(t, spans, 1)
			assert.True(t, spans[0].Repairable, spans[0].Reason)
			assert.Equal(t, tc.want, spans[0].Repair)
		})
	}
	// Not after an ASCII group that is no reading (prompts, code), unless a
	// reading after the run names its last character.
	for _, in := range []string{"選項(x1)?.?緊急數據接收", "[y,n,?]?.?"} {
		for _, sp := range Find(in) {
			assert.False(t, sp.Repairable, "%q: %+v", in, sp)
		}
	}
}

// TestReadingAfterASCIIEnd checks a run whose last character is read as
// its ASCII second byte and followed by its reading, after a dropped pair
// (如果繪(huì): 果's FB and 繪's C0 dropped, 繪's 4C read as L): the
// reading's "(" is no full-width parenthesis inside the run, and the
// reading chooses the character behind the dropped pair.
func TestReadingAfterASCIIEnd(t *testing.T) {
	in := "點擊以沿路徑繪(huì)製?H绻L(huì)製(zhì)完成,請雙擊"
	spans := Find(in)
	require.Len(t, spans, 1)
	sp := spans[0]
	assert.Equal(t, "?H绻L", sp.Garbled)
	assert.Equal(t, "。如果繪", sp.Repair)
	got, err := mustParsePlan(t, sp.Plan).Apply(sp.Garbled)
	require.NoError(t, err)
	assert.Equal(t, sp.Repair, got)
}

// TestReadingFollowsTraditionalOnly checks that in a document with
// readings, the character a run's reading names is one of those readings
// follow: a Traditional-only character. 特定的任務?5?dāng)維護 is 。但當(dāng)
// (但 B5 AB, 當 AE 94, AB AE dropped); 。当 (B5 B1, Simplified) reads as
// well to the model but is no character a reading follows in such a
// document, and must not come out.
func TestReadingFollowsTraditionalOnly(t *testing.T) {
	in := "20 臺相似的服務器進(jìn)行安全升級是太多的工作了。那麼自動(dòng)化就是解決方案。\n" +
		"所以這(zhè)裏必須要問(wèn)工具是否對(duì)完成任務有用\n" +
		"通常有大範圍的程序和步驟來(lái)解決特定的任務?5?dāng)維護 500 臺計(jì)算機(jī)和 11 臺服務器\n"
	for _, sp := range Find(in) {
		if sp.Garbled == "?5?" && sp.Repairable {
			assert.NotEqual(t, "。当(", sp.Repair)
		}
	}
}

// TestShortRunAfterLatinClearGain checks that a short repair after
// non-Chinese text, refused as other damage as a rule, passes when it
// reads far better than the garbled text (clearShiftGain), and only then.
func TestShortRunAfterLatinClearGain(t *testing.T) {
	for _, tc := range []struct{ in, garbled, want string }{
		{"壓縮工具是 zip?0凑铡皕ip”的格式來打包", "?0凑铡皕", "。按照“z"},
		{"不支援 SOCK_PACKET?=ㄗh的補救是使用新的介面", "?=ㄗh", "。建議"},
	} {
		spans := Find(tc.in)
		require.Len(t, spans, 1, tc.in)
		assert.True(t, spans[0].Repairable, spans[0].Reason)
		assert.Equal(t, tc.garbled, spans[0].Garbled)
		assert.Equal(t, tc.want, spans[0].Repair)
	}
	for _, in := range []string{"Is it done?Yes, it is.", "x = a?b:c;", "SOCK_PACKET?ab 的介面"} {
		for _, sp := range Find(in) {
			assert.False(t, sp.Repairable, "%q: %+v", in, sp)
		}
	}
}
