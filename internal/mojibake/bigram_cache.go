package mojibake

import (
	"sync"

	"github.com/hanfix/hanfix/internal/lm"
)

// bigramCache remembers the model's Bigram of the character pairs an
// analysis asks about: the searches and the recodings score the same
// pairs again and again (the devset's damaged inputs ask about 124,000
// times in one Find), and the model's two vocabulary look-ups with its
// pair filter, a binary search of a successor row or the class rules of
// unmodelled characters cost more than a look-up here.
//
// It is direct-mapped and keyed by the whole pair (a, b) of BMP runes: an
// entry holds Bigram(a, b) of its own key, wherever that key maps, so a
// look-up returns exactly what the model would. An entry is 8 bytes, the
// pair and its score as a float32, so that twice as many fit in the
// processor's caches as with a 64-bit key and score: the model's scores
// are float32 sums, and the few that are not (some class rules of
// characters outside its vocabulary) are not kept, nor are pairs beyond
// the BMP, so every look-up still returns the model's float64 exactly.
// The model is immutable, so the entries stay valid for as long as the
// cache is used with it, from one analysis to the next
// (bigramCachePool); getBigramCache starts every entry with a pair of
// surrogates and its score, so there is no empty entry to tell apart.
type bigramCache struct {
	m   *lm.Model
	ent [bigramSlots]bigramEnt
}

// bigramEnt is one pair, packed as bmpPairKey does, and its Bigram.
type bigramEnt struct {
	key uint32
	lp  float32
}

// bigramBits is log2 of the number of entries: 32,768 entries (256 KB)
// answer well over half of the look-ups of the damaged devset inputs.
// With 16,384 (128 KB) BenchmarkFindDamaged runs 1.7% more instructions
// and misses the first-level data cache 3% more often; with 4,096 the
// misses cost about what the hits save.
const (
	bigramBits  = 15
	bigramSlots = 1 << bigramBits
)

// noPairKey is the key of the pair of surrogates U+D800 U+D800, which
// decoding never yields: the key of an entry that holds no pair yet. (The
// cache's callers score decoded text, so no look-up asks for it; the
// empty entries hold the pair's own score all the same, which a float32
// keeps exactly: TestBigramCacheExact.)
const noPairKey = 0xD800_D800

// bigramCachePool keeps the caches of finished analyses, with their
// entries, for the next.
var bigramCachePool sync.Pool

// getBigramCache returns a cache of m's pairs, from the pool if it has
// one of the same model.
func getBigramCache(m *lm.Model) *bigramCache {
	if c, ok := bigramCachePool.Get().(*bigramCache); ok && c.m == m {
		return c
	}
	c := &bigramCache{m: m}
	e := bigramEnt{noPairKey, float32(m.Bigram(0xD800, 0xD800))}
	for i := range c.ent {
		c.ent[i] = e
	}
	return c
}

// putBigramCache returns c to the pool; it must not be used afterwards.
func putBigramCache(c *bigramCache) {
	if c != nil {
		bigramCachePool.Put(c)
	}
}

// Bigram returns c.m.Bigram(a, b).
func (c *bigramCache) Bigram(a, b rune) float64 {
	if lp, ok := c.lookup(a, b); ok {
		return lp
	}
	return c.miss(a, b)
}

// lookup returns the Bigram of the pair (a, b) if the cache holds it (ok);
// otherwise miss scores it. The hottest callers (lpAdd, charLP) ask it
// themselves, since Bigram, with its call to miss, is too large to be
// inlined.
func (c *bigramCache) lookup(a, b rune) (lp float64, ok bool) {
	k, bmp := bmpPairKey(a, b)
	e := &c.ent[slotOf(k)]
	return float64(e.lp), bmp && e.key == k
}

// slotOf returns the entry of the pair packed in k (Fibonacci hashing:
// the pairs of neighbouring characters spread over the entries).
func slotOf(k uint32) uint32 {
	return k * 0x9E3779B1 >> (32 - bigramBits)
}

// miss scores the pair (a, b) and keeps it in its entry if it can (see
// bigramCache); it is apart from Bigram so that Bigram is inlined.
func (c *bigramCache) miss(a, b rune) float64 {
	lp := c.m.Bigram(a, b)
	if k, ok := bmpPairKey(a, b); ok && float64(float32(lp)) == lp {
		c.ent[slotOf(k)] = bigramEnt{k, float32(lp)}
	}
	return lp
}
