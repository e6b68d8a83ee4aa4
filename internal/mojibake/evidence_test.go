package mojibake

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/testshared"
)

// naivePairs is the document's Han pairs and successors computed with maps,
// the definition that evidence's tables must match.
func naivePairs(text string) (map[uint64]int, map[rune][]rune) {
	pairs, succ := map[uint64]int{}, map[rune][]rune{}
	prev := rune(0)
	for _, r := range text {
		if (lm.Class(r) == lm.Han || r == '。') && lm.Class(prev) == lm.Han {
			k := uint64(prev)<<32 | uint64(r)
			if pairs[k] == 0 && r != '。' {
				succ[prev] = append(succ[prev], r)
			}
			pairs[k]++
		}
		prev = r
	}
	return pairs, succ
}

// naiveConsumed is the statistics of swallowable bytes taken rune by rune,
// the definition that buildPairs's must match: the counts of swallowed,
// and the pairs of a CJK mark and what follows it.
func naiveConsumed(text string) (n [2][8]int, total [2]int, after map[uint64]int) {
	after = map[uint64]int{}
	prev := rune(0)
	for i, r := range text {
		if isCJKPunct(prev) {
			after[uint64(prev)<<32|uint64(r)]++
		}
		if c := text[i]; r < utf8.RuneSelf && lm.Class(prev) == lm.Han &&
			c != '?' && i+1 < len(text) && text[i+1] > ' ' {
			if k := consumedIndex(c); k >= 0 {
				ctx := consumedContext(text[i+1])
				n[ctx][k]++
				total[ctx]++
			}
		}
		prev = r
	}
	return n, total, after
}

func naiveScript(text string) int {
	m := lm.Default()
	var simp, trad int
	for _, r := range text {
		if r < 0x4E00 || r > 0x9FFF {
			continue
		}
		switch s, t := m.SimplifiedFreq(r), m.TraditionalFreq(r); {
		case s > 0 && t == 0:
			simp++
		case t > 0 && s == 0:
			trad++
		}
	}
	switch {
	case trad >= 3 && trad > 3*simp:
		return 1
	case simp >= 3 && simp > 3*trad:
		return -1
	}
	return 0
}

func TestEvidencePairs(t *testing.T) {
	texts := []string{"", "中", "中文。中文，中国〇々字\xff字", "锟斤拷\uFFFD中\xe4\xb8文"}
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("中文字符串的。，、a?è(),. 々〇\uFFFD𠀀國国")
	for k := 0; k < 200; k++ {
		rs := make([]rune, rng.Intn(200))
		for i := range rs {
			rs[i] = alphabet[rng.Intn(len(alphabet))]
		}
		s := string(rs)
		if k%3 == 0 && len(s) > 2 {
			s = s[:len(s)-1] // a cut rune
		}
		texts = append(texts, s)
	}
	// The seeds when ../shared is present (without skipping otherwise).
	{
		ms, _ := filepath.Glob(filepath.Join(testshared.Root(), "..", "shared", "corpus", "seeds", "*.txt"))
		for _, m := range ms {
			b, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	for _, text := range texts {
		pairs, succ := naivePairs(text)
		ev := collectEvidence(text)
		for k, n := range pairs {
			a, b := rune(k>>32), rune(uint32(k))
			if got := ev.pairCount(a, b); got != n {
				t.Fatalf("pairCount(%q, %q) = %d, want %d", a, b, got, n)
			}
		}
		if got := ev.pairCount('x', 'y'); got != 0 {
			t.Fatalf("pairCount of an absent pair = %d", got)
		}
		for a, want := range succ {
			if got := ev.successors(a); !slices.Equal(got, want) {
				t.Fatalf("successors(%q) = %q, want %q", a, got, want)
			}
		}
		for _, a := range []rune{'x', -1, 0x10FFFF} {
			if got := ev.successors(a); got != nil {
				t.Fatalf("successors of %U, a character without any = %q", a, got)
			}
		}
		if got, want := docScript(text), naiveScript(text); got != want {
			t.Fatalf("docScript = %d, want %d", got, want)
		}
		n, total, after := naiveConsumed(text)
		if st := ev.consumed; st.n != n || st.total != total || len(st.after.order) != len(after) {
			t.Fatalf("consumed %v %v and %d marks' pairs, want %v %v and %d in %q", st.n, st.total, len(st.after.order), n, total, len(after), text)
		}
		for k, n := range after {
			if got := ev.consumed.after.get(rune(k>>32), rune(uint32(k))); got != uint32(n) {
				t.Fatalf("mark pair %q %q counted %d, want %d", rune(k>>32), rune(uint32(k)), got, n)
			}
		}
	}
}

func TestIsHan(t *testing.T) {
	for r := rune(-1); r <= 0x10FFFF+1; r++ {
		if got, want := isHan(r), lm.Class(r) == lm.Han; got != want {
			t.Fatalf("isHan(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestDecode3Before checks decode3Before against DecodeLastRuneInString
// for every three bytes with a lead byte of a three-byte sequence.
func TestDecode3Before(t *testing.T) {
	b := []byte("x...(")
	for c0 := 0xE0; c0 <= 0xEF; c0++ {
		for c1 := 0; c1 < 256; c1++ {
			for c2 := 0; c2 < 256; c2++ {
				b[1], b[2], b[3] = byte(c0), byte(c1), byte(c2)
				text := string(b)
				r, ok := decode3Before(text, 4)
				want, n := utf8.DecodeLastRuneInString(text[:4])
				if ok != (n == 3) || ok && r != want {
					t.Fatalf("decode3Before(% x) = %U, %v; want %U, %v", b[1:4], r, ok, want, n == 3)
				}
			}
		}
	}
	if _, ok := decode3Before("中(", 2); ok {
		t.Fatal("decode3Before reads before the text")
	}
}
