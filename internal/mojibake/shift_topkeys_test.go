package mojibake

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTopKeys checks topKeys against a full sort: the smallest keys, in
// order, whatever order they are offered in.
func TestTopKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 9, 10, 11, 50, 5000} {
		keys := make([]uint64, n)
		for i := range keys {
			keys[i] = rng.Uint64N(1<<20)<<16 | uint64(i)
		}
		want := slices.Sorted(slices.Values(keys))
		want = append([]uint64{}, want[:min(n, maxDropEnds)]...)
		for range 3 {
			rng.Shuffle(n, func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
			var top topKeys
			for _, k := range keys {
				top.offer(k)
			}
			require.Equal(t, want, append([]uint64{}, top.keys[:top.n]...), "n=%d", n)
		}
	}
}
