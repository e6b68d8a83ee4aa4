package cer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "建设", 2},
		{"建设", "建設", 1},
		{"kitten", "sitting", 3},
		{"部门自身建设", "部门建设", 2},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Distance(tt.a, tt.b), "%q %q", tt.a, tt.b)
		assert.Equal(t, tt.want, Distance(tt.b, tt.a), "symmetric")
	}
}

func TestRate(t *testing.T) {
	assert.Equal(t, 0.0, Rate("", ""))
	assert.Equal(t, 1.0, Rate("x", ""))
	assert.Equal(t, 0.5, Rate("建設", "建设"))
	assert.Equal(t, 1.0, Rate("abcdef", "a"))
}

// naive is the textbook dynamic programme, to check the bit-vector one.
func naive(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cur := row[j]
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(rb)]
}

func TestDistanceLong(t *testing.T) {
	a := strings.Repeat("组织部门作为承担党的组织工作任务的施工队", 20)
	b := strings.Repeat("組織部門作為承擔黨的组织工作任務的施工隊伍", 17)
	assert.Equal(t, naive(a, b), Distance(a, b))
	assert.Equal(t, naive(a[:300], b), Distance(a[:300], b))
}

func FuzzDistance(f *testing.F) {
	f.Add("kitten", "sitting")
	f.Add(strings.Repeat("ab", 70), strings.Repeat("ba", 66))
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 400 || len(b) > 400 {
			return
		}
		if got, want := Distance(a, b), naive(a, b); got != want {
			t.Fatalf("Distance(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
