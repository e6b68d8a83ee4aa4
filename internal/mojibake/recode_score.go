// Scoring a stretch: the gains of its units' repairs and the segments of it
// that a recoding repairs.

package mojibake

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

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
	if rc == a.prior {
		return best >= priorMinGain // a word of the document's prior (see codecPrior)
	}
	return best >= minRecodeGain
}

// recodeStretch finds the segments of text[start:end] that one hop of rc
// (and possibly more hops) repairs.
func (a *analyzer) recodeStretch(start, end int, rc recoding, sc *recodeScratch) []recodeCand {
	if sc == nil {
		sc = new(recodeScratch)
	}
	sc.steps = sc.steps[:0]
	var encodable func(rune) bool
	if rc.Orig != "utf8" {
		wrongCodec := codecNamed(rc.Wrong)
		encodable = func(r rune) bool {
			var b [4]byte
			_, ok := wrongCodec.appendRune(b[:0], r)
			return ok
		}
	}
	encodeWrong(a.text, start, end, rc, sc)
	units := sc.decodeUnits(a.text, rc)
	if cjkWrong(rc.Wrong) {
		// The repair of a segment is part of the repairs of all units,
		// which restoring lost bytes can make longer, up to a rune for
		// each byte read: with fewer runes than cjkMinRunes there,
		// recodeSegment accepts no segment (nor do further hops add
		// runes, see there), and the stretch is not scored.
		least := a.minRunes(rc)
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
			if math.IsInf(gains[k], -1) || units[k].step {
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
		bs, be = lineTrim(a.text, sc.all, units, gains, bs, be, func(lo, hi int) bool {
			return a.standsAlone(units, gains, sc.all, lo, hi, rc)
		}, encodable)
		// A garbled region is garbled to its edges: take in neighbouring
		// units that decode and cost the model little (開啟 next to 對話),
		// or one whose repair reads better than its garbled text next to
		// the repaired unit (edgeWanted), scored with the script of the
		// segment's repair.
		script := repairScript(units, sc.all, bs, be)
		for {
			sum, ext := 0.0, 0
			for k := bs - 1; k >= lo && k >= bs-4 && units[k].ok && !units[k].ident && !units[k].step; k-- {
				if sum += gains[k]; sum > -2 {
					ext = bs - k
				}
			}
			if ext == 0 && bs > lo && !units[bs-1].step && a.edgeWanted(units, sc.all, bs-1, be, false, script) {
				ext = 1
			}
			if ext == 0 {
				break
			}
			bs -= ext
		}
		for {
			sum, ext := 0.0, 0
			for k := be; k < hi && k < be+4 && units[k].ok && !units[k].ident && !units[k].step; k++ {
				if sum += gains[k]; sum > -2 {
					ext = k + 1 - be
				}
			}
			if ext == 0 && be < hi && !units[be].step && a.edgeWanted(units, sc.all, bs, be+1, true, script) {
				ext = 1
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
			case be-bs > 1 && a.edgeUnwanted(units, sc.all, bs, be, false, script):
				bs++
			case be-bs > 1 && a.edgeUnwanted(units, sc.all, bs, be, true, script):
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
	// The candidates through the cp950 reader stand only where they read
	// better than those through x/text's Big5 (cp950Stands).
	cp950Only := func(out []recodeCand) []recodeCand {
		if rc.Wrong != "cp950" {
			return out
		}
		kept := out[:0]
		for _, c := range out {
			if a.cp950Stands(c) {
				kept = append(kept, c)
			}
		}
		return kept
	}
	segs(0, len(units))
	out = cp950Only(out)
	if rc.Orig == "utf8" || len(out) == 0 {
		return out
	}
	// Runs read out of step between GBK and Big5 (outOfStep) are taken out
	// of the segments: each segment that holds one is found again, inside
	// its own units, with the runs breaking it. A run taken out so only
	// ever shrinks a repair: the pieces left of a stretch that was never
	// misread (clean text with ├─ read back as Big5) could pass where the
	// stretch did not.
	before := out
	out = nil
	sc.steps = sc.steps[:0]
	orig := codecNamed(rc.Orig)
	for _, c := range before {
		lo := sort.Search(len(units), func(i int) bool { return units[i].gs >= c.start })
		hi := lo
		for hi < len(units) && units[hi].ge <= c.end {
			hi++
		}
		if !outOfStep(a.text, units, lo, hi, sc, orig) {
			out = append(out, c)
			continue
		}
		n := len(out)
		segs(lo, hi)
		out = append(out[:n], cp950Only(out[n:])...)
	}
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
func (a *analyzer) edgeUnwanted(units []unit, all string, bs, be int, last bool, script int) bool {
	lr, lg, ok := a.edgeScores(units, all, bs, be, last, script)
	return ok && lr < lg
}

// edgeWanted reports whether the repair of the edge unit of the segment
// units[bs:be] (the last with last, the first otherwise; the segment has
// two units or more) reads better than its garbled text, scored as for
// edgeUnwanted. A unit's gain scores its repair after the unit before it,
// never the repair after it: the first unit of a garbled region scores
// the region's first repaired rune against the text before it, where the
// garbled rune is often the likelier (a common character at the start of
// a line: 代 read back as 測, -6.2 nats), and its bigram with the second
// repaired rune (測試), which makes the repair clearly the better one,
// counts in the second unit's gain. Such a unit was left out, one
// character short at the edge of the repair.
func (a *analyzer) edgeWanted(units []unit, all string, bs, be int, last bool, script int) bool {
	lr, lg, ok := a.edgeScores(units, all, bs, be, last, script)
	return ok && lr > lg
}

// edgeScores returns lpText of the repair (lr) and of the garbled text
// (lg) of the edge unit of units[bs:be] (the last with last), between
// the repaired unit next to it and the text beyond the segment; false
// for a unit that does not decode or stays as it is.
//
// The script prior is that of script, the script of the segment's
// repair (repairScript), when it has one, not the document's: the
// garbled text sets the document's (Big5 read as GBK looks Simplified),
// which held the edge of a Traditional repair against it (內 of 內部 read
// back as ず, -4 nats), while the repair next to the unit is the evidence
// of the script that counts (and next to a Simplified repair, 聽 for a
// no-break space still pays its 4 nats). A repair with too few
// characters of one script to tell keeps the document's. Measured on the
// held-out big5_as_gbk whole documents: exact 202 -> 207.
func (a *analyzer) edgeScores(units []unit, all string, bs, be int, last bool, script int) (lr, lg float64, ok bool) {
	k, in := bs, bs+1 // the edge unit and its repaired neighbour
	if last {
		k, in = be-1, be-2
	}
	u := units[k]
	if !u.ok || u.ident {
		return 0, 0, false
	}
	// Between the repaired neighbour and the text beyond the segment.
	prev, next := lastRune(a.text[:u.gs]), firstRune(units[in].rep(all))
	if last {
		prev, next = lastRune(units[in].rep(all)), firstRune(a.text[u.ge:])
	}
	sc := a.sc
	sc.settleScript() // so that lpText does not settle it over script
	doc := sc.script
	if script != 0 {
		sc.script = script
	}
	lr, _ = lpText(sc, prev, u.rep(all), next)
	lg, _ = lpText(sc, prev, a.text[u.gs:u.ge], next)
	sc.script = doc
	return lr, lg, true
}

// repairScript returns the script (as scriptOf) of the repairs of
// units[bs:be], from their Han characters that only one script has.
func repairScript(units []unit, all string, bs, be int) int {
	tab := scriptTable()
	var tally scriptTally
	for k := bs; k < be; k++ {
		if !units[k].ok || units[k].ident {
			continue
		}
		for _, r := range units[k].rep(all) {
			if r >= 0x4E00 && r <= 0x9FFF {
				tally.add(tab[r-0x4E00])
			}
		}
	}
	st := tally.simpTrad()
	return scriptOf(st[0], st[1])
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

// lineJoinGain is the least gain (nats) of the units of a segment's first
// or last line for the segment to take that line in when clean text goes
// on there (see lineTrim).
const lineJoinGain = minRecodeGain / 2

// lineTrim returns the run of units bs to be that Kadane found, less its
// last line, and likewise its first, in three cases. A line end is where
// misread text most often stops: a paragraph misread on its own is
// followed by clean text, whose first units may gain a little by chance,
// and the repair then went on into the clean line.
//
//   - The units of the line gain less than lineJoinGain in all and the
//     line goes on after them with a unit that decodes and loses, or that
//     fails to decode and holds no U+FFFD (切 of 切換 read back as ち
//     after a newline gains 1.7 nats, where 換 loses 9.9: 3 of 533 clean
//     Traditional documents under a paragraph of GBK read as Big5; 空言
//     after 徒讬 under a line of UTF-8 read as GBK, 徒讬 being CD BD DA
//     B6, UTF-8 too).
//   - They gain less than lineJoinGain and their Han characters repair to
//     none (hanGone), or, whatever they gain, repair to letters that are
//     not ASCII (殴, C5 B9, read back as Ź and 群殴 as ȺŹ on a line of
//     their own under a misread line; letters). A line of symbols
//     that gains more (—, ©) may be a misread line's.
//   - Between GBK and Big5 (encodable, which tells the runes the wrong
//     codec writes, is not nil), the line would not be accepted as a
//     segment of its own (stands), and the text after its end is clean
//     (its first unit past the line end decodes and loses, or the stretch
//     ends there and the first rune after it that is not ASCII is one the
//     wrong codec cannot write, so it was never misread: 都 on a line of
//     its own, then a line of Simplified text, under a line of GBK read
//     as Big5 read back as 常) or its Han characters repair to none (白瓜
//     as フナ), its repairs hold a kana or a letter that is not ASCII (柳黔
//     as 霞ケ), or its line holds, outside ASCII, only symbols that text
//     in Latin letters writes (Word 2007– as Word 2007每, ├─ as 念岸;
//     westernSymbol), whatever they gain.
//
// Lines are trimmed one after the other while the next one goes too, a
// trimmed line counting as text kept as it is (a tree of ├─ lines under
// a misread line). On the documents of recode-heldout.sh misread whole,
// the last two rules and the repetition left one line more unrepaired
// (one with a wrong character, 谱 read back as Ｗ); asking the symbols'
// line for an ASCII letter or digit changed nothing there; taking the
// fullwidth and CJK symbols (＆, ﹝) or private use for symbols lost 4
// documents, and looking at the line's piece rather than the whole line
// left a misread ” (§ after a U+FFFD and %s) unrepaired.
//
// A misread line gains far more, and a short piece of one that a U+FFFD
// or the line's end follows is kept otherwise (a rule that asked
// lineJoinGain of every such piece lost 8 of the held-out documents'
// repairs; one that asked of it what a segment of its own needs lost 18
// of recode-heldout.sh's documents misread whole, whose lines are all
// misread; taking the end of the text for clean text after a last line
// lost 2 of them, whose last lines are short).
func lineTrim(text, all string, units []unit, gains []float64, bs, be int, stands func(lo, hi int) bool, encodable func(rune) bool) (int, int) {
	bs0, be0 := bs, be
	// kept reports whether unit k is kept as it is: it reads the same
	// repaired, or it is on a line trimmed already.
	kept := func(k int) bool { return units[k].ident || k >= be && k < be0 || k >= bs0 && k < bs }
	isNL := func(k int) bool { u := &units[k]; return u.ident && u.ge-u.gs == 1 && text[u.gs] == '\n' }
	// unitClean reports whether unit k, which is not kept as it is, reads
	// as clean text: it decodes and loses, or fails to decode and holds
	// no lost bytes.
	unitClean := func(k int) bool {
		if u := &units[k]; math.IsInf(gains[k], -1) {
			return !strings.ContainsRune(text[u.gs:u.ge], utf8.RuneError)
		}
		return gains[k] < 0
	}
	// cleanOn reports whether the first unit from k on (step +1 or -1)
	// that is not kept as it is lies on the same line and is clean.
	cleanOn := func(k, step int) bool {
		for ; k >= 0 && k < len(units); k += step {
			if isNL(k) {
				return false
			}
			if !kept(k) {
				return unitClean(k)
			}
		}
		return false
	}
	// cleanPast reports whether the text after the end of the line that
	// k is on (step +1 or -1; the units from k to it are kept as they
	// are) starts with clean text: its first unit that is not kept as it
	// is, or past the stretch, with encodable, the first rune that is not
	// ASCII, which the wrong codec cannot write when the text goes on
	// clean.
	cleanPast := func(k, step int) bool {
		for ; k >= 0 && k < len(units) && !isNL(k); k += step {
			if !kept(k) {
				return false
			}
		}
		for ; k >= 0 && k < len(units); k += step {
			if !kept(k) {
				return unitClean(k)
			}
		}
		if encodable == nil {
			return false
		}
		if step > 0 {
			for i := units[len(units)-1].ge; i < len(text); {
				r, n := utf8.DecodeRuneInString(text[i:])
				if r >= utf8.RuneSelf {
					return !encodable(r)
				}
				i += n
			}
			return false
		}
		for i := units[0].gs; i > 0; {
			r, n := utf8.DecodeLastRuneInString(text[:i])
			if r >= utf8.RuneSelf {
				return !encodable(r)
			}
			i -= n
		}
		return false
	}
	// hanGone reports whether units[lo:hi], a line's piece, hold Han
	// characters and no ASCII letter or digit, and their repairs no Han
	// character (a line of Latin text keeps its symbol: GOsa虏 is GOsa²).
	hanGone := func(lo, hi int) bool {
		if lo >= hi || hasASCIIAlnum(text[units[lo].gs:units[hi-1].ge]) {
			return false
		}
		garbled, repaired := false, false
		for k := lo; k < hi; k++ {
			if u := &units[k]; !u.ident {
				garbled = garbled || hasHan(text[u.gs:u.ge])
				repaired = repaired || hasHan(u.rep(all))
			}
		}
		return garbled && !repaired
	}
	// letters reports whether the repairs of units[lo:hi] hold a letter
	// that is not ASCII (殴 as Ź, 群殴 as ȺŹ), or with kana set a kana (柳黔
	// as 霞ケ, between GBK and Big5, whose Chinese text holds none): a line
	// of symbols (—, ©) may be a misread line's, one of stray letters no
	// writer's.
	letters := func(lo, hi int, kana bool) bool {
		for k := lo; k < hi; k++ {
			if u := &units[k]; !u.ident {
				for _, r := range u.rep(all) {
					if c := lm.Class(r); r >= utf8.RuneSelf && (c == lm.Latin || c == lm.Letter || kana && c == lm.Kana) {
						return true
					}
				}
			}
		}
		return false
	}
	// symbols reports whether the line of units[lo:hi] holds, outside
	// ASCII, only symbols that text in Latin letters writes (→, –, ─, °;
	// westernSymbol): the repair only changes its marks (Word 2007– read
	// back as Word 2007每, gzip → bzip2 as gzip △ bzip2, ├─ as 念岸).
	symbols := func(lo, hi int) bool {
		if lo >= hi {
			return false
		}
		ls, le := units[lo].gs, units[hi-1].ge
		ls = strings.LastIndexByte(text[:ls], '\n') + 1
		if i := strings.IndexByte(text[le:], '\n'); i >= 0 {
			le += i
		} else {
			le = len(text)
		}
		for _, r := range text[ls:le] {
			if r >= utf8.RuneSelf && !westernSymbol(r) {
				return false
			}
		}
		return true
	}
	// goes reports whether the line piece units[lo:hi], which gains sum,
	// leaves the segment (the three cases above); the text beyond it is
	// read from unit k on with step.
	goes := func(lo, hi int, sum float64, k, step int) bool {
		gone := hanGone(lo, hi)
		return sum < lineJoinGain && (gone || cleanOn(k, step)) || gone && letters(lo, hi, false) ||
			encodable != nil && !stands(lo, hi) && (gone || letters(lo, hi, true) || symbols(lo, hi) || cleanPast(k, step))
	}
	for trimmed := true; trimmed; {
		trimmed = false
		sum := 0.0
		for k := be - 1; k > bs; k-- {
			if isNL(k) {
				if goes(k+1, be, sum, be, 1) {
					be, trimmed = k, true
				}
				break
			}
			sum += gains[k]
		}
	}
	for trimmed := true; trimmed; {
		trimmed = false
		sum := 0.0
		for k := bs; k < be-1; k++ {
			if isNL(k) {
				if goes(bs, k, sum, bs-1, -1) {
					bs, trimmed = k+1, true
				}
				break
			}
			sum += gains[k]
		}
	}
	return bs, be
}

// westernSymbol reports whether r, not ASCII, is a symbol that text in
// Latin letters writes: a sign of Latin-1 (°, ©, ±, ×) or of the blocks
// from General Punctuation to Miscellaneous Symbols and Arrows (–, →, ─,
// ■), not a letter. The CJK symbols and punctuation, the fullwidth and
// compatibility forms (＆, ﹝) and private use are Chinese text's, and a
// misread line's.
func westernSymbol(r rune) bool {
	switch c := lm.Class(r); {
	case c == lm.Latin || c == lm.Letter || c == lm.Han || c == lm.Kana || c == lm.Hangul || c == lm.Digit:
		return false
	case r >= 0xA0 && r <= 0x2FF, r >= 0x2000 && r <= 0x2BFF:
		return true
	}
	return false
}

// hasASCIIAlnum reports whether s holds an ASCII letter or digit.
func hasASCIIAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if asciiAlnum(rune(s[i])) {
			return true
		}
	}
	return false
}

// standsAlone reports whether units[lo:hi] would be accepted as a segment
// of their own (acceptRecode with the one hop rc).
func (a *analyzer) standsAlone(units []unit, gains []float64, all string, lo, hi int, rc recoding) bool {
	if lo >= hi {
		return false
	}
	gain := 0.0
	for k := lo; k < hi; k++ {
		gain += gains[k]
	}
	if math.IsInf(gain, -1) {
		return false
	}
	gs, ge := units[lo].gs, units[hi-1].ge
	rep := all[units[lo].rs:units[hi-1].re]
	return acceptRecode(a.text[gs:ge], rep, []recoding{rc}, gain, runeCount(rep), a.priorAt(gs, ge, false))
}
