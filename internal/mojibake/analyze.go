package mojibake

import (
	"fmt"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// Minimum log-probability gain (nats) of a repair over the garbled text.
const (
	minShiftGain = 5.0
)

// Find returns the mojibake spans of text, sorted by Start and not
// overlapping. Text must be valid UTF-8 (invalid bytes are skipped). It is
// safe for concurrent use.
func Find(text string) []Span {
	if !Suspicious(text) {
		return nil
	}
	a := &analyzer{text: text, sc: &shiftScorer{m: lm.Default(), g: gbk(), tab: shiftTabs()}}
	a.sc.ev = collectEvidence(text)
	a.run()
	return a.spans
}

type analyzer struct {
	text  string
	sc    *shiftScorer
	spans []Span
}

func (a *analyzer) run() {
	text := a.text
	for i := 0; i < len(text); i++ {
		if text[i] != '?' {
			continue
		}
		if sp, ok := a.shiftSpan(i); ok {
			a.spans = append(a.spans, sp)
			i = sp.End - 1
		}
	}
	a.findRecodes()
	a.findLost()
	sort.Slice(a.spans, func(i, j int) bool { return a.spans[i].Start < a.spans[j].Start })
	// Every repair must replay from its plan; a mismatch is a bug, and the
	// span is then only reported.
	for i := range a.spans {
		sp := &a.spans[i]
		if !sp.Repairable {
			continue
		}
		p, err := ParsePlan(sp.Plan)
		if err == nil {
			var got string
			if got, err = p.Apply(sp.Garbled); err == nil && got != sp.Repair {
				err = fmt.Errorf("replay gives %q", got)
			}
		}
		if err != nil {
			sp.Repairable, sp.Repair = false, ""
			sp.Reason += "; not applied: " + err.Error()
		}
	}
}

// lpJoin scores prev + s + next with the document's script prior.
func (s *shiftScorer) lpJoin(prev rune, str string, next rune) float64 {
	lp := 0.0
	p := prev
	for _, r := range str {
		lp += s.m.Bigram(p, r) + s.ev.scriptLP(s.m, r)
		p = r
	}
	return lp + s.m.Bigram(p, next)
}

func (a *analyzer) shiftSpan(q int) (Span, bool) {
	c := a.sc.shiftAt(a.text, q)
	if c == nil {
		return Span{}, false
	}
	prev, _ := utf8.DecodeLastRuneInString(a.text[:q])
	if q == 0 {
		prev = '\n'
	}
	next, _ := utf8.DecodeRuneInString(a.text[c.end:])
	if c.end >= len(a.text) {
		next = '\n'
	}
	garbled := a.text[q:c.end]
	glp := a.sc.lpJoin(prev, garbled, next)
	gain := c.score - glp
	need := minShiftGain + 2*float64(len(c.plan.Drops))
	if c.plan.End == endLost {
		need += 3
		if c.plan.Consumed != 0 {
			need++
		}
	}
	if debugShift {
		fmt.Printf("shift %q -> %q plan=%s gain=%.1f need=%.0f rep=%.1f garb=%.1f\n", garbled, c.repair, c.plan, gain, need, c.score, glp)
	}
	if gain < need {
		return Span{}, false
	}
	conf := 1 - math.Exp(-gain/10)
	return Span{Start: q, End: c.end, Kind: KindGBKShift, Garbled: garbled, Repair: c.repair,
		Plan: c.plan.String(), Confidence: conf, Repairable: true,
		Reason: fmt.Sprintf("GBK text decoded one byte out of phase; re-encoded and decoded in phase (%s)", c.plan)}, true
}

var debugShift = false
