package lm

// pairFilter is a Bloom filter of the stored bigrams, keyed by the
// vocabulary indices of both characters. Most pairs that searches over
// candidate characters ask about (mojibake repair tries thousands per
// garbled run) are not stored; the filter answers that for about 95 % of
// them from one 64-bit word, where the binary search of the successor row
// costs up to ten unpredictable branches. It is derived from the rows in
// Parse and never changes a result: a pair it does not know is not stored,
// and a false positive only costs the search.
type pairFilter struct {
	words []uint64
	shift uint // 64 - log2(len(words))
}

// newPairFilter builds the filter of the rows: two bits per pair, 8 to 16
// bits of table per pair (512 KB for the embedded model).
func newPairFilter(rowStart []uint32, succ []uint16) *pairFilter {
	size, bits := 64, uint(6)
	for size*64 < 8*len(succ) {
		size, bits = size*2, bits+1
	}
	f := &pairFilter{words: make([]uint64, size), shift: 64 - bits}
	for a := 0; a+1 < len(rowStart); a++ {
		for _, b := range succ[rowStart[a]:rowStart[a+1]] {
			i, m := f.hash(a, int(b))
			f.words[i] |= m
		}
	}
	return f
}

func (f *pairFilter) hash(a, b int) (int, uint64) {
	h := (uint64(a)<<16 | uint64(b)) * 0x9E3779B97F4A7C15
	return int(h >> f.shift), 1<<(h>>20&63) | 1<<(h>>26&63)
}

// mayHave reports whether the pair of indices a, b may be stored; false is
// certain.
func (f *pairFilter) mayHave(a, b int) bool {
	i, m := f.hash(a, b)
	return f.words[i]&m == m
}
