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
// It is direct-mapped and keyed by the whole pair (a, b): an entry holds
// Bigram(a, b) of its own key, wherever that key maps, so a look-up
// returns exactly what the model would. The model is immutable, so the
// entries stay valid for as long as the cache is used with it, from one
// analysis to the next (bigramCachePool); getBigramCache starts every
// entry with a real pair and its score, so there is no empty entry to
// tell apart.
type bigramCache struct {
	m   *lm.Model
	ent [bigramSlots]bigramEnt
}

// bigramEnt is one pair, packed as pairKey does, and its Bigram.
type bigramEnt struct {
	key uint64
	lp  float64
}

// bigramBits is log2 of the number of entries: 16,384 entries (256 KB)
// answer well over half of the look-ups of the damaged devset inputs;
// with 4,096 the misses cost about what the hits save.
const (
	bigramBits  = 14
	bigramSlots = 1 << bigramBits
)

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
	e := bigramEnt{pairKey(-1, -1), m.Bigram(-1, -1)}
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

// pairKey packs the pair (a, b) into one key, a in the high half.
func pairKey(a, b rune) uint64 {
	return uint64(uint32(a))<<32 | uint64(uint32(b))
}

// Bigram returns c.m.Bigram(a, b).
func (c *bigramCache) Bigram(a, b rune) float64 {
	if e, k := c.entry(a, b); e.key == k {
		return e.lp
	}
	return c.miss(a, b)
}

// entry returns the entry of the pair (a, b) and the pair's key: the
// entry holds the pair's Bigram when its key is k, and miss scores it
// otherwise. The hottest callers (lpAdd, charLP) ask it themselves, since
// Bigram, with its call to miss, is too large to be inlined.
func (c *bigramCache) entry(a, b rune) (*bigramEnt, uint64) {
	k := pairKey(a, b)
	return &c.ent[slotOf(k)], k
}

// slotOf returns the entry of the pair packed in k (Fibonacci hashing:
// the pairs of neighbouring characters spread over the entries).
func slotOf(k uint64) uint64 {
	return k * 0x9E3779B97F4A7C15 >> (64 - bigramBits)
}

// miss scores the pair (a, b) and keeps it in its entry; it is apart from
// Bigram so that Bigram is inlined.
func (c *bigramCache) miss(a, b rune) float64 {
	k := pairKey(a, b)
	lp := c.m.Bigram(a, b)
	c.ent[slotOf(k)] = bigramEnt{k, lp}
	return lp
}
