package lm

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLatinEmbedded(t *testing.T) {
	s, err := ParseLatin(latinData)
	require.NoError(t, err)
	assert.Greater(t, len(s.chars), 3000)
	assert.Greater(t, len(s.words[0]), 1000)
	assert.Greater(t, len(s.words[1]), 1000)
	assert.Same(t, DefaultLatin(), DefaultLatin())
}

func TestParseLatinCorrupt(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"bad magic": []byte("HLW0\nsrc\n\n\x00\x00\x00"),
		"no header": []byte(latinMagic + "src\n"),
		"truncated": latinData[:len(latinData)/2],
		"trailing":  append(append([]byte(nil), latinData...), 1, 2, 3),
		"no counts": []byte(latinMagic + "src\n\n\x00\x00\x00"),
		"too many":  []byte(latinMagic + "src\n\n\x7f\x00"),
		"empty word": []byte(latinMagic + "src\n\n\x01\xe4\x9c\x01\x05\x00\x00\x00\x00\x00\x00" +
			"\x01\x00\x00\x00\x00"),
	} {
		_, err := ParseLatin(data)
		assert.ErrorIs(t, err, errFormat, name)
	}
}

// The statistics say what the character model cannot: which character
// running text writes next to a Latin word.
func TestLatinChoices(t *testing.T) {
	s := DefaultLatin()
	for _, c := range []struct {
		word         string
		before       bool // the character stands before the word
		better, than rune
	}{
		{"F9", true, '按', '把'},         // 按 F9: press F9
		{"Ctrl", true, '按', '安'},       // 按 Ctrl
		{"gcc", true, '个', '下'},        // 一个 gcc, not 一下 gcc
		{"perl", true, '入', '全'},       // 编入 perl
		{"10", true, '为', '认'},         // 默认为 10
		{"Configure", false, '的', '得'}, // Configure 的
	} {
		var b, w float64
		if c.before {
			b, w = s.Before(c.better, []byte(c.word)), s.Before(c.than, []byte(c.word))
		} else {
			b, w = s.After([]byte(c.word), c.better), s.After([]byte(c.word), c.than)
		}
		assert.Greater(t, b, w, "%c over %c next to %s", c.better, c.than, c.word)
	}
	// A character the statistics do not know, or no word, says nothing.
	assert.Zero(t, s.Before('\U0002A6A5', []byte("F9")))
	assert.Zero(t, s.Before('按', nil))
	// 安, common and never before an upper-case word, is told off for it.
	assert.Less(t, s.Before('安', []byte("Tab")), -2.0)
}

func BenchmarkLatinBefore(b *testing.B) {
	s := DefaultLatin()
	w := []byte("F9")
	for b.Loop() {
		_ = s.Before('按', w)
	}
}

func BenchmarkParseLatin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseLatin(latinData); err != nil {
			b.Fatal(err)
		}
	}
}
