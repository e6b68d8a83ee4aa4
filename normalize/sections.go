package normalize

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hanfix/hanfix/detect"
)

// sectionCuts returns where text is cut into sections of about size bytes
// or less (Options.SectionSize): offsets just after a line break, in
// increasing order, none at 0 or at len(text). It returns nil when text
// is not longer than size, or size is not positive.
//
// The text is cut into ⌈len/size⌉ sections of equal length. Each cut
// moves forward to just after the next line break (it stays where a line
// break is just before it), or back to just after the one before it when
// there is none within half a section; a cut with neither is left out,
// and its two sections are one. Text with no LF in reach is cut after a CR
// alone, the line end of old Mac files.
func sectionCuts(text string, size int) []int {
	if size <= 0 || len(text) <= size {
		return nil
	}
	k := (len(text) + size - 1) / size
	reach := max(size/2, 1)
	var cuts []int
	last := 0
	for i := 1; i < k; i++ {
		want := int(int64(i) * int64(len(text)) / int64(k))
		if want <= last {
			continue
		}
		cut, lo, hi := -1, max(last, want-reach), min(len(text), want+reach)
		if j := strings.IndexByte(text[want-1:hi], '\n'); j >= 0 {
			cut = want + j // just after the line break at want-1+j
		} else if j := strings.LastIndexByte(text[lo:want], '\n'); j >= 0 {
			cut = lo + j + 1
		} else {
			cut = crCut(text, lo, want, hi)
		}
		if cut > last && cut < len(text) {
			cuts = append(cuts, cut)
			last = cut
		}
	}
	return cuts
}

// crCut is sectionCuts' cut for text whose lines end in CR alone (old Mac
// files): just after the first lone CR in text[want-1:hi], or else the
// last in text[lo:want]; -1 when there is none. A CR before an LF is not a
// line end of its own.
func crCut(text string, lo, want, hi int) int {
	lone := func(i int) bool { return text[i] == '\r' && (i+1 == len(text) || text[i+1] != '\n') }
	for i := want - 1; i < hi; i++ {
		if lone(i) {
			return i + 1
		}
	}
	for i := want - 1; i >= lo; i-- {
		if lone(i) {
			return i + 1
		}
	}
	return -1
}

// section is one section of a document cleaned in sections: its bounds in
// the document, and its output and report.
type section struct {
	start, end int
	out        string
	rep        *Report
	panicked   any // what the cleaning of the section panicked with
}

// runSections is run for a text that sectionCuts cut at cuts: it cleans
// each section as a document of its own, Options.SectionWorkers at a
// time, and joins their outputs in order and their reports into rep.
// A panic in a section is raised again in the caller's goroutine, once
// every section is done.
func (n *Normalizer) runSections(text string, cuts []int, rep *Report, want reportParts) string {
	secs := make([]section, len(cuts)+1)
	start := 0
	for i := range secs {
		end := len(text)
		if i < len(cuts) {
			end = cuts[i]
		}
		secs[i].start, secs[i].end = start, end
		start = end
	}
	workers := n.opts.SectionWorkers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(secs))
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(secs) {
				return
			}
			n.runSection(text, &secs[i], want)
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for i := range secs {
		if p := secs[i].panicked; p != nil {
			panic(p)
		}
	}
	return joinSections(secs, rep)
}

// runSection cleans the section s of text, recording a panic in s.
func (n *Normalizer) runSection(text string, s *section, want reportParts) {
	defer func() {
		if p := recover(); p != nil {
			s.panicked = p
		}
	}()
	s.rep = &Report{Counts: map[Kind]int{}}
	doc := &Doc{Report: s.rep, midStart: s.start > 0, midEnd: s.end < len(text)}
	s.out = n.runDoc(text[s.start:s.end], doc, want)
}

// joinSections returns the outputs of secs joined, and adds their reports
// to rep: the counts summed, the changes and findings of each section in
// turn with their offsets moved into the whole text, and the script
// summaries joined (joinScripts).
func joinSections(secs []section, rep *Report) string {
	size, changes, findings := 0, 0, 0
	for i := range secs {
		size += len(secs[i].out)
		changes += len(secs[i].rep.Changes)
		findings += len(secs[i].rep.Findings)
	}
	rep.Changes = slices.Grow(rep.Changes, changes)
	rep.Findings = slices.Grow(rep.Findings, findings)
	var b strings.Builder
	b.Grow(size)
	for i := range secs {
		s := &secs[i]
		b.WriteString(s.out)
		for k, c := range s.rep.Counts {
			rep.Counts[k] += c
		}
		for _, c := range s.rep.Changes {
			c.Start += s.start
			c.End += s.start
			rep.Changes = append(rep.Changes, c)
		}
		for _, f := range s.rep.Findings {
			f.Start += s.start
			f.End += s.start
			rep.Findings = append(rep.Findings, f)
		}
	}
	rep.Script = joinScripts(secs)
	return b.String()
}

// joinScripts returns the script summary of a document cleaned in
// sections: the script the sections agree on (ScriptNone aside), or
// mixed when they do not; the shares and the confidence averaged over
// the sections, weighted by their length (to four decimals); and
// machine-converted when a section is. It returns nil when no section
// has a summary (no script stage).
func joinScripts(secs []section) *ScriptSummary {
	var (
		sum    ScriptSummary
		weight float64
		found  bool
	)
	for i := range secs {
		sc := secs[i].rep.Script
		if sc == nil {
			continue
		}
		w := float64(secs[i].end - secs[i].start)
		switch {
		case !found:
			sum.Script = sc.Script
		case sc.Script == detect.ScriptNone:
		case sum.Script == detect.ScriptNone:
			sum.Script = sc.Script
		case sum.Script != sc.Script:
			sum.Script = detect.ScriptMixed
		}
		found = true
		sum.Simplified += w * sc.Simplified
		sum.Traditional += w * sc.Traditional
		sum.Confidence += w * sc.Confidence
		sum.MachineConverted = sum.MachineConverted || sc.MachineConverted
		weight += w
	}
	if !found {
		return nil
	}
	sum.Simplified = round4(sum.Simplified / weight)
	sum.Traditional = round4(sum.Traditional / weight)
	sum.Confidence = round4(sum.Confidence / weight)
	return &sum
}

// round4 rounds x to four decimals, as detect.Script gives its shares.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
