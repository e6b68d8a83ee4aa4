package cer

import (
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
