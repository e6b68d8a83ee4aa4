package lm

import (
	"fmt"
	"math"
	"sync"
	"unicode/utf8"
)

// Model is a character bigram language model of Chinese text with
// hand-written class rules for everything else. A Model is immutable and
// safe for concurrent use.
type Model struct {
	bmp      [0x10000]runeEntry // every BMP rune
	supp     map[rune]uint16    // vocabulary index + 1 of supplementary runes
	runes    []rune             // vocabulary, increasing
	vuni     []float32          // Unigram by vocabulary index
	simp     []float32          // P(r) in the Simplified dictionary by index
	trad     []float32          // P(r) in the Traditional dictionary by index
	back     []float32          // log back-off weight by index
	rowStart []uint32           // successors of index i are succ[rowStart[i]:rowStart[i+1]]
	succ     []uint16           // successor indices, increasing within a row
	succQ    []uint8            // quantised log P(b|a) of each successor
	stored   pairFilter         // the pairs of succ, for quick misses
	tri      triples            // counts of three Han characters in a row (Trigram)
}

// runeEntry is what the model holds of one BMP rune. Bigram looks up
// both characters of a pair, and the back-off estimate of a pair that
// is not stored needs the Unigram of the second: in one entry, that
// reads one cache line where two arrays read two.
type runeEntry struct {
	uni float32 // Unigram (statistics or class floor)
	idx uint16  // vocabulary index + 1, 0 when unmodelled
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the model embedded in the package, decoding it on first
// use. It is safe for concurrent use and returns the same *Model every time.
// It panics only if the embedded data is corrupt, which the package tests
// rule out.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Parse(modelData)
		if err != nil {
			panic(fmt.Sprintf("lm: embedded model: %v", err))
		}
		defaultModel = m
	})
	return defaultModel
}

// qlp maps a quantised log-probability to its value.
var qlp = func() (t [256]float32) {
	for i := range t {
		t[i] = -float32(i) / probScale
	}
	return
}()

// qprob maps a quantised log-probability to the probability.
var qprob = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(math.Exp(-float64(i) / probScale))
	}
	return
}()

func newModel(n int) *Model {
	m := &Model{
		supp:     map[rune]uint16{},
		runes:    make([]rune, n),
		vuni:     make([]float32, n),
		simp:     make([]float32, n),
		trad:     make([]float32, n),
		back:     make([]float32, n),
		rowStart: make([]uint32, n+1),
	}
	fillFloors(&m.bmp)
	return m
}

func (m *Model) addRune(i int, r rune, qC, qS, qT, qB uint8) {
	m.runes[i] = r
	m.vuni[i] = qlp[qC]
	if qS != 0 {
		m.simp[i] = qprob[qS]
	}
	if qT != 0 {
		m.trad[i] = qprob[qT]
	}
	m.back[i] = -float32(qB) / backoffScale
	if r < 0x10000 {
		m.bmp[r] = runeEntry{uni: m.vuni[i], idx: uint16(i + 1)}
	} else {
		m.supp[r] = uint16(i + 1)
	}
}

// lookup returns the vocabulary index of r, or -1.
func (m *Model) lookup(r rune) int {
	if r >= 0 && r < 0x10000 {
		return int(m.bmp[r].idx) - 1
	}
	if i, ok := m.supp[r]; ok {
		return int(i) - 1
	}
	return -1
}

// Unigram returns log P(r), the natural logarithm of the probability of r in
// Chinese running text. Characters without statistics get a floor that
// depends on their class and block: common punctuation and ASCII letters
// score moderately, rare ideographs, box drawing, private use, controls and
// U+FFFD score very low.
func (m *Model) Unigram(r rune) float64 {
	if r >= 0 && r < 0x10000 {
		return float64(m.bmp[r].uni)
	}
	return m.unigramSupp(r)
}

// unigramSupp is Unigram outside the BMP, apart so that Unigram is small
// enough to be inlined.
func (m *Model) unigramSupp(r rune) float64 {
	if i, ok := m.supp[r]; ok {
		return float64(m.vuni[i-1])
	}
	return floor(r)
}

// uniAt returns the Unigram of b, of vocabulary index ib: for a BMP rune
// from its entry, which the caller has just read for the index.
func (m *Model) uniAt(b rune, ib int) float32 {
	if uint32(b) < 0x10000 {
		return m.bmp[b].uni
	}
	return m.vuni[ib]
}

// Bigram returns log P(b|a). Pairs seen inside dictionary words use the
// interpolated estimate; other pairs of modelled characters back off to
// Unigram(b) times the back-off weight of a, which keeps unseen pairs of
// common characters at a modest cost, since dictionary words say nothing
// about pairs across word boundaries. Pairs involving other characters
// follow the class rules (ASCII letter sequences, kana and Hangul runs).
func (m *Model) Bigram(a, b rune) float64 {
	if uint32(a) < 0x10000 && uint32(b) < 0x10000 {
		// The indices of BMP runes without lookup's map of the others:
		// with no call to make, none of the arguments is spilled.
		return m.bigram(a, int(m.bmp[a].idx)-1, b, int(m.bmp[b].idx)-1)
	}
	return m.bigram(a, m.lookup(a), b, m.lookup(b))
}

func (m *Model) bigram(a rune, ia int, b rune, ib int) float64 {
	if ia >= 0 {
		if ib < 0 {
			return m.Unigram(b) + classAdjust(a, b)
		}
		p := &m.stored.rows[ia]
		if !p.mayHave(m.stored.words, ib) {
			return float64(p.back + m.uniAt(b, ib))
		}
		row := m.succ[p.start : p.start+uint32(p.n)]
		t := uint16(ib)
		lo, hi := 0, len(row)
		for lo < hi {
			h := int(uint(lo+hi) >> 1)
			if row[h] < t {
				lo = h + 1
			} else {
				hi = h
			}
		}
		if lo < len(row) && row[lo] == t {
			return float64(qlp[m.succQ[int(p.start)+lo]])
		}
		return float64(p.back + m.uniAt(b, ib))
	}
	if a >= 0 && a < 0x80 && b >= 0 && b < 0x80 {
		return asciiBigram(byte(a), byte(b))
	}
	if lp, ok := latinBigram(a, b); ok {
		return lp
	}
	return m.Unigram(b) + classAdjust(a, b)
}

// LogProb returns the log-likelihood of s: Unigram of the first rune plus
// Bigram of every following pair. Invalid UTF-8 bytes count as U+FFFD. It
// does not allocate.
func (m *Model) LogProb(s string) float64 {
	lp, _ := m.logProb(s)
	return lp
}

// Score returns the log-likelihood per rune of s, LogProb(s) divided by the
// number of runes; it is 0 for the empty string. Higher is more Chinese-like.
// It does not allocate.
func (m *Model) Score(s string) float64 {
	lp, n := m.logProb(s)
	if n == 0 {
		return 0
	}
	return lp / float64(n)
}

func (m *Model) logProb(s string) (float64, int) {
	var (
		total float64
		n     int
		prev  rune
		pi    int
	)
	for i := 0; i < len(s); {
		r := rune(s[i])
		if r < utf8.RuneSelf {
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		ri := m.lookup(r)
		if n == 0 {
			total += m.Unigram(r)
		} else {
			total += m.bigram(prev, pi, r, ri)
		}
		prev, pi = r, ri
		n++
	}
	return total, n
}

// SimplifiedFreq returns the relative frequency of r among the characters of
// the Simplified Chinese dictionary (gse s_1.txt), or 0 if it does not occur.
// Frequencies are quantised to about 5%.
func (m *Model) SimplifiedFreq(r rune) float64 {
	if i := m.lookup(r); i >= 0 {
		return float64(m.simp[i])
	}
	return 0
}

// TraditionalFreq returns the relative frequency of r among the characters of
// the Traditional Chinese dictionary (gse t_1.txt), or 0 if it does not
// occur. Frequencies are quantised to about 5%.
func (m *Model) TraditionalFreq(r rune) float64 {
	if i := m.lookup(r); i >= 0 {
		return float64(m.trad[i])
	}
	return 0
}

// Len returns the number of characters with statistics in the model.
func (m *Model) Len() int { return len(m.runes) }

// Runes returns the modelled characters in increasing order. The slice is
// shared; callers must not modify it.
func (m *Model) Runes() []rune { return m.runes }

// Contains reports whether r has statistics in the model.
func (m *Model) Contains(r rune) bool { return m.lookup(r) >= 0 }
