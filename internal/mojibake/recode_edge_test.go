package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRecodeEdgeWanted checks that a repair reaches the edge of a garbled
// line: Big5 text read as GBK, whose first character reads back as a
// common one (測 as 代), was repaired from its second character on; the
// first unit's gain (-6 nats after the start of the text) leaves out its
// bigram with the repaired rune after it (edgeWanted).
func TestRecodeEdgeWanted(t *testing.T) {
	for _, c := range []struct{ name, garbled, want string }{
		// 測量結果顯示系統一切正常。 (Big5 read as GBK)
		{"first unit a common character", "代秖挡狦陪ボ╰参\ue5e6ちタ盽\ue4c9\n", "測量結果顯示系統一切正常。\n"},
		// 請在開始之前先備份所有檔案。
		{"first unit read well before", "叫\ue6c8秨﹍ぇ玡\ue783称\ue77d┮Τ郎\ue1ae\ue4c9\n", "請在開始之前先備份所有檔案。\n"},
		// 這個選項只能在設定檔案內 (no newline after the last unit)
		{"last unit at the end of the text", "硂\ue14c匡兜\ue67b\ue215\ue6c8砞﹚郎\ue1aeず", "這個選項只能在設定檔案內"},
	} {
		t.Run(c.name, func(t *testing.T) {
			spans := Find(c.garbled)
			require.NotEmpty(t, spans)
			assert.Equal(t, c.want, applySpans(c.garbled, spans))
		})
	}
}
