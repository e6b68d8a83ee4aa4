package mojibake

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/lm"
)

// TestPunctMemo asks the memo and the statistics the same questions, many
// more than the memo has entries, each several times and in both
// directions, so that entries are replaced and found again: the answers
// are the same to the bit.
func TestPunctMemo(t *testing.T) {
	pm := lm.DefaultPunct()
	marks := []rune("，。、：；！？「」（）《》“”…—\n")
	others := []rune("的是在了不和有大这主中人上为们地个 aZ9\n\t-1" + "\U00020000\uFFFD\u3000€")
	others = append(others, -1)
	var m punctMemo
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		mark, other := marks[rng.IntN(len(marks))], others[rng.IntN(len(others))]
		if rng.IntN(2) == 0 {
			require.Equal(t, pm.Before(other, mark), m.before(pm, other, mark), "Before(%q, %q)", other, mark)
		} else {
			require.Equal(t, pm.After(mark, other), m.after(pm, mark, other), "After(%q, %q)", mark, other)
		}
	}
}

// TestPunctMemoKey checks that the questions the memo keeps apart pack to
// different keys, and none to the key of an empty entry.
func TestPunctMemoKey(t *testing.T) {
	runes := []rune{-1, 0, 1, '\n', 'a', '。', 0xFFFF, 0x10000, 0x10FFFF}
	seen := map[uint64]string{}
	for _, after := range []bool{false, true} {
		for _, a := range runes {
			for _, b := range runes {
				k := punctMemoKey(after, a, b)
				require.NotEqual(t, punctNoKey, k)
				q := string([]rune{a, b})
				if after {
					q = "after " + q
				}
				_, dup := seen[k]
				require.False(t, dup, "key of %q packs as that of %q", q, seen[k])
				seen[k] = q
			}
		}
	}
}
