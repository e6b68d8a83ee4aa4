package mojibake

import (
	"math"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// The byte a lost lead swallowed.
//
// A misaligned run that ends in "?" lost the first byte of its last
// character's pair: under the byte model the decoder met a lead byte
// followed by a byte that cannot be a trail byte, wrote "?" and swallowed
// that byte too (end=lost:XX+HH). Which ASCII byte was swallowed is a guess
// among consumedBytes. The character model alone prefers a space (a
// cheap, common character), so 字符串,比如 came back as 字符 比如 and a
// sentence's comma as a space. The document itself says which of these
// bytes it writes after a Han character, before Han text and before ASCII
// text; that share, smoothed, ranks the guesses (consumedPrior).
//
// When the repair ends in a CJK punctuation mark, the document's own pairs
// of that mark and what follows rank it (punctJunction): a lost A3 after
// A1 reads 。 or 、 alike to the character model, but documents end lines
// and sentences with 。.
//
// A run that ends in "?" right before a Han character with nothing
// swallowed is impossible under the byte model (the lead byte would have
// paired with the Han character's first byte); only a break between
// separately decoded segments explains it, which happens at clause ends
// (潛力?。 in seed 001), not inside a clause, or where another misaligned
// segment starts (ICMP?嘈停?蛘呤… in Debian's iptables(8), where the text
// after the "?" is garbled again). Elsewhere such a reading ranks far below
// any reading that swallowed a byte (unswallowedCost).

// unswallowedRank is the ranking cost of a "?" before a Han character with
// nothing swallowed: large enough that any swallowing reading within
// reason wins, while the reading stays available when nothing else fits.
const unswallowedRank = 10.0

// unswallowedCost is the ranking cost of ending a run at the "?" before
// text[pos:] without swallowing a byte.
func unswallowedCost(text string, pos int) float64 {
	if pos >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[pos:])
	if lm.Class(r) != lm.Han {
		return 0 // a clause end, a line end, other script: a segment may end here
	}
	if suspiciousRune(r) || lm.Default().Unigram(r) < -11 {
		return 0 // garbled text follows: another misaligned segment starts here
	}
	return -unswallowedRank
}

// consumedStats counts the document's bytes of consumedBytes that follow a
// Han character, by what comes after them: [0] non-ASCII, [1] ASCII. A
// "?" is not counted: in a document with misaligned runs most question
// marks after Han characters are the runs' own lost bytes, and counting
// them made "?" the likeliest swallowed byte (字符?比如 for 字符,比如).
type consumedStats struct {
	n     [2][8]int // indexed like consumedBytes
	total [2]int
	// after counts the pairs of a CJK punctuation mark and what follows it
	// (the marks are nonzero).
	after pairTable
	// prior is consumedPrior by context and byte, computed once: the
	// search asks for it for every lost byte of every hypothesis.
	prior [2][8]float64
}

func consumedIndex(b byte) int {
	return int(consumedAt[b])
}

// consumedAt is consumedIndex by byte: swallowed asks it of every ASCII
// byte after a Han character.
var consumedAt = func() (t [256]int8) {
	for b := range t {
		t[b] = -1
	}
	for i, c := range consumedBytes {
		t[c] = int8(i)
	}
	return t
}()

func consumedContext(next byte) int {
	if next < 0x80 {
		return 1
	}
	return 0
}

// newConsumedStats returns empty statistics for evidence.buildPairs to
// fill: the pass that counts the document's pairs counts the swallowable
// bytes too (swallowed, and after for the marks), instead of a pass of
// their own over the text.
func newConsumedStats() *consumedStats {
	st := &consumedStats{}
	// The throughput documents have 50 to 390 distinct pairs of a mark
	// and what follows (200 on average): room for 256 spares most of
	// them the growing.
	st.after.init(256)
	return st
}

// swallowed counts text[i], an ASCII byte after a Han character, when it
// is one of consumedBytes other than "?" and comes before text other than
// a space or control.
func (st *consumedStats) swallowed(text string, i int) {
	if c := text[i]; c != '?' && i+1 < len(text) && text[i+1] > ' ' {
		if k := consumedIndex(c); k >= 0 {
			ctx := consumedContext(text[i+1])
			st.n[ctx][k]++
			st.total[ctx]++
		}
	}
}

// finish computes prior from the counts.
func (st *consumedStats) finish() {
	K := float64(len(consumedBytes))
	for ctx := range st.prior {
		for k, hb := range consumedBytes {
			p := math.Log((float64(st.n[ctx][k]) + 1) / (float64(st.total[ctx]) + K) * K)
			if hb == ' ' && ctx == 0 {
				p -= hanSpaceCost
			}
			st.prior[ctx][k] = p
		}
	}
}

// hanSpaceCost is the ranking cost of a swallowed space between Han text
// and Han text: Chinese sets no spaces between its words, while the
// character model scores a space after a Han character like any
// punctuation. (Its counterpart, 2 nats for a space before Latin text, is
// in terminateLost.)
const hanSpaceCost = 2.0

// consumedPrior is the log-ratio of hb's share among the swallowable bytes
// that the document writes after Han characters before text like next
// (add-one smoothed) to a uniform share: 0 for a document without such
// bytes, positive for the bytes it uses; a space before Han text costs
// hanSpaceCost more.
func (s *shiftScorer) consumedPrior(hb, next byte) float64 {
	k := consumedIndex(hb)
	if s.ev == nil || k < 0 {
		return 0
	}
	if s.cp == nil {
		s.ev.buildPairs()
		s.cp = s.ev.consumed
	}
	return s.cp.prior[consumedContext(next)][k]
}

func isCJKPunct(r rune) bool { return r >= 0x3000 && lm.Class(r) == lm.Punct }

// punctJunction is the document-cache bonus for a run whose repair ends in
// the CJK punctuation mark c followed by next: how often the document
// itself has the pair (。 ends lines, 、 never does).
func (s *shiftScorer) punctJunction(c, next rune) float64 {
	if s.ev == nil || !isCJKPunct(c) {
		return 0
	}
	if s.cp == nil {
		s.ev.buildPairs()
		s.cp = s.ev.consumed
	}
	n := s.cp.after.get(c, next)
	if n == 0 {
		return 0
	}
	return pairBonus(uint64(n))
}

// nextRune returns the rune at text[pos:], '\n' at the end.
func nextRune(text string, pos int) rune {
	if pos >= len(text) {
		return '\n'
	}
	r, _ := utf8.DecodeRuneInString(text[pos:])
	return r
}
