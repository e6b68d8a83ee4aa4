package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShiftDropBeforeAbsorbed garbles lines (written for this test) whose
// run ends in an ASCII letter that the last garbled pair absorbed, with a
// dropped pair right before that pair: 进入d is BD F8 C8 EB 64, and out of
// step F8 C8 is dropped and EB 64 reads 雂. Without a dropped pair before
// the last character, the search read 诫 (BD EB) for 进入, and was sure.
func TestShiftDropBeforeAbsorbed(t *testing.T) {
	for _, tc := range []struct{ line, repair string }{
		{"如果你想查看日志。这就是进入dia的方法", "。这就是进入d"},
		{"这个选项作用于内部。对于内部命令\\\\i", "。对于内部命令\\"},
	} {
		sp := assertRepair(t, tc.line, tc.repair)
		assert.Contains(t, sp.Plan, "end=absorbed")
		assert.Contains(t, sp.Plan, "drop@")
	}
}

func mustParsePlan(t *testing.T, s string) Plan {
	t.Helper()
	p, err := ParsePlan(s)
	require.NoError(t, err)
	return p
}

// misalignedRun garbles line with the development set's forward model and
// returns the one span that Find reports, which must be a repair.
func misalignedRun(t *testing.T, line string) Span {
	t.Helper()
	garbled, ok := misalign(gbk(), line)
	require.True(t, ok)
	spans := Find(garbled)
	require.Len(t, spans, 1, "spans of %q", garbled)
	require.True(t, spans[0].Repairable, spans[0].Reason)
	return spans[0]
}

// assertRepair garbles line with the development set's forward model,
// checks that Find repairs its one run as want and that the plan replays
// the repair, and returns the span.
func assertRepair(t *testing.T, line, want string) Span {
	t.Helper()
	sp := misalignedRun(t, line)
	assert.Equal(t, want, sp.Repair, "plan %s", sp.Plan)
	got, err := mustParsePlan(t, sp.Plan).Apply(sp.Garbled)
	require.NoError(t, err)
	assert.Equal(t, sp.Repair, got, "the plan replays the repair")
	return sp
}
