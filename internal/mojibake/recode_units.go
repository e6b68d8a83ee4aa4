// Units: a stretch encoded with the wrong codec and cut into aligned pieces
// decoded with the original one, with dropped and lost bytes restored.

package mojibake

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// unit is the smallest aligned piece of a recoded stretch: garbled text
// [gs, ge) of the input that becomes its repair, bytes [rs, re) of the
// string that holds the repairs of all units of the cut (rep).
type unit struct {
	gs, ge int
	rs, re int
	ok     bool // the bytes decoded
	ident  bool // rep equals the garbled text
	lost   bool // the garbled text has U+FFFD: bytes were lost
	step   bool // read out of step by a reader that dropped a byte (outOfStep)
	// fill is a byte that a windows-1252 / ISO-8859-1 reader dropped
	// (it has no character there) and that the repair restores before the
	// garbled rune at text offset fillAt; 0 for none.
	fill   byte
	fillAt int
}

// rep returns the unit's repair; all is the string of the repairs of its
// cut (recodeScratch.all).
func (u *unit) rep(all string) string { return all[u.rs:u.re] }

// droppedBytes are the bytes a reader of the wrong codec can drop: those
// windows-1252 leaves undefined, and for ISO-8859-1 every C1 control
// (which cleaning steps delete).
func droppedBytes(wrong string) []byte {
	switch wrong {
	case "cp1252":
		return []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D}
	case "latin1":
		bs := make([]byte, 0, 32)
		for b := 0x80; b <= 0x9F; b++ {
			bs = append(bs, byte(b))
		}
		return bs
	}
	return nil
}

// fillDropped tries to complete the UTF-8 sequence at bs[q:] that lacks one
// continuation byte by inserting one of the dropped bytes. It returns the
// likeliest character, the byte, where it goes and how many bytes of bs the
// sequence then covers; ok is false when nothing fits or the choice is not
// clear.
func fillDropped(bs []byte, q int, wrong string, prev rune) (r rune, fill byte, at, used int, ok bool) {
	need := 0
	switch c := bs[q]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 2
	case c >= 0xE0 && c <= 0xEF:
		need = 3
	case c >= 0xF0 && c <= 0xF4:
		need = 4
	default:
		return 0, 0, 0, 0, false
	}
	have := 1
	for q+have < len(bs) && have < need && bs[q+have]&0xC0 == 0x80 {
		have++
	}
	if have != need-1 {
		return 0, 0, 0, 0, false
	}
	m := lm.Default()
	next := rune(0)
	if q+have < len(bs) {
		next, _ = utf8.DecodeRune(bs[q+have:])
	}
	best, second := math.Inf(-1), math.Inf(-1)
	var buf [4]byte
	for pos := 1; pos < need; pos++ {
		for _, x := range droppedBytes(wrong) {
			copy(buf[:pos], bs[q:q+pos])
			buf[pos] = x
			copy(buf[pos+1:need], bs[q+pos:q+have])
			c, n := utf8.DecodeRune(buf[:need])
			if c == utf8.RuneError || n != need {
				continue
			}
			lp := m.Bigram(prev, c)
			if next != 0 {
				lp += m.Bigram(c, next)
			}
			if lp > best {
				second = best
				best, r, fill, at = lp, c, x, q+pos
			} else if lp > second {
				second = lp
			}
		}
	}
	if math.IsInf(best, -1) || best-second < 2 {
		return 0, 0, 0, 0, false
	}
	return r, fill, at, have, true
}

// recodeUnits encodes text[start:end] with rc.Wrong and decodes with rc.Orig,
// cutting it into aligned units (sc.lostRunes lists its U+FFFD, whose
// bytes restoreUnits may restore). A rune the wrong codec cannot encode
// (U+FFFD: lost bytes) becomes the byte 0xFF, which no original codec
// decodes, so the units around it stay unrepaired.
//
// The units and the buffers behind them are taken from sc (nil for new
// ones); they are valid until the next call with the same sc.
func recodeUnits(text string, start, end int, rc recoding, sc *recodeScratch) []unit {
	if sc == nil {
		sc = new(recodeScratch)
	}
	encodeWrong(text, start, end, rc, sc)
	return sc.decodeUnits(text, rc)
}

// encodeWrong encodes text[start:end] with rc.Wrong into sc.bs, with the
// start of each of its runes in the text and in the bytes (sc.tpos,
// sc.bpos, each with end and len(sc.bs) last) and its U+FFFD that may
// stand for one lost byte (sc.lostRunes; so may a '?', see questionLost,
// which is its own byte until restoreUnits restores one there).
// decodeUnits does not change them; restoreUnits restores lost bytes into
// sc.bs.
func encodeWrong(text string, start, end int, rc recoding, sc *recodeScratch) {
	wrong := codecNamed(rc.Wrong) // Big5 writes as big5WrongCodec below
	// At most one rune and one byte of the wrong codec per byte of text.
	n0 := end - start + 1
	if cap(sc.pos) < 2*n0 {
		sc.pos = make([]int, 2*n0)
	}
	pos := sc.pos[:2*n0]
	tpos, bpos := pos[:n0], pos[n0:2*n0] // start of each garbled rune in the text and in the bytes
	if cap(sc.bs) < end-start {
		sc.bs = make([]byte, 0, end-start)
	}
	bs := sc.bs[:0]
	// U+FFFD read by a GBK, Big5 or strict windows-1252 reader may stand
	// for one byte that restoreLost can restore.
	lostReadable := cjkWrong(rc.Wrong) || rc.Wrong == "cp1252"
	// So may a '?' glued into the misread text, in a stretch with no
	// U+FFFD (see questionLost): qLost is 0 until the first such '?' asks
	// whether the stretch has one, then 1 (no U+FFFD) or -1.
	qLost := 0
	lostRunes := sc.lostRunes[:0]
	_, isCP1252 := wrong.(cp1252Codec)
	k := 0 // the runes so far
	for i := start; i < end; {
		if c := text[i]; isCP1252 && c <= 0xC3 && c >= 0xC2 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
			// U+0080 to U+00FF, most of Latin-1 mojibake: windows-1252
			// writes each as the byte of its value (recodeByteUTF8).
			tpos[k], bpos[k] = i, len(bs)
			k++
			bs = append(bs, c<<6|text[i+1]&0x3F)
			i += 2
			continue
		}
		// decodeRune, with ASCII and the runes of CJK text and of
		// Latin-1 mojibake inline.
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := utf8x.Decode3(text, i); ok {
				r, n = r3, 3
			} else if r2, ok := utf8x.Decode2(text, i); ok {
				r, n = r2, 2
			} else {
				r, n = decodeRune(text, i)
			}
		}
		tpos[k], bpos[k] = i, len(bs)
		k++
		if r == '?' && lostReadable && qLost >= 0 && questionLost(text, i) {
			if qLost == 0 {
				qLost = -1
				if !strings.Contains(text[start:end], "\uFFFD") {
					qLost = 1
				}
			}
			if qLost > 0 {
				// Read as a '?' unless restoreUnits restores a byte
				// there.
				lostRunes = append(lostRunes, k-1)
				bs = append(bs, '?')
				i++
				continue
			}
		}
		// Static calls for the codecs of the stretches (the one of
		// windows-1252 inlined: most stretches are windows-1252).
		var ok bool
		switch wrong.(type) {
		case cp1252Codec:
			bs, ok = cp1252Codec{}.appendRune(bs, r)
		case gbkCodec:
			bs, ok = gbkCodec{}.appendRune(bs, r)
		case big5Codec:
			bs, ok = appendWrongBig5(bs, r)
		default:
			bs, ok = wrong.appendRune(bs, r)
		}
		if !ok {
			if r == utf8.RuneError && n == 3 && lostReadable {
				lostRunes = append(lostRunes, k-1)
			}
			bs = append(bs, 0xFF)
		}
		i += n
	}
	tpos[k], bpos[k] = end, len(bs)
	sc.tpos, sc.bpos, sc.bs, sc.lostRunes = tpos[:k+1], bpos[:k+1], bs, lostRunes
}

// decodeUnits is recodeUnits of the stretch that encodeWrong encoded
// into sc last.
func (sc *recodeScratch) decodeUnits(text string, rc recoding) []unit {
	sc.lost, sc.from = sc.lost[:0], sc.from[:0]
	return sc.decode(text, rc, nil, "")
}

// restoreUnits restores the bytes behind the lone U+FFFD of the stretch
// that decodeUnits cut last (which ends at end), where restoreLost finds
// them, and cuts the stretch again. It reports whether it restored any
// byte; if not, the units are those of decodeUnits.
//
// A restored byte changes only the units whose bytes take it in, and
// those that failed before it: the units of decodeUnits that decoded
// (each decoding read only its own bytes) from a rune where the new cut
// reaches, with no restored byte and no dropped byte filled in (whose
// choice depends on what surrounds it), are the same, and are taken over
// (sc.from, for unitGains) rather than decoded again.
func (sc *recodeScratch) restoreUnits(text string, end int, rc recoding) bool {
	// A '?' that may stand for a lost byte (questionLost) is unknown
	// while the bytes are searched, and a '?' again where none is
	// restored.
	for _, k := range sc.lostRunes {
		sc.bs[sc.bpos[k]] = 0xFF
	}
	if sc.punct == nil {
		sc.punct = new(punctMemo)
	}
	sc.lost = restoreLost(sc.lost[:0], text, end, sc.bs, sc.bpos, sc.tpos, sc.lostRunes, rc, &sc.cache, sc.punct)
	for _, k := range sc.lostRunes {
		if q := sc.bpos[k]; sc.bs[q] == 0xFF && text[sc.tpos[k]] == '?' {
			sc.bs[q] = '?'
		}
	}
	if len(sc.lost) == 0 {
		return false
	}
	old, oldAll := sc.units, sc.all
	sc.units, sc.oldUnits = sc.oldUnits, sc.units
	sc.decode(text, rc, old, oldAll)
	return true
}

// decode cuts the stretch that encodeWrong encoded into sc into units
// (sc.units), taking over the units of old, a cut of the same stretch
// before sc.lost was restored (nil for none; oldAll holds their
// repairs), where restoreUnits allows it; sc.from then lists, for each
// unit, the unit of old it is (-1 for none).
func (sc *recodeScratch) decode(text string, rc recoding, old []unit, oldAll string) []unit {
	orig, isUTF8 := codecNamed(rc.Orig), rc.Orig == "utf8"
	tpos, bpos, bs, lost := sc.tpos, sc.bpos, sc.bs, sc.lost
	nr := len(tpos) - 1
	if cap(sc.units) < nr {
		sc.units = make([]unit, 0, nr)
	}
	if cap(sc.reps) < len(bs)*3/2+8 {
		sc.reps = make([]byte, 0, len(bs)*3/2+8)
	}
	units, from := sc.units[:0], sc.from[:0]
	// The repairs of all units are written one after the other into reps
	// and become substrings of one string at the end (sc.all), each unit's
	// at its rs to re.
	reps := sc.reps[:0]
	o, f := 0, 0 // the first unit of old and restored byte not before rune k
	lastRep := func() rune {
		u := &units[len(units)-1]
		if u.rs == u.re {
			return '\n'
		}
		r, _ := utf8.DecodeLastRune(reps[u.rs:u.re])
		return r
	}
	for k := 0; k < nr; {
		if old != nil {
			for o < len(old) && old[o].gs < tpos[k] {
				o++
			}
			for f < len(lost) && lost[f].at < tpos[k] {
				f++
			}
			if o < len(old) && old[o].gs == tpos[k] && old[o].ok && old[o].fill == 0 && (f == len(lost) || lost[f].at >= old[o].ge) {
				u := old[o]
				rs := len(reps)
				reps = append(reps, oldAll[u.rs:u.re]...)
				u.rs, u.re = rs, len(reps)
				units, from = append(units, u), append(from, o)
				for k < nr && tpos[k] < u.ge {
					k++
				}
				continue
			}
			from = append(from, -1)
		}
		q, j := bpos[k], k+1 // j: next rune boundary at or after q
		if c := bs[q]; c < utf8.RuneSelf && bpos[j] == q+1 {
			// A garbled rune of one ASCII byte, which every original
			// codec reads as itself (the loop below, without its calls):
			// the unit is the rune, and stays as it is if it was ASCII.
			reps = append(reps, c)
			u := unit{gs: tpos[k], ge: tpos[j], rs: len(reps) - 1, re: len(reps), ok: true}
			u.ident = u.ge-u.gs == 1 && text[u.gs] == c
			units = append(units, u)
			k = j
			continue
		}
		rs := len(reps)
		ok := true
		for {
			var r rune
			var n int
			if isUTF8 {
				// utf8Codec.decode, static: a valid sequence (U+FFFD
				// from its three bytes included) is the bytes of its
				// rune. Those of three bytes (Chinese) and of two
				// (Latin-1, the first hop of text read twice) are
				// checked and copied inline, as utf8x.Decode3 and
				// utf8x.Decode2 check them.
				if c := bs[q]; c >= 0xE1 && c <= 0xEF && c != 0xED && q+2 < len(bs) && bs[q+1]&0xC0 == 0x80 && bs[q+2]&0xC0 == 0x80 {
					reps, n = append(reps, c, bs[q+1], bs[q+2]), 3
				} else if c >= 0xC2 && c <= 0xDF && q+1 < len(bs) && bs[q+1]&0xC0 == 0x80 {
					reps, n = append(reps, c, bs[q+1]), 2
				} else if r, n = utf8.DecodeRune(bs[q:]); r == utf8.RuneError && n <= 1 || n == 4 && !writtenSupplementary(r) {
					ok = false
					break
				} else {
					reps = append(reps, bs[q:q+n]...)
				}
			} else {
				if r, n = orig.decode(bs[q:]); n == 0 {
					ok = false
					break
				}
				reps = utf8.AppendRune(reps, r)
			}
			q += n
			for j < nr && bpos[j] < q {
				j++
			}
			if bpos[j] == q {
				break
			}
			if q >= len(bs) {
				ok = false
				break
			}
		}
		if !ok {
			reps = reps[:rs]
		}
		if !ok && rc.Orig == "utf8" && (rc.Wrong == "cp1252" || rc.Wrong == "latin1") {
			// A byte the reader dropped: complete the sequence when one
			// choice is clearly the likeliest.
			prev := rune('\n')
			if len(units) > 0 {
				prev = lastRep()
			}
			if c, fill, at, used, fok := fillDropped(bs, bpos[k], rc.Wrong, prev); fok && !sc.lostAfter(bpos[k]+used) {
				q := bpos[k] + used
				j := k + 1
				for j < nr && bpos[j] < q {
					j++
				}
				if bpos[j] == q {
					fa := j // the fill goes before the garbled rune starting at byte at
					for fa > k && bpos[fa] > at-0 && bpos[fa-1] >= at {
						fa--
					}
					reps = utf8.AppendRune(reps, c) // after the repairs before, at rs
					units = append(units, unit{gs: tpos[k], ge: tpos[j], rs: rs, re: len(reps), ok: true, fill: fill, fillAt: tpos[fa]})
					k = j
					continue
				}
			}
		}
		if !ok {
			units = append(units, unit{gs: tpos[k], ge: tpos[k+1], rs: len(reps), re: len(reps), lost: bs[bpos[k]] == 0xFF})
			k++
			continue
		}
		u := unit{gs: tpos[k], ge: tpos[j], rs: rs, re: len(reps), ok: true}
		u.ident = string(reps[rs:]) == text[u.gs:u.ge]
		units = append(units, u)
		k = j
	}
	sc.units, sc.reps, sc.all, sc.from = units, reps, string(reps), from
	return units
}

// repOf returns the repairs of units lo to hi of the last decodeUnits one
// after the other: a substring of the string that holds them all, since
// each unit's repair follows the one before.
func (sc *recodeScratch) repOf(lo, hi int) string {
	return sc.all[sc.units[lo].rs:sc.units[hi-1].re]
}

// recodeScratch holds the buffers of recodeUnits for reuse.
type recodeScratch struct {
	pos []int
	// tpos and bpos (in pos) and bs are encodeWrong's last stretch.
	tpos, bpos []int
	bs         []byte
	units      []unit
	reps       []byte
	all        string    // the repairs of the units, in one string (unit.rep, repOf)
	gains      []float64 // recodeStretch's gain of each unit
	// terms[k] are the scores unitGains gave the runes of unit k's
	// garbled text and repair, in gTerms and rTerms, for recodeSegment
	// to add up again (unitTerms).
	terms          []unitTerms
	gTerms, rTerms []float64
	// lostRunes are the U+FFFD runes of the last stretch, lost the bytes
	// restored behind some of them.
	lostRunes []int
	lost      []lostFill
	cache     stretchCache // restoreLost's
	// punct is restoreLost's memo of the punctuation statistics, kept
	// from one stretch and document to the next (see punctMemo).
	punct   *punctMemo
	stepRun []int     // outOfStep's
	steps   []stretch // outOfStep's marked text
	// from[k] is the unit of the cut before restoreUnits (in the old
	// buffers) that unit k is, -1 for none; empty when the units were
	// cut only once, or once unitGains has taken over the scores of
	// those units.
	from                 []int
	oldUnits             []unit
	oldGains             []float64
	oldTerms             []unitTerms
	oldGTerms, oldRTerms []float64
	// The buffers of findRecodes: its jobs, the order in which those of a
	// region run (or selectRecodes takes the candidates), and
	// selectRecodes' candidates, picks, marks and kept spans.
	jobs   []recodeJob
	order  []int
	found  []recodeCand
	picks  []int
	picked []bool
	taken  []stretch
	cp950  []stretch // the candidates through the cp950 reader (cp950Cands)
}

var recodeScratchPool = sync.Pool{New: func() any { return new(recodeScratch) }}

// writtenSupplementary reports whether r, a rune outside the BMP, is one
// that text is written with: assigned and no private use. Four bytes of
// a GBK text read as UTF-8 often spell an unassigned one (螫毒, F3 A7 B6
// BE, is U+E7DBE), which no writer of UTF-8 put there.
func writtenSupplementary(r rune) bool {
	return unicode.IsGraphic(r) && lm.Class(r) != lm.PrivateUse
}
