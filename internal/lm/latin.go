package lm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sync"

	"github.com/hanfix/hanfix/internal/keytab"
)

// Latin-context statistics.
//
// Technical Chinese mixes in Latin words, and the character model, learned
// from dictionary words, knows nothing of them: 按 and 把 cost the same
// before "F9", though running text writes 按 F9 (press F9) and never 把 F9.
// LatinStats says how much more (or less) likely a Han character is right
// before or right after a Latin word than anywhere, from counts in about
// 21 MB of clean Chinese prose in Debian's documentation packages
// (scripts/debian-corpus.sh, tools/genlatin). A word is a run of ASCII
// letters, digits and '_'; it is next to a character when at most one
// space stands between them.
//
// The estimate is a ratio of observed to expected counts, each plus one, in
// two levels: first the word's class (its first byte an upper-case letter,
// a lower-case letter or '_', a digit) against the character's share of all
// Han characters, then, for the words seen often enough, the word itself
// against the character's share of that class. The plus-ones keep what was
// never seen where little was expected near zero: a rare character that
// never stood before a digit says nothing, 安, counted 6,606 times and
// never before an upper-case word, says much.

const latinMagic = "HLW1\n"

// Word classes, by the word's first byte (tools/genlatin writes the same).
const (
	latinUpper = iota
	latinLower
	latinDigit
	latinClasses
)

// LatinStats holds the Latin-context statistics. It is immutable and safe
// for concurrent use.
type LatinStats struct {
	chars map[rune]latinChar
	// words[0] holds the words with the characters seen right before
	// them, words[1] those with the characters seen right after them.
	words [2]map[string]latinWord
	// pairs counts the characters seen next to each word often enough,
	// by latinKey.
	pairs *keytab.Table[int32]
}

// latinChar is what the statistics say of one character: its share of all
// Han characters and the log-ratio of each word class, before a word
// (side 0) and after one (side 1).
type latinChar struct {
	p     float64
	ratio [2][latinClasses]float64
}

// latinWord is a word's count of Han neighbours on one side, and its
// number in LatinStats.pairs.
type latinWord struct {
	n  int
	id uint32
}

var (
	latinOnce    sync.Once
	defaultLatin *LatinStats
)

// DefaultLatin returns the Latin-context statistics embedded in the
// package, decoding them on first use. It panics only if the embedded data
// is corrupt, which the package tests rule out.
func DefaultLatin() *LatinStats {
	latinOnce.Do(func() {
		s, err := ParseLatin(latinData)
		if err != nil {
			panic(fmt.Sprintf("lm: embedded Latin-context statistics: %v", err))
		}
		defaultLatin = s
	})
	return defaultLatin
}

// ParseLatin decodes Latin-context statistics in the format written by
// tools/genlatin.
func ParseLatin(data []byte) (*LatinStats, error) {
	if !bytes.HasPrefix(data, []byte(latinMagic)) {
		return nil, fmt.Errorf("parse Latin-context statistics: bad magic: %w", errFormat)
	}
	_, body, ok := bytes.Cut(data[len(latinMagic):], []byte("\n\n"))
	if !ok {
		return nil, fmt.Errorf("parse Latin-context statistics: no header end: %w", errFormat)
	}
	bad := false
	u := func() int {
		if len(body) > 0 && body[0] < 0x80 { // most values fit one byte
			x := int(body[0])
			body = body[1:]
			return x
		}
		x, k := binary.Uvarint(body)
		if k <= 0 || x > 1<<40 {
			bad = true
			body = nil
			return 0
		}
		body = body[k:]
		return int(x)
	}
	nchars := u()
	if nchars > len(body) {
		return nil, fmt.Errorf("parse Latin-context statistics: %d characters: %w", nchars, errFormat)
	}
	type rawChar struct {
		r     rune
		n     int
		sides [2][latinClasses]int
	}
	raw := make([]rawChar, 0, nchars)
	var total int
	var classTotal [2][latinClasses]int
	last := rune(0)
	for range nchars {
		c := rawChar{r: last + rune(u()), n: u()}
		last = c.r
		for side := range c.sides {
			for k := range c.sides[side] {
				c.sides[side][k] = u()
				classTotal[side][k] += c.sides[side][k]
			}
		}
		if bad {
			break
		}
		total += c.n
		raw = append(raw, c)
	}
	s := &LatinStats{chars: make(map[rune]latinChar, len(raw))}
	// A pair takes about three bytes of the data. A keytab.Table costs
	// 2.3M fewer of the CLI's start-up instructions than a map of the
	// 29,234 pairs.
	s.pairs = keytab.Make[int32](len(body) / 3)
	for side := range s.words {
		nwords := u()
		if bad || nwords > len(body) {
			return nil, fmt.Errorf("parse Latin-context statistics: truncated: %w", errFormat)
		}
		s.words[side] = make(map[string]latinWord, nwords)
		for range nwords {
			l := u()
			if bad || l == 0 || l > len(body) {
				bad = true
				break
			}
			w := string(body[:l])
			body = body[l:]
			lw := latinWord{n: u(), id: uint32(len(s.words[0]) + len(s.words[1]))}
			npairs := u()
			if npairs > len(body) {
				bad = true
				break
			}
			last := rune(0)
			for range npairs {
				r := last + rune(u())
				last = r
				s.pairs.Put(latinKey(lw.id, r), int32(min(u(), math.MaxInt32)))
			}
			s.words[side][w] = lw
		}
	}
	if bad || len(body) != 0 {
		return nil, fmt.Errorf("parse Latin-context statistics: truncated or trailing data: %w", errFormat)
	}
	if total == 0 || len(raw) != nchars {
		return nil, fmt.Errorf("parse Latin-context statistics: no counts: %w", errFormat)
	}
	for _, c := range raw {
		lc := latinChar{p: float64(c.n) / float64(total)}
		for side := range c.sides {
			for k, x := range c.sides[side] {
				expected := float64(classTotal[side][k]) * lc.p
				lc.ratio[side][k] = math.Log((float64(x) + 1) / (expected + 1))
			}
		}
		s.chars[c.r] = lc
	}
	return s, nil
}

// latinClass returns the class of word, which must not be empty.
func latinClass[W ~string | ~[]byte](word W) int {
	switch c := word[0]; {
	case c >= 'A' && c <= 'Z':
		return latinUpper
	case c >= '0' && c <= '9':
		return latinDigit
	}
	return latinLower
}

// IsLatinWordByte reports whether c belongs to a Latin word: an ASCII
// letter, digit or '_'.
func IsLatinWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// Before returns how much more likely running text writes the Han
// character r right before word than anywhere, as a log-ratio in nats
// (log P(r | word after) / P(r)). It returns 0 for a character the
// statistics do not know and for an empty word.
func (s *LatinStats) Before(r rune, word []byte) float64 {
	return latinRatio(s, 0, r, word)
}

// BeforeString is Before for a word held in a string.
func (s *LatinStats) BeforeString(r rune, word string) float64 {
	return latinRatio(s, 0, r, word)
}

// After returns how much more likely running text writes the Han character
// r right after word than anywhere, as Before does.
func (s *LatinStats) After(word []byte, r rune) float64 {
	return latinRatio(s, 1, r, word)
}

// latinRatio is Before (side 0) and After (side 1) for a word of either
// type: string(word) looks the word up without a copy.
func latinRatio[W ~string | ~[]byte](s *LatinStats, side int, r rune, word W) float64 {
	c, ok := s.chars[r]
	if !ok || len(word) == 0 {
		return 0
	}
	w, known := s.words[side][string(word)]
	return s.charRatio(c, r, side, latinClass(word), w, known)
}

// charRatio is latinRatio of the character c (rune r) next to a word of
// class on side, which is w when known (in LatinStats.words).
func (s *LatinStats) charRatio(c latinChar, r rune, side, class int, w latinWord, known bool) float64 {
	lp := c.ratio[side][class]
	if known {
		expected := float64(w.n) * c.p * math.Exp(lp)
		n, _ := s.pairs.Get(latinKey(w.id, r))
		lp += math.Log((float64(n) + 1) / (expected + 1))
	}
	return lp
}

// LatinWord is a Latin word next to characters, looked up once in the
// statistics of one side (WordBefore, WordAfter) for all the characters
// asked about: the lost-byte search of package mojibake scores up to 127
// candidates next to the same word. The zero value is the empty word.
type LatinWord struct {
	side  int
	class int
	w     latinWord
	known bool // w holds the word's own statistics
	ok    bool // the word is not empty
}

// WordBefore prepares word for BeforeWord.
func (s *LatinStats) WordBefore(word []byte) LatinWord {
	return s.prepare(0, word)
}

// WordAfter prepares word for AfterWord.
func (s *LatinStats) WordAfter(word []byte) LatinWord {
	return s.prepare(1, word)
}

// prepare looks word up in the statistics of side.
func (s *LatinStats) prepare(side int, word []byte) LatinWord {
	if len(word) == 0 {
		return LatinWord{}
	}
	w, known := s.words[side][string(word)]
	return LatinWord{side: side, class: latinClass(word), w: w, known: known, ok: true}
}

// BeforeWord is Before(r, word) of the word w prepared with WordBefore;
// it returns the same value.
func (s *LatinStats) BeforeWord(r rune, w LatinWord) float64 {
	return s.wordRatio(0, r, w)
}

// AfterWord is After(word, r) of the word w prepared with WordAfter; it
// returns the same value.
func (s *LatinStats) AfterWord(w LatinWord, r rune) float64 {
	return s.wordRatio(1, r, w)
}

// wordRatio is latinRatio of a prepared word, which must have been
// prepared for side.
func (s *LatinStats) wordRatio(side int, r rune, w LatinWord) float64 {
	if !w.ok {
		return 0
	}
	if w.side != side {
		panic("lm: Latin word prepared for the other side")
	}
	c, ok := s.chars[r]
	if !ok {
		return 0
	}
	return s.charRatio(c, r, side, w.class, w.w, w.known)
}

// latinKey is the key in LatinStats.pairs of the character r next to the
// word numbered id; it is never 0.
func latinKey(id uint32, r rune) uint64 { return uint64(id+1)<<32 | uint64(uint32(r)) }
