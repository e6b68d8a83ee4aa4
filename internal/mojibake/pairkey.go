// Packing a pair of runes into one key, for the pair tables of an
// analysis (the document's pair counts, the bigram cache).

package mojibake

// pairKey packs the pair (a, b) into one key, a in the high half.
func pairKey(a, b rune) uint64 {
	return uint64(uint32(a))<<32 | uint64(uint32(b))
}

// bmpPairKey packs the pair (a, b) of BMP runes into 32 bits, a in the
// high half; ok is false when a or b is not a BMP rune (negative runes
// included), whose pairs pairKey packs instead; k means nothing then.
func bmpPairKey(a, b rune) (k uint32, ok bool) {
	return uint32(a)<<16 | uint32(b), uint32(a)|uint32(b) < 0x10000
}
