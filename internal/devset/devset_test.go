package devset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnnotStats(t *testing.T) {
	c := Case{Labels: Labels{Annotations: 2}, Readings: []string{"shè", "fā"}}
	in := "建設(shè)發(fā)展(一)"
	a := AnnotStats(c, in, "建設發展(一)", "建設發展(一)")
	assert.Equal(t, AnnotCount{Total: 2, Removed: 2, LegitTotal: 1}, a)
	a = AnnotStats(c, in, "建設發(fā)展", "建設發展(一)")
	assert.Equal(t, AnnotCount{Total: 2, Removed: 1, LegitTotal: 1, LegitRemoved: 1}, a)
	assert.InDelta(t, 0.5, a.Recall(), 1e-9)
	assert.InDelta(t, 0.5, a.Precision(), 1e-9)
}

func TestSpanStats(t *testing.T) {
	c := Case{Spans: []Span{{Win: map[string]string{"keep": "文件。《實施"}}, {Whole: true, Win: map[string]string{"keep": "全文\n"}}}}
	total, fixed := SpanStats(c, "文件?!秾嵤", "文件。《實施", "文件。《實施", "keep")
	assert.Equal(t, 2, total)
	assert.Equal(t, 1, fixed)
}

func TestLineStats(t *testing.T) {
	c := Case{Lines: []Line{{T: "boilerplate"}, {T: "content"}, {T: "mixed", Gold: map[string]string{"keep": "二要突出实践。"}}}}
	in := "您的位置:首页 > 正文\n一要加强学习。\n会员免费查看二要突出实践。\n"
	st, ok := LineStats(c, in, "一要加强学习。\n二要突出实践。\n", "keep")
	require.True(t, ok)
	_, _, f := st.F1()
	assert.InDelta(t, 1, f, 1e-9)
	assert.Zero(t, st.Loss())
	assert.InDelta(t, 1, st.Inline(), 1e-9)

	st, ok = LineStats(c, in, in, "keep")
	require.True(t, ok)
	assert.Zero(t, st.TP)
	assert.Equal(t, 1, st.FN)
}

// TestGoldScoresPerfect checks the metrics against the set itself: the gold
// output scores perfectly, the unchanged input does not.
func TestGoldScoresPerfect(t *testing.T) {
	s := Load(t)
	require.NotEmpty(t, s.Cases)
	var ann AnnotCount
	var lines LineCount
	spans, fixed := 0, 0
	for _, c := range s.Cases {
		if c.Raw() {
			continue
		}
		in := string(s.Input(t, c))
		for target := range c.Runs {
			gold, ok := s.Gold(c, target)
			require.True(t, ok, c.ID)
			ann.Add(AnnotStats(c, in, gold, gold))
			n, f := SpanStats(c, in, gold, gold, target)
			spans, fixed = spans+n, fixed+f
			if st, ok := LineStats(c, in, gold, target); ok && target != "keep+kb" {
				lines.Add(st)
			}
		}
	}
	assert.InDelta(t, 1, ann.Recall(), 1e-9)
	assert.Zero(t, ann.LegitRemoved)
	assert.Equal(t, spans, fixed)
	_, _, f1 := lines.F1()
	assert.InDelta(t, 1, f1, 1e-9)
	assert.Zero(t, lines.Loss())
	assert.Greater(t, lines.Boilerplate, 0)
}
