package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOverlaps checks when a repair found in the repaired text conflicts
// with a span of the first analysis: only when they share text, compared
// in the output for an applied repair and in the input for a report; a
// span that only touches the new repair does not conflict.
func TestOverlaps(t *testing.T) {
	// The input "ab" + "XY" + "cd": the span XY [2, 4) repaired as "xyz"
	// lies at [2, 5) of the output; as a report it stays at [2, 4).
	applied := Span{Start: 2, End: 4, Repair: "xyz", Repairable: true}
	report := Span{Start: 2, End: 4}
	for _, c := range []struct {
		name       string
		sp         Span
		w          window
		rs, re     int // the new repair in the output
		a, b       int // and where it maps in the input
		wantShared bool
	}{
		{"applied, r right after the repair", applied, window{2, 5}, 5, 7, 4, 6, false},
		{"applied, r right before the repair", applied, window{2, 5}, 0, 2, 0, 2, false},
		{"applied, r takes in the repair's last rune", applied, window{2, 5}, 4, 7, 2, 6, true},
		{"applied, r ends inside the repair", applied, window{2, 5}, 0, 3, 0, 2, true},
		{"applied, r inside the repair", applied, window{2, 5}, 3, 4, 2, 2, true},
		{"report, r right after it", report, window{-1, -1}, 4, 6, 4, 6, false},
		{"report, r right before it", report, window{-1, -1}, 0, 2, 0, 2, false},
		{"report inside r", report, window{-1, -1}, 1, 5, 1, 5, true},
		{"report, r takes in its end", report, window{-1, -1}, 3, 6, 3, 6, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Span{Start: c.rs, End: c.re}
			assert.Equal(t, c.wantShared, overlaps(r, &c.sp, c.w, c.a, c.b))
		})
	}
}
