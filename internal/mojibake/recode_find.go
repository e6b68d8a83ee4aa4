package mojibake

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
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
		// mojibake: the CJK codecs read only dense clusters.
		cjk := cl.n >= 3 && cl.n*3*12 >= cl.end-cl.start
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
	// dom, for a job not run, is the job whose candidate domCand
	// dominates the stretch; -1 for none.
	dom, domCand int
	off          int // the index of the first candidate in selectRecodes' list
}

// run finds the candidates of the job's stretch.
func (j *recodeJob) run(a *analyzer, sc *recodeScratch) {
	j.dom, j.cands = -1, nil
	if j.rc.Wrong == "cp1252" || a.recodeProbe(j.st.i, j.st.j, j.rc, sc) {
		j.cands = a.recodeStretch(j.st.i, j.st.j, j.rc, sc)
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
	best, bj, bc := math.Inf(-1), -1, -1
	for r := range recodings {
		rj := jobs[bounds[r]:bounds[r+1]]
		// The last stretch that starts at j's or before.
		k := sort.Search(len(rj), func(k int) bool { return rj[k].st.i > j.st.i }) - 1
		if k < 0 || rj[k].st.j < j.st.j {
			continue
		}
		for ci, c := range rj[k].cands {
			if c.start <= j.st.i && j.st.j <= c.end && c.gain > best {
				best, bj, bc = c.gain, bounds[r]+k, ci
			}
		}
	}
	if bj < 0 {
		return false
	}
	if bound, ok := a.gainBound(j.st.i, j.st.j); !ok || !(best > bound) {
		return false
	}
	j.dom, j.domCand = bj, bc
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
	for _, k := range order {
		c := found[k]
		if a.covered(c.start, c.end) {
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

// stretch is a run of text[i:j] that the wrong codec can encode, worth
// recoding.
type stretch struct{ i, j int }

// codecStretches holds the stretches of a cluster for each wrong codec.
type codecStretches struct{ cp1252, gbk, big5 []stretch }

// stretches sets sts to the stretches of cluster cl for each wrong codec,
// and for GBK and Big5 only with cjk (none otherwise): the longest runs
// of runes the codec can encode (U+FFFD counts: it stands for lost
// bytes), outside the spans already found, with a suspicious rune. For
// windows-1252 a stretch can hold a repair only if its bytes have a UTF-8
// lead byte followed by a continuation byte, or a two-byte lead (a dropped
// byte may complete it); otherwise every unit fails or stays as it is
// (pinyin tone marks: xiàn), and the stretch is left out. For GBK and Big5
// a stretch needs two CJK runes: every segment of it that recodeSegment
// accepts must (cjkHopFits), and most stretches of a damaged document,
// a rare character or two between ASCII and punctuation, have fewer.
//
// The runs of the three codecs are read in one pass, each rune decoded
// once.
func (a *analyzer) stretches(cl cluster, cjk bool, cov *coverCursor, sts *codecStretches) {
	text := a.text
	g, b5 := gbk(), big5()
	cp1252Tables()
	sts.cp1252, sts.gbk, sts.big5 = sts.cp1252[:0], sts.gbk[:0], sts.big5[:0]
	for i := cl.start; i < cl.end; {
		if e, ok := cov.covered(i); ok {
			i = e
			continue
		}
		// The runs end at the next span already found, if not before: i
		// is outside the spans, and each span starts at a '?', which no
		// rune decoded here straddles.
		end := cl.end
		if cov.k < len(cov.spans) {
			end = min(end, cov.spans[cov.k].Start)
		}
		lat, gr, br := cp1252Run{start: -1}, cjkRun{start: -1}, cjkRun{start: -1}
		for j := i; j < end; {
			if !cjk && lat.start < 0 {
				// Three-byte characters from U+3000 up (CJK) other than
				// U+FFFD, which windows-1252 cannot encode, start no run.
				for j+3 <= end && cjk3(text, j) {
					j += 3
				}
				if j >= end {
					break
				}
			}
			// decodeRune, with ASCII and the runes of Latin-1 mojibake
			// and of CJK text inline.
			r, n := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				if r2, ok := utf8x.Decode2(text, j); ok {
					r, n = r2, 2
				} else if r3, ok := utf8x.Decode3(text, j); ok {
					r, n = r3, 3
				} else {
					r, n = decodeRune(text, j)
				}
			}
			susp := suspiciousRune(r)
			// windows-1252, with U+FFFD as the byte 0xFF; it writes
			// ASCII and U+0080 to U+00FF as the byte of their value
			// (TestCP1252Latin1Bytes), without the table.
			b, ok := byte(r), r < 0x100
			if !ok && r < cp1252TabLen {
				if v := cp1252Tab[r]; v != 0 {
					b, ok = byte(v-1), true
				}
			}
			if !ok && r == utf8.RuneError {
				b, ok = 0xFF, true
			}
			if ok {
				lat.add(j, b, susp)
			} else {
				lat.end(&sts.cp1252, j)
			}
			if cjk {
				inG, inB := r < 0x80, r < 0x80
				switch {
				case inG:
				case r == utf8.RuneError:
					inG, inB = true, true
				case r < 0x10000:
					inG, inB = g.bmp[r] != 0 || r == '€', b5.encBMP[r] != 0
				default:
					inG, inB = cjkEncodes(true, g, b5, r), cjkEncodes(false, g, b5, r)
				}
				c := cjkRune(r)
				if inG {
					gr.add(j, c, susp)
				} else {
					gr.end(&sts.gbk, j)
				}
				if inB {
					br.add(j, c, susp)
				} else {
					br.end(&sts.big5, j)
				}
			}
			j += n
		}
		lat.end(&sts.cp1252, end)
		gr.end(&sts.gbk, end)
		br.end(&sts.big5, end)
		i = end
	}
}

// cp1252Run is a run of runes that windows-1252 encodes, from start (-1
// for none), being read by stretches.
type cp1252Run struct {
	start  int
	prevB  byte // the byte of the last rune
	susp   bool // a suspicious rune
	viable bool // a byte that may start a UTF-8 sequence there
}

// add appends the rune at i, of windows-1252 byte b, to the run.
func (l *cp1252Run) add(i int, b byte, susp bool) {
	if l.start < 0 {
		*l = cp1252Run{start: i}
	}
	if b >= 0xC2 && b <= 0xDF || l.prevB >= 0xC2 && l.prevB <= 0xF4 && b >= 0x80 && b <= 0xBF {
		l.viable = true
	}
	l.prevB = b
	l.susp = l.susp || susp
}

// end ends the run at j, if there is one, appending it to *dst if it is a
// stretch. Most runes that windows-1252 cannot write end no run: then the
// list is not written back.
func (l *cp1252Run) end(dst *[]stretch, j int) {
	if l.start < 0 {
		return
	}
	if l.susp && l.viable {
		*dst = append(*dst, stretch{l.start, j})
	}
	l.start = -1
}

// cjkRun is a run of runes that GBK or Big5 encodes, from start (-1 for
// none), being read by stretches.
type cjkRun struct {
	start int
	cjk   int  // CJK runes, up to 2
	susp  bool // a suspicious rune
}

// add appends the rune at i to the run; cjk tells whether it is CJK.
func (c *cjkRun) add(i int, cjk, susp bool) {
	if c.start < 0 {
		*c = cjkRun{start: i}
	}
	if cjk && c.cjk < 2 {
		c.cjk++
	}
	c.susp = c.susp || susp
}

// end ends the run at j, if there is one, appending it to *dst if it is a
// stretch.
func (c *cjkRun) end(dst *[]stretch, j int) {
	if c.start < 0 {
		return
	}
	if c.susp && c.cjk >= 2 {
		*dst = append(*dst, stretch{c.start, j})
	}
	c.start = -1
}

// cjkEncodes reports whether GBK (with isGBK) or Big5 has bytes for r, or
// r is U+FFFD (which stands for lost bytes): whether r continues a
// stretch.
func cjkEncodes(isGBK bool, g *gbkTable, b5 *big5Table, r rune) bool {
	if r == utf8.RuneError {
		return true
	}
	if isGBK {
		_, _, k := g.encode(r)
		return k != 0
	}
	return b5.encodes(r)
}

// cjk3 reports whether text[i:] starts with a three-byte character from
// U+3000 up other than U+FFFD.
func cjk3(text string, i int) bool {
	c := text[i]
	return c >= 0xE3 && c != 0xED && c <= 0xEF && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 &&
		!(c == 0xEF && text[i+1] == 0xBF && text[i+2] == 0xBD)
}

// coverCursor answers, for offsets that mostly increase, whether an offset
// lies in one of spans (sorted, not overlapping) and where that span ends.
type coverCursor struct {
	spans []Span
	k     int // first span that may end after the last offset asked
	last  int
}

func (c *coverCursor) covered(i int) (int, bool) {
	if i < c.last {
		c.k = 0
	}
	c.last = i
	for c.k < len(c.spans) && c.spans[c.k].End <= i {
		c.k++
	}
	if c.k < len(c.spans) && c.spans[c.k].Start <= i {
		return c.spans[c.k].End, true
	}
	return 0, false
}

// cluster is a region of the text around suspicious runes.
type cluster struct {
	start, end int
	n          int // suspicious runes in it
	adj        int // suspicious runes right after another one
}

// clusterPad is how far around suspicious runes a region reaches, and the
// largest gap between two suspicious runes of one region.
const clusterPad = 48

// clusters groups the suspicious runes of the text into regions, so that
// the codec analysis looks only near them: clean text with one rare
// character costs a few dozen bytes of analysis. For findNear, it may
// leave out regions that meet none of its windows (nearClusters).
func (a *analyzer) clusters(cov *coverCursor) []cluster {
	if a.near != nil {
		return a.nearClusters(cov)
	}
	out, _ := a.scanClusters(cov, nil, 0, len(a.text))
	return out
}

// scanClusters appends to out the regions of the suspicious runes from
// offset from on, where the scan of the whole text passes with no region
// open that a later rune could join (0 or a quietStart). It stops at the
// first offset past until from which no region it finds can reach back to
// until, or grow (a region reaches clusterPad bytes, and runeStart up to
// 3 more, before its first suspicious rune and after its last one), and
// returns that offset.
func (a *analyzer) scanClusters(cov *coverCursor, out []cluster, from, until int) ([]cluster, int) {
	text := a.text
	lastSusp := -1 // end of the last suspicious rune
	parens := a.sc.ev.parens
	// parens[0] is the first reading that starts at i or after.
	parens = parens[sort.Search(len(parens), func(k int) bool { return parens[k].lo >= from }):]
	// Nothing before free is inside a span: the spans are in order, and
	// the first that ends after an offset found outside them starts
	// after it (the cursor's next span), so that the runes up to there
	// need no look-up.
	free := from
	for i := from; i < len(text); {
		if i > until+clusterPad+3 && (len(out) == 0 || i > out[len(out)-1].end+clusterPad+3) {
			return out, i
		}
		// ASCII is never suspicious, inside a span or not: only the other
		// runes need the look-up of the spans.
		if text[i] < utf8.RuneSelf {
			// A pinyin reading after a Han character (建設(shè)) is an
			// annotation: its tone letters are no codec's misreading.
			// collectEvidence found them all.
			if text[i] == '(' {
				for len(parens) > 0 && parens[0].lo < i {
					parens = parens[1:]
				}
				if len(parens) > 0 && parens[0].lo == i {
					i = parens[0].hi
					continue
				}
			}
			i++
			continue
		}
		if i >= free {
			if e, ok := cov.covered(i); ok {
				i = e
				continue
			}
			free = len(text)
			if cov.k < len(cov.spans) {
				free = cov.spans[cov.k].Start
			}
		}
		r, n := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else if r2, ok := utf8x.Decode2(text, i); ok {
			r, n = r2, 2
		} else {
			r, n = decodeRune(text, i)
		}
		if suspiciousRune(r) || r == utf8.RuneError {
			s := runeStart(text, i-clusterPad)
			k := len(out) - 1
			if k >= 0 && s <= out[k].end {
				out[k].n++
				if i == lastSusp {
					out[k].adj++
				}
			} else {
				out = append(out, cluster{start: s, end: -1, n: 1})
				k++
			}
			// The suspicious runes right after it (Latin-1 mojibake is
			// all of them) are in the same region, which each takes
			// further: the last one decides where it ends.
			i += n
			for i < free && text[i] >= utf8.RuneSelf {
				r, m := rune(0), 2
				if r2, ok := utf8x.Decode2(text, i); ok {
					r = r2
				} else if r3, ok := utf8x.Decode3(text, i); ok {
					r, m = r3, 3
				} else {
					r, m = decodeRune(text, i)
				}
				if !suspiciousRune(r) && r != utf8.RuneError {
					break
				}
				out[k].n++
				out[k].adj++
				i += m
			}
			out[k].end = max(out[k].end, runeStart(text, i+clusterPad))
			lastSusp = i
			continue
		}
		i += n
		// Run on over the clean text before the next span, up to where
		// the loop's first test would stop the scan.
		stop := until + clusterPad + 3
		if k := len(out) - 1; k >= 0 {
			stop = max(stop, out[k].end+clusterPad+3)
		}
		i = skipClean(text, i, min(free, stop+1))
	}
	return out, len(text)
}

// skipClean returns the first offset from i on, before stop, of a rune
// scanClusters must look at: a '(', a rune that is not ASCII or a valid
// three-byte sequence, or one that is suspicious or U+FFFD; or the first
// rune start at stop or after. It is scanClusters' loop over clean
// Chinese text, without the tests that cannot change there.
//
// A three-byte rune is not decoded: its gate word, gateBits[r>>6], is
// indexed by the low bits of its first two bytes and its bit by those of
// the third; U+FFFD is in the gate's set, which newAnalyzer has built.
// (On normalize's BenchmarkPipelineSeedDocs, decoding each rune and
// testing U+FFFD apart took 10M more instructions per op, of 1,079M;
// testing U+FFFD by its bytes after the lookup, 7M more.)
func skipClean(text string, i, stop int) int {
	stop = min(stop, len(text)) // no bounds checks in the loop
	for i < stop {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '(' {
				return i
			}
			i++
			continue
		}
		// utf8x.Decode3's test, then suspiciousRune's lookup, without its
		// test for runes past U+FFFF that a three-byte rune never is.
		if i+2 >= len(text) {
			return i
		}
		// Both continuation bytes are 10xxxxxx when the top two bits of
		// the first and those of the second, shifted beside them, are
		// 1010.
		t := text[i : i+3]
		c1, c2 := t[1], t[2]
		if c-0xE1 > 0xEF-0xE1 || c == 0xED || c1&0xC0|c2&0xC0>>2 != 0xA0 ||
			gateBits[(uint(c)&0x0F)<<6|uint(c1)&0x3F]&(1<<(c2&0x3F)) != 0 {
			return i
		}
		i += 3
	}
	return i
}

// runeStart clips i to the text and moves it back to a rune boundary.
func runeStart(s string, i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(s) {
		return len(s)
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// recodeProbe is a cheap look at the first stretch of suspicious text: a
// CJK misreading shows there as a run of units that decode and read
// better. Long stretches of clean text with a few rare characters are
// skipped without decoding them all.
func (a *analyzer) recodeProbe(start, end int, rc recoding, sc *recodeScratch) bool {
	const span = 96
	if end-start <= 2*span {
		return true
	}
	text := a.text
	first := start
	for first < end {
		r, n := utf8.DecodeRuneInString(text[first:])
		if suspiciousRune(r) {
			break
		}
		first += n
	}
	lo, hi := runeStart(text, max(start, first-span/2)), runeStart(text, min(end, first+span))
	units := recodeUnits(text, lo, hi, rc, sc)
	bg := a.sc.bg
	cur, best := 0.0, 0.0
	prevG, prevR := lastRune(text[:lo]), lastRune(text[:lo])
	for _, u := range units {
		g := text[u.gs:u.ge]
		if !u.ok {
			cur, prevG, prevR = 0, lastRune(g), lastRune(g)
			continue
		}
		if u.ident {
			prevG, prevR = lastRune(g), lastRune(u.rep(sc.all))
			continue
		}
		// lpText of each with the junction to 0 taken back out, the
		// junction looked up once, after the last rune lpRun read
		// (lastRune's, read from the end).
		lr, lastR, _ := lpRun(a.sc, prevR, u.rep(sc.all))
		lg, lastG, _ := lpRun(a.sc, prevG, g)
		jr, jg := bg.Bigram(lastR, 0), bg.Bigram(lastG, 0)
		lr, lg = lr+jr, lg+jg
		cur = max(0, cur+lr-jr-(lg-jg))
		best = max(best, cur)
		prevG, prevR = lastG, lastR
	}
	return best >= minRecodeGain
}

// recodeStretch finds the segments of text[start:end] that one hop of rc
// (and possibly more hops) repairs.
func (a *analyzer) recodeStretch(start, end int, rc recoding, sc *recodeScratch) []recodeCand {
	if sc == nil {
		sc = new(recodeScratch)
	}
	encodeWrong(a.text, start, end, rc, sc)
	units := sc.decodeUnits(a.text, rc)
	if rc.Wrong == "gbk" || rc.Wrong == "big5" {
		// The repair of a segment is part of the repairs of all units,
		// which restoring lost bytes can make longer, up to a rune for
		// each byte read: with fewer runes than cjkMinRunes there,
		// recodeSegment accepts no segment (nor do further hops add
		// runes, see there), and the stretch is not scored.
		least := cjkMinRunes(rc)
		if len(sc.lostRunes) > 0 && len(sc.bs) < least || len(sc.lostRunes) == 0 && !hasRunes(sc.all, least) {
			return nil
		}
	}
	gains := a.unitGains(units, start, sc)
	// Bytes behind U+FFFD are worth restoring only in a stretch that this
	// recoding repairs elsewhere: look for them when some run of units
	// gains already.
	if len(sc.lostRunes) > 0 && maxRunGain(gains) >= minRecodeGain/2 && sc.restoreUnits(a.text, end, rc) {
		units = sc.units
		gains = a.unitGains(units, start, sc)
	}
	var out []recodeCand
	var segs func(lo, hi int)
	segs = func(lo, hi int) {
		if lo >= hi {
			return
		}
		// Kadane: the contiguous run of units with the largest gain.
		best, bs, be := 0.0, -1, -1
		cur, cs := 0.0, lo
		for k := lo; k < hi; k++ {
			if math.IsInf(gains[k], -1) {
				cur, cs = 0, k+1
				continue
			}
			if cur <= 0 {
				cur, cs = 0, k
			}
			cur += gains[k]
			if cur > best {
				best, bs, be = cur, cs, k+1
			}
		}
		if bs < 0 {
			return
		}
		// A garbled region is garbled to its edges: take in neighbouring
		// units that decode and cost the model little (開啟 next to 對話).
		for {
			sum, ext := 0.0, 0
			for k := bs - 1; k >= lo && k >= bs-4 && units[k].ok && !units[k].ident; k-- {
				if sum += gains[k]; sum > -2 {
					ext = bs - k
				}
			}
			if ext == 0 {
				break
			}
			bs -= ext
		}
		for {
			sum, ext := 0.0, 0
			for k := be; k < hi && k < be+4 && units[k].ok && !units[k].ident; k++ {
				if sum += gains[k]; sum > -2 {
					ext = k + 1 - be
				}
			}
			if ext == 0 {
				break
			}
			be += ext
		}
		// Trim identical units at both ends, and repaired units at the
		// ends that the text beyond them does not want repaired.
		for {
			for bs < be && units[bs].ident {
				bs++
			}
			for be > bs && units[be-1].ident {
				be--
			}
			switch {
			case be-bs > 1 && a.edgeUnwanted(units, sc.all, bs, be, false):
				bs++
			case be-bs > 1 && a.edgeUnwanted(units, sc.all, bs, be, true):
				be--
			default:
				goto trimmed
			}
		}
	trimmed:
		if bs < be {
			if c, ok := a.recodeSegment(bs, be, sc, rc); ok {
				out = append(out, c)
			}
		}
		segs(lo, bs)
		segs(max(be, bs+1), hi)
	}
	segs(0, len(units))
	return out
}

// edgeUnwanted reports whether the repair of the last unit of the segment
// units[bs:be] (with last; the first otherwise) reads worse than its
// garbled text, both scored between the repaired unit next to it and the
// text beyond the segment. The gains that choose the segment score each
// unit after the one before it, never the text after it: a unit of clean
// text right after a garbled line (最 of 最后 read back as 程) gains a
// little from its newline and loses much more to the 后 that follows.
// The garbled text of a unit inside a garbled region reads badly next to
// the repaired unit, so such a unit stays.
func (a *analyzer) edgeUnwanted(units []unit, all string, bs, be int, last bool) bool {
	k, in := bs, bs+1 // the edge unit and its repaired neighbour
	if last {
		k, in = be-1, be-2
	}
	u := units[k]
	if !u.ok || u.ident {
		return false
	}
	// Between the repaired neighbour and the text beyond the segment.
	prev, next := lastRune(a.text[:u.gs]), firstRune(units[in].rep(all))
	if last {
		prev, next = lastRune(units[in].rep(all)), firstRune(a.text[u.ge:])
	}
	lr, _ := lpText(a.sc, prev, u.rep(all), next)
	lg, _ := lpText(a.sc, prev, a.text[u.gs:u.ge], next)
	return lr < lg
}

// unitGains returns the log-probability gain of each unit's repair over
// its garbled text (-Inf for a unit that does not decode), in sc.gains.
//
// After restoreUnits, the units it took over from the first cut (sc.from)
// keep their gains and scores when the repair before them ends in the
// same rune as before: a unit's scores depend only on its texts and the
// runes before them, and the garbled rune before a unit is the text's.
func (a *analyzer) unitGains(units []unit, start int, sc *recodeScratch) []float64 {
	bg := a.sc.bg
	from := sc.from
	var old []unit
	var oldGains []float64
	var oldTerms []unitTerms
	var oldG, oldR []float64
	if len(from) > 0 {
		// The scores of the first cut become the old ones.
		old, oldGains, oldTerms, oldG, oldR = sc.oldUnits, sc.gains, sc.terms, sc.gTerms, sc.rTerms
		sc.gains, sc.terms, sc.gTerms, sc.rTerms = sc.oldGains, sc.oldTerms, sc.oldGTerms, sc.oldRTerms
		sc.oldGains, sc.oldTerms, sc.oldGTerms, sc.oldRTerms = oldGains, oldTerms, oldG, oldR
	}
	if cap(sc.gains) < len(units) {
		sc.gains = make([]float64, len(units))
	}
	gains := sc.gains[:len(units)]
	terms, gts, rts := sc.terms[:0], sc.gTerms[:0], sc.rTerms[:0]
	prevG, prevR := lastRune(a.text[:start]), lastRune(a.text[:start])
	for k := range units {
		u := &units[k] // not copied: most units are only looked at
		if len(from) > 0 && from[k] >= 0 && oldTerms[from[k]].ok && prevR == oldPrevR(a.text, start, old, oldTerms, from[k]) {
			o := oldTerms[from[k]]
			t := unitTerms{ok: true, g0: len(gts), r0: len(rts), lastG: o.lastG, lastR: o.lastR}
			gts, rts = append(gts, oldG[o.g0:o.g1]...), append(rts, oldR[o.r0:o.r1]...)
			t.g1, t.r1 = len(gts), len(rts)
			gains[k] = oldGains[from[k]]
			terms = append(terms, t)
			prevG, prevR = t.lastG, t.lastR
			continue
		}
		t := unitTerms{}
		switch {
		case !u.ok:
			gains[k] = math.Inf(-1)
			prevG = lastRune(a.text[u.gs:u.ge])
			prevR = prevG
		case u.ident:
			gains[k] = 0
			prevG = lastRune(a.text[u.gs:u.ge])
			prevR = prevG // the repair is the garbled text
		default:
			// The gains were lpText's, which adds a junction to rune 0,
			// with the junction taken back out: the rounding of that is
			// kept. The last runes of the unit (neither text is empty)
			// come with the scores.
			t = unitTerms{ok: true, g0: len(gts), r0: len(rts)}
			var lr, lg float64
			lr, t.lastR, _ = lpAdd(a.sc, 0, prevR, u.rep(sc.all), &rts)
			lg, t.lastG, _ = lpAdd(a.sc, 0, prevG, a.text[u.gs:u.ge], &gts)
			t.g1, t.r1 = len(gts), len(rts)
			jr, jg := bg.Bigram(t.lastR, 0), bg.Bigram(t.lastG, 0)
			gains[k] = (lr + jr - jr) - (lg + jg - jg)
			prevG, prevR = t.lastG, t.lastR
		}
		terms = append(terms, t)
	}
	// The scores are the units' now: a second call scores them again.
	sc.terms, sc.gTerms, sc.rTerms, sc.from = terms, gts, rts, from[:0]
	return gains
}

// oldPrevR returns the rune that unitGains scored unit o of the units old
// (which start at text offset start) after: the last rune of the repair
// of the unit before it, or of its garbled text where unitGains scored
// none (terms).
func oldPrevR(text string, start int, old []unit, terms []unitTerms, o int) rune {
	switch {
	case o == 0:
		return lastRune(text[:start])
	case terms[o-1].ok:
		return terms[o-1].lastR
	}
	return lastRune(text[old[o-1].gs:old[o-1].ge])
}

// unitTerms locates the scores unitGains gave the runes of a unit's
// garbled text (gTerms[g0:g1]) and repair (rTerms[r0:r1]), each after the
// rune before it in the stretch (its garbled text, or its repair), and
// holds their last runes; ok is false for a unit it did not score (one
// that does not decode or stays as it is).
type unitTerms struct {
	ok             bool
	g0, g1, r0, r1 int
	lastG, lastR   rune
}

// segmentLP is lpText(prev, s, next) of the garbled text of the units
// us, or with rep of their repairs, added up from the scores of their
// runes that unitGains kept (ts, in sc) in the order lpText adds them:
// the first garbled rune of each unit was scored after the garbled rune
// before it, as lpText scores it, and so was each repaired rune but the
// first, which is scored here after prev; units unitGains did not score
// are scored here.
//
// unitGains keeps the scores of the units it scored one after the other,
// so that those of a run of such units are added up in one loop.
func (a *analyzer) segmentLP(us []unit, ts []unitTerms, sc *recodeScratch, prev, next rune, rep bool) float64 {
	bg := a.sc.bg
	lp, p := 0.0, prev
	for k := 0; k < len(us); {
		u, t := &us[k], &ts[k] // not copied: most units only add up their terms
		if !t.ok {
			s := a.text[u.gs:u.ge]
			if rep {
				s = u.rep(sc.all)
			}
			lp, p, _ = lpAdd(a.sc, lp, p, s, nil)
			k++
			continue
		}
		e := k + 1 // the end of the run of scored units
		for e < len(ts) && ts[e].ok {
			e++
		}
		last := &ts[e-1]
		terms := sc.gTerms[t.g0:last.g1]
		p = last.lastG
		if rep {
			terms, p = sc.rTerms[t.r0:last.r1], last.lastR
			if k == 0 {
				rep := u.rep(sc.all)
				_, n := utf8.DecodeRuneInString(rep)
				lp, _, _ = lpAdd(a.sc, lp, prev, rep[:n], nil)
				terms = terms[1:]
			}
		}
		for _, x := range terms {
			lp += x
		}
		k = e
	}
	return lp + bg.Bigram(p, next)
}

// maxRunGain returns the largest sum of gains of consecutive units.
func maxRunGain(gains []float64) float64 {
	best, cur := 0.0, 0.0
	for _, g := range gains {
		if math.IsInf(g, -1) {
			cur = 0
			continue
		}
		cur = max(0, cur+g)
		best = max(best, cur)
	}
	return best
}

// lastRune returns the last rune of s ('\n' for none), an ASCII one
// without a call.
func lastRune(s string) rune {
	if s == "" {
		return '\n'
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// firstRune returns the first rune of s ('\n' for none), an ASCII one
// without a call.
func firstRune(s string) rune {
	if s == "" {
		return '\n'
	}
	if c := s[0]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// hasRunes reports whether s has n runes or more, counted as
// utf8.RuneCountInString counts them, but only up to n.
func hasRunes(s string, n int) bool {
	for range s {
		if n--; n <= 0 {
			return true
		}
	}
	return n <= 0
}

// runeCount is utf8.RuneCountInString(s), with ASCII and the valid two-
// and three-byte sequences (Latin-1 and Chinese, most of the repairs and
// of their garbled text) counted inline rather than decoded.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3 // as utf8x.Decode3 decodes it
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2 // as utf8x.Decode2 decodes it
		default:
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
	}
	return n
}

// recodeSegment checks one segment, the units lo to hi of the stretch
// that decodeUnits cut last (sc.units), and extends its chain.
func (a *analyzer) recodeSegment(lo, hi int, sc *recodeScratch, rc recoding) (recodeCand, bool) {
	us, ts := sc.units[lo:hi], sc.terms[lo:hi]
	start, end := us[0].gs, us[len(us)-1].ge
	garbled := a.text[start:end]
	if !cjkHopFits(garbled, rc) {
		return recodeCand{}, false
	}
	rep := sc.repOf(lo, hi)
	// A chain that reads bytes as GBK or Big5 needs a repair of
	// cjkMinRunes(rc) runes or more (acceptRecode), and no further hop
	// gives more runes than it reads: with fewer, nothing comes of the
	// segment, and the further hops are not tried. (Through
	// windows-1252 or ISO-8859-1 each rune becomes one byte, and each
	// rune read back takes one at least; between GBK and Big5 each
	// character keeps its bytes, read back as one character, since
	// neither codec has a two-byte character that starts below 0x81;
	// and UTF-8 read back from GBK takes two bytes or more for a rune
	// that is not ASCII, where each GBK character gives two, or one and
	// an ASCII trail byte, which no UTF-8 sequence spans.
	// TestHopRunes checks it.)
	if (rc.Wrong == "gbk" || rc.Wrong == "big5") && !hasRunes(rep, cjkMinRunes(rc)) {
		return recodeCand{}, false
	}
	var fills []Fill
	// A fill's At counts the runes of the garbled text before it. The
	// fills come in order, at the starts of garbled runes, so each count
	// goes on from the one before (counting from a rune start is counting
	// the runes before it again, even with invalid bytes); a long
	// windows-1252 span has many fills, and counting each from the start
	// was quadratic.
	at, runes := start, 0
	runesTo := func(i int) int {
		if i < at {
			at, runes = start, 0
		}
		runes += runeCount(a.text[at:i])
		at = i
		return runes
	}
	for _, u := range us {
		if u.fill != 0 {
			fills = append(fills, Fill{At: runesTo(u.fillAt), B: u.fill})
		}
	}
	for _, f := range sc.lost {
		if f.at >= start && f.at < end {
			fills = append(fills, Fill{At: runesTo(f.at), B: f.b, Lost: true})
		}
	}
	// The chain grows in an array of its own; an accepted candidate
	// takes a copy (most segments are rejected).
	var hops [maxChainHops]recoding
	hops[0] = rc
	chain := hops[:1]
	if rc.Wrong == "cp1252" && isLatin1Reading(garbled) {
		chain[0].Wrong = "latin1"
	}
	// gainOf(start, end, ·) with the garbled text scored once; repGain is
	// the gain of rep, computed when first needed. The garbled text and
	// the first rep are the units', whose runes unitGains scored.
	prev, next := lastRune(a.text[:start]), firstRune(a.text[end:])
	lg := a.segmentLP(us, ts, sc, prev, next, false)
	gainOf := func(rep string) float64 {
		if rep == garbled {
			// A hop back (big5<-gbk after gbk<-big5): lg is lpText of the
			// garbled text, the same terms added in the same order.
			return 0
		}
		lr, _ := lpText(a.sc, prev, rep, next)
		return lr - lg
	}
	unitsGain := func() float64 { return a.segmentLP(us, ts, sc, prev, next, true) - lg }
	repGain, haveGain := 0.0, false
	// Further hops while they apply to the whole repair and improve it.
	for hop := 1; hop < maxChainHops; hop++ {
		improved := false
		for _, rc2 := range recodings {
			if !cjkHopFits(rep, rc2) {
				continue
			}
			r2, ok := recodeString(rep, rc2)
			if !ok || r2 == rep {
				continue
			}
			if !haveGain {
				repGain, haveGain = unitsGain(), true
			}
			if g2 := gainOf(r2); g2-repGain >= minRecodeGain/2 {
				if rc2.Wrong == "cp1252" && isLatin1Reading(rep) {
					rc2.Wrong = "latin1"
				}
				chain = append(chain, rc2)
				rep, repGain = r2, g2
				improved = true
				break
			}
		}
		if !improved {
			break
		}
	}
	if !haveGain {
		repGain = unitsGain()
	}
	gain := repGain
	n := runeCount(rep)
	if debugShift {
		fmt.Printf("recode %q -> %q chain=%v gain=%.1f n=%d\n", trunc(garbled), trunc(rep), slices.Clone(chain), gain, n)
	}
	if !acceptRecode(garbled, rep, chain, gain, n) || gluedHan(prev, rep, next, chain) {
		return recodeCand{}, false
	}
	// Lossless: the inverse chain reproduces the garbled text.
	if !reproduces(rep, garbled, chain, fills) {
		if debugShift {
			fmt.Printf("not lossless %q fills=%v\n", trunc(garbled), fills)
		}
		return recodeCand{}, false
	}
	// The repair of one hop is a substring of the repairs of the whole
	// stretch: copy it rather than keep them all.
	return recodeCand{start: start, end: end, repair: strings.Clone(rep), chain: slices.Clone(chain), fills: fills, gain: gain}, true
}

func trunc(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// isLatin1Reading reports whether s was decoded as ISO-8859-1 rather than
// windows-1252: it has C1 controls where windows-1252 has characters.
//
// It looks for the bytes of the C1 controls, C2 80 to C2 9F, instead of
// decoding every rune: C2 is no continuation byte, so every decoder of s
// reads the pair as that control, valid UTF-8 or not.
func isLatin1Reading(s string) bool {
	for {
		i := strings.IndexByte(s, 0xC2)
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if c := s[i+1]; c >= 0x80 && c <= 0x9F && c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D {
			return true
		}
		s = s[i+1:]
	}
}

// reproduces reports whether re-applying the mechanism of chain (with the
// restored bytes fills) to rep gives back garbled exactly.
func reproduces(rep, garbled string, chain []recoding, fills []Fill) bool {
	if len(chain) == 1 && chain[0] == (recoding{"utf8", "cp1252"}) && (len(fills) == 0 || !fills[0].Lost) {
		return readsAs1252(rep, garbled, fills)
	}
	if len(fills) == 0 || !fills[0].Lost {
		back, ok := invertFilled(rep, chain, fills)
		return ok && back == garbled
	}
	// Bytes behind U+FFFD: undo the later hops, encode with the first
	// hop's original codec, and read the bytes as its wrong reader does.
	s, ok := invertChain(rep, chain[1:])
	if !ok {
		return false
	}
	orig := codecs[chain[0].Orig]
	bs := make([]byte, 0, len(s))
	for _, r := range s {
		if bs, ok = orig.appendRune(bs, r); !ok {
			return false
		}
	}
	return readsAs(codecs[chain[0].Wrong], bs, garbled)
}

// readsAs1252 is reproduces for the one hop utf8<-cp1252 with dropped
// bytes restored (fills, none lost), the repair of most long spans: it
// reads the UTF-8 bytes of rep as windows-1252, one rune a byte, drops
// the fills and compares the runes with garbled as it goes, instead of
// building the text invertFilled would compare.
func readsAs1252(rep, garbled string, fills []Fill) bool {
	// invertChain: the UTF-8 bytes of rep are rep, when it has no
	// invalid byte and no U+FFFD (recodeFilled).
	if !utf8x.ValidString(rep) || strings.Contains(rep, "\uFFFD") {
		return false
	}
	cp1252Tables()
	g, k := 0, 0
	for i := 0; i < len(rep); i++ {
		r := cp1252Dec[rep[i]]
		// invertFilled: rune i of the decoded text is fill k when
		// i == fills[k].At+k, and must be its byte.
		if k < len(fills) && i == fills[k].At+k {
			if r != rune(fills[k].B) {
				return false
			}
			k++
			continue
		}
		if g >= len(garbled) {
			return false
		}
		// The decoded text is the UTF-8 of its runes: garbled matches it
		// where it decodes to the same rune from as many bytes (an
		// invalid byte decodes to U+FFFD from one).
		gr, n := decodeRune(garbled, g)
		if gr != r || n != utf8.RuneLen(r) {
			return false
		}
		g += n
	}
	return k == len(fills) && g == len(garbled)
}

// invertFilled re-applies the mechanism and drops the restored bytes again
// (they decode to C1 controls under the wrong codec).
func invertFilled(s string, chain []recoding, fills []Fill) (string, bool) {
	back, ok := invertChain(s, chain)
	if !ok || len(fills) == 0 {
		return back, ok
	}
	rs := []rune(back)
	out := make([]rune, 0, len(rs))
	k := 0
	for i, r := range rs {
		if k < len(fills) && i == fills[k].At+k {
			if r != rune(fills[k].B) {
				return "", false
			}
			k++
			continue
		}
		out = append(out, r)
	}
	if k != len(fills) {
		return "", false
	}
	return string(out), true
}

// invertChain re-applies the mechanism: for each hop from the last, encode
// with the original codec and decode with the wrong one.
func invertChain(s string, chain []recoding) (string, bool) {
	for i := len(chain) - 1; i >= 0; i-- {
		var ok bool
		if s, ok = recodeString(s, recoding{Orig: chain[i].Wrong, Wrong: chain[i].Orig}); !ok {
			return "", false
		}
	}
	return s, true
}

// cjkHopFits reports whether a hop through a CJK codec can apply to s:
// GBK and Big5 misreadings produce CJK characters, so s must have some.
func cjkHopFits(s string, rc recoding) bool {
	if rc.Wrong != "gbk" && rc.Wrong != "big5" {
		return true
	}
	n := 0
	for _, r := range s {
		if cjkRune(r) {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// cjkRune reports whether r counts as CJK for cjkHopFits: from the CJK
// radicals (U+2E80) up, U+FFFD included.
func cjkRune(r rune) bool { return r >= 0x2E80 }

// acceptRecode decides whether a lossless codec-chain repair is clearly
// better than the garbled text.
func acceptRecode(garbled, rep string, chain []recoding, gain float64, n int) bool {
	if cjkChain(chain) {
		// GBK, Big5 and UTF-8 misread as each other turn Chinese into
		// Chinese-looking text; only a clearly longer stretch with a clear
		// gain per character, whose repair reads as Chinese, is evidence
		// (classical verse is full of rare characters too).
		return n >= cjkMinRunes(chain[0]) && gain >= minRecodeGain && gain >= 2.5*float64(n) && chineseRepair(rep)
	}
	if hasHan(rep) {
		return gain >= minRecodeGain && gain >= minRecodePerRune*float64(n)
	}
	// UTF-8 read as windows-1252 or ISO-8859-1 in European text: the byte
	// pattern is the evidence (every multi-byte sequence became one
	// plausible character), the model only must not object strongly.
	return latinRepair(garbled, rep) && gain >= -2
}

// cjkMinRunes is the fewest runes acceptRecode takes in the repair of a
// chain through GBK or Big5 whose first hop is first.
func cjkMinRunes(first recoding) int {
	if first == (recoding{"utf8", "gbk"}) {
		return 3
	}
	return 6
}

// gluedHan reports whether rep, read from European text misread as
// windows-1252 or ISO-8859-1, is a single Han character glued to a Latin
// letter (prev before it or next after it). UTF-8 Chinese misread that way
// comes in words of several characters; a lone ideograph inside a Latin
// word is French or Czech typography read as bytes: « commité » holds
// é, a no-break space and », which are the bytes of 頻.
func gluedHan(prev rune, rep string, next rune, chain []recoding) bool {
	if cjkChain(chain) || lm.Class(prev) != lm.Latin && lm.Class(next) != lm.Latin {
		return false
	}
	han := 0
	for _, r := range rep {
		if lm.Class(r) == lm.Han {
			han++
		}
	}
	return han == 1
}

// cjkChain reports whether a hop reads bytes as GBK or Big5.
func cjkChain(chain []recoding) bool {
	for _, h := range chain {
		if h.Wrong == "gbk" || h.Wrong == "big5" {
			return true
		}
	}
	return false
}

// chineseRepair reports whether a repair reads as Chinese text: mostly Han,
// with ordinary punctuation, digits and Latin, and at most a trace of
// other scripts (kana, Hangul, Cyrillic, box drawing …).
func chineseRepair(s string) bool {
	han, odd := 0, 0
	for _, r := range s {
		switch lm.Class(r) {
		case lm.Han:
			han++
		case lm.Punct, lm.Digit, lm.Space:
		case lm.Latin:
			if r >= 0x80 {
				odd++
			}
		default:
			odd++
		}
	}
	return han > 0 && odd*10 <= han
}

func hasHan(s string) bool {
	for _, r := range s {
		if lm.Class(r) == lm.Han {
			return true
		}
	}
	return false
}

// latinRepair reports whether a repair of Latin-script mojibake is clear on
// its own: every garbled sequence became one plausible character (ftfy's
// test), so that the character model, which knows little of European
// languages, need not be trusted with it.
func latinRepair(garbled, rep string) bool {
	if utf8.RuneCountInString(rep) >= utf8.RuneCountInString(garbled) {
		return false
	}
	other := 0
	for _, r := range rep {
		switch c := lm.Class(r); {
		case r < 0x80:
		case c == lm.Control, c == lm.PrivateUse, c == lm.Other, c == lm.Replacement:
			return false
		case r >= 0x80 && r < 0xA0:
			return false
		case c == lm.Digit:
			// Digits other than ASCII (Mongolian ᠖ is the bytes of á, a
			// no-break space and –, Czech typography) are no repair of
			// European text.
			return false
		case c == lm.Letter, c == lm.Hangul, c == lm.Kana, r >= 0x250 && r <= 0x2FF:
			// Greek, Cyrillic, Hangul, IPA and modifier letters …: only as
			// words, not as one odd letter (ɠ is the bytes of É and a
			// no-break space: French « DÉCONSEILLÉ : »).
			other++
		}
	}
	return other == 0 || other >= 3
}

func (a *analyzer) recodeSpan(c recodeCand) Span {
	plan := Plan{Hops: c.chain, Fills: c.fills}.String()
	return Span{Start: c.start, End: c.end, Kind: kindOf(c.chain), Garbled: a.text[c.start:c.end],
		Repair: c.repair, Plan: plan, Confidence: 1 - math.Exp(-c.gain/10), Repairable: true,
		Reason: fmt.Sprintf("%s; re-encoded and decoded (%s)%s", chainReason(c.chain), plan, fillReason(c.fills))}
}

func chainString(chain []recoding) string {
	parts := make([]string, len(chain))
	for i, rc := range chain {
		parts[i] = rc.String()
	}
	return strings.Join(parts, " ")
}

func fillReason(fills []Fill) string {
	if len(fills) == 0 {
		return ""
	}
	if fills[0].Lost {
		return fmt.Sprintf("; the byte(s) behind %d U+FFFD restored: the reader failed on one byte there, and the byte is the only one the codecs allow or clearly the likeliest", len(fills))
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
