package normalize

import (
	"bufio"
	"encoding/json"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/cer"
	"github.com/hanfix/hanfix/internal/testshared"
)

// This file measures the boilerplate stage on the development set
// (../shared/devset, categories f and h) with a Go port of the line metric
// of its score.py (align_lines, line_stats), learning site templates across
// all documents of a category at once, as the command line does in a
// -jsonl run without -group.

type devLine struct {
	T    string            `json:"t"`
	Gold map[string]string `json:"gold"`
	Ref  map[string]string `json:"ref"`
}

type devCase struct {
	ID    string            `json:"id"`
	Cat   string            `json:"cat"`
	Sub   string            `json:"sub"`
	Input string            `json:"input"`
	Runs  map[string]string `json:"runs"`
	Lines []devLine         `json:"lines"`
}

func readDevset(t *testing.T) (dir string, cases []devCase, gold map[string]string) {
	t.Helper()
	dir = testshared.Dir(t, "devset")
	f, err := os.Open(filepath.Join(dir, "cases.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var c devCase
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		cases = append(cases, c)
	}
	require.NoError(t, sc.Err())
	g, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	require.NoError(t, err)
	defer g.Close()
	gold = map[string]string{}
	sc = bufio.NewScanner(g)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var x struct{ Key, Text string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &x))
		gold[x.Key] = x.Text
	}
	require.NoError(t, sc.Err())
	return dir, cases, gold
}

// lcsLen is the length of the longest common subsequence of a and b
// (Hyyrö's bit-parallel algorithm, as score.py).
func lcsLen(a, b []rune) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	m := len(b)
	w := (m + 63) / 64
	peq := map[rune][]uint64{}
	for k, c := range b {
		v := peq[c]
		if v == nil {
			v = make([]uint64, w)
			peq[c] = v
		}
		v[k/64] |= 1 << (k % 64)
	}
	V := make([]uint64, w)
	for i := range V {
		V[i] = ^uint64(0)
	}
	if m%64 != 0 {
		V[w-1] = 1<<(m%64) - 1
	}
	zero := make([]uint64, w)
	for _, c := range a {
		eq := peq[c]
		if eq == nil {
			eq = zero
		}
		var carry uint64
		for k := 0; k < w; k++ {
			v := V[k]
			u := v & eq[k]
			sum, c1 := bits.Add64(v, u, carry)
			V[k] = sum | (v - u)
			carry = c1
		}
		if m%64 != 0 {
			V[w-1] &= 1<<(m%64) - 1
		}
	}
	ones := 0
	for _, v := range V {
		ones += bits.OnesCount64(v)
	}
	return m - ones
}

func simRunes(a, b []rune) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	return 2 * float64(lcsLen(a, b)) / float64(len(a)+len(b))
}

// alignLines is score.py's align_lines: a monotonic alignment of input
// lines (each with several acceptable forms) to output lines maximising the
// summed similarity of matched pairs (similarity ≥ 0.6).
func alignLines(forms [][]string, out []string) map[int]int {
	n, m := len(forms), len(out)
	outR := make([][]rune, m)
	for j, o := range out {
		outR[j] = []rune(o)
	}
	S := make([][]float64, n)
	for i := range forms {
		S[i] = make([]float64, m)
		for j := range out {
			best := 0.0
			lo := len(outR[j])
			for _, f := range forms[i] {
				if f == out[j] {
					best = 1
					break
				}
				fr := []rune(f)
				lf := len(fr)
				if float64(min(lf, lo)) < 0.42*float64(max(lf, lo)) {
					continue
				}
				best = max(best, simRunes(fr, outR[j]))
			}
			if best >= 0.6 {
				S[i][j] = best
			} else {
				S[i][j] = -1
			}
		}
	}
	D := make([][]float64, n+1)
	for i := range D {
		D[i] = make([]float64, m+1)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			v := max(D[i-1][j], D[i][j-1])
			if s := S[i-1][j-1]; s >= 0 && D[i-1][j-1]+s > v {
				v = D[i-1][j-1] + s
			}
			D[i][j] = v
		}
	}
	res := map[int]int{}
	i, j := n, m
	for i > 0 && j > 0 {
		s := S[i-1][j-1]
		switch {
		case s >= 0 && abs(D[i][j]-(D[i-1][j-1]+s)) < 1e-9:
			res[i-1] = j - 1
			i--
			j--
		case D[i][j] == D[i-1][j]:
			i--
		default:
			j--
		}
	}
	return res
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

type lineStats struct {
	bp, tp, fn, fp, contentLines, contentChars, lossRemoved, lossPartial, mixed, mixedFixed int
}

func (s *lineStats) add(o lineStats) {
	s.bp += o.bp
	s.tp += o.tp
	s.fn += o.fn
	s.fp += o.fp
	s.contentLines += o.contentLines
	s.contentChars += o.contentChars
	s.lossRemoved += o.lossRemoved
	s.lossPartial += o.lossPartial
	s.mixed += o.mixed
	s.mixedFixed += o.mixedFixed
}

func (s lineStats) f1() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (s lineStats) loss() float64 {
	if s.contentChars == 0 {
		return 0
	}
	return float64(s.lossRemoved+s.lossPartial) / float64(s.contentChars)
}

// devLineStats is score.py's line_stats.
func devLineStats(c devCase, inp, out, target string) (lineStats, bool) {
	var st lineStats
	labs := c.Lines
	inLines := strings.Split(inp, "\n")
	if len(inLines) > 0 && inLines[len(inLines)-1] == "" && len(inLines) == len(labs)+1 {
		inLines = inLines[:len(inLines)-1]
	}
	if len(labs) == 0 || len(inLines) != len(labs) {
		return st, false
	}
	refs := make([]string, len(labs))
	golds := make([]string, len(labs))
	for k, lab := range labs {
		g, hasG := lab.Gold[target]
		r, hasR := lab.Ref[target]
		if lab.T == "content" || lab.T == "mixed" {
			if !hasG {
				g = inLines[k]
			}
			golds[k] = strings.TrimSpace(g)
			refs[k] = golds[k]
		} else {
			if !hasR {
				r = inLines[k]
			}
			refs[k] = strings.TrimSpace(r)
		}
	}
	var idx []int
	for k, lab := range labs {
		if lab.T != "blank" && (refs[k] != "" || strings.TrimSpace(inLines[k]) != "") {
			idx = append(idx, k)
		}
	}
	forms := make([][]string, len(idx))
	for p, k := range idx {
		set := map[string]bool{strings.TrimSpace(inLines[k]): true, refs[k]: true}
		for _, d := range []map[string]string{labs[k].Ref, labs[k].Gold} {
			for _, v := range d {
				set[strings.TrimSpace(v)] = true
			}
		}
		for f := range set {
			if f != "" {
				forms[p] = append(forms[p], f)
			}
		}
	}
	var outL []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			outL = append(outL, l)
		}
	}
	matched := alignLines(forms, outL)
	for p, k := range idx {
		t := labs[k].T
		j, kept := matched[p]
		if t == "boilerplate" {
			st.bp++
			if kept {
				st.fn++
			} else {
				st.tp++
			}
			continue
		}
		st.contentLines++
		gl := []rune(golds[k])
		st.contentChars += len(gl)
		if !kept {
			st.fp++
			st.lossRemoved += len(gl)
		} else {
			o := []rune(outL[j])
			share := 0.0
			for _, f := range forms[p] {
				fr := []rune(f)
				share = max(share, float64(lcsLen(fr, o))/float64(len(fr)))
			}
			st.lossPartial += int(float64(len(gl))*(1-share) + 0.5)
		}
		if t == "mixed" {
			st.mixed++
			if kept && outL[j] == golds[k] {
				st.mixedFixed++
			}
		}
	}
	return st, true
}

// devRun cleans every case of one category with target, learning the site
// model from all of them first.
func devRun(t *testing.T, dir string, cs []devCase, opts Options, learn bool) map[string]string {
	t.Helper()
	texts := make([]string, len(cs))
	for i, c := range cs {
		b, err := os.ReadFile(filepath.Join(dir, c.Input))
		require.NoError(t, err)
		texts[i] = string(b)
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
	dir, cases, gold := readDevset(t)
	byCat := map[string][]devCase{}
	for _, c := range cases {
		if c.Cat == "f" || c.Cat == "h" {
			byCat[c.Cat] = append(byCat[c.Cat], c)
		}
	}
	require.NotEmpty(t, byCat["f"])
	require.NotEmpty(t, byCat["h"])

	inputs := map[string]string{}
	for _, c := range cases {
		if c.Cat == "f" || c.Cat == "h" {
			b, err := os.ReadFile(filepath.Join(dir, c.Input))
			require.NoError(t, err)
			inputs[c.ID] = string(b)
		}
	}
	measure := func(cat, target string, out map[string]string) (lineStats, float64) {
		var all lineStats
		cerSum := 0.0
		for _, c := range byCat[cat] {
			st, ok := devLineStats(c, inputs[c.ID], out[c.ID], target)
			require.True(t, ok, c.ID)
			all.add(st)
			cerSum += cer.Rate(bpNormLines(out[c.ID]), bpNormLines(gold[c.Runs[target]]))
		}
		return all, cerSum / float64(len(byCat[cat]))
	}
	report := func(name string, st lineStats, meanCER float64) {
		p, r, f := st.f1()
		inline := 1.0
		if st.mixed > 0 {
			inline = float64(st.mixedFixed) / float64(st.mixed)
		}
		t.Logf("%-28s bpP=%.3f bpR=%.3f bpF1=%.3f loss=%.4f inline=%.3f (%d/%d) CER=%.4f  [tp %d fp %d fn %d]",
			name, p, r, f, st.loss(), inline, st.mixedFixed, st.mixed, meanCER, st.tp, st.fp, st.fn)
	}

	// Category f, target keep, learning across all f documents.
	outF := devRun(t, dir, byCat["f"], Options{Target: TargetKeep}, true)
	stF, cerF := measure("f", "keep", outF)
	report("f keep (rules+learned)", stF, cerF)
	_, _, f1 := stF.f1()
	assert.GreaterOrEqual(t, f1, 0.97, "f line F1")
	assert.LessOrEqual(t, stF.loss(), 0.002, "f content loss")
	require.Positive(t, stF.mixed)
	assert.GreaterOrEqual(t, float64(stF.mixedFixed)/float64(stF.mixed), 0.95, "f glued phrases fixed")
	for _, c := range byCat["f"] {
		if c.Sub == "hardneg" {
			assert.Equal(t, gold[c.Runs["keep"]], outF[c.ID], "hard negative %s must come out unchanged", c.ID)
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
	outKB := devRun(t, dir, byCat["f"], Options{Target: TargetKeep, Fixes: DefaultFixes &^ FixBoilerplate}, true)
	for _, c := range byCat["f"] {
		assert.Equal(t, gold[c.Runs["keep+kb"]], outKB[c.ID], "keep+kb %s", c.ID)
	}

	// The parts on their own, for information: rules only, learner only.
	outR := devRun(t, dir, byCat["f"], Options{Target: TargetKeep}, false)
	st, ce := measure("f", "keep", outR)
	report("f keep (rules only)", st, ce)
	empty, err := detect.ParseBoilerplateRules(strings.NewReader(""))
	require.NoError(t, err)
	outL := devRun(t, dir, byCat["f"], Options{Target: TargetKeep, Rules: empty}, true)
	st, ce = measure("f", "keep", outL)
	report("f keep (learner only)", st, ce)

	// Category h: the whole pipeline, both targets.
	for _, target := range []Target{TargetKeep, TargetSimplified} {
		out := devRun(t, dir, byCat["h"], Options{Target: target}, true)
		st, ce := measure("h", string(target), out)
		report("h "+string(target)+" (rules+learned)", st, ce)
		_, _, f1 := st.f1()
		assert.GreaterOrEqual(t, f1, 0.95, "h line F1 -to %s", target)
	}
}

// TestBoilerplateSeeds runs seeds 002 and 003 (Simplified, no mojibake or
// annotations) through the pipeline with target simp: their character error
// rate against gold, compared as the scorer compares pages, must be at
// most 0.001.
func TestBoilerplateSeeds(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	n, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	for _, name := range []string{"002_58a5659c598ff0e5.txt", "003_19cbcc717df6b98e.txt"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(corpus, "seeds", name))
			require.NoError(t, err)
			g, err := os.ReadFile(filepath.Join(corpus, "gold", name))
			require.NoError(t, err)
			out, rep, err := n.String(string(in))
			require.NoError(t, err)
			rate := cer.Rate(bpNormLines(out), bpNormLines(string(g)))
			t.Logf("%s: CER %.5f, boilerplate edits %d", name, rate, rep.Counts[KindBoilerplate])
			assert.LessOrEqual(t, rate, 0.001)
			for _, c := range rep.Changes {
				if c.Kind == KindBoilerplate {
					assert.NotEmpty(t, c.Rule)
				}
			}
		})
	}
}

// bpNormLines drops empty lines and trailing spaces, as score.py's
// norm_lines does for pages.
func bpNormLines(s string) string {
	var b []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			b = append(b, strings.TrimRight(l, " \t\r"))
		}
	}
	return strings.Join(b, "\n")
}
