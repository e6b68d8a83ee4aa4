package lm

import (
	"math"
	"unicode"
)

// Triples of running text.
//
// The bigram estimate sees one character back: after 如果 it scores 果然
// (a word) far above 果没, so a repair that must guess the character after
// 如果 reads 如果然有 for 如果没有. The model also holds, for the pairs of
// Han characters that the running text of its corpus writes at least a
// few times (tools/genlm, MinTriContext), how often each Han character
// follows them, and how often the run of Han characters ends there.
// Trigram interpolates those counts with the bigram estimate:
//
//	P(c | a b) = (n(a b c) + triPrior·P(c | b)) / (n(a b ·) + triPrior)
//
// where n(a b ·) counts every continuation, the ends of runs included; so
// a pair seen often and never before c makes c unlikely, and a pair seen
// rarely says little. For anything but a Han character, n(a b end) plays
// the part of n(a b c) for the whole class, whose share of the bigram
// estimate is nonHanShare: 与日 is seldom followed by punctuation, so
// 与日。 does not escape the counts that 与日常 meets.

// triPrior is the weight, in counts, of the bigram estimate in Trigram.
const triPrior = 2

// nonHanShare is the share of running Chinese text that is not Han
// characters, the probability the bigram estimate gives to anything but
// a Han character after one (tools/genlm's HanShare is 0.85).
const nonHanShare = 0.15

// logTriPrior is log(triPrior).
var logTriPrior = math.Log(triPrior)

// logNonHanShare is log(nonHanShare).
var logNonHanShare = math.Log(nonHanShare)

// logSmall holds log(n + triPrior) and log(n + triPrior·nonHanShare) for
// the small counts n of most contexts: a model's 100,000 contexts take
// two logarithms each, a third of its parsing.
var logSmall = func() (t [2][1024]float64) {
	for n := range t[0] {
		t[0][n] = math.Log(float64(n) + triPrior)
		t[1][n] = math.Log(float64(n) + triPrior*nonHanShare)
	}
	return t
}()

// logPlusPrior returns log(n + triPrior).
func logPlusPrior(n uint32) float64 {
	if n < uint32(len(logSmall[0])) {
		return logSmall[0][n]
	}
	return math.Log(float64(n) + triPrior)
}

// logPlusEnd returns log(n + triPrior·nonHanShare).
func logPlusEnd(n uint32) float64 {
	if n < uint32(len(logSmall[1])) {
		return logSmall[1][n]
	}
	return math.Log(float64(n) + triPrior*nonHanShare)
}

// triples holds the contexts of the running text's triples: an
// open-addressing table from the pair (index of a, index of b) to the
// context, and per context the characters seen after it, by increasing
// index, with their counts, as the model file stores them.
type triples struct {
	slots []triSlot
	shift uint32 // 32 − log2(len(slots)): the slot is the top bits of the hash
	// The successors of context c are triples start[c] to start[c+1]:
	// triple j is the character of index idx[2j:2j+2] (little-endian),
	// seen cnt[j] times, or large[j] times when cnt[j] is 255.
	start  []uint32
	idx    []byte
	cnt    []byte
	large  map[uint32]uint16
	logDen []float32 // log(n(a b ·) + triPrior) of each context
	// logEnd is, for each context, how much more likely than anywhere
	// the run of Han characters ends after it: log((n(a b end) +
	// triPrior·nonHanShare) / (n(a b ·) + triPrior) / nonHanShare).
	logEnd []float32
}

// triSlot maps a pair key to its context; ctx is the context's index + 1,
// 0 for an empty slot.
type triSlot struct{ key, ctx uint32 }

// init makes room for n contexts.
func (t *triples) init(n int) {
	size, bits := 16, uint32(4)
	for size < 2*n {
		size, bits = size*2, bits+1
	}
	t.slots, t.shift = make([]triSlot, size), 32-bits
	t.start = append(make([]uint32, 0, n+1), 0)
	t.logDen = make([]float32, 0, n)
	t.logEnd = make([]float32, 0, n)
}

func triKey(ia, ib uint32) uint32 { return ia<<16 | ib }

func (t *triples) slot(key uint32) uint32 {
	return key * 0x9E3779B1 >> t.shift
}

// countAt returns the count of triple j.
func (t *triples) countAt(j uint32) int {
	if c := t.cnt[j]; c != 255 {
		return int(c)
	}
	return int(t.large[j])
}

// add adds the next context, of the pair (ia, ib), seen han times before a
// Han character and end times at the end of a run (the contexts are added
// in the order of start).
func (t *triples) add(ia, ib, han, end uint32) {
	key := triKey(ia, ib)
	ctx := uint32(len(t.logDen)) + 1
	den := logPlusPrior(han + end)
	t.logDen = append(t.logDen, float32(den))
	t.logEnd = append(t.logEnd, float32(logPlusEnd(end)-den-logNonHanShare))
	mask := uint32(len(t.slots) - 1)
	for h := t.slot(key); ; h = (h + 1) & mask {
		if t.slots[h].ctx == 0 {
			t.slots[h] = triSlot{key, ctx}
			return
		}
	}
}

// find returns the context of the pair (ia, ib), or -1.
func (t *triples) find(ia, ib int) int {
	if len(t.slots) == 0 {
		return -1
	}
	key := triKey(uint32(ia), uint32(ib))
	mask := uint32(len(t.slots) - 1)
	for h := t.slot(key); ; h = (h + 1) & mask {
		s := t.slots[h]
		if s.ctx == 0 {
			return -1
		}
		if s.key == key {
			return int(s.ctx) - 1
		}
	}
}

// countOf returns how often the character of index ic followed context
// ctx. The context's characters are sliced out of idx once and read a
// byte at a time, which the binary search does in fewer instructions than
// with binary.LittleEndian on a reslice of idx at every step.
func (t *triples) countOf(ctx, ic int) int {
	first := t.start[ctx]
	idx := t.idx[2*first : 2*t.start[ctx+1]]
	want := uint16(ic)
	lo, hi := 0, len(idx)/2
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if uint16(idx[2*h])|uint16(idx[2*h+1])<<8 < want {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if 2*lo+1 < len(idx) && uint16(idx[2*lo])|uint16(idx[2*lo+1])<<8 == want {
		return t.countAt(first + uint32(lo))
	}
	return 0
}

// Trigram returns log P(c | a b), the natural logarithm of the probability
// that running text writes c after a and b: the bigram estimate
// Bigram(b, c) refined by the model's counts after the pair a b (see
// triPrior). For a character c that is not Han, the counts say how often
// the run of Han characters ends after a b, and the bigram estimate is
// scaled by how much likelier that is than anywhere. ok is false when the
// model holds no counts after a b; the estimate is then Bigram(b, c).
func (m *Model) Trigram(a, b, c rune) (lp float64, ok bool) {
	return m.TrigramFrom(a, b, c, m.Bigram(b, c))
}

// TrigramFrom is Trigram for a caller that has bigram = Bigram(b, c) at
// hand.
func (m *Model) TrigramFrom(a, b, c rune, bigram float64) (lp float64, ok bool) {
	ctx := m.TrigramContext(a, b)
	if ctx < 0 {
		return bigram, false
	}
	return m.TrigramAt(ctx, c, bigram), true
}

// TrigramContext returns the context of the pair a b, which TrigramAt
// takes, or -1 when the model holds no counts after a b. A caller that
// asks about many characters after the same pair looks it up once.
func (m *Model) TrigramContext(a, b rune) int {
	if uint32(a) < 0x10000 && uint32(b) < 0x10000 {
		// The indices without lookup's map, as in Bigram.
		ia, ib := int(m.bmp[a].idx)-1, int(m.bmp[b].idx)-1
		if ia < 0 || ib < 0 {
			return -1
		}
		return m.tri.find(ia, ib)
	}
	ia := m.lookup(a)
	if ia < 0 {
		return -1
	}
	ib := m.lookup(b)
	if ib < 0 {
		return -1
	}
	return m.tri.find(ia, ib)
}

// TrigramAt is TrigramFrom(a, b, c, bigram) for the context ctx =
// TrigramContext(a, b) ≥ 0 of a b, where ok is always true.
func (m *Model) TrigramAt(ctx int, c rune, bigram float64) float64 {
	if !isHanRune(c) {
		return bigram + float64(m.tri.logEnd[ctx])
	}
	n := 0
	if ic := m.lookup(c); ic >= 0 {
		n = m.tri.countOf(ctx, ic)
	}
	den := float64(m.tri.logDen[ctx])
	if n == 0 {
		// log(triPrior·P(c|b)) − log(n(a b ·) + triPrior), without exp.
		return logTriPrior + bigram - den
	}
	return math.Log(float64(n)+triPrior*math.Exp(bigram)) - den
}

// isHanRune reports whether r is a Han character as tools/genlm counts
// them (unicode.Han), quickly for the common ones.
func isHanRune(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	case r < 0x2E80:
		return false
	}
	return unicode.Is(unicode.Han, r)
}
