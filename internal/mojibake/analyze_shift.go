// Misaligned runs: the search at each '?' for GBK text decoded one byte out
// of phase, and the tests a repair of one must pass.

package mojibake

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// Minimum log-probability gain (nats) of a repair over the garbled text.
const (
	minShiftGain = 5.0
)

// maxShiftSpan bounds the length of a misaligned run: the "?", a reading
// "pinyin)" of up to 13 bytes, and maxShiftTokens characters of up to 4
// bytes (shiftTokens).
const maxShiftSpan = 14 + 4*maxShiftTokens

// shiftRuns finds the misaligned runs, each at a '?'.
func (a *analyzer) shiftRuns() {
	text := a.text
	budget := 200 + len(text)/256
	// findNear searches only the '?' whose runs could meet its windows,
	// when the budget cannot run out (it counts the searches, which
	// depend on the runs found). A skipped search at q leaves the '?' up
	// to q+maxShiftSpan unsure: a run found at q would have covered them.
	// Unsure '?' are skipped too when their runs cannot meet a window;
	// one that can sends the loop back to the first skipped search, to
	// search everything up to it as find does.
	lazy := false
	if a.near != nil {
		n := 0
		for i := 0; i < len(text) && n <= budget; i++ {
			if i = nextQuestion(text, i); i < 0 {
				break
			}
			if i == 0 || text[i-1] != '?' {
				if a.worthSearching(i) {
					n++
				}
			}
		}
		lazy = n <= budget
	}
	pending, last, force := -1, 0, -1 // first and last skipped search of the unsure stretch; replay up to force
	// thin are the thin runs that pass only in a document that shows its
	// misalignment otherwise (thinRunGain).
	var thin []Span
	for i := 0; i < len(text); i++ {
		if i = nextQuestion(text, i); i < 0 {
			break
		}
		if i > 0 && text[i-1] == '?' {
			continue // a run starts after an intact character, not inside ???
		}
		if !a.worthSearching(i) {
			continue
		}
		switch {
		case !lazy:
			// A budget keeps adversarial input (thousands of '?' before
			// rare characters) linear with a small constant: real
			// documents have a few dozen runs.
			if budget--; budget < 0 {
				return
			}
		case i > force:
			if pending >= 0 && i > last+maxShiftSpan {
				a.zones = append(a.zones, window{pending, last + maxShiftSpan})
				pending = -1
			}
			if !meets(a.near, i, i+maxShiftSpan) {
				if pending < 0 {
					pending = i
				}
				last = i
				continue
			}
			if pending >= 0 {
				force, i, pending = i, pending-1, -1
				continue
			}
		}
		if sp, ok, needsBacking := a.shiftSpan(i); ok {
			if needsBacking {
				thin = append(thin, sp)
			} else {
				a.spans = append(a.spans, sp)
			}
			i = sp.End - 1
		}
	}
	if pending >= 0 {
		a.zones = append(a.zones, window{pending, last + maxShiftSpan})
	}
	if len(thin) > 0 && (a.sc.ev.showsMisalignment() || hasOddRun(a.spans)) {
		a.spans = append(a.spans, thin...)
		sort.Slice(a.spans, func(i, j int) bool { return a.spans[i].Start < a.spans[j].Start })
	}
}

// hasOddRun reports whether spans hold a repair of a misaligned run that
// is not thin (two odd characters or more): the evidence that a document
// was misaligned, which a thin run that gains little needs (thinRunGain).
// A run reported, not repaired, is no such evidence.
func hasOddRun(spans []Span) bool {
	for _, sp := range spans {
		if sp.Kind == KindGBKShift && sp.Repairable && !thinRun(sp.Garbled) {
			return true
		}
	}
	return false
}

// nextQuestion returns the offset of the first '?' of text at or after i,
// or -1 (IndexByte scans many bytes at a time).
func nextQuestion(text string, i int) int {
	if d := strings.IndexByte(text[i:], '?'); d >= 0 {
		return i + d
	}
	return -1
}

// lpJoin scores prev + s + next with the document's script prior.
func (s *shiftScorer) lpJoin(prev rune, str string, next rune) float64 {
	lp := 0.0
	p := prev
	for _, r := range str {
		lp += s.bg.Bigram(p, r) + s.ev.scriptLP(s.m, r)
		p = r
	}
	return lp + s.bg.Bigram(p, next)
}

// shiftSpan returns the misaligned run at the '?' at q, if any: a repair,
// or a report of a run that looks misaligned but is not repaired.
// NeedsBacking tells a repair of a thin run that gains less than
// thinRunGain: the document must show its misalignment otherwise.
func (a *analyzer) shiftSpan(q int) (sp Span, ok, needsBacking bool) {
	c := a.sc.shiftAt(a.text, q)
	if c == nil {
		return Span{}, false, false
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
	// A run whose last character the reading after it names (the "(" was
	// swallowed with its lost byte: ?U?qǐng); or the run ends at the
	// character's ASCII second byte: ?_@(zhè)) is Chinese text by that
	// reading, whatever comes before it.
	named := c.plan.End == endLost && c.plan.Consumed == '('
	if syl, e := readPinyinParen(a.text, c.end); e > 0 && c.plan.End == endASCII {
		named = pinyin.HasReading(lastRune(c.repair), syl)
	}
	// Otherwise a run of ASCII only (?,F  ?_@) is evidence only inside
	// Chinese text: after a Han character or CJK punctuation, a reading
	// glued to it included (項(xiàng)?.?dāng)). Prompts, code and patterns
	// ([y,n,?]?  <?>  ??:??) are not.
	if isASCII(garbled) && !named {
		if before := beforeReading(a.text, q); before < 0x80 || lm.Class(before) != lm.Han && lm.Class(before) != lm.Punct {
			return Span{}, false, false
		}
		if _, end := readPinyinClose(a.text, c.end); end < 0 && strings.Trim(garbled, "?") == "" {
			// Question marks alone, unless a reading after them names
			// the character whose bytes they lost (??duì)).
			return Span{}, false, false
		}
	}
	glp := a.sc.lpJoin(prev, garbled, next)
	gain := a.sc.acceptGain(a.text, q, c, c.score-glp)
	need := shiftNeed(c.plan)
	if debugShift {
		fmt.Printf("shift %q -> %q plan=%s gain=%.1f need=%.0f rep=%.1f garb=%.1f margin=%.1f\n", garbled, c.repair, c.plan, gain, need, c.score, glp, c.rankGain-c.runnerUp)
	}
	if gain < need {
		if gain > 0 {
			// With more of the document repaired, its evidence may tip
			// the balance: Find searches here again on the repaired text.
			a.rejected = append(a.rejected, q)
		}
		return Span{}, false, false
	}
	if recodedRunOK(a.sc.m, a.text, q, garbled, c.repair) {
		// Other mojibake, read with a '?' for each byte its reader
		// failed on: no misaligned run, and the codec-chain search reads
		// the text (see recodedRun).
		return Span{}, false, false
	}
	var veto string
	switch {
	case !isolatedRun(a.text, q, c.end):
		veto = "a question mark or U+FFFD inside or right after the run stands for further lost bytes"
	case afterGarbled(a.sc.m, beforeReading(a.text, q)):
		veto = "the character before the run is itself garbled or very rare, so its first byte is no lost byte after clean text"
	case !plausibleShiftRepair(beforeReading(a.text, q), c.repair, named || gain >= clearShiftGain):
		veto = fmt.Sprintf("the repair %q reads as no Chinese text does (two clause marks in a row, or a short run after non-Chinese text)", c.repair)
	}
	if veto != "" {
		return Span{Start: q, End: c.end, Kind: KindGBKShift, Garbled: garbled, Confidence: 0.5,
			Reason: "looks like GBK text decoded one byte out of phase; not repaired: " + veto}, true, false
	}
	// A character that two dropped pairs hid is looked for in accepted
	// repairs only; it must leave the repair accepted.
	hidden, declined := a.sc.restoreHidden(c, garbled, func(alt *shiftCand) bool {
		g := a.sc.acceptGain(a.text, q, alt, alt.score-glp)
		if g < shiftNeed(alt.plan) {
			return false
		}
		gain = g
		return true
	})
	// The confidence is the lesser of what the gain over the garbled text
	// and the lead over the runner-up repair say: a repair whose guessed
	// bytes (first, dropped, last) nearly tie with others is likely but
	// not sure, and Conservative callers leave it alone.
	margin := c.rankGain - c.runnerUp
	marginConf := 1 / (1 + math.Exp(-margin))
	conf := min(1-math.Exp(-gain/10), marginConf)
	reason := "GBK text decoded one byte out of phase; re-encoded and decoded in phase (" + c.plan.String() + ")"
	switch {
	case declined > 0:
		reason += fmt.Sprintf("; a close call: with a character that two dropped pairs may have hidden, the repair would read %.1f nats better, but that is too little to restore it on a guess or leaves the repair short of acceptance", declined)
	case marginConf < SureConfidence:
		reason += fmt.Sprintf("; a close call: the next best repair is %.1f nats behind", margin)
	case hidden:
		conf = min(conf, unsureConfidence)
		reason += "; not sure: a character that two dropped pairs hid is guessed"
	case guessedEndAndDrop(c.plan):
		conf = min(conf, unsureConfidence)
		reason += "; not sure: both the lost last byte and a dropped pair are guessed, and the search weighs too few of their combinations to say how clear the choice is"
	}
	if !named && gain < thinRunGain && thinRun(garbled) {
		if isASCII(garbled) || c.plan.End == endAbsorbed {
			// Nothing odd to back: any ASCII after a question mark
			// spells some character, as the second byte of one whose
			// first byte went with 。 into a dropped pair (?] for 。沒,
			// ?C for 。機) or of two ASCII bytes read out of phase (?_@
			// for 。這); and a character whose second byte is ASCII,
			// after them, is taken apart as easily (?>軸 for 。据S).
			// Only the model tells such a run from clean text, and it
			// needs thinRunGain to, in any document.
			return Span{}, false, false
		}
		needsBacking = true
	}
	return Span{Start: q, End: c.end, Kind: KindGBKShift, Garbled: garbled, Repair: c.repair,
		Plan: c.plan.String(), Confidence: conf, Repairable: true, Reason: reason}, true, needsBacking
}

// clearShiftGain is the gain over the garbled text from which a short
// repair after non-Chinese text is Chinese text all the same (zip?0凑铡皕ip
// is 。按照“zip, 36 nats better; PACKET?=ㄗh is 。建議h, 20 better).
const clearShiftGain = 15.0

// thinRunGain is the gain over the garbled text from which a thin run (?_@
// for 。這, ?7粗? for 。反之,) that no reading after it names is repaired
// on its own. One that gains less is repaired only when it holds a
// character that is not ASCII and that the repair does not take apart
// (end=absorbed), and only in a document that shows the damage otherwise,
// by a repaired run that is not thin (hasOddRun,
// evidence.showsMisalignment).
//
// Such a repair makes its characters of ASCII bytes and at most one other
// character, and clean Chinese text puts a question mark before ASCII
// (有人知道吗?Thanks, 文件?(C++)). With a question mark and an ASCII word
// of the Debian corpus put after a Han character of 30,000 of its lines
// (scripts/noharm-punct.sh), 107 lines were repaired (文件?(C++) as
// 文件。–++)), and with every 。 of the corpus made '?', 8, reading 5.1 to
// 6.1 nats better than the text (写的?ig25@ as 写的。間25@); the runs of
// ASCII only of the development set and the seeds read 12.5 nats better or
// more.
//
// Backing does not help the runs that hold nothing odd (see shiftSpan):
// with a misaligned line at the head of each page of that variant, 189
// thin runs were repaired (?] as 。沒, ?C as 。機, ?>軸 as 。据S), and on
// the documents of scripts/annot-shift-heldout.sh, which are all
// misaligned, the backed runs of ASCII only were 3 right and 2 wrong.
// Nor are pinyin readings backing, though they are the edit that
// misaligns GBK text when it splits a pair: machine-made ruby is glued to
// clean text as often (the development set's category b, seeds 000 and
// 004); with the variant converted to Traditional and readings glued to
// its Traditional-only characters (TestWriteRuby), readings as backing
// repaired 176 lines.
const thinRunGain = 10.0

// thinRun reports whether garbled, a misaligned run, holds at most one
// character that is not ASCII: too little of the odd text that
// misalignment makes to tell it from a question mark in clean text.
func thinRun(garbled string) bool {
	n := 0
	for i := 0; i < len(garbled); i++ {
		if garbled[i] >= 0xC0 {
			n++ // a UTF-8 lead byte
		}
	}
	return n <= 1
}

// shiftNeed is the gain over the garbled text that a repair under p needs
// to be accepted: more for each guessed dropped pair, and for a guessed
// lost last byte, unless the reading after it names the character
// ("?dòng)": the "(" was swallowed with it).
func shiftNeed(p ShiftPlan) float64 {
	drops := len(p.Drops)
	if drops > 0 && p.Lead == 0xA1 && p.Drops[0].At == 0 && p.Drops[0].U == 0xA3 {
		// The pair of 。's second byte and the next first byte: no
		// guess beyond that character's (。對, A3 8C dropped).
		drops--
	}
	need := minShiftGain + 2*float64(drops)
	if p.End == endLost && p.Consumed != '(' {
		need += 3
		if p.Consumed != 0 {
			need++
		}
	}
	return need
}

// guessedEndAndDrop reports whether plan guesses both a lost last byte (not
// named by the reading after it) and a dropped pair. The search tries a
// dropped pair before the lost byte only for its best hypothesis and a few
// choices, so the runner-up it meets says little of how clear the choice
// is: on the held-out runs of scripts/shift-heldout.sh, 65 of the 92 such
// repairs that the margin called sure were wrong, against 66 of the other
// 356.
func guessedEndAndDrop(p ShiftPlan) bool {
	return p.End == endLost && p.Consumed != '(' && len(p.Drops) > 0
}

// unsureConfidence is the confidence of a repair whose guessed bytes are
// likely but not a clear choice: below SureConfidence.
const unsureConfidence = 0.9

// SureConfidence is the confidence from which a repair's guessed bytes are
// clear choices (a lead of about 3 nats, twenty times more likely, over
// every other repair the search met); below it the reason calls the
// repair a close call, and callers that must not guess report the span
// instead of applying it.
const SureConfidence = 0.95

var debugShift = false

// plausibleShiftRepair rejects repairs that written Chinese rules out,
// whatever the model says of them (it knows nothing of punctuation):
// two clause marks in a row (，。 、。 ；，), which a misaligned run
// that swallowed lost bytes tends to produce; and, after text that is not
// Chinese (ASCII, Latin letters), a repair of fewer than three Han
// characters: a short run of odd characters in Latin text is more often
// other damage than a GBK run cut loose, unless named says that a
// reading after the run names its last character.
func plausibleShiftRepair(prev rune, repair string, named bool) bool {
	last := rune(0)
	han := 0
	for _, r := range repair {
		if isClauseMark(r) && isClauseMark(last) {
			return false
		}
		if lm.Class(r) == lm.Han {
			han++
		}
		last = r
	}
	if cl := lm.Class(prev); !named && prev != '\n' && (prev < 0x80 || cl != lm.Han && cl != lm.Punct) && han < 3 {
		return false
	}
	return true
}

// beforeReading returns the rune before q, looking past a pinyin reading
// that ends there (建設(shè)?…): the run then follows Chinese text.
func beforeReading(text string, q int) rune {
	if q == 0 {
		return '\n'
	}
	if text[q-1] == ')' {
		if open := strings.LastIndexByte(text[max(0, q-16):q], '('); open >= 0 {
			open += max(0, q-16)
			if _, end := readPinyinParen(text, open); end == q {
				return lastRune(text[:open])
			}
		}
	}
	return lastRune(text[:q])
}

// afterGarbled reports whether prev, the character before a misaligned
// run, is one that clean text hardly has: a rune that mojibake produces or
// a Han character rarer than rareBefore. A run after it lies inside a
// larger garbled region (Debian's zh_TW iptables(8) has
// 第二?齠絲諍糯笥詰諞桓觶?敲此?腔岜喚換弧, misaligned GBK that was then
// converted to Traditional), and repairing a piece of it helps nobody.
func afterGarbled(m *lm.Model, prev rune) bool {
	return suspiciousRune(prev) || (lm.Class(prev) == lm.Han && m.Unigram(prev) < rareBefore)
}

// rareBefore is the unigram below which afterGarbled calls a Han
// character garbled: 觶 is -14.6; the rarest Han character before a run
// found in the development set and the seeds is 謹, at -11.0.
const rareBefore = -13.0

// isolatedRun reports whether the misaligned run text[q:end] is clear of
// further lost bytes: no '?' inside it (after its leading question marks,
// before its last rune) and no '?' or U+FFFD right after it. A '?' there
// is a byte lost in the middle of the run (a page converted through a
// codec that could not write it), and the bytes around it are then a
// guess; such runs are reported instead.
func isolatedRun(text string, q, end int) bool {
	run := strings.TrimLeft(text[q:end], "?")
	if _, n := utf8.DecodeLastRuneInString(run); n > 0 && strings.Contains(run[:len(run)-n], "?") {
		return false
	}
	rest := text[end:]
	return !strings.HasPrefix(rest, "?") && !strings.HasPrefix(rest, "\uFFFD")
}

// isClauseMark reports whether r is one of the marks that end a clause or
// sentence and never follow one another: ，。、；：.
func isClauseMark(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：':
		return true
	}
	return false
}

// worthSearching is the cheap test before the search for a misaligned run
// at the '?' at q: what follows must look like one. Misalignment turns
// text into rare characters and symbols; a question mark followed by
// ordinary text is a question mark.
func (a *analyzer) worthSearching(q int) bool {
	text := a.text
	if _, end := readPinyinClose(text, q+1); end > 0 {
		return true // ?pinyin)
	}
	prev := beforeReading(text, q) // 項(xiàng)?.?dāng): after 項
	if q+1 < len(text) && text[q+1] > ' ' && text[q+1] < 0x7F {
		if cl := lm.Class(prev); prev >= 0x80 && (cl == lm.Han || cl == lm.Punct) {
			return true // ?,F  ?_@: an ASCII run inside Chinese text
		}
	}
	m := a.sc.m
	for i, k := q+1, 0; i < len(text) && k < 12; k++ {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			return false
		case r >= 0x80:
			if r == '€' || suspiciousRune(r) || m.Unigram(r) < -11 {
				return true
			}
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			if _, end := readPinyinParen(text, i+n); end > 0 {
				return true // F(xiàn)
			}
		}
		i += n
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
