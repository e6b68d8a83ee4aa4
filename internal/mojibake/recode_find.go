package mojibake

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// Thresholds for codec-chain repairs.
const (
	minRecodeGain    = 8.0 // nats over the garbled text
	minRecodePerRune = 1.5 // nats per repaired rune
	maxChainHops     = 3
)

// recodeCand is an accepted codec-chain repair of text[start:end].
type recodeCand struct {
	start, end int
	repair     string
	chain      []recoding
	fills      []Fill
	gain       float64
}

// findRecodes looks for codec-chain mojibake in text outside the spans
// already found.
//
// Each stretch of a region that a recoding reads is a recodeJob. The
// jobs of a region run longest stretch first, and a job whose stretch
// lies inside a candidate found already that gains more than any
// candidate of the stretch could (analyzer.dominate) is not run; the
// candidates then go to selectRecodes in the order of the jobs (region,
// recoding, stretch), the order in which the recodings were once tried
// one after the other, which breaks the ties between equal gains.
func (a *analyzer) findRecodes() { a.findRecodesSkipping(true) }

// findRecodesSkipping is findRecodes, skipping the dominated stretches
// only with skip (the tests compare both).
func (a *analyzer) findRecodesSkipping(skip bool) {
	// a.spans holds the misaligned runs, in order.
	cov := coverCursor{spans: a.spans}
	var sts codecStretches
	sc := recodeScratchPool.Get().(*recodeScratch)
	defer recodeScratchPool.Put(sc)
	jobs := sc.jobs[:0]
	defer func() {
		clear(jobs) // the candidates are the analyzer's now
		sc.jobs = jobs[:0]
	}()
	for _, cl := range a.clusters(&cov) {
		if !meets(a.near, cl.start, cl.end) {
			continue // see findNear
		}
		if len(a.zones) > 0 && meets(a.zones, cl.start, cl.end) {
			a.unsure = true // see shiftRuns
			return
		}
		// A few odd characters in ordinary text are no evidence of CJK
		// mojibake: the CJK codecs read only dense clusters, or those
		// with a run of odd runes around a suspicious one (oddRun).
		cjk := a.prior != (recoding{}) || cl.n >= 3 && cl.n*3*12 >= cl.end-cl.start || oddRun(a.text, cl.start, cl.end)
		a.stretches(cl, cjk, &cov, &sts)
		// The jobs of recoding r are jobs[bounds[r]:bounds[r+1]].
		var bounds [len(recodings) + 1]int
		bounds[0] = len(jobs)
		for r, rc := range recodings {
			var list []stretch
			switch rc.Wrong {
			case "cp1252":
				list = sts.cp1252
			case "gbk":
				list = sts.gbk // utf8<-gbk and big5<-gbk read the same stretches
			case "big5":
				list = sts.big5
			case "cp950":
				// GBK read by Python's big5 or cp950 reader differs from
				// GBK read as x/text's Big5 only in the characters of the
				// ETEN extensions (kana, Cyrillic, circled numbers).
				for _, st := range sts.big5 {
					if cp950Likely(a.text[st.i:st.j]) {
						list = append(list, st)
					}
				}
			}
			for _, st := range list {
				jobs = append(jobs, recodeJob{st: st, rc: rc, dom: -1})
			}
			bounds[r+1] = len(jobs)
		}
		a.runJobs(jobs, &bounds, skip, sc)
	}
	a.selectRecodes(jobs, sc)
}

// recodeJob is one stretch that one recoding reads, and the candidates
// recodeStretch found there.
type recodeJob struct {
	st    stretch
	rc    recoding
	cands []recodeCand
	// steps is the text that outOfStep marked in the stretch.
	steps []stretch
	// dom, for a job not run, is the job whose candidate domCand
	// dominates the stretch; -1 for none.
	dom, domCand int
	off          int // the index of the first candidate in selectRecodes' list
	// byStart lists the indexes of cands by their start, and disjoint
	// tells that no two of them overlap; both are made when dominate
	// first asks (sorted).
	byStart  []int32
	sorted   bool
	disjoint bool
}

// run finds the candidates of the job's stretch.
func (j *recodeJob) run(a *analyzer, sc *recodeScratch) {
	j.dom, j.cands, j.steps = -1, nil, nil
	j.byStart, j.sorted = nil, false
	if j.rc.Wrong == "cp1252" || a.recodeProbe(j.st.i, j.st.j, j.rc, sc) {
		j.cands = a.recodeStretch(j.st.i, j.st.j, j.rc, sc)
		if len(sc.steps) > 0 {
			j.steps = slices.Clone(sc.steps)
		}
	}
}

// runJobs runs the jobs of one region, those of recoding r in
// jobs[bounds[r]:bounds[r+1]], longest stretch first (the longest
// repairs, which gain the most, are found first), and with skip leaves
// out those that a candidate found already dominates.
func (a *analyzer) runJobs(jobs []recodeJob, bounds *[len(recodings) + 1]int, skip bool, sc *recodeScratch) {
	first := bounds[0]
	order := sc.order[:0]
	for k := first; k < len(jobs); k++ {
		order = append(order, k)
	}
	slices.SortStableFunc(order, func(x, y int) int {
		return (jobs[y].st.j - jobs[y].st.i) - (jobs[x].st.j - jobs[x].st.i)
	})
	for _, k := range order {
		j := &jobs[k]
		if skip && a.dominate(jobs, bounds, j) {
			continue
		}
		j.run(a, sc)
	}
	sc.order = order[:0]
}

// dominate looks among the candidates found in the jobs of the region
// (as for runJobs) for one that contains j's stretch and gains more than
// gainBound allows any candidate of the stretch, and records it in j.
//
// A candidate lies inside the stretch of its job, and the stretches of a
// recoding, in order, do not overlap: only the job of each recoding
// whose stretch contains j's, found by binary search, can have such a
// candidate. (Looking at every candidate of the region for every job
// was quadratic in the stretches of a region.)
//
// Such a stretch need not be searched, as long as its dominating
// candidate is selected (selectRecodes checks that): selectRecodes takes
// the candidates by decreasing gain, so the dominating one comes before
// any candidate of the stretch, which lies inside it and so meets it; and
// up to there the selection, which decides each candidate by the ones
// taken before it, is the same with the stretch's candidates or without.
func (a *analyzer) dominate(jobs []recodeJob, bounds *[len(recodings) + 1]int, j *recodeJob) bool {
	best, bj, bc := a.dominating(jobs, bounds, j)
	if bj < 0 {
		return false
	}
	if bound, ok := a.gainBound(j.st.i, j.st.j); !ok || !(best > bound) {
		return false
	}
	j.dom, j.domCand = bj, bc
	return true
}

// dominating returns the candidate that dominate weighs for j: of the
// candidates of the jobs whose stretch contains j's that meet every
// candidate of j's stretch, the one that gains most, the first among
// equals (in the order of the recodings and of the job's candidates);
// its gain, job and index in the job's candidates, or -1 for none.
func (a *analyzer) dominating(jobs []recodeJob, bounds *[len(recodings) + 1]int, j *recodeJob) (best float64, bj, bc int) {
	best, bj, bc = math.Inf(-1), -1, -1
	for r := range recodings {
		rj := jobs[bounds[r]:bounds[r+1]]
		// The last stretch that starts at j's or before.
		k := sort.Search(len(rj), func(k int) bool { return rj[k].st.i > j.st.i }) - 1
		if k < 0 || rj[k].st.j < j.st.j {
			continue
		}
		cj := &rj[k]
		if len(cj.cands) <= linearCands || !cj.sortByStart() {
			for ci := range cj.cands {
				if c := &cj.cands[ci]; c.gain > best && a.meetsEveryCand(c, j.st) {
					best, bj, bc = c.gain, bounds[r]+k, ci
				}
			}
			continue
		}
		// The candidates that overlap the stretch, the only ones that
		// can meet every candidate of it, are a run of byStart: the best
		// of them, the first in cands among equals, as the loop above
		// finds it.
		x := sort.Search(len(cj.byStart), func(x int) bool { return cj.cands[cj.byStart[x]].end > j.st.i })
		for ; x < len(cj.byStart); x++ {
			ci := int(cj.byStart[x])
			c := &cj.cands[ci]
			if c.start >= j.st.j {
				break
			}
			better := c.gain > best || c.gain == best && bj == bounds[r]+k && ci < bc
			if better && a.meetsEveryCand(c, j.st) {
				best, bj, bc = c.gain, bounds[r]+k, ci
			}
		}
	}
	return best, bj, bc
}

// linearCands is how many candidates dominating looks at one by one
// rather than sorted (sortByStart): the few of most jobs need no sort.
const linearCands = 16

// sortByStart makes j.byStart and j.disjoint, once, and reports
// j.disjoint.
func (j *recodeJob) sortByStart() bool {
	if j.sorted {
		return j.disjoint
	}
	j.sorted = true
	j.byStart = j.byStart[:0]
	for ci := range j.cands {
		j.byStart = append(j.byStart, int32(ci))
	}
	slices.SortFunc(j.byStart, func(x, y int32) int { return cmp.Compare(j.cands[x].start, j.cands[y].start) })
	j.disjoint = true
	for x := 1; x < len(j.byStart); x++ {
		if j.cands[j.byStart[x-1]].end > j.cands[j.byStart[x]].start {
			j.disjoint = false
		}
	}
	return j.disjoint
}

// meetsEveryCand reports whether the candidate c meets every candidate
// that recodeStretch can find in the stretch st: c overlaps st, and what
// of st lies outside c is ASCII other than '?'. A candidate lies inside
// its stretch, and holds a byte that is not such ASCII: every recoding
// reads ASCII as itself, so that a segment of ASCII alone is an identical
// unit, which recodeStretch trims from the ends of its segments; only a
// '?' may stand for a lost byte (questionLost). (A stretch often ends
// with the line end that a candidate leaves out: 。 lost before it.)
func (a *analyzer) meetsEveryCand(c *recodeCand, st stretch) bool {
	if c.start >= st.j || st.i >= c.end {
		return false
	}
	return plainASCII(a.text[st.i:max(st.i, c.start)]) && plainASCII(a.text[min(c.end, st.j):st.j])
}

// plainASCII reports whether s is ASCII without '?'.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '?' {
			return false
		}
	}
	return true
}

// gainBound returns a bound of the gain of every candidate that
// recodeStretch can find in text[i:j]: the negated lpText of the text,
// between the runes before and after it. It is false for a stretch that
// is not valid UTF-8, where the proof below is not made.
//
// Every score lpText adds is the model's Bigram, a log-probability (0 at
// most, TestBigramNotPositive), plus the evidence's scriptLP (0 or -4).
// A candidate's gain is lr - lg (recodeSegment): the lpText of its
// repair, after every hop of its chain, less that of its garbled text, a
// segment text[s:e] of the stretch, both between the text's own runes
// before and after the segment. lr ≤ 0. lg adds the same terms in the
// same order as lpText of the stretch adds for the runes of text[s:e]
// (each garbled rune is scored after the text's rune before it), and the
// junction to the rune after e, a Bigram: where e < j that Bigram is at
// least the term of that rune in the stretch's lpText (scriptLP ≤ 0),
// and where e = j it is the stretch's own junction. The stretch's lpText
// adds these terms and more, none of them positive, in the same order,
// so it is no more than lg; with floating-point arithmetic too, since
// rounding is monotonic: adding a term that is not positive never raises
// a sum, and from a lower sum the same term leads to a sum no higher. So
// lr - lg ≤ -lg ≤ the bound. TestRecodeGainBound checks it on the
// development set.
func (a *analyzer) gainBound(i, j int) (float64, bool) {
	s := a.text[i:j]
	if !utf8x.ValidString(s) {
		return 0, false
	}
	lp, _ := lpText(a.sc, lastRune(a.text[:i]), s, firstRune(a.text[j:]))
	return -lp, true
}

// selectRecodes keeps the best non-overlapping candidates of the jobs,
// in the order of the jobs, as spans: the best one first, then the next
// best that overlaps no span, and so on (first in order among equal
// gains). Should a skipped job's dominating candidate not be kept, the
// job is run and the selection made again.
func (a *analyzer) selectRecodes(jobs []recodeJob, sc *recodeScratch) {
	for {
		found := sc.found[:0]
		for k := range jobs {
			jobs[k].off = len(found)
			found = append(found, jobs[k].cands...)
		}
		sc.found = found
		picks := a.pickRecodes(found, sc)
		again := false
		for k := range jobs {
			j := &jobs[k]
			if j.dom >= 0 && !sc.picked[jobs[j.dom].off+j.domCand] {
				j.run(a, sc)
				again = true
			}
		}
		if !again {
			for _, p := range picks {
				c := found[p]
				a.spans = append(a.spans, a.recodeSpan(c))
				a.recoded = append(a.recoded, c)
			}
			// The runs read out of step in a stretch that is repaired
			// elsewhere are reported.
			for k := range jobs {
				j := &jobs[k]
				if len(j.steps) == 0 || !slices.Contains(sc.picked[j.off:j.off+len(j.cands)], true) {
					continue
				}
				for _, st := range j.steps {
					if !a.covered(st.i, st.j) {
						a.spans = append(a.spans, a.stepSpan(st, j.rc))
					}
				}
			}
			clear(found)
			return
		}
	}
}

// pickRecodes returns the indexes of the candidates that selectRecodes
// keeps, in the order it keeps them, and marks them in sc.picked.
//
// It takes the candidates in order of decreasing gain, those of equal
// gain in their order in found: the order in which taking the best of
// those left, the first of equal ones, takes them (no gain is NaN:
// acceptRecode compares each with a bound). The candidates it keeps,
// which do not overlap, are held in order in sc.taken, where a binary
// search finds the first one a candidate could overlap. (Looking for the
// best of those left, and comparing it with every one kept, was
// quadratic in the candidates.)
func (a *analyzer) pickRecodes(found []recodeCand, sc *recodeScratch) []int {
	order := sc.order[:0]
	for k := range found {
		order = append(order, k)
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(found[y].gain, found[x].gain) })
	if cap(sc.picked) < len(found) {
		sc.picked = make([]bool, len(found))
	}
	picked := sc.picked[:len(found)]
	clear(picked)
	picks, taken := sc.picks[:0], sc.taken[:0]
	cp950 := a.cp950Cands(found, sc)
	for _, k := range order {
		c := found[k]
		if a.covered(c.start, c.end) || a.shadowedByCP950(c, cp950) {
			continue
		}
		// The first candidate kept that ends after c starts is the
		// first that could overlap it; it does if it starts before c
		// ends.
		p := sort.Search(len(taken), func(i int) bool { return taken[i].j > c.start })
		if p < len(taken) && taken[p].i < c.end {
			continue
		}
		taken = slices.Insert(taken, p, stretch{c.start, c.end})
		picks = append(picks, k)
		picked[k] = true
	}
	sc.order, sc.picks, sc.picked, sc.taken = order[:0], picks, picked, taken[:0]
	return picks
}

func (a *analyzer) recodeSpan(c recodeCand) Span {
	plan := Plan{Hops: c.chain, Fills: c.fills}.String()
	return Span{Start: c.start, End: c.end, Kind: kindOf(c.chain), Garbled: a.text[c.start:c.end],
		Repair: c.repair, Plan: plan, Confidence: 1 - math.Exp(-c.gain/10), Repairable: true,
		Reason: fmt.Sprintf("%s; re-encoded and decoded (%s)%s", chainReason(c.chain), plan, fillReason(c.fills, a.text[c.start:c.end]))}
}

func chainString(chain []recoding) string {
	parts := make([]string, len(chain))
	for i, rc := range chain {
		parts[i] = rc.String()
	}
	return strings.Join(parts, " ")
}

// fillReason explains the restored bytes fills of the repair of garbled.
func fillReason(fills []Fill, garbled string) string {
	if len(fills) == 0 {
		return ""
	}
	if fills[0].Lost {
		mark := "U+FFFD"
		if !strings.Contains(garbled, "\uFFFD") {
			mark = "'?' (its reader writes '?' for a byte it fails on)"
		}
		return fmt.Sprintf("; the byte(s) behind %d %s restored: the reader failed on one byte there, and the byte is the only one the codecs allow or clearly the likeliest", len(fills), mark)
	}
	return fmt.Sprintf("; %d byte(s) the reader had dropped restored, each the only clear choice", len(fills))
}

func chainReason(chain []recoding) string {
	parts := make([]string, len(chain))
	for i, rc := range chain {
		parts[i] = fmt.Sprintf("%s bytes decoded as %s", rc.Orig, rc.Wrong)
	}
	return strings.Join(parts, ", then ")
}
