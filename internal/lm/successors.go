package lm

import "iter"

// Successors yields the characters b that the model stores a statistic
// for after a, each with Bigram(a, b), in the order of the model's
// vocabulary (increasing rune). Every other character after a scores the
// back-off estimate. It yields nothing for a character the model does
// not know.
func (m *Model) Successors(a rune) iter.Seq2[rune, float64] {
	return func(yield func(rune, float64) bool) {
		ia := m.lookup(a)
		if ia < 0 {
			return
		}
		lo, hi := m.rowStart[ia], m.rowStart[ia+1]
		for k := lo; k < hi; k++ {
			if !yield(m.runes[m.succ[k]], float64(qlp[m.succQ[k]])) {
				return
			}
		}
	}
}
