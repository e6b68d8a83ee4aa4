package mojibake

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// A recoding is one hop of a codec chain: text that was bytes in Orig and
// was decoded as Wrong. The repair encodes with Wrong and decodes with Orig.
type recoding struct {
	Orig, Wrong string
}

func (r recoding) String() string { return r.Orig + "<-" + r.Wrong }

// The recodings tried, in order.
var recodings = [...]recoding{
	{"utf8", "cp1252"},
	{"utf8", "gbk"},
	{"big5", "gbk"},
	{"gbk", "big5"},
}

func kindOf(chain []recoding) string {
	if len(chain) > 1 {
		return KindChain
	}
	switch chain[0] {
	case recoding{"utf8", "cp1252"}, recoding{"utf8", "latin1"}:
		return KindUTF8Latin
	case recoding{"utf8", "gbk"}:
		return KindUTF8GBK
	case recoding{"big5", "gbk"}:
		return KindBig5GBK
	}
	return KindGBKBig5
}

// unit is the smallest aligned piece of a recoded stretch: garbled text
// [gs, ge) of the input that becomes its repair, bytes [rs, re) of the
// string that holds the repairs of all units of the cut (rep).
type unit struct {
	gs, ge int
	rs, re int
	ok     bool // the bytes decoded
	ident  bool // rep equals the garbled text
	lost   bool // the garbled text has U+FFFD: bytes were lost
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
// stand for one lost byte (sc.lostRunes). decodeUnits does not change
// them; restoreUnits restores lost bytes into sc.bs.
func encodeWrong(text string, start, end int, rc recoding, sc *recodeScratch) {
	wrong := codecNamed(rc.Wrong)
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
	lostReadable := rc.Wrong == "gbk" || rc.Wrong == "big5" || rc.Wrong == "cp1252"
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
		// Static calls for the codecs of the stretches (the one of
		// windows-1252 inlined: most stretches are windows-1252).
		var ok bool
		switch wrong.(type) {
		case cp1252Codec:
			bs, ok = cp1252Codec{}.appendRune(bs, r)
		case gbkCodec:
			bs, ok = gbkCodec{}.appendRune(bs, r)
		case big5Codec:
			bs, ok = big5Codec{}.appendRune(bs, r)
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
	sc.lost = restoreLost(sc.lost[:0], text, end, sc.bs, sc.bpos, sc.tpos, sc.lostRunes, rc, &sc.cache)
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
				} else if r, n = utf8.DecodeRune(bs[q:]); r == utf8.RuneError && n <= 1 {
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
			if c, fill, at, used, fok := fillDropped(bs, bpos[k], rc.Wrong, prev); fok {
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
}

var recodeScratchPool = sync.Pool{New: func() any { return new(recodeScratch) }}

func hasLost(lost map[int]bool, a, b int) bool {
	if len(lost) == 0 {
		return false
	}
	for i := a; i < b; i++ {
		if lost[i] {
			return true
		}
	}
	return false
}

// encodable reports whether every rune of s has bytes in the codec.
func encodable(c codec, s string) bool {
	var buf [8]byte
	for _, r := range s {
		if _, ok := c.appendRune(buf[:0], r); !ok {
			return false
		}
	}
	return true
}

// Fill is a byte that the wrong reader dropped, restored before the rune
// with index At (counted in runes from the start of the garbled span), or,
// when Lost is set, the byte that the U+FFFD at rune index At stands for.
type Fill struct {
	At   int
	B    byte
	Lost bool
}

// recodeString applies one hop to all of s; ok is false unless every byte
// decodes.
func recodeString(s string, rc recoding) (string, bool) {
	return recodeFilled(s, rc, nil)
}

// recodeFilled is recodeString with dropped bytes restored.
func recodeFilled(s string, rc recoding, fills []Fill) (string, bool) {
	hb := hopBufs.Get().(*hopBuf)
	out, ok := hb.recode(s, rc, fills)
	hopBufs.Put(hb)
	return out, ok
}

// hopBufs keeps the buffers of recodeFilled for the next call: most of
// the hops that recodeSegment tries fail, and a hop that fails then
// allocates nothing.
var hopBufs = sync.Pool{New: func() any { return new(hopBuf) }}

// hopBuf holds the bytes of a hop in the wrong codec (bs) and, unless the
// original codec is UTF-8, the UTF-8 of their decoding (out).
type hopBuf struct{ bs, out []byte }

// recode is recodeFilled with the buffers of hb.
func (hb *hopBuf) recode(s string, rc recoding, fills []Fill) (string, bool) {
	if rc.Orig == "utf8" && (rc.Wrong == "cp1252" || rc.Wrong == "latin1") {
		return hb.recodeByteUTF8(s, rc.Wrong == "cp1252", fills)
	}
	return hb.recodeAny(s, rc, fills)
}

// recodeAny is recode for any hop.
func (hb *hopBuf) recodeAny(s string, rc recoding, fills []Fill) (string, bool) {
	wrong, isCP1252, isGBK, isBig5 := codecNamed(rc.Wrong), rc.Wrong == "cp1252", rc.Wrong == "gbk", rc.Wrong == "big5"
	bs := hb.bs[:0]
	d := hopDecoder{orig: codecNamed(rc.Orig), utf8: rc.Orig == "utf8", out: hb.out[:0]}
	// fail keeps the buffers, as they have grown, for the next hop.
	fail := func() (string, bool) {
		hb.bs, hb.out = bs, d.out
		return "", false
	}
	if rc.Wrong == "utf8" && len(fills) == 0 {
		// The UTF-8 bytes of s are s, when every rune has them: no
		// invalid byte and no U+FFFD (the loop below fails on both).
		// (In valid UTF-8, the bytes of U+FFFD are U+FFFD: a substring
		// search finds it faster than decoding every rune.)
		if !utf8x.ValidString(s) || strings.Contains(s, "\uFFFD") {
			return fail()
		}
		bs = append(bs, s...)
		s = "" // nothing left to encode
	}
	i := 0
	for j := 0; j < len(s); {
		// The runes of s as ranging over it reads them, with the
		// three-byte runes of CJK text and the two-byte runes of
		// Latin-1 mojibake decoded inline.
		r, w := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := utf8x.Decode3(s, j); ok {
				r, w = r3, 3
			} else if r2, ok := utf8x.Decode2(s, j); ok {
				r, w = r2, 2
			} else {
				r, w = decodeRune(s, j)
			}
		}
		j += w
		if len(bs)-d.dec >= hopChunk && !d.decode(bs, false) {
			return fail()
		}
		for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
			bs = append(bs, fills[0].B)
			fills = fills[1:]
		}
		if len(fills) > 0 && fills[0].At == i && fills[0].Lost {
			if r != utf8.RuneError {
				return fail()
			}
			bs = append(bs, fills[0].B)
			fills = fills[1:]
			i++
			continue
		}
		// Static calls for the codecs of the hops, as in encodeWrong;
		// every codec writes ASCII as itself.
		var ok bool
		switch {
		case r < utf8.RuneSelf:
			bs, ok = append(bs, byte(r)), true
		case isCP1252:
			bs, ok = cp1252Codec{}.appendRune(bs, r)
		case isGBK:
			bs, ok = gbkCodec{}.appendRune(bs, r)
		case isBig5:
			bs, ok = big5Codec{}.appendRune(bs, r)
		default:
			bs, ok = wrong.appendRune(bs, r)
		}
		if !ok {
			return fail()
		}
		i++
	}
	for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
		bs = append(bs, fills[0].B)
		fills = fills[1:]
	}
	if len(fills) > 0 || !d.decode(bs, true) {
		return fail()
	}
	out := string(d.out)
	if d.utf8 {
		out = string(bs)
	}
	hb.bs, hb.out = bs, d.out
	return out, true
}

// recodeByteUTF8 is recode for a hop from UTF-8 read as windows-1252
// (cp1252) or ISO-8859-1, the hop of most long spans (Plan.undoHops
// replays each): every rune of s becomes one byte, looked up in a table
// in a loop of its own, without the calls of recode's loop for every
// rune, and the bytes are validated as UTF-8 a chunk at a time, as
// recode's hopDecoder does. (Replaying the spans of the devset's damaged
// inputs, it takes two thirds of the instructions recode took.) ASCII and
// the two-byte runes U+0080 to U+00FF, most of such text, are read byte
// by byte: both codecs write each of them as the byte of its value.
func (hb *hopBuf) recodeByteUTF8(s string, cp1252 bool, fills []Fill) (string, bool) {
	cp1252Tables()
	bs := hb.bs[:0]
	d := hopDecoder{utf8: true}
	// nextFill is the rune before which the next fill goes.
	nextFill := math.MaxInt
	if len(fills) > 0 {
		nextFill = fills[0].At
	}
	i := 0 // the runes of s so far
	for j := 0; j < len(s); {
		// ASCII and U+0080 to U+00FF up to the next fill and the next
		// chunk to validate, in a loop of their own: the loop below
		// without its tests for every rune.
		for n := min(nextFill-i, hopChunk-(len(bs)-d.dec)); n > 0 && j < len(s); n-- {
			if c := s[j]; c < utf8.RuneSelf {
				bs = append(bs, c)
				j++
			} else if c <= 0xC3 && c >= 0xC2 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
				bs = append(bs, c<<6|s[j+1]&0x3F)
				j += 2
			} else {
				break
			}
			i++
		}
		if j == len(s) {
			break
		}
		if len(bs)-d.dec >= hopChunk && !d.decode(bs, false) {
			hb.bs = bs
			return "", false
		}
		if i == nextFill {
			for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
				bs = append(bs, fills[0].B)
				fills = fills[1:]
			}
			lost := len(fills) > 0 && fills[0].At == i
			if lost {
				if r, _ := decodeRune(s, j); r != utf8.RuneError {
					hb.bs = bs
					return "", false
				}
				bs = append(bs, fills[0].B)
				fills = fills[1:]
			}
			nextFill = math.MaxInt
			if len(fills) > 0 {
				nextFill = fills[0].At
			}
			if lost {
				_, w := decodeRune(s, j)
				j += w
				i++
				continue
			}
		}
		c := s[j]
		switch {
		case c < utf8.RuneSelf:
			bs = append(bs, c)
			j++
		case c <= 0xC3 && c >= 0xC2 && j+1 < len(s) && s[j+1]&0xC0 == 0x80:
			// U+0080 to U+00FF: windows-1252 (see cp1252Codec) and
			// ISO-8859-1 write each as the byte of its value.
			bs = append(bs, c<<6|s[j+1]&0x3F)
			j += 2
		default:
			// The other runes of s as ranging over it reads them.
			r, w := rune(0), 2
			if r2, ok := utf8x.Decode2(s, j); ok {
				r = r2
			} else if r3, ok := utf8x.Decode3(s, j); ok {
				r, w = r3, 3
			} else {
				r, w = decodeRune(s, j)
			}
			// cp1252Codec.appendRune, or latin1Codec's.
			var b byte
			ok := false
			switch {
			case cp1252:
				if r < cp1252TabLen {
					if v := cp1252Tab[r]; v != 0 {
						b, ok = byte(v-1), true
					}
				}
			case r < 0x100:
				b, ok = byte(r), true
			}
			if !ok {
				hb.bs = bs
				return "", false
			}
			bs = append(bs, b)
			j += w
		}
		i++
	}
	for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
		bs = append(bs, fills[0].B)
		fills = fills[1:]
	}
	hb.bs = bs
	if len(fills) > 0 || !d.decode(bs, true) {
		return "", false
	}
	return string(bs), true
}

// hopChunk is how many bytes of a hop recodeFilled writes between two
// calls of hopDecoder.decode.
const hopChunk = 64

// hopDecoder decodes the bytes of a hop with the original codec while
// recodeFilled writes them, so that a hop whose bytes do not decode fails
// at the first bad character rather than after encoding all of its text
// (recodeSegment tries every hop on the repairs of whole spans, and most
// fail).
type hopDecoder struct {
	orig codec
	// utf8 is set for UTF-8, whose decoding fails exactly on invalid
	// bytes and re-encodes every valid rune as the bytes it came from:
	// the bytes are only validated, and they are the result.
	utf8 bool
	out  []byte // the UTF-8 of the runes decoded, unless utf8
	dec  int    // the bytes decoded (validated) so far
}

// decode decodes bs[d.dec:], all of it when final is set and otherwise up
// to where a character may continue into bytes not yet written, and
// reports whether it decoded.
func (d *hopDecoder) decode(bs []byte, final bool) bool {
	end := len(bs)
	if d.utf8 {
		if !final {
			// Stop at the last start byte: whatever sequence precedes it
			// is as complete there as it will ever be.
			for end--; end > d.dec && !utf8.RuneStart(bs[end]); end-- {
			}
		}
		if !utf8x.Valid(bs[d.dec:end]) {
			return false
		}
		d.dec = end
		return true
	}
	if !final {
		end -= utf8.UTFMax - 1 // a character has at most UTFMax bytes
	}
	if _, ok := d.orig.(cp1252Codec); ok && d.dec < end {
		// One byte a character, every byte one: the table without a
		// call for each (the repairs of long windows-1252 spans are
		// checked by encoding them back), and ASCII and the bytes from
		// 0xA0, whose characters are U+00A0 to U+00FF, written without
		// the table.
		cp1252Tables()
		for _, c := range bs[d.dec:end] {
			switch {
			case c < utf8.RuneSelf:
				d.out = append(d.out, c)
			case c >= 0xA0:
				d.out = append(d.out, 0xC0|c>>6, 0x80|c&0x3F)
			default:
				d.out = append(d.out, cp1252UTF8[c]...)
			}
		}
		d.dec = end
		return true
	}
	for d.dec < end {
		// Static calls for GBK and Big5, the original codecs of the CJK
		// hops.
		var r rune
		var n int
		switch d.orig.(type) {
		case gbkCodec:
			r, n = gbkCodec{}.decode(bs[d.dec:])
		case big5Codec:
			r, n = big5Codec{}.decode(bs[d.dec:])
		default:
			r, n = d.orig.decode(bs[d.dec:])
		}
		if n == 0 {
			return false
		}
		d.out = utf8.AppendRune(d.out, r)
		d.dec += n
	}
	return true
}

// lpText scores s with prev before it and next after it, with the
// scorer's cached Bigram and its document's script prior.
func lpText(sc *shiftScorer, prev rune, s string, next rune) (lp float64, n int) {
	lp, last, n := lpRun(sc, prev, s)
	return lp + sc.bg.Bigram(last, next), n
}

// lpRun is lpText without the junction after s; it also returns the last
// rune of s (prev when s is empty).
func lpRun(sc *shiftScorer, prev rune, s string) (lp float64, last rune, n int) {
	return lpAdd(sc, 0, prev, s, nil)
}

// lpAdd is lpRun continued: it adds the scores of the runes of s, one by
// one, to lp, and appends each to *terms (unless terms is nil), so that
// they can be added up again in the same order.
//
// A rune's score is its Bigram after the rune before it plus
// sc.ev.scriptLP(sc.m, r), read as sc.scriptLP reads it, inline: the
// script is settled at the first rune of U+4E00–U+9FFF, where scriptLP
// asks for it, and then kept for the others.
func lpAdd(sc *shiftScorer, lp float64, prev rune, s string, terms *[]float64) (float64, rune, int) {
	bg := sc.bg
	script, settled := sc.script, sc.scriptSet
	p, n := prev, 0
	for i := 0; i < len(s); {
		// The runes of s as ranging over it reads them, with the
		// three-byte runes of Chinese text and the two-byte runes of
		// Latin-1 mojibake decoded inline.
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := utf8x.Decode3(s, i); ok {
				r, w = r3, 3
			} else if r2, ok := utf8x.Decode2(s, i); ok {
				r, w = r2, 2
			} else {
				r, w = decodeRune(s, i)
			}
		}
		i += w
		e, k := bg.entry(p, r) // bg.Bigram(p, r), inlined
		t := e.lp
		if e.key != k {
			t = bg.miss(p, r)
		}
		x := 0.0 // sc.scriptLP(r)
		if r >= 0x4E00 && r <= 0x9FFF {
			if !settled {
				sc.settleScript()
				script, settled = sc.script, true
			}
			if script != 0 {
				x = scriptMismatch(script, scriptTab[r-0x4E00])
			}
		}
		t += x
		lp += t
		if terms != nil {
			*terms = append(*terms, t)
		}
		p = r
		n++
	}
	return lp, p, n
}
