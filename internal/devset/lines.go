package devset

import (
	"math"
	"math/bits"
	"strings"
)

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

// align is score.py's align_lines: a monotonic alignment of input
// lines (each with several acceptable forms) to output lines maximising the
// summed similarity of matched pairs (similarity ≥ 0.6).
func align(forms [][]string, out []string) map[int]int {
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
		case s >= 0 && math.Abs(D[i][j]-(D[i-1][j-1]+s)) < 1e-9:
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

// LineCount is score.py's line_stats for one or more cases.
type LineCount struct {
	Boilerplate, TP, FN, FP                   int // boilerplate lines; removed, kept; content lines removed
	ContentLines, ContentChars                int
	LossRemoved, LossPartial, Mixed, MixedFix int
}

// Add adds o to s.
func (s *LineCount) Add(o LineCount) {
	s.Boilerplate += o.Boilerplate
	s.TP += o.TP
	s.FN += o.FN
	s.FP += o.FP
	s.ContentLines += o.ContentLines
	s.ContentChars += o.ContentChars
	s.LossRemoved += o.LossRemoved
	s.LossPartial += o.LossPartial
	s.Mixed += o.Mixed
	s.MixedFix += o.MixedFix
}

// F1 returns boilerplate line precision, recall and F1.
func (s LineCount) F1() (p, r, f float64) {
	if s.TP+s.FP > 0 {
		p = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		r = float64(s.TP) / float64(s.TP+s.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Loss is the share of content characters missing from the output.
func (s LineCount) Loss() float64 {
	if s.ContentChars == 0 {
		return 0
	}
	return float64(s.LossRemoved+s.LossPartial) / float64(s.ContentChars)
}

// LineStats is score.py's line_stats: which input lines of c survive in
// out, against the line labels. It returns false when c has no line labels
// or they do not match the input.
func LineStats(c Case, inp, out, target string) (LineCount, bool) {
	var st LineCount
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
	matched := align(forms, outL)
	for p, k := range idx {
		t := labs[k].T
		j, kept := matched[p]
		if t == "boilerplate" {
			st.Boilerplate++
			if kept {
				st.FN++
			} else {
				st.TP++
			}
			continue
		}
		st.ContentLines++
		gl := []rune(golds[k])
		st.ContentChars += len(gl)
		if !kept {
			st.FP++
			st.LossRemoved += len(gl)
		} else {
			o := []rune(outL[j])
			share := 0.0
			for _, f := range forms[p] {
				fr := []rune(f)
				share = max(share, float64(lcsLen(fr, o))/float64(len(fr)))
			}
			st.LossPartial += int(float64(len(gl))*(1-share) + 0.5)
		}
		if t == "mixed" {
			st.Mixed++
			if kept && outL[j] == golds[k] {
				st.MixedFix++
			}
		}
	}
	return st, true
}

// Inline is the share of lines with a glued boilerplate phrase that come
// out exactly right.
func (s LineCount) Inline() float64 { return ratio(s.MixedFix, s.Mixed) }
