package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestApplyEdits(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		edits []Edit
		want  string
	}{
		{"none", "abc", nil, "abc"},
		{"replace", "abc", []Edit{{Start: 1, End: 2, After: "XY"}}, "aXYc"},
		{"delete", "abc", []Edit{{Start: 0, End: 1}}, "bc"},
		{"insert", "abc", []Edit{{Start: 3, End: 3, After: "d"}}, "abcd"},
		{"several", "建設(shè)發(fā)展", []Edit{{Start: 6, End: 12}, {Start: 15, End: 20}}, "建設發展"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, checkEdits(tt.text, tt.edits))
			assert.Equal(t, tt.want, applyEdits(tt.text, tt.edits))
		})
	}
}

func TestCheckEdits(t *testing.T) {
	text := "中文abc"
	for _, bad := range [][]Edit{
		{{Start: 1, End: 3}},                     // splits 中
		{{Start: 0, End: 3}, {Start: 2, End: 4}}, // overlap
		{{Start: 4, End: 2}},                     // reversed
		{{Start: 0, End: 99}},                    // out of range
		{{Start: 0, End: 1, After: "\xff"}},      // invalid UTF-8
	} {
		assert.Error(t, checkEdits(text, bad), "%v", bad)
	}
}

func TestStageMapBack(t *testing.T) {
	// input "ab(x)cd" -> delete "(x)" -> "abcd"; then replace "c" -> "CC".
	text := "ab(x)cd"
	e1 := []Edit{{Start: 2, End: 5}}
	mid := applyEdits(text, e1)
	require.Equal(t, "abcd", mid)
	m := newStageMap(e1)
	assert.Equal(t, 0, m.back(0, false))
	assert.Equal(t, 5, m.back(2, false), "a start right after a deletion maps after it")
	assert.Equal(t, 2, m.back(2, true), "an end right before a deletion maps before it")
	assert.Equal(t, 7, m.back(4, true))

	// Through two stages.
	e2 := []Edit{{Start: 2, End: 3, After: "CC"}}
	out := applyEdits(mid, e2)
	require.Equal(t, "abCCd", out)
	maps := []stageMap{m, newStageMap(e2)}
	assert.Equal(t, 5, mapBack(maps, 2, false))
	assert.Equal(t, 6, mapBack(maps, 4, true))
	assert.Equal(t, 6, mapBack(maps, 3, true), "an end inside a replacement maps to the end of what it replaced")
	assert.Equal(t, 7, mapBack(maps, 5, true))
}

// mapChangesBack gives the offsets mapBack gives, for changes in text
// order and for changes out of order.
func TestMapChangesBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randomEdits := func(n int) []Edit {
		var edits []Edit
		for pos := 0; pos < n; {
			pos += rng.IntN(4)
			if pos > n {
				break
			}
			end := min(n, pos+rng.IntN(3))
			edits = append(edits, Edit{Start: pos, End: end, After: strings.Repeat("x", rng.IntN(3))})
			pos = end
		}
		return edits
	}
	for round := 0; round < 200; round++ {
		text := strings.Repeat("a", 1+rng.IntN(40))
		var maps []stageMap
		for stage := 0; stage < 4; stage++ {
			edits := randomEdits(len(text))
			require.NoError(t, checkEdits(text, edits))
			cs := make([]Change, len(edits))
			for i, e := range edits {
				cs[i] = Change{Start: e.Start, End: e.End}
			}
			if round%5 == 0 {
				rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
			}
			want := make([]Change, len(cs))
			for i, c := range cs {
				want[i] = Change{Start: mapBack(maps, c.Start, false), End: mapBack(maps, c.End, true)}
			}
			mapChangesBack(maps, cs)
			require.Equal(t, want, cs, "round %d stage %d", round, stage)
			text = applyEdits(text, edits)
			maps = append(maps, newStageMap(edits))
		}
	}
}

// TestValidAfter checks validAfter against utf8.ValidString on strings of
// random bytes drawn from around the three-byte lead and continuation
// ranges.
func TestValidAfter(t *testing.T) {
	alphabet := []byte{'a', 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300000 {
		b := make([]byte, rng.IntN(10))
		for k := range b {
			b[k] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		require.Equal(t, utf8.ValidString(s), validAfter(s), "%q", s)
	}
	for _, s := range []string{"", "着", "設置", "中a", "\xed\xa0\x80", "\xe0\x80\x80", "\xe0\xa0\x80", "中\xe4"} {
		require.Equal(t, utf8.ValidString(s), validAfter(s), "%q", s)
	}
}
