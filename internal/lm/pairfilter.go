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
	rows  []pairRow // by vocabulary index
	words []uint64  // words[0] is zero: the filter of every empty row
}

// pairRow is what Bigram needs to know of the row of one character, in
// one place: its filter, its successors and its back-off weight (copied
// from Model.back), so that scoring a pair loads them from one cache line
// with one bounds check.
type pairRow struct {
	off   uint32  // the row's filter is words[off:off+mask+1], a power of two long
	start uint32  // the row's successors are Model.succ[start:start+n]
	back  float32 // the character's log back-off weight
	mask  uint16
	n     uint16
}

// newPairFilter builds the filters of the rows: two bits per pair, 16 to
// 32 bits of filter per pair (1.2 MB for the embedded model). With half
// as many bits, the row searches of the false positives cost the
// mojibake benchmarks 41,000 (FindDamaged) and 27,000 (FindDamagedShift)
// more instructions per operation. An empty row has the zero word 0
// (mask 0), which holds no pair, so that mayHave needs no test for it.
// Rows are shorter than 65536 since the vocabulary is.
func newPairFilter(rowStart []uint32, succ []uint16, back []float32) pairFilter {
	n := len(rowStart) - 1
	f := pairFilter{rows: make([]pairRow, n)}
	total := uint32(1)
	for a := 0; a < n; a++ {
		k := rowStart[a+1] - rowStart[a]
		f.rows[a] = pairRow{start: rowStart[a], back: back[a], n: uint16(k)}
		if k > 0 {
			w := uint32(1)
			for w*64 < 16*k {
				w *= 2
			}
			f.rows[a].off, f.rows[a].mask = total, uint16(w-1)
			total += w
		}
	}
	f.words = make([]uint64, total)
	// The hash of a successor depends on the successor alone, apart from
	// the row's size, and each of the n indices is the successor of many
	// rows (29 on average in the embedded model): its two bits and the
	// twelve high bits that pick the word (of which a row takes as many
	// as its size needs) are worked out once, here, for 5.1M fewer
	// instructions than hashing every pair.
	type bits struct {
		word uint32 // the word in a filter of 4096 words: all twelve bits
		mask uint64
	}
	hashed := make([]bits, n)
	for b := range hashed {
		i, m := pairHash(b)
		hashed[b] = bits{i, m}
	}
	for a := 0; a < n; a++ {
		// Each row's filter is sliced once, and its successors hashed
		// into it: 3.2M fewer instructions for the embedded model than
		// indexing words by the row's offsets for every successor.
		r := &f.rows[a]
		mask := uint32(r.mask)
		row := f.words[r.off : r.off+mask+1]
		for _, b := range succ[rowStart[a]:rowStart[a+1]] {
			h := hashed[b]
			row[h.word&mask] |= h.mask
		}
	}
	return f
}

// pairHash returns the word of successor b in a row's filter of 4096
// words, of which a shorter filter takes the low bits, and its two bits.
func pairHash(b int) (uint32, uint64) {
	h := uint32(b) * 0x9E3779B1
	return h >> 20, 1<<(h>>8&63) | 1<<(h>>14&63)
}

// mayHave reports whether the pair of indices a, b may be stored; false is
// certain.
func (f *pairFilter) mayHave(a, b int) bool {
	return f.rows[a].mayHave(f.words, b)
}

// mayHave reports whether the row may hold successor b of the filter
// words; false is certain.
func (r *pairRow) mayHave(words []uint64, b int) bool {
	i, m := pairHash(b)
	return words[r.off+i&uint32(r.mask)]&m == m
}
