package mojibake

import (
	"math"
	"testing"
)

// TestPairBonus checks the table of pairBonus against its definition.
func TestPairBonus(t *testing.T) {
	for n := uint64(1); n <= 1000; n++ {
		if got, want := pairBonus(n), min(maxCacheBonus, 1.5+math.Log(float64(n))); got != want {
			t.Fatalf("pairBonus(%d) = %v, want %v", n, got, want)
		}
	}
}
