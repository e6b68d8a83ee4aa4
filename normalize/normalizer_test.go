package normalize

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTarget(t *testing.T) {
	for _, s := range []string{"auto", "simp", "trad", "tw", "hk", "keep"} {
		got, err := ParseTarget(s)
		require.NoError(t, err)
		assert.Equal(t, Target(s), got)
	}
	got, err := ParseTarget("")
	require.NoError(t, err)
	assert.Equal(t, TargetAuto, got)
	_, err = ParseTarget("no-such-script")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-script")
	assert.Contains(t, err.Error(), "simp")

	_, err = New(Options{Target: "klingon"})
	assert.Error(t, err)
}

func TestStringRejectsInvalidUTF8(t *testing.T) {
	n, err := New(Options{})
	require.NoError(t, err)
	for _, in := range []string{"中文\xff", "\xe4\xb8", "ok\xe4\xb8\xadx\x80"} {
		_, _, err := n.String(in)
		var ie *InvalidUTF8Error
		require.True(t, errors.As(err, &ie), "%q: %v", in, err)
		assert.Contains(t, err.Error(), "Bytes")
	}
}

func TestCleanTextUnchanged(t *testing.T) {
	n, err := New(Options{})
	require.NoError(t, err)
	for _, in := range []string{
		"",
		"组织部门作为承担党的组织工作任务的“施工队”，肩负着管干部的重要职责。\n",
		"群眾路線是我們黨的生命線和根本工作路線。\n",
		"使用 mkfs.ext4(1) 将它格式化，并使用 mount(8) 挂载。\n",
		"床前明月光，疑是地上霜。\n",
		"日本語のテキストです。\n",
		"你好(nǐ hǎo)是常用的问候语。\n",
	} {
		out, rep, err := n.String(in)
		require.NoError(t, err)
		assert.Equal(t, in, out)
		assert.Empty(t, rep.Changes)
	}
}

func TestReportOffsetsPointIntoInput(t *testing.T) {
	n, err := New(Options{Target: TargetKeep, Fixes: FixHygiene | FixCJKPunct})
	require.NoError(t, err)
	in := "\ufeff第一,第二\r\n第三"
	out, rep, err := n.String(in)
	require.NoError(t, err)
	assert.Equal(t, "第一，第二\n第三", out)
	require.Len(t, rep.Changes, 3)
	for _, c := range rep.Changes {
		assert.Equal(t, c.Before, in[c.Start:c.End], "%+v", c)
	}
	assert.Equal(t, 1, rep.Counts[KindPunct])
	assert.Equal(t, 2, rep.Counts[KindHygiene])
}

func TestBrokenStageIsSkipped(t *testing.T) {
	n := &Normalizer{stages: []Stage{brokenStage{}}}
	rep := &Report{Counts: map[Kind]int{}}
	out := n.run("中文", rep)
	assert.Equal(t, "中文", out)
	require.Len(t, rep.Findings, 1)
	assert.Contains(t, rep.Findings[0].Reason, "internal error")
}

type brokenStage struct{}

func (brokenStage) Kind() Kind { return KindHygiene }
func (brokenStage) Edits(string, *Doc) ([]Edit, []Finding) {
	return []Edit{{Start: 1, End: 2, After: "x"}}, nil
}
