// Runs read out of step: a reader between GBK and Big5 that dropped a byte
// without a trace.

package mojibake

import (
	"fmt"
	"math"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// A reader that ignores what it cannot read (Python's codecs with
// errors="ignore", a common way to decode a page "safely") drops a byte it
// fails on and leaves no U+FFFD behind. Between GBK and Big5 the byte is
// usually the first of a character (人 and 然 of GBK's row C8, which Big5
// lacks; 看 of Big5's row AC, a user-defined position of GBK), and the
// reader goes on one byte out of step: each character it reads is the
// second byte of one character and the first of the next, up to the next
// ASCII byte or the next byte it drops. Encoded back, such a run decodes
// pair by pair into characters the text never held (然后以一个 read back
// as 缓笠砸桓), which the unit gains cannot tell from rare words.
//
// The bytes of the run say more: read one byte later, they decode into
// the text itself. outOfStep compares, over each run of units of one
// character each, the repair as the units read it with the repair read in
// step from some unit on (the unit's second byte being the last byte of a
// character whose first byte was dropped), and where reading in step is
// clearly more probable marks the units from there to the run's end: they
// are not repaired, and stay as they are, reported with the stretch.

// stepMargin is how much more probable (nats) the run read in step from
// some unit on must be than the run as its units read it for those units
// to be marked.
const stepMargin = 4.0

// minStepRun is the fewest units of one character each in a run that
// outOfStep looks at: a shorter run holds too little text to compare.
const minStepRun = 2

// outOfStep marks (unit.step: no segment takes them in) the units
// units[lo:hi] of the stretch that sc's last encodeWrong encoded, cut into
// units, that a reader between GBK and Big5 read out of step, as above,
// and appends their text to sc.steps (which selectRecodes reports where it
// keeps a repair of the stretch). It reports whether it marked any.
func outOfStep(text string, units []unit, lo, hi int, sc *recodeScratch, orig codec) bool {
	if lo >= hi {
		return false
	}
	m := lm.Default()
	tpos, bpos, bs := sc.tpos, sc.bpos, sc.bs
	// run lists the byte offsets of the current run's units (each one
	// garbled rune of two bytes, repaired as one rune), and first its
	// first unit.
	run := sc.stepRun[:0]
	n0 := len(sc.steps)
	first := lo
	k := sort.SearchInts(tpos, units[lo].gs) // the rune at the unit's start
	flush := func(end int) {
		switch {
		case len(run) > 0 && afterQuestion(text, units[first].gs):
			if markAfterQuestion(text, units[first:end], hi-first, sc.all, bs, run, orig, m, &sc.steps) {
				// The reader stays out of step up to the next ASCII
				// byte, past a unit that breaks the run (a character
				// of the repair that is more than one rune).
				st := &sc.steps[len(sc.steps)-1]
				for j := first; j < hi && text[units[j].gs] >= utf8.RuneSelf; j++ {
					units[j].step = true
					st.j = max(st.j, units[j].ge)
				}
			}
		case len(run) >= minStepRun:
			markStep(units[first:end], sc.all, bs, run, orig, m, &sc.steps)
		}
		run = run[:0]
	}
	// A run after a '?' is read on past hi, to its end, to be scored
	// (only the units before hi are marked).
	i := lo
	for ; i < len(units); i++ {
		if i >= hi && (len(run) == 0 || !afterQuestion(text, units[first].gs)) {
			break
		}
		u := &units[i]
		for k < len(tpos)-1 && tpos[k] < u.gs {
			k++
		}
		pair := u.ok && !u.ident && tpos[k] == u.gs && tpos[k+1] == u.ge && bpos[k+1]-bpos[k] == 2 &&
			(len(run) == 0 || bpos[k] == run[len(run)-1]+2)
		if pair {
			if _, n := utf8.DecodeRuneInString(u.rep(sc.all)); n == 0 || n != u.re-u.rs {
				pair = false
			}
		}
		if !pair {
			flush(i)
			if i >= hi {
				break
			}
			continue
		}
		if len(run) == 0 {
			first = i
		}
		run = append(run, bpos[k])
	}
	flush(i)
	sc.stepRun = run
	return len(sc.steps) > n0
}

// markStep is outOfStep for one run: units and the byte
// offsets in bs of their pairs (at). It appends the text it marks to
// steps.
func markStep(units []unit, all string, bs []byte, at []int, orig codec, m *lm.Model, steps *[]stretch) {
	n := len(at)
	rep := func(j int) rune {
		r, _ := utf8.DecodeRuneInString(units[j].rep(all))
		return r
	}
	// From the end back, for each unit j: ss scores the run read in step
	// from unit j on (the second byte of unit j ends a character whose
	// first byte was dropped, each later pair of bytes, unit j's second
	// and unit j+1's first byte, is a character, up to the last unit's
	// second byte, which begins one), and sa the units from j on as they
	// read them, unit j after unit j-1. Reading in step stops at the
	// first pair that does not decode, most often at once: only the
	// units from there on are scored.
	lost := stepLostOf(orig)
	lastLost := lost.last[bs[at[n-1]+1]]
	best, from := math.Inf(-1), -1
	ss, sa := 0.0, 0.0
	next := rune(-1)
	sa = stepLP(m, rep(n-2), rep(n-1))
	for j := n - 2; j >= 0; j-- {
		p := at[j] + 1
		r, size := orig.decode(bs[p : p+2])
		if size != 2 || unreadable(r, size) {
			break
		}
		if next >= 0 {
			ss += stepLP(m, r, next) - stepLP(m, -1, next)
		}
		ss += stepLP(m, -1, r)
		next = r
		// sa: the units from j on, unit j after unit j-1.
		a := rep(j)
		prevA := rune(-1)
		if j > 0 {
			prevA = rep(j - 1)
		}
		sa += stepLP(m, prevA, a)
		if d := lost.first[bs[at[j]]] + ss + lastLost - sa; d > best {
			best, from = d, j
		}
	}
	if from < 0 || best < stepMargin {
		return
	}
	for j := from; j < n; j++ {
		units[j].step = true
	}
	*steps = append(*steps, stretch{units[from].gs, units[n-1].ge})
}

// stepMarkLP is what stepLP charges a character that is not Han: the
// character model knows no punctuation (； would cost as much as a rare
// character), and a mark says nothing of the reading it is in.
const stepMarkLP = -6.0

// stepLP scores r after prev (-1: none) for outOfStep: the model's bigram
// between Han characters, its unigram after anything else, and
// stepMarkLP for a character that is not Han.
func stepLP(m *lm.Model, prev, r rune) float64 {
	switch {
	case !isHan(r) && lm.DefaultPunct().IsMark(r):
		return stepMarkLP
	case !isHan(r):
		return m.Unigram(r)
	case prev < 0 || !isHan(prev):
		return m.Unigram(r)
	}
	return m.Bigram(prev, r)
}

// stepLost holds, for outOfStep, what the characters of a run read in
// step that lost a byte may score at best (stepLP after nothing): first[b]
// over the characters (x, b) of the original codec whose first byte x the
// wrong reader fails on before b, last[d] over the characters (d, y).
type stepLost struct {
	first, last [256]float64
}

var (
	stepLostOnce [2]sync.Once
	stepLostTabs [2]*stepLost
)

// stepLostOf returns the stepLost table of the original codec orig (GBK or
// Big5, the wrong one being the other), built on first use.
func stepLostOf(orig codec) *stepLost {
	i, wrong := 0, "big5"
	if orig.name() == "big5" {
		i, wrong = 1, "gbk"
	}
	stepLostOnce[i].Do(func() {
		m := lm.Default()
		t := new(stepLost)
		for b := range 256 {
			t.first[b], t.last[b] = math.Inf(-1), math.Inf(-1)
		}
		var pair [2]byte
		for x := 0x81; x <= 0xFE; x++ {
			for y := 0x40; y <= 0xFE; y++ {
				pair[0], pair[1] = byte(x), byte(y)
				r, size := orig.decode(pair[:])
				if size != 2 || unreadable(r, size) {
					continue
				}
				lp := stepLP(m, -1, r)
				t.last[x] = max(t.last[x], lp)
				if wrongFails(wrong, pair[:], 0) {
					t.first[y] = max(t.first[y], lp)
				}
			}
		}
		stepLostTabs[i] = t
	})
	return stepLostTabs[i]
}

// stepSpan is the finding of a run that outOfStep marked in a stretch of
// text misread with rc, of which selectRecodes keeps a repair.
func (a *analyzer) stepSpan(st stretch, rc recoding) Span {
	reader := "a reader that dropped a byte and left no U+FFFD"
	if afterQuestion(a.text, st.i) {
		reader = "a reader that wrote the '?' before it for a byte it failed on"
	}
	return Span{Start: st.i, End: st.j, Kind: kindOf([]recoding{rc}), Garbled: a.text[st.i:st.j], Confidence: 0.8, step: true,
		Reason: fmt.Sprintf("%s bytes decoded as %s by %s: this run was read one byte out of step (read one byte later it makes sense) and is not repaired with the rest of its stretch", rc.Orig, rc.Wrong, reader)}
}

// A reader that writes '?' for a byte it cannot read (PHP's
// mb_convert_encoding, MySQL's conversions) fails between GBK and Big5 on
// the first byte of a character, as above, and goes on one byte out of
// step just as one that drops the byte does, but the '?' says where: the
// run of units right after it is read out of step from its first unit,
// or is clean text after a question mark. markAfterQuestion compares the
// two readings of the run from its first unit on.
//
// questionStepMargin is stepMargin for a run after a '?': the '?' is
// evidence of its own, and the reading in step may be up to 6 nats less
// probable than the units' own (docs/MEASUREMENTS.md has the margins
// measured).
const questionStepMargin = -6.0

// afterQuestion reports whether the unit at text offset gs follows a '?'.
func afterQuestion(text string, gs int) bool {
	return gs >= 1 && text[gs-1] == '?'
}

// markAfterQuestion is markStep for a run right after a '?': units and the
// byte offsets in bs of their pairs (at). Read in step, the first unit's
// first byte ends a character whose first byte the '?' took, and each
// later pair of bytes is a character, up to the first pair that does not
// decode (a byte a further '?' took, or the run's end), whose first byte
// begins one. Where that reading is at least questionStepMargin more
// probable than the units' own up to there, those units are marked, the
// first limit of them at most (those of the segment being looked at); so
// is a single unit with another '?' right after it. It reports whether it
// marked any.
func markAfterQuestion(text string, units []unit, limit int, all string, bs []byte, at []int, orig codec, m *lm.Model, steps *[]stretch) bool {
	lost := stepLostOf(orig)
	n := len(at)
	ss := lost.first[bs[at[0]]]
	next := rune(-1)
	cut := n
	for j := 0; j < n-1; j++ {
		p := at[j] + 1
		r, size := orig.decode(bs[p : p+2])
		if size != 2 || unreadable(r, size) {
			cut = j + 1
			break
		}
		ss += stepLP(m, next, r)
		next = r
	}
	// The last byte begins a character cut off there: as at best, or,
	// where no character begins with it (the reading in step broke on
	// it), as a rare one.
	ss += max(lost.last[bs[at[cut-1]+1]], stepCutLP)
	sa := 0.0
	prev := rune(-1)
	for j := range cut {
		r, _ := utf8.DecodeRuneInString(units[j].rep(all))
		sa += stepLP(m, prev, r)
		prev = r
	}
	// One unit between two '?' (蘇?珋?, 默认值 with the first bytes of
	// 认 and 值 taken) holds no character read in step to weigh: the
	// second '?' is the evidence.
	sandwiched := n == 1 && units[0].ge < len(text) && text[units[0].ge] == '?'
	if ss-sa < questionStepMargin && !sandwiched {
		return false
	}
	cut = min(cut, limit)
	for j := range cut {
		units[j].step = true
	}
	*steps = append(*steps, stretch{units[0].gs, units[cut-1].ge})
	return true
}

// stepCutLP is what markAfterQuestion charges the byte at which the
// reading in step breaks off: a rare character.
const stepCutLP = -15.0
