package lm

import (
	"slices"
	"testing"
)

// TestPairFilterSameAsDirect checks the embedded model's filter against
// the straightforward construction, each successor hashed into the whole
// words slice with its row's bounds, and that it knows every stored pair.
func TestPairFilterSameAsDirect(t *testing.T) {
	m := Default()
	f := m.stored
	want := make([]uint64, len(f.words))
	for a := 0; a+1 < len(m.rowStart); a++ {
		for _, b := range m.succ[m.rowStart[a]:m.rowStart[a+1]] {
			i, bits := f.hash(f.off[a], f.off[a+1], int(b))
			want[i] |= bits
		}
	}
	if !slices.Equal(f.words, want) {
		t.Fatal("filter differs from the direct construction")
	}
	for a := 0; a+1 < len(m.rowStart); a++ {
		for _, b := range m.succ[m.rowStart[a]:m.rowStart[a+1]] {
			if !f.mayHave(a, int(b)) {
				t.Fatalf("stored pair %d,%d not in the filter", a, b)
			}
		}
	}
}
