package mojibake

import (
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// GBK one-byte misalignment.
//
// The forward model (ARTIFACTS.md §2 and the development set): GBK text lost
// the first byte of a character, or had bytes inserted inside a character
// pair (a pinyin reading inserted after a pair that straddles two
// characters). Decoding then pairs the second byte of each character with
// the first byte of the next, until an ASCII-range byte resynchronises:
//
//	run      = start token* end
//	start    = "?"                  the orphaned first byte (lead=XX)
//	         | "?" pinyin ")"       the first byte of the next character ate
//	                                the "(" of a reading inserted after a
//	                                straddling pair (straddle=XXYY)
//	token    = pair (b_k, a_k+1) decoded; a full-width ASCII result made ASCII
//	         | nothing               a private-use pair dropped (drop@i=UUVV)
//	end      = ASCII 0x40–0x7E       the second byte of the last character
//	         | "€"                   the second byte 0x80
//	         | "?"                   a second byte ≥ 0x80 lost together with
//	                                the ASCII byte after it (end=lost:XX+HH)
//	         | token with ASCII second byte (end=absorbed)
//
// The repair re-encodes the tokens and decodes them in phase; the guessed
// bytes (lead, dropped pairs, lost last byte) are chosen by the language
// model and recorded in the plan.

const (
	maxShiftTokens = 48
	// shiftBeam is 6, not 16: the beam averages four hypotheses on the
	// damaged development set, and a sweep found no span, plan or
	// confidence of the golden dump that a beam of 6 changes (5 moves a
	// confidence, 4 loses a repair). It saves 0.5% of the instructions.
	shiftBeam     = 6
	maxShiftDrops = 3
	// shiftBehind is how far the hypotheses may fall behind a repair
	// that gains at least as much before the search stops (search). The
	// best hypothesis' lead over the garbled text is about the gain of a
	// repair that would end at the token, and past the run it shrinks
	// with every token. The golden dump is the same for 5, 10 and 15
	// (and, cutting whatever the repair gains, for anything from -3 to
	// 30); BenchmarkFindDamaged runs 1.6% fewer instructions with 15,
	// 3.4% with 10 and 4.4% with 5. 10 still lets a run go on through a
	// stretch that reads 10 nats (a factor of 22,000) worse.
	shiftBehind = 10
)

// shiftCand is a complete repair of a run.
type shiftCand struct {
	start, end int // span in the text
	repair     string
	plan       ShiftPlan
	score      float64 // log-probability of the repair with its junctions
	gain       float64 // score minus the log-probability of the garbled text
	rankGain   float64 // the same with the document-cache bonus
	// runnerUp is the rankGain of the best other repair the search met
	// (another text), -Inf when there was none.
	runnerUp float64
}

// shiftScorer scores characters in a document.
type shiftScorer struct {
	m   *lm.Model
	pm  *lm.PunctStats // the punctuation statistics, for a mark before a lost byte
	bg  *bigramCache   // m's Bigram, cached
	g   *gbkTable
	ev  *evidence
	tab *shiftTables
	cp  *consumedStats // the document's swallowable bytes after Han, built on first use
	lat *lm.LatinStats // the Latin-context statistics, for a swallowed space before a Latin word
	// The choices of the last dropped pair before a terminator, shared by
	// the hypotheses at a token.
	lostDrops lostDrops
	lastChars lastChars
	dropCache *[dropChoiceSlots]dropChoices
	// Scratch memory of the searches, reused from one to the next: the
	// beams of consecutive tokens (search), the hypotheses after dropped
	// pairs (dropStep, by slot) and before a terminator (dropStepFinal),
	// each valid until the next call that fills it.
	beams    [2][]shiftHyp
	dropOut  [maxDropShare][]shiftHyp
	finalOut []shiftHyp
	// prune's sort keys and the hypotheses it keeps.
	pruneKeys []rankKey
	pruneOut  []shiftHyp
	// arena is the memory of the searches' nodes, reset by each, and
	// toks the tokens of the last search.
	arena nodeArena
	toks  shiftTokens
	// glps is the memory of the last search's shiftEnds.glps, and
	// starts that of the last shiftAt's starts.
	glps   []glpAt
	starts []shiftStart
	// script is the document's script (see docScript), once scriptSet.
	script    int
	scriptSet bool
}

// newShiftScorer returns a scorer with the default model and no evidence,
// taken from scorerPool with the scratch memory of an earlier analysis;
// release returns it.
func newShiftScorer() *shiftScorer {
	m := lm.Default()
	s := scorerPool.Get().(*shiftScorer)
	s.lat, s.m, s.pm, s.bg, s.g, s.tab = lm.DefaultLatin(), m, lm.DefaultPunct(), getBigramCache(m), gbk(), shiftTabs()
	return s
}

// scorerPool keeps the scorers of finished analyses (release), so that
// the next analysis reuses their beams, arena chunks and other scratch
// memory instead of growing its own again.
var scorerPool = sync.Pool{New: func() any { return new(shiftScorer) }}

// shiftAt finds the best repair of a misaligned run starting with the "?"
// at q, or nil.
func (s *shiftScorer) shiftAt(text string, q int) *shiftCand {
	if s.ev != nil {
		// The search asks for the document's pairs (cacheBonus) and its
		// script (charLP): the pass that counts the pairs counts the
		// script too, if it comes first.
		s.ev.buildPairs()
	}
	g := s.g
	prevR, _ := utf8.DecodeLastRuneInString(text[:q])
	if q == 0 {
		prevR = '\n'
	}
	starts := s.starts[:0]
	if syl, end := readPinyinClose(text, q+1); end > 0 {
		if _, x, n := g.encode(prevR); n == 2 {
			ps := pinyin.ParseSyllable(syl) // asked of up to 191 characters
			for y := 0x40; y <= 0xFE; y++ {
				sr := g.decode2(x, byte(y))
				if sr == 0 || !ps.Of(sr) {
					continue
				}
				bonus := 0.0
				if s.ev != nil && s.ev.reading(sr) == syl {
					bonus = 2
				}
				starts = append(starts, shiftStart{h: shiftHyp{a: byte(y), prev: prevR, score: bonus, rank: bonus,
					straddle: uint16(x)<<8 | uint16(y), lead: byte(y)}, pos: end})
			}
		}
	}
	starts = append(starts, shiftStart{h: shiftHyp{a: 0, prev: prevR}, pos: q + 1})
	if q+1 < len(text) {
		switch b := text[q+1]; {
		case b == '?':
			starts = s.stopDropStarts(starts, text, q, prevR)
		case b >= 0x40 && b < 0x7F && s.cleanAfter(text, q+2):
			starts = s.stopDropASCIIStarts(starts, q, b, prevR)
		}
	}
	s.starts = starts

	var best *shiftCand
	tk := &s.toks
	for k, st := range starts {
		// The starts after a reading share their tokens.
		if k == 0 || st.pos != tk.start {
			tk.reset(g, text, st.pos)
		}
		if c := s.search(text, q, st, tk); c != nil {
			c.start = q
			switch {
			case best == nil:
				best = c
			case c.rankGain > best.rankGain:
				c.runnerUp = max(c.runnerUp, best.rankGain)
				best = c
			default:
				best.runnerUp = max(best.runnerUp, c.rankGain)
			}
		}
	}
	return best
}

// shiftStart is a hypothesis that a search of shiftAt starts from, before
// the token at pos: after the "?" alone, or after a reading of it. With
// stop, the "?" is the first byte of 。 and the pair of its second byte
// and h.a was dropped (stopDropStarts): the search emits the 。 first.
type shiftStart struct {
	h    shiftHyp
	pos  int
	stop bool
	// first ends the search after the first token: the stop's dropped
	// pair goes before a character whose second byte is that token, an
	// ASCII byte read in phase (stopDropASCIIStarts).
	first bool
}

// stopDropASCIIStarts appends to starts the starts of a run "?" b at q,
// b an ASCII byte 0x40–0x7E: 。 before a character whose first byte x is
// under A1, A3 x dropped, and whose second byte b is read in phase as the
// ASCII character it is (。僅 is A1 A3 83 48: "?H"). There is one start for
// each x of a character (x, b).
func (s *shiftScorer) stopDropASCIIStarts(starts []shiftStart, q int, b byte, prev rune) []shiftStart {
	// The likeliest few after 。 (a start runs a search of its own).
	var top [stopASCIIKeep]struct {
		x  byte
		lp float64
	}
	n := 0
	g := s.g
	for x := 0x81; x <= 0xA0; x++ {
		c := g.decode2(byte(x), b)
		if c == 0 || g.isPUA(c) || !g.isDropped(0xA3, byte(x)) || s.m.Unigram(c) < rareOriginal {
			continue
		}
		lp := s.bg.Bigram('。', c)
		j := n
		if n < len(top) {
			n++
		} else if lp > top[n-1].lp {
			j--
		} else {
			continue
		}
		for ; j > 0 && top[j-1].lp < lp; j-- {
			top[j] = top[j-1]
		}
		top[j].x, top[j].lp = byte(x), lp
	}
	for _, t := range top[:n] {
		starts = append(starts, shiftStart{h: shiftHyp{a: t.x, prev: prev, lead: 0xA1}, pos: q + 1, stop: true, first: true})
	}
	return starts
}

// cleanAfter reports whether text[i:] starts as clean Chinese text goes
// on after a run: not with an ASCII letter or digit glued to what came
// before (the letter before it was more likely part of a word or a longer
// run: 矣?^o之 is no 。區 before o之), nor with a character that mojibake
// makes or clean text hardly has (名稱?T赱 is no 。員 before 赱).
func (s *shiftScorer) cleanAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	if r < 0x80 {
		return !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
	}
	return !suspiciousRune(r) && (lm.Class(r) != lm.Han || s.m.Unigram(r) >= rareOriginal)
}

// stopASCIIKeep is how many characters stopDropASCIIStarts tries.
const stopASCIIKeep = 3

// stopDropStarts appends to starts the starts of a run "??pinyin)" at q:
// 。 (A1 A3) before a character whose first byte x is under A1, so that
// the pair A3 x is a private-use position the decoder dropped, and whose
// second byte the decoder lost with the "(" of its reading (。對(duì) is
// A1 A3 8C A6 "(duì)": "??duì)"). There is one start for each x of a
// character with that reading; the search, from the second "?", ends the
// run there with the reading's character (terminateLost).
func (s *shiftScorer) stopDropStarts(starts []shiftStart, text string, q int, prev rune) []shiftStart {
	syl, end := readPinyinClose(text, q+2)
	if end < 0 {
		return starts
	}
	last := byte(0) // the first byte of the last start, codes being in order
	for _, code := range withReading(s.g, syl) {
		if x := byte(code >> 8); x != last && x <= 0xA0 && s.g.isDropped(0xA3, x) {
			starts = append(starts, shiftStart{h: shiftHyp{a: x, prev: prev, lead: 0xA1}, pos: q + 1, stop: true})
			last = x
		}
	}
	return starts
}

// search runs the beam over the tokens of tk.
func (s *shiftScorer) search(text string, q int, st shiftStart, tk *shiftTokens) *shiftCand {
	s.arena.reset(s.bg)
	s.settleScript() // for scriptLP below
	h0 := st.h
	h0.arena = &s.arena
	if st.stop {
		// 。 and the dropped pair (A3, h0.a): the character after it
		// is the one dropStep would emit, with the same offset.
		h0.emit('。', s.charLP(h0.prev, '。', false)+leadPrior('。', 0xA3), s.leadCache(h0.prev, '。'))
		h0.drops = h0.arena.withDrop(nil, shiftDrop{At: 0, U: 0xA3, V: h0.a})
		h0.add(dropAdjust)
	}
	beam := []shiftHyp{h0}
	ends := &shiftEnds{s: s, text: text, q: q, prev: h0.prev, runnerUp: math.Inf(-1), glps: s.glps[:0]}
	// gPrefix is the log-probability of the garbled text up to token i,
	// to stop when every hypothesis is far worse than the garbled text.
	gPrefix, gPrev := s.bg.Bigram(h0.prev, '?'), rune('?')
	if h0.straddle != 0 && tk.has(0) {
		p := tk.ts[0].pos
		gPrefix = s.lpJoin(h0.prev, text[q:p], 0) - s.bg.Bigram(lastRune(text[:p]), 0)
		gPrev = lastRune(text[:p])
	}
	// The beams of consecutive tokens take turns in two buffers: the
	// hypotheses of token i are built from those of token i-1 (copied),
	// whose buffer is free again at token i+1.
	beamBufs := &s.beams
	// (Past the last token the beam would end: no terminator, no
	// hypothesis after it.)
	if st.first {
		// The run is the 。 and the character whose second byte is the
		// first token.
		if tk.has(0) && tk.ts[0].r >= 0x40 && tk.ts[0].r < 0x7F {
			s.terminateASCII(text, h0, tk.ts[0], ends)
		}
		beam = nil
	}
	for i := 0; len(beam) > 0 && tk.has(i); i++ {
		toks := tk.ts
		t := toks[i]
		if i > 0 {
			// Stop when every hypothesis reads far worse than the garbled
			// text, or far worse than the best complete repair: past the
			// run, the text is in phase and decoding it shifted is noise.
			// -15, not -30: the golden dump is the same down to -5, and
			// the searches stop a few tokens earlier (about 1% fewer
			// instructions in BenchmarkFindDamaged and FindSeed001).
			lim := -15.0
			if best := ends.best; best != nil && best.rankGain > 0 {
				lim = min(lim, best.rankGain-25)
			}
			if best := ends.best; best != nil && best.rankGain >= shiftBehind {
				lim = best.rankGain - shiftBehind
			}
			if beam[0].rank-gPrefix < lim {
				break
			}
		}
		gPrefix += s.bg.Bigram(gPrev, t.r) + s.scriptLP(t.r)
		gPrev = t.r
		nextBeam := beamBufs[i&1][:0]
		var stepBuf [12]shiftHyp
		// The best two hypotheses try a dropped pair before t, the second
		// only within dropGap of the first; they share their state byte,
		// so one dropStep serves both (its results are appended in the
		// order of the beam below).
		var drops [maxDropShare][]shiftHyp
		// Absorbed: token i's second byte is an ASCII character, the
		// first of a Latin word or number that continues after the run.
		absorbed := t.tok && t.v >= 0x40 && t.v < 0x7F && t.r >= 0x80 && (t.end >= len(text) || text[t.end] < 0x80)
		if t.tok && (t.v >= 0x81 && t.v != 0xFF || absorbed) {
			var hsBuf [maxDropShare]shiftHyp
			var jsBuf [maxDropShare]int
			hs, js := hsBuf[:0], jsBuf[:0]
			for j := 0; j < maxDropShare && j < len(beam); j++ {
				if len(beam[j].drops) < maxShiftDrops && beam[0].rank-beam[j].rank <= dropGap {
					hs, js = append(hs, beam[j]), append(js, j)
				}
			}
			if len(hs) == 2 && hs[0].a != hs[1].a {
				d0, d1 := s.dropStep(hs[:1], i, t.u, 0), s.dropStep(hs[1:], i, t.u, 1)
				drops[js[0]], drops[js[1]] = d0[0], d1[0]
			} else if len(hs) > 0 {
				d := s.dropStep(hs, i, t.u, 0)
				for k, j := range js {
					drops[j] = d[k]
				}
			}
		}
		for j, h := range beam {
			// Terminators at i.
			s.terminate(text, h, j, beam[0].rank-h.rank, toks, i, ends)
			if !t.tok {
				continue
			}
			if absorbed {
				for _, hh := range s.step(stepBuf[:0], h, t.u) {
					ends.consider(&hh, endAbsorbed, 0, 0, rune(t.v), t.end)
				}
				// A dropped pair before the last character (进入d read
				// as 墙雂 after F8 C8 was dropped).
				if j < maxDropShare {
					for _, hh := range drops[j] {
						ends.consider(&hh, endAbsorbed, 0, 0, rune(t.v), t.end)
					}
				}
			}
			if t.v < 0x81 || t.v == 0xFF {
				continue
			}
			k := len(nextBeam)
			nextBeam = s.step(nextBeam, h, t.u)
			for ; k < len(nextBeam); k++ {
				nextBeam[k].a = t.v
			}
			if j < maxDropShare {
				for _, hh := range drops[j] {
					hh.a = t.v
					nextBeam = append(nextBeam, hh)
				}
			}
		}
		beamBufs[i&1] = nextBeam
		beam = s.prune(nextBeam)
	}
	s.glps = ends.glps
	if ends.best != nil {
		ends.best.runnerUp = ends.runnerUp
	}
	return ends.best
}

// step appends to out the hypotheses that emit the character (h.a, u); for
// an unknown lead it branches over the likeliest leads.
func (s *shiftScorer) step(out []shiftHyp, h shiftHyp, u byte) []shiftHyp {
	if h.a != 0 {
		c := s.g.decode2(h.a, u)
		if c == 0 || s.g.isPUA(c) {
			return out
		}
		h.drops = h.drops[:len(h.drops):len(h.drops)]
		h.emit(c, s.charLP(h.prev, c, true), s.cacheBonus(h.prev, c))
		return append(out, h)
	}
	for k, a := range s.tab.leads[u] {
		// The six likeliest leads, not twelve: the golden dump is the
		// same down to five (four changes a repair); 0.7% of
		// the instructions.
		if k >= 6 {
			break
		}
		hh := h
		hh.lead = a
		c := s.g.decode2(a, u)
		hh.emit(c, s.charLP(h.prev, c, false)+leadPrior(c, u), s.leadCache(h.prev, c))
		out = append(out, hh)
	}
	return out
}

// release returns the scorer and its caches to their pools; the scorer
// must not be used afterwards.
//
// The scorer is put back as a zero scorer but for the memory of its
// scratch buffers, emptied: nothing of the document (its evidence,
// script, consumed-byte statistics, the choices cached for a state byte
// and offset, its text) can reach the next analysis, and a field added
// later starts at zero unless it is carried over here.
func (s *shiftScorer) release() {
	putBigramCache(s.bg)
	if c := s.dropCache; c != nil {
		for i := range c {
			c[i].used = false
		}
		dropCachePool.Put(c)
	}
	arena, dropOut := s.arena, s.dropOut
	arena.reset(nil)
	for i, d := range dropOut {
		dropOut[i] = d[:0]
	}
	*s = shiftScorer{
		lostDrops: lostDrops{groups: s.lostDrops.groups[:0], ents: s.lostDrops.ents[:0]},
		lastChars: lastChars{cands: s.lastChars.cands[:0], cons: s.lastChars.cons[:0]},
		beams:     [2][]shiftHyp{s.beams[0][:0], s.beams[1][:0]},
		dropOut:   dropOut,
		finalOut:  s.finalOut[:0],
		pruneKeys: s.pruneKeys[:0],
		pruneOut:  s.pruneOut[:0],
		arena:     arena,
		toks:      shiftTokens{ts: s.toks.ts[:0]},
		glps:      s.glps[:0],
		starts:    s.starts[:0],
	}
	scorerPool.Put(s)
}

func (s *shiftScorer) prune(hs []shiftHyp) []shiftHyp {
	if len(hs) <= 1 {
		return hs
	}
	// The same algorithm as sort.Slice with less = rank >, so that ties
	// keep their order, without its allocations. It sorts the ranks with
	// the hypotheses' places and gathers the hypotheses after: pdqsort's
	// steps depend only on the length and the comparisons, so the order
	// is the same, without moving whole hypotheses.
	keys := s.pruneKeys[:0]
	for i := range hs {
		keys = append(keys, rankKey{hs[i].rank, i})
	}
	if len(keys) <= 12 {
		// What pdqsort does with 12 elements or fewer (maxInsertion),
		// without a call per comparison.
		for i := 1; i < len(keys); i++ {
			for j := i; j > 0 && keys[j].rank > keys[j-1].rank; j-- {
				keys[j], keys[j-1] = keys[j-1], keys[j]
			}
		}
	} else {
		slices.SortFunc(keys, func(x, y rankKey) int {
			switch {
			case x.rank > y.rank:
				return -1
			case x.rank < y.rank:
				return 1
			}
			return 0
		})
	}
	s.pruneKeys = keys
	// merge states with the same (a, prev)
	out := s.pruneOut[:0]
outer:
	for _, k := range keys {
		h := &hs[k.i]
		for j := range out {
			if out[j].a == h.a && out[j].prev == h.prev {
				continue outer
			}
		}
		out = append(out, *h)
		if len(out) >= shiftBeam {
			break
		}
	}
	s.pruneOut = out
	return append(hs[:0], out...)
}

// rankKey is a hypothesis's rank and place, which prune sorts.
type rankKey struct {
	rank float64
	i    int
}
