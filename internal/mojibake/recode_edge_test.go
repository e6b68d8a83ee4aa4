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
// bigram with the repaired rune after it (edgeWanted), and the edge was
// scored with the script of the garbled text (edgeScores).
func TestRecodeEdgeWanted(t *testing.T) {
	for _, c := range []struct{ name, garbled, want string }{
		// 測量結果顯示系統一切正常。 (Big5 read as GBK)
		{"first unit a common character", "代秖挡狦陪ボ╰参\ue5e6ちタ盽\ue4c9\n", "測量結果顯示系統一切正常。\n"},
		// 內部資料已經全部更新完畢。: ず beats 內 under the Simplified
		// prior of the garbled text, not under that of the repair.
		{"first unit of the repair's script", "ず场戈\ue19d\ue61d竒\ue784场\ue7b0穝Ч拨\ue4c9\n", "內部資料已經全部更新完畢。\n"},
		// 啞巴吃黃連，有苦說不出。: two units left out before.
		{"first two units", "白ぺ\ue6bf独硈\ue4c7Τ璚弧ぃ\ue65e\ue4c9\n", "啞巴吃黃連，有苦說不出。\n"},
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

// TestRepairScript checks the script of a segment's repair, read from the
// units that decode and change: three characters of one script and more
// than three times those of the other settle it.
func TestRepairScript(t *testing.T) {
	for _, c := range []struct {
		name  string
		reps  []string
		ident []bool
		want  int
	}{
		{"Traditional", []string{"內", "部", "資", "料", "與", "檔"}, nil, 1},
		{"Simplified", []string{"编", "辑", "菜", "单"}, nil, -1},
		{"too few to tell", []string{"软", "件", "包"}, nil, 0},
		{"units that stay do not count", []string{"编", "辑", "单"}, []bool{false, false, true}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var all string
			units := make([]unit, len(c.reps))
			for k, r := range c.reps {
				units[k] = unit{rs: len(all), re: len(all) + len(r), ok: true}
				units[k].ident = c.ident != nil && c.ident[k]
				all += r
			}
			assert.Equal(t, c.want, repairScript(units, all, 0, len(units)))
		})
	}
}
