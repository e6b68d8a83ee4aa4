package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHiddenChar garbles lines (written for this test) whose run holds a
// character that two dropped pairs hide: 含 (BA AC) after 包 (B0 FC) loses
// both FC BA and AC before the next Han character's first byte.
func TestHiddenChar(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		restored   bool // the hidden character reads clearly better: restored, not sure
	}{
		{"restored", "请先阅读安装说明。这份文档包含了全部的安装步骤,以及常见问题的解答 and more", true},
		// 如果已经 has one dropped pair, FB D2, which could also have
		// hidden 您: the sure repair of before becomes a close call.
		{"no hidden character", "请先阅读安装说明。如果已经安装了travis", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := misalignedRun(t, tc.line)
			assert.True(t, strings.Contains(tc.line, sp.Repair), "repair %q is not part of %q", sp.Repair, tc.line)
			p := mustParsePlan(t, sp.Plan)
			got, err := p.Apply(sp.Garbled)
			require.NoError(t, err)
			assert.Equal(t, sp.Repair, got, "the plan replays the repair")
			twoAtOnce := false
			for i := 1; i < len(p.Shift.Drops); i++ {
				twoAtOnce = twoAtOnce || p.Shift.Drops[i].At == p.Shift.Drops[i-1].At
			}
			assert.Equal(t, tc.restored, twoAtOnce, "plan %s", sp.Plan)
			assert.Less(t, sp.Confidence, SureConfidence, "a hidden character, restored or not, is a guess: %s", sp.Reason)
		})
	}
}
