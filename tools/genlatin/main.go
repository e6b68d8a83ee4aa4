// Command genlatin writes the Latin-context statistics of package lm
// (latin.bin): which Han characters running text writes right before and
// right after a Latin word.
//
// The character model of package lm is learned from dictionary words, so
// it knows nothing of the Latin words that technical Chinese mixes in: it
// cannot tell that 按 stands before F9, Ctrl and Enter and 把 does not.
// genlatin counts it in running text, the lines of clean Chinese prose
// that scripts/debian-corpus.sh extracts from Debian's documentation
// packages (about 21 MB). A word is a run of ASCII letters, digits and
// '_'; it is next to a Han character when at most one space stands between
// them. For every Han character genlatin counts its occurrences, and how
// often a word of each class (first byte an upper-case letter, a
// lower-case letter or '_', a digit) follows it and precedes it; for every
// word seen next to Han characters at least minWord times on one side, the
// characters seen there at least minPair times.
//
// Format (counts as unsigned varints, runes delta-coded within a list,
// words in byte order):
//
//	"HLW1\n"
//	sources (package versions), one per line, "\n" after the last
//	number of characters; per character: rune delta, occurrences,
//	    counts before a word of each class (3), after one (3)
//	per side (the character before the word, then after it):
//	    number of words; per word: length, bytes, occurrences,
//	    number of characters; per character: rune delta, count
//
// Characters seen fewer than minChar times are left out (the reader gives
// them no adjustment). Run it with go generate ./internal/lm after
// scripts/debian-corpus.sh (see internal/lm/gen.go); on the same package
// versions it reproduces the file byte for byte.
package main

import (
	"bytes"
	"encoding/binary"
	"sort"
	"unicode/utf8"

	"github.com/hanfix/hanfix/tools/internal/debcorpus"
)

const (
	minChar = 5  // occurrences for a character's class counts to be kept
	minWord = 10 // Han neighbours on one side for a word to be kept
	minPair = 2  // occurrences for a character-word pair to be kept
	maxWord = 24 // longest word counted, in bytes
)

// Word classes, by the word's first byte.
const (
	classUpper = iota
	classLower
	classDigit
	numClasses
)

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x20000 && r <= 0x3FFFF
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func classOf(w string) int {
	switch c := w[0]; {
	case c >= 'A' && c <= 'Z':
		return classUpper
	case c >= '0' && c <= '9':
		return classDigit
	}
	return classLower
}

func main() { debcorpus.Main("latin.bin", build) }

// charCounts are the counts of one Han character.
type charCounts struct {
	n             int
	before, after [numClasses]int // before a word of each class, after one
}

// counts are the statistics gathered from the corpus.
type counts struct {
	chars map[rune]*charCounts
	// words[0] counts the characters right before each word, words[1]
	// those right after it.
	words [2]map[string]map[rune]int
}

func newCounts() *counts {
	return &counts{chars: map[rune]*charCounts{}, words: [2]map[string]map[rune]int{{}, {}}}
}

func (c *counts) char(r rune) *charCounts {
	cc := c.chars[r]
	if cc == nil {
		cc = &charCounts{}
		c.chars[r] = cc
	}
	return cc
}

func (c *counts) addWord(side int, w string, r rune) {
	m := c.words[side][w]
	if m == nil {
		m = map[rune]int{}
		c.words[side][w] = m
	}
	m[r]++
}

// AddLine counts one line (without its line feed).
func (c *counts) AddLine(line string) {
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !isHan(r) {
			i += n
			continue
		}
		cc := c.char(r)
		cc.n++
		if w := wordAt(line, i+n); w != "" {
			cc.before[classOf(w)]++
			c.addWord(0, w, r)
		}
		if w := wordEndingAt(line, i); w != "" {
			cc.after[classOf(w)]++
			c.addWord(1, w, r)
		}
		i += n
	}
}

// wordAt returns the word that starts at i, or after one space at i; ""
// when there is none or it is longer than maxWord.
func wordAt(s string, i int) string {
	if i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	if j == i || j-i > maxWord {
		return ""
	}
	return s[i:j]
}

// wordEndingAt returns the word that ends at i, or before one space that
// ends at i; "" when there is none or it is longer than maxWord.
func wordEndingAt(s string, i int) string {
	if i > 0 && s[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 && isWordByte(s[j-1]) {
		j--
	}
	if j == i || i-j > maxWord {
		return ""
	}
	return s[j:i]
}

// build learns from the corpus in dir and returns the file's bytes.
func build(dir string) ([]byte, error) { return debcorpus.Build(dir, newCounts()) }

// Encode returns the file, its header naming sources.
func (c *counts) Encode(sources string) []byte {
	var b bytes.Buffer
	b.WriteString("HLW1\n" + sources + "\n\n")
	u := func(x int) { b.Write(binary.AppendUvarint(nil, uint64(x))) }
	var rs []rune
	for r, cc := range c.chars {
		if cc.n >= minChar {
			rs = append(rs, r)
		}
	}
	sortRunes(rs)
	u(len(rs))
	last := rune(0)
	for _, r := range rs {
		cc := c.chars[r]
		u(int(r - last))
		last = r
		u(cc.n)
		for _, x := range cc.before {
			u(x)
		}
		for _, x := range cc.after {
			u(x)
		}
	}
	for side := range c.words {
		var ws []string
		for w, m := range c.words[side] {
			n := 0
			for _, x := range m {
				n += x
			}
			if n >= minWord {
				ws = append(ws, w)
			}
		}
		sort.Strings(ws)
		u(len(ws))
		for _, w := range ws {
			m := c.words[side][w]
			u(len(w))
			b.WriteString(w)
			n := 0
			var pairs []rune
			for r, x := range m {
				n += x
				if x >= minPair {
					pairs = append(pairs, r)
				}
			}
			sortRunes(pairs)
			u(n)
			u(len(pairs))
			last := rune(0)
			for _, r := range pairs {
				u(int(r - last))
				last = r
				u(m[r])
			}
		}
	}
	return b.Bytes()
}

func sortRunes(rs []rune) { sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] }) }
