package lm

import "testing"

// TestBMPTable checks that the painted table gives every BMP rune the
// class that classify gives it.
func TestBMPTable(t *testing.T) {
	tab := bmpTable()
	for r := range tab {
		if got, want := tab[r], classify(rune(r)); got != want {
			t.Errorf("U+%04X: table says %v, classify %v", r, got, want)
		}
	}
}
