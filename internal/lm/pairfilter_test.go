package lm

import "testing"

// TestPairFilterKnowsStored checks that the embedded model's filter knows
// every stored pair, that every non-empty row has a filter of its own
// and that the shared filter of the empty rows is empty.
func TestPairFilterKnowsStored(t *testing.T) {
	m := Default()
	f := &m.stored
	if f.words[0] != 0 {
		t.Fatal("the empty rows' filter is not empty")
	}
	for a := 0; a+1 < len(m.rowStart); a++ {
		if r := f.rows[a]; (m.rowStart[a+1] > m.rowStart[a]) != (r.off != 0) {
			t.Fatalf("row %d: filter at %d for %d successors", a, r.off, m.rowStart[a+1]-m.rowStart[a])
		}
		for _, b := range m.succ[m.rowStart[a]:m.rowStart[a+1]] {
			if !f.mayHave(a, int(b)) {
				t.Fatalf("stored pair %d,%d not in the filter", a, b)
			}
		}
	}
}
