package lm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"testing"
)

// TestParseLatinSameAsReference checks that ParseLatin holds what the
// decoder with a map of pairs held: the same characters and words, and
// the same count for every pair it stored and for pairs it did not.
func TestParseLatinSameAsReference(t *testing.T) {
	pairs, chars, words, err := refParseLatin(latinData)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseLatin(latinData)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.chars, chars) || !reflect.DeepEqual(s.words, words) {
		t.Fatal("ParseLatin and the reference decoder hold different characters or words")
	}
	for key, n := range pairs {
		id, r := uint32(key>>32), rune(uint32(key))
		if got := pairCount(s, id, r); got != n {
			t.Fatalf("word %d, %c: count %d, want %d", id, r, got, n)
		}
		for _, other := range []rune{r - 1, r + 1} {
			if got, want := pairCount(s, id, other), pairs[uint64(id)<<32|uint64(uint32(other))]; got != want {
				t.Fatalf("word %d, %c: count %d, want %d", id, other, got, want)
			}
		}
	}
}

// pairCount returns the count of the pair of word id and r in s.
func pairCount(s *LatinStats, id uint32, r rune) int32 {
	n, _ := s.pairs.Get(latinKey(id, r))
	return n
}

// refParseLatin is ParseLatin as it was, with the pairs in a map, less the
// characters (which ParseLatin decodes as it did).
func refParseLatin(data []byte) (map[uint64]int32, map[rune]latinChar, [2]map[string]latinWord, error) {
	if !bytes.HasPrefix(data, []byte(latinMagic)) {
		return nil, nil, [2]map[string]latinWord{}, fmt.Errorf("parse Latin-context statistics: bad magic: %w", errFormat)
	}
	_, body, ok := bytes.Cut(data[len(latinMagic):], []byte("\n\n"))
	if !ok {
		return nil, nil, [2]map[string]latinWord{}, fmt.Errorf("parse Latin-context statistics: no header end: %w", errFormat)
	}
	bad := false
	u := func() int {
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
		return nil, nil, [2]map[string]latinWord{}, fmt.Errorf("parse Latin-context statistics: %d characters: %w", nchars, errFormat)
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
	// A pair takes about three bytes of the data.
	s := &struct {
		chars map[rune]latinChar
		words [2]map[string]latinWord
		pairs map[uint64]int32
	}{chars: make(map[rune]latinChar, len(raw)), pairs: make(map[uint64]int32, len(body)/3)}
	for side := range s.words {
		nwords := u()
		if bad || nwords > len(body) {
			return nil, nil, [2]map[string]latinWord{}, fmt.Errorf("parse Latin-context statistics: truncated: %w", errFormat)
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
				s.pairs[uint64(lw.id)<<32|uint64(uint32(r))] = int32(min(u(), math.MaxInt32))
			}
			s.words[side][w] = lw
		}
	}
	if bad || len(body) != 0 {
		return nil, nil, [2]map[string]latinWord{}, fmt.Errorf("parse Latin-context statistics: truncated or trailing data: %w", errFormat)
	}
	if total == 0 || len(raw) != nchars {
		return nil, nil, [2]map[string]latinWord{}, fmt.Errorf("parse Latin-context statistics: no counts: %w", errFormat)
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
	return s.pairs, s.chars, s.words, nil
}
