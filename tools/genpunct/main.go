// Command genpunct writes the punctuation statistics of package lm
// (punct.bin): which CJK punctuation mark follows a character, and what
// follows the mark.
//
// The character model of package lm is learned from dictionary words,
// which hold no punctuation, so it cannot tell 。 from 、 or ？ from ：.
// genpunct counts them in running text: the lines of clean Chinese prose
// that scripts/debian-corpus.sh extracts from Debian's documentation
// packages (about 21 MB, Simplified and Traditional). For every mark of
// marks it counts the token before it and the token after it, a token
// being the character itself for Han characters and marks, and a class
// otherwise (line boundary, Latin letter, digit, space, other); and
// whether the sentence the mark ends or interrupts holds a question word
// (one of questionWords, after the last 。！？ on its line). Bigrams do not
// see whether a bracket is open on the line; three log-ratios do: of a
// closing mark where its opening mark is open, of one where it is not, and
// of a line end while a bracket is open, each against its rate anywhere.
//
// Format (counts as unsigned varints, runes delta-coded within a list):
//
//	"HPM1\n"
//	marks, as UTF-8, "\n"
//	question words, space-separated, "\n"
//	the three bracket log-ratios, %.3f, space-separated, "\n"
//	sources (package versions), one per line, "\n" after the last
//	per mark:  count without a question word, count with one
//	left:  number of contexts; per context (sorted by rune):
//	       rune delta, occurrences of the token (before anything),
//	       number of marks seen after it; per mark: index, count
//	right: per mark: occurrences; number of tokens seen after it;
//	       per token (sorted): rune delta, count
//
// Tokens are runes: Han characters and marks stand for themselves; '\n'
// for a line boundary (start or end), 'a' for a Latin letter, '0' for a
// digit, ' ' for white space, U+0001 for anything else, and U+0002 for all
// Han characters pooled (a left context, the back-off of the rare ones).
// Left contexts of Han characters seen fewer than minContext times before
// anything are pooled only; right tokens with fewer than minRight counts
// are dropped (the reader backs off to the character model's unigram).
//
// Run it with go generate ./internal/lm after scripts/debian-corpus.sh
// (see internal/lm/gen.go); on the same package versions it reproduces the
// file byte for byte.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/tools/internal/debcorpus"
)

// marks are the punctuation marks counted: the full-width and CJK marks
// that a lost byte of UTF-8, GBK or Big5 text can restore.
const marks = "，。、；：？！「」『』（）《》〈〉【】〔〕—…“”‘’．·～／"

// bracketPairs are the paired marks, opening and closing.
var bracketPairs = [...][2]rune{
	{'「', '」'}, {'『', '』'}, {'（', '）'}, {'《', '》'}, {'〈', '〉'},
	{'【', '】'}, {'〔', '〕'}, {'〖', '〗'}, {'“', '”'}, {'‘', '’'},
}

// questionWords are the words that make a sentence a question (Simplified
// and Traditional forms).
var questionWords = []string{
	"吗", "嗎", "呢", "哪", "谁", "誰",
	"什么", "什麼", "为什么", "為什麼", "为何", "為何", "如何", "怎么", "怎麼", "怎样", "怎樣",
	"是否", "多少", "能否", "可否", "难道", "難道", "何时", "何時", "何处", "何處",
}

const (
	minContext = 20
	minRight   = 2
)

// Token runes of the classes.
const (
	tokLine  = '\n'
	tokLatin = 'a'
	tokDigit = '0'
	tokSpace = ' '
	tokOther = 0x01
	tokHan   = 0x02
)

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x20000 && r <= 0x3FFFF
}

func main() { debcorpus.Main("punct.bin", build) }

// counts are the statistics gathered from the corpus.
type counts struct {
	markIndex map[rune]int
	quest     [][2]int             // per mark: without, with a question word
	before    map[rune]int         // token → occurrences before anything
	left      map[rune]map[int]int // token → mark → count
	after     []int                // per mark: occurrences
	right     []map[rune]int       // per mark: token → count

	// Bracket state: positions (runes and line ends) and those inside an
	// open bracket; closing marks and those with their opener open; line
	// ends and those with a bracket open.
	pos, posOpen, closing, closingOpen, ends, endsOpen int
}

func newCounts() *counts {
	c := &counts{markIndex: map[rune]int{}, before: map[rune]int{}, left: map[rune]map[int]int{}}
	for _, r := range marks {
		c.markIndex[r] = len(c.markIndex)
	}
	n := len(c.markIndex)
	c.quest = make([][2]int, n)
	c.after = make([]int, n)
	c.right = make([]map[rune]int, n)
	for i := range c.right {
		c.right[i] = map[rune]int{}
	}
	return c
}

// token returns the token of r; package lm's PunctStats reads tokens by
// the same rules.
func (c *counts) token(r rune) rune {
	switch {
	case isHan(r):
		return r
	case r == '\n':
		return tokLine
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return tokLatin
	case r >= '0' && r <= '9':
		return tokDigit
	case r == ' ', r == '\t', r == '\u3000':
		return tokSpace
	}
	if _, ok := c.markIndex[r]; ok {
		return r
	}
	return tokOther
}

// AddLine counts one line (without its line feed).
func (c *counts) AddLine(line string) {
	prev := rune(tokLine)
	sentence := 0 // byte offset of the sentence's start
	at := func(i int, r rune) {
		t := c.token(r)
		c.before[prev]++
		if isHan(prev) {
			c.before[tokHan]++
		}
		if k, ok := c.markIndex[r]; ok {
			addLeft(c.left, prev, k)
			if isHan(prev) {
				addLeft(c.left, tokHan, k)
			}
			q := 0
			if hasQuestionWord(line[sentence:i]) {
				q = 1
			}
			c.quest[k][q]++
		}
		if k, ok := c.markIndex[prev]; ok {
			c.after[k]++
			c.right[k][t]++
		}
		prev = t
	}
	var open [len(bracketPairs)]int
	bracket := func(r rune) {
		inside := false
		for _, n := range open {
			inside = inside || n > 0
		}
		c.pos++
		if inside {
			c.posOpen++
		}
		if r == '\n' {
			c.ends++
			if inside {
				c.endsOpen++
			}
			return
		}
		for k, bp := range bracketPairs {
			switch r {
			case bp[0]:
				open[k]++
			case bp[1]:
				c.closing++
				if open[k] > 0 {
					c.closingOpen++
					open[k]--
				}
			}
		}
	}
	for i, r := range line {
		at(i, r)
		bracket(r)
		if r == '。' || r == '！' || r == '？' {
			sentence = i + utf8.RuneLen(r)
		}
	}
	at(len(line), '\n')
	bracket('\n')
}

func addLeft(left map[rune]map[int]int, t rune, k int) {
	m := left[t]
	if m == nil {
		m = map[int]int{}
		left[t] = m
	}
	m[k]++
}

func hasQuestionWord(s string) bool {
	for _, w := range questionWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// build learns from the corpus in dir and returns the file's bytes.
func build(dir string) ([]byte, error) { return debcorpus.Build(dir, newCounts()) }

// Encode returns the file, its header naming sources.
func (c *counts) Encode(sources string) []byte {
	var b bytes.Buffer
	b.WriteString("HPM1\n" + marks + "\n" + strings.Join(questionWords, " ") + "\n")
	ratio := func(k, n, all, allN int) float64 {
		return math.Log(float64(k) / float64(n) / (float64(all) / float64(allN)))
	}
	fmt.Fprintf(&b, "%.3f %.3f %.3f\n",
		ratio(c.closingOpen, c.posOpen, c.closing, c.pos),
		ratio(c.closing-c.closingOpen, c.pos-c.posOpen, c.closing, c.pos),
		ratio(c.endsOpen, c.posOpen, c.ends, c.pos))
	b.WriteString(sources + "\n\n")
	u := func(x int) { b.Write(binary.AppendUvarint(nil, uint64(x))) }
	for _, q := range c.quest {
		u(q[0])
		u(q[1])
	}
	var ctx []rune
	for t, n := range c.before {
		if !isHan(t) || n >= minContext {
			ctx = append(ctx, t)
		}
	}
	sortRunes(ctx)
	u(len(ctx))
	last := rune(0)
	for _, t := range ctx {
		u(int(t - last))
		last = t
		u(c.before[t])
		m := c.left[t]
		ks := make([]int, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Ints(ks)
		u(len(ks))
		for _, k := range ks {
			b.WriteByte(byte(k))
			u(m[k])
		}
	}
	for k := range c.after {
		u(c.after[k])
		var ts []rune
		for t, n := range c.right[k] {
			if n >= minRight {
				ts = append(ts, t)
			}
		}
		sortRunes(ts)
		u(len(ts))
		last := rune(0)
		for _, t := range ts {
			u(int(t - last))
			last = t
			u(c.right[k][t])
		}
	}
	return b.Bytes()
}

func sortRunes(rs []rune) { sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] }) }
