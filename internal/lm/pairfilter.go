package lm

// pairFilter is a Bloom filter of the stored bigrams, one small filter per
// successor row. Most pairs that searches over candidate characters ask
// about (mojibake repair tries thousands per garbled run) are not stored;
// the filter answers that for about 98 % of them from one 64-bit word,
// where the binary search of the successor row costs up to ten
// unpredictable branches. The searches ask about many successors of the
// same character in a row, so each row's filter is contiguous and stays in
// the cache while they do. It is derived from the rows in Parse and never
// changes a result: a pair it does not know is not stored, and a false
// positive only costs the search.
type pairFilter struct {
	off   []uint32 // the filter of row a is words[off[a]:off[a+1]], a power of two long (or empty)
	words []uint64
}

// newPairFilter builds the filters of the rows: two bits per pair, 8 to 16
// bits of filter per pair (430 KB for the embedded model).
func newPairFilter(rowStart []uint32, succ []uint16) *pairFilter {
	n := len(rowStart) - 1
	f := &pairFilter{off: make([]uint32, n+1)}
	total := uint32(0)
	for a := 0; a < n; a++ {
		f.off[a] = total
		if k := rowStart[a+1] - rowStart[a]; k > 0 {
			w := uint32(1)
			for w*64 < 8*k {
				w *= 2
			}
			total += w
		}
	}
	f.off[n] = total
	f.words = make([]uint64, total)
	// The hash of a successor depends on the successor alone, apart from
	// the row's size, and each of the n indices is the successor of many
	// rows (29 on average in the embedded model): its two bits and the
	// twelve high bits that pick the word (of which a row takes as many
	// as its size needs) are worked out once, here, for 5.1M fewer
	// instructions than hashing every pair.
	type bits struct {
		word uint32 // hash(0, 4096, b): all twelve bits
		mask uint64
	}
	hashed := make([]bits, n)
	for b := range hashed {
		i, m := f.hash(0, 1<<12, b)
		hashed[b] = bits{i, m}
	}
	for a := 0; a < n; a++ {
		// Each row's filter is sliced once, and its successors hashed
		// into it: 3.2M fewer instructions for the embedded model than
		// indexing words by the row's offsets for every successor.
		row := f.words[f.off[a]:f.off[a+1]]
		last := uint32(len(row) - 1)
		for _, b := range succ[rowStart[a]:rowStart[a+1]] {
			h := hashed[b]
			row[h.word&last] |= h.mask
		}
	}
	return f
}

// hash returns the word of successor b in the filter words[lo:hi] of its
// row and its two bits; the row must not be empty.
func (f *pairFilter) hash(lo, hi uint32, b int) (uint32, uint64) {
	h := uint32(b) * 0x9E3779B1
	return lo + (h>>20)&(hi-lo-1), 1<<(h>>8&63) | 1<<(h>>14&63)
}

// mayHave reports whether the pair of indices a, b may be stored; false is
// certain.
func (f *pairFilter) mayHave(a, b int) bool {
	// The row's bounds are loaded once: mayHave is small enough to be
	// inlined into Bigram, which asks for every pair.
	lo, hi := f.off[a], f.off[a+1]
	if lo == hi {
		return false
	}
	i, m := f.hash(lo, hi, b)
	return f.words[i]&m == m
}
