// Package cer computes the character error rate used to score cleaned text
// against a gold standard: the Levenshtein distance between the two rune
// sequences divided by the length of the gold, capped at 1.
package cer

// Distance returns the Levenshtein distance between a and b, counted in
// runes, with unit costs.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Strip the common prefix and suffix: cleaned text is mostly equal.
	for len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		ra, rb = ra[1:], rb[1:]
	}
	for len(ra) > 0 && len(rb) > 0 && ra[len(ra)-1] == rb[len(rb)-1] {
		ra, rb = ra[:len(ra)-1], rb[:len(rb)-1]
	}
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(rb) == 0 {
		return len(ra)
	}
	return myers(ra, rb)
}

// myers computes the edit distance of text and pattern (the shorter) with
// Myers' bit-vector algorithm in 64-bit blocks (Hyyrö's formulation for
// global distance): O(len(text) * len(pattern) / 64).
func myers(text, pattern []rune) int {
	m := len(pattern)
	nb := (m + 63) / 64
	peq := make(map[rune][]uint64)
	for i, r := range pattern {
		v := peq[r]
		if v == nil {
			v = make([]uint64, nb)
			peq[r] = v
		}
		v[i/64] |= 1 << (i % 64)
	}
	pv := make([]uint64, nb)
	mv := make([]uint64, nb)
	for b := range pv {
		pv[b] = ^uint64(0)
	}
	zero := make([]uint64, nb)
	last := uint64(1) << ((m - 1) % 64)
	score := m
	for _, c := range text {
		eqs := peq[c]
		if eqs == nil {
			eqs = zero
		}
		hin := 1 // D[0][j] = j: every column starts one higher
		for b := 0; b < nb; b++ {
			eq := eqs[b]
			p, mm := pv[b], mv[b]
			xv := eq | mm
			if hin < 0 {
				eq |= 1
			}
			xh := (((eq & p) + p) ^ p) | eq
			ph := mm | ^(xh | p)
			mh := p & xh
			high := uint64(1) << 63
			if b == nb-1 {
				high = last
			}
			hout := 0
			if ph&high != 0 {
				hout = 1
			} else if mh&high != 0 {
				hout = -1
			}
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[b] = mh | ^(xv | ph)
			mv[b] = ph & xv
			hin = hout
		}
		score += hin
	}
	return score
}

// Rate returns Distance(got, gold) divided by the rune length of gold,
// capped at 1 (0 when both are empty).
func Rate(got, gold string) float64 {
	n := len([]rune(gold))
	d := Distance(got, gold)
	if n == 0 {
		if d == 0 {
			return 0
		}
		return 1
	}
	return min(1, float64(d)/float64(n))
}
