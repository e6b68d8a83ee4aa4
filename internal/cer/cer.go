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
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cur := row[j]
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(rb)]
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
