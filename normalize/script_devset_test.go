package normalize

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/cer"
	"github.com/hanfix/hanfix/internal/devset"
)

// TestDevsetScriptAndAnnotations runs the clean controls (a) and the
// annotation (b) and script-mixing (e) categories of the development set
// through the Normalizer with the targets the set defines, and checks the
// thresholds of issue 4: controls byte-identical; b annotation recall and
// precision ≥ 0.995, CER (simp) ≤ 0.002; e CER ≤ 0.003 (simp) and 0.005
// (trad). CER and the annotation counts are computed as score.py does.
func TestDevsetScriptAndAnnotations(t *testing.T) {
	set := devset.Load(t)
	norms := map[string]*Normalizer{}
	for _, tgt := range []Target{TargetKeep, TargetSimplified, TargetTraditional} {
		n, err := New(Options{Target: tgt})
		require.NoError(t, err)
		norms[string(tgt)] = n
	}
	type agg struct {
		n                                 int
		cer                               float64
		annTotal, annRemoved, legitRemove int
	}
	res := map[string]*agg{}
	for _, c := range set.Cases {
		if c.Cat != "a" && c.Cat != "b" && c.Cat != "e" {
			continue
		}
		in := string(set.Input(t, c))
		tgts := make([]string, 0, len(c.Runs))
		for tgt := range c.Runs {
			tgts = append(tgts, tgt)
		}
		sort.Strings(tgts)
		for _, tgt := range tgts {
			n := norms[tgt]
			if n == nil {
				continue
			}
			want, ok := set.Gold(c, tgt)
			require.True(t, ok, c.Runs[tgt])
			out, _, err := n.String(in)
			require.NoError(t, err, c.ID)
			key := c.Cat + ":" + tgt
			a := res[key]
			if a == nil {
				a = &agg{}
				res[key] = a
			}
			a.n++
			rate := cer.Rate(strings.TrimRight(out, "\n"), strings.TrimRight(want, "\n"))
			a.cer += rate
			if c.Cat == "a" {
				assert.Equal(t, want, out, "control %s -to %s changed", c.ID, tgt)
			}
			if len(c.Readings) > 0 || c.Cat == "a" {
				st := devset.AnnotStats(c, in, out, want)
				a.annTotal += st.Total
				a.annRemoved += st.Removed
				a.legitRemove += st.LegitRemoved
				assert.Zero(t, st.LegitRemoved, "%s -to %s removed a legitimate parenthesised group", c.ID, tgt)
			}
			if rate > 0 {
				t.Logf("%s -to %s: CER %.4f", c.ID, tgt, rate)
			}
		}
	}
	keys := make([]string, 0, len(res))
	for k := range res {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		a := res[k]
		rec, prec := 1.0, 1.0
		if a.annTotal > 0 {
			rec = float64(a.annRemoved) / float64(a.annTotal)
		}
		if a.annRemoved+a.legitRemove > 0 {
			prec = float64(a.annRemoved) / float64(a.annRemoved+a.legitRemove)
		}
		t.Logf("%-7s n=%2d CER %.4f annR %.4f annP %.4f (annotations %d, removed %d, legit removed %d)",
			k, a.n, a.cer/float64(a.n), rec, prec, a.annTotal, a.annRemoved, a.legitRemove)
	}
	for _, k := range []string{"b:keep", "b:simp"} {
		a := res[k]
		require.NotNil(t, a, k)
		assert.GreaterOrEqual(t, float64(a.annRemoved)/float64(a.annTotal), 0.995, "%s annotation recall", k)
		assert.Zero(t, a.legitRemove, "%s legitimate groups removed", k)
	}
	for k, max := range map[string]float64{"b:simp": 0.002, "e:simp": 0.003, "e:trad": 0.005} {
		a := res[k]
		require.NotNil(t, a, k)
		assert.LessOrEqual(t, a.cer/float64(a.n), max, "%s mean CER", k)
	}
}
