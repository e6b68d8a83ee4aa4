package mojibake

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/lm"
)

// punctMemoMarks are marks the punctuation statistics count, and
// punctMemoRunes characters of every kind they tell apart (line ends,
// Latin, digits, spaces, Han with and without a context of its own,
// marks, other symbols, beyond the BMP, the searches' "no rune").
var (
	punctMemoMarks = []rune{'。', '，', '、', '：', '；', '！', '？', '「', '」', '（', '）', '“', '”', '《', '》', '…', '—', '.', ',', '(', ')'}
	punctMemoRunes = []rune{-1, 0, '\n', '\r', ' ', '\t', '\u3000', 'a', 'Z', '7', '的', '是', '鍙', '龘', 'Ａ', '＿', '€', '©',
		0xE000, utf8.RuneError, 0x20000, utf8.MaxRune}
)

// TestPunctMemoExact checks that the memo returns the statistics' Before
// and After bit for bit, when it asks them and when it holds the value,
// also after other pairs took the slot.
func TestPunctMemoExact(t *testing.T) {
	pm := lm.DefaultPunct()
	var marks []rune
	for _, r := range punctMemoMarks {
		if pm.IsMark(r) {
			marks = append(marks, r)
		}
	}
	require.GreaterOrEqual(t, len(marks), 10, "the statistics count the common marks")
	runes := append(append([]rune(nil), punctMemoRunes...), marks...)
	memo := new(punctMemo)
	var none *punctMemo // asks the statistics each time
	for pass := range 3 {
		for _, m := range marks {
			for _, r := range runes {
				assert.Equal(t, math.Float64bits(pm.Before(r, m)), math.Float64bits(memo.beforeMark(pm, r, m)), "pass %d: Before(%U, %U)", pass, r, m)
				assert.Equal(t, math.Float64bits(pm.After(m, r)), math.Float64bits(memo.afterMark(pm, m, r)), "pass %d: After(%U, %U)", pass, m, r)
				assert.Equal(t, math.Float64bits(pm.Before(r, m)), math.Float64bits(none.beforeMark(pm, r, m)), "nil memo: Before(%U, %U)", r, m)
				assert.Equal(t, math.Float64bits(pm.After(m, r)), math.Float64bits(none.afterMark(pm, m, r)), "nil memo: After(%U, %U)", m, r)
			}
		}
		if pass == 1 {
			// Fill every slot with other pairs: the values must come
			// back right after the evictions.
			for r := rune(0x4E00); r < 0x4E00+4*punctMemoSlots; r++ {
				memo.beforeMark(pm, r, marks[0])
				memo.afterMark(pm, marks[0], r)
			}
		}
	}
}

// TestPunctMemoEmpty checks that an empty entry holds no pair that can be
// asked: its key is the complement of the pair (-1, -1), and -1 is no
// mark.
func TestPunctMemoEmpty(t *testing.T) {
	key, _ := punctMemoKey(-1, -1)
	assert.Zero(t, key)
	assert.False(t, lm.DefaultPunct().IsMark(-1))
	var memo punctMemo
	for i := range memo.before {
		assert.Zero(t, memo.before[i].key)
		assert.Zero(t, memo.after[i].key)
	}
}

// FuzzPunctMemo checks the memo against the statistics for any pair of
// runes of the fuzzed text, a mark first or second.
func FuzzPunctMemo(f *testing.F) {
	f.Add("的。是，\n「」a1")
	f.Add("鍙戝睍锛�")
	pm := lm.DefaultPunct()
	memo := new(punctMemo)
	f.Fuzz(func(t *testing.T, s string) {
		prev := rune(-1)
		for _, r := range s {
			if pm.IsMark(r) {
				if got, want := memo.beforeMark(pm, prev, r), pm.Before(prev, r); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("Before(%U, %U) = %v, want %v", prev, r, got, want)
				}
			}
			if pm.IsMark(prev) {
				if got, want := memo.afterMark(pm, prev, r), pm.After(prev, r); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("After(%U, %U) = %v, want %v", prev, r, got, want)
				}
			}
			prev = r
		}
	})
}
