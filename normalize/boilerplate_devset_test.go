package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/cer"
	"github.com/hanfix/hanfix/internal/devset"
)

// This file measures the boilerplate stage on the development set
// (../shared/devset, categories f and h) with a Go port of the line metric
// of its score.py (align_lines, line_stats), learning site templates across
// all documents of a category at once, as the command line does in a
// -jsonl run without -group.

// devRun cleans every case of one category with target, learning the site
// model from all of them first.
func devRun(t *testing.T, set *devset.Set, cs []devset.Case, opts Options, learn bool) map[string]string {
	t.Helper()
	texts := make([]string, len(cs))
	for i, c := range cs {
		texts[i] = string(set.Input(t, c))
	}
	if learn {
		l := detect.NewLearner()
		for _, s := range texts {
			l.Add(s)
		}
		opts.SiteModel = l.Model()
	}
	n, err := New(opts)
	require.NoError(t, err)
	out := map[string]string{}
	for i, c := range cs {
		o, _, err := n.String(texts[i])
		require.NoError(t, err)
		out[c.ID] = o
	}
	return out
}

func TestBoilerplateDevset(t *testing.T) {
	set := devset.Load(t)
	byCat := map[string][]devset.Case{"f": set.Category("f"), "h": set.Category("h")}
	require.NotEmpty(t, byCat["f"])
	require.NotEmpty(t, byCat["h"])

	inputs := map[string]string{}
	gold := func(c devset.Case, target string) string {
		g, ok := set.Gold(c, target)
		require.True(t, ok, c.ID)
		return g
	}
	for _, c := range append(byCat["f"], byCat["h"]...) {
		inputs[c.ID] = string(set.Input(t, c))
	}
	measure := func(cat, target string, out map[string]string) (devset.LineCount, float64) {
		var all devset.LineCount
		cerSum := 0.0
		for _, c := range byCat[cat] {
			st, ok := devset.LineStats(c, inputs[c.ID], out[c.ID], target)
			require.True(t, ok, c.ID)
			all.Add(st)
			cerSum += cer.Rate(normLines(out[c.ID]), normLines(gold(c, target)))
		}
		return all, cerSum / float64(len(byCat[cat]))
	}
	report := func(name string, st devset.LineCount, meanCER float64) {
		p, r, f := st.F1()
		t.Logf("%-28s bpP=%.3f bpR=%.3f bpF1=%.3f loss=%.4f inline=%.3f (%d/%d) CER=%.4f  [tp %d fp %d fn %d]",
			name, p, r, f, st.Loss(), st.Inline(), st.MixedFix, st.Mixed, meanCER, st.TP, st.FP, st.FN)
	}

	// Category f, target keep, learning across all f documents.
	outF := devRun(t, set, byCat["f"], Options{Target: TargetKeep}, true)
	stF, cerF := measure("f", "keep", outF)
	report("f keep (rules+learned)", stF, cerF)
	_, _, f1 := stF.F1()
	assert.GreaterOrEqual(t, f1, 0.97, "f line F1")
	assert.LessOrEqual(t, stF.Loss(), 0.002, "f content loss")
	require.Positive(t, stF.Mixed)
	assert.GreaterOrEqual(t, stF.Inline(), 0.95, "f glued phrases fixed")
	for _, c := range byCat["f"] {
		if c.Sub == "hardneg" {
			assert.Equal(t, gold(c, "keep"), outF[c.ID], "hard negative %s must come out unchanged", c.ID)
		}
	}
	// Idempotent: cleaning the output again with the same model changes
	// nothing.
	{
		l := detect.NewLearner()
		for _, c := range byCat["f"] {
			l.Add(inputs[c.ID])
		}
		n, err := New(Options{Target: TargetKeep, SiteModel: l.Model()})
		require.NoError(t, err)
		for _, c := range byCat["f"] {
			again, _, err := n.String(outF[c.ID])
			require.NoError(t, err)
			assert.Equal(t, outF[c.ID], again, "second pass over %s", c.ID)
		}
	}
	// -keep-boilerplate: byte-identical.
	outKB := devRun(t, set, byCat["f"], Options{Target: TargetKeep, Fixes: DefaultFixes &^ FixBoilerplate}, true)
	for _, c := range byCat["f"] {
		assert.Equal(t, gold(c, "keep+kb"), outKB[c.ID], "keep+kb %s", c.ID)
	}

	// The parts on their own, for information: rules only, learner only.
	outR := devRun(t, set, byCat["f"], Options{Target: TargetKeep}, false)
	st, ce := measure("f", "keep", outR)
	report("f keep (rules only)", st, ce)
	empty, err := detect.ParseBoilerplateRules(strings.NewReader(""))
	require.NoError(t, err)
	outL := devRun(t, set, byCat["f"], Options{Target: TargetKeep, Rules: empty}, true)
	st, ce = measure("f", "keep", outL)
	report("f keep (learner only)", st, ce)

	// Category h: the whole pipeline, both targets.
	for _, target := range []Target{TargetKeep, TargetSimplified} {
		out := devRun(t, set, byCat["h"], Options{Target: target}, true)
		st, ce := measure("h", string(target), out)
		report("h "+string(target)+" (rules+learned)", st, ce)
		_, _, f1 := st.F1()
		assert.GreaterOrEqual(t, f1, 0.95, "h line F1 -to %s", target)
	}
}
