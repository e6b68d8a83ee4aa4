package lm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSuccessors(t *testing.T) {
	m := Default()
	n := 0
	prev := rune(-1)
	found := false
	for b, lp := range m.Successors('字') {
		n++
		assert.Greater(t, b, prev, "increasing")
		prev = b
		assert.Equal(t, m.Bigram('字', b), lp, "Bigram(字, %q)", b)
		if b == '符' {
			found = true
		}
	}
	require.Positive(t, n)
	assert.True(t, found, "字符 is a dictionary word")

	for range m.Successors('\u0001') {
		t.Fatal("a control character has no successors")
	}
	// Stopping early is allowed.
	for range m.Successors('字') {
		break
	}
}

func TestLatinBeforeString(t *testing.T) {
	s := DefaultLatin()
	for _, w := range []string{"visible", "Ctrl", "F9", "_x", ""} {
		for _, r := range []rune{'为', '文', '按', '把', 'x'} {
			assert.Equal(t, s.Before(r, []byte(w)), s.BeforeString(r, w), "%q before %q", r, w)
		}
	}
}
