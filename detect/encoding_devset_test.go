package detect_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/devset"
)

// TestEncodingDevset checks encoding detection on the raw-encoding category
// of the shared development set and prints accuracy by size.
func TestEncodingDevset(t *testing.T) {
	set := devset.Load(t)
	cases := set.Category("g")
	require.NotEmpty(t, cases)
	type tally struct{ n, ok int }
	bySize := map[int]*tally{}
	for _, c := range cases {
		res := detect.Encoding(set.Input(t, c))
		tl := bySize[c.Labels.Size]
		if tl == nil {
			tl = &tally{}
			bySize[c.Labels.Size] = tl
		}
		tl.n++
		if slices.Contains(c.Labels.EncodingAccept, res.Encoding) {
			tl.ok++
		} else {
			t.Logf("miss %-28s want %-10s got %-10s %.3f %v", c.ID, c.Labels.Encoding, res.Encoding, res.Confidence, res.Candidates)
		}
	}
	sizes := make([]int, 0, len(bySize))
	for s := range bySize {
		sizes = append(sizes, s)
	}
	sort.Ints(sizes)
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%6s %5s %5s %8s\n", "size", "n", "ok", "accuracy")
	for _, s := range sizes {
		tl := bySize[s]
		fmt.Fprintf(&sb, "%6d %5d %5d %8.3f\n", s, tl.n, tl.ok, float64(tl.ok)/float64(tl.n))
	}
	t.Log(sb.String())
	for _, s := range sizes {
		tl := bySize[s]
		acc := float64(tl.ok) / float64(tl.n)
		min := 0.99
		if s < 100 {
			min = 0.90
		}
		require.GreaterOrEqual(t, acc, min, "accuracy at %d bytes", s)
	}
}
