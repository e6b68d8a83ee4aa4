package utf8x

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// TestDecodeRune checks DecodeRune against utf8.DecodeRuneInString on every
// BMP rune and on broken sequences.
func TestDecodeRune(t *testing.T) {
	buf := make([]byte, 0, 4)
	for r := rune(0); r < 0x10000; r++ {
		buf = utf8.AppendRune(buf[:0], r)
		checkDecodeRune(t, "a"+string(buf)+"中")
	}
	for _, s := range []string{"\xe4\xb8", "\xe4", "\xed\xa0\x80", "\xe0\x80\x80", "\xe0\xa0\x80", "\xef\xbf\xbf", "\xf0\x9f\x98\x80", "\xe4\xb8\x41", "\xc3", "\xc3\x41", "\xc1\xbf", "\xc2\x80", "\xdf\xbf", "\xdf\xc0"} {
		checkDecodeRune(t, s)
	}
}

func FuzzDecodeRune(f *testing.F) {
	f.Add("中文\xe4\xb8")
	f.Fuzz(checkDecodeRune)
}

// checkDecodeRune compares DecodeRune with utf8.DecodeRuneInString at
// every rune of s.
func checkDecodeRune(t *testing.T, s string) {
	for i := 0; i < len(s); {
		r, n := DecodeRune(s, i)
		wr, wn := utf8.DecodeRuneInString(s[i:])
		if r != wr || n != wn {
			t.Fatalf("DecodeRune(%q, %d) = %U, %d; want %U, %d", s, i, r, n, wr, wn)
		}
		i += n
	}
}

// TestSeqLen checks SeqLen against the length utf8 gives the encoding of
// every rune, and gives 1 for the bytes that start none.
func TestSeqLen(t *testing.T) {
	buf := make([]byte, 0, 4)
	for _, r := range []rune{0, 'a', 0x7F, 0x80, 0x7FF, 0x800, '中', 0xFFFF, 0x10000, 0x2A6A5, utf8.MaxRune} {
		buf = utf8.AppendRune(buf[:0], r)
		if got := SeqLen(buf[0]); got != len(buf) {
			t.Errorf("SeqLen(%#x) for %U = %d, want %d", buf[0], r, got, len(buf))
		}
	}
	for c := 0x80; c < 0xC0; c++ {
		if got := SeqLen(byte(c)); got != 1 {
			t.Errorf("SeqLen(%#x), a continuation byte, = %d, want 1", c, got)
		}
	}
}

// TestValid checks ValidString and Valid against the standard library on
// random strings of ASCII, valid and invalid sequences of every length,
// and on every two- and three-byte sequence between ASCII.
func TestValid(t *testing.T) {
	pieces := []string{"a", "abcd", "é", "中", "𠀀", "\uFFFD", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80",
		"\xc0\x80", "\xc1\xbf", "\xc2\x80", "\xdf\xbf", "\xe8", "\xe8\xa8", "\x80", "\xf0\x9f", "\xf4\x90\x80\x80", "\xff"}
	check := func(s string) {
		t.Helper()
		checkValid(t, s)
	}
	seed := uint64(3)
	next := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for range 20000 {
		var b strings.Builder
		for range next(12) {
			b.WriteString(pieces[next(len(pieces))])
		}
		check(b.String())
	}
	for c0 := 0x80; c0 < 0x100; c0++ {
		for c1 := 0; c1 < 0x100; c1++ {
			check(string([]byte{'a', byte(c0), byte(c1), 'b', 'c'}))
			for _, c2 := range []byte{0x00, 0x7F, 0x80, 0xBF, 0xC0} {
				check(string([]byte{byte(c0), byte(c1), c2, 'a'}))
				check(string([]byte{byte(c0), byte(c1), c2}))
			}
		}
	}
}

// FuzzValid compares ValidString and Valid with the standard library on
// arbitrary bytes.
func FuzzValid(f *testing.F) {
	f.Add("中文abcd\xe4\xb8")
	f.Add("\xed\xa0\x80abcd")
	f.Add("\xe0\x80\x80\xc1\xbf\xf4\x90\x80\x80")
	f.Fuzz(checkValid)
}

// checkValid compares ValidString and Valid with utf8.ValidString and
// utf8.Valid on s.
func checkValid(t *testing.T, s string) {
	t.Helper()
	if got, want := ValidString(s), utf8.ValidString(s); got != want {
		t.Fatalf("ValidString(%q) = %v, want %v", s, got, want)
	}
	if got, want := Valid([]byte(s)), utf8.Valid([]byte(s)); got != want {
		t.Fatalf("Valid(%q) = %v, want %v", s, got, want)
	}
}

// TestIndex3 checks that Word3 writes each character's UTF-8 and that
// Index3 gives every character of U+0800–U+FFFF its own index below
// Index3Size, whatever the byte loaded after it.
func TestIndex3(t *testing.T) {
	seen := make([]rune, Index3Size)
	for r := rune(0x800); r <= 0xFFFF; r++ {
		w := Word3(r)
		var want [4]byte
		n := utf8.EncodeRune(want[:], r)
		if r >= 0xD800 && r <= 0xDFFF {
			n, want = 3, [4]byte{byte(0xE0 | r>>12), byte(0x80 | r>>6&0x3F), byte(0x80 | r&0x3F)}
		}
		require.Equal(t, 3, n)
		require.Equal(t, want, [4]byte{byte(w), byte(w >> 8), byte(w >> 16), byte(w >> 24)}, "U+%04X", r)
		k := Index3(w)
		require.Less(t, k, uint32(Index3Size))
		require.Equal(t, k, Index3(w|0xFF<<24), "the byte after the character counts")
		require.Zero(t, seen[k], "U+%04X and U+%04X share index %d", seen[k], r, k)
		seen[k] = r
	}
}

func TestMaximalSubpart(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		lead bool
	}{
		{"\x80abc", 1, false},
		{"\xe4\xb8", 2, true},
		{"\xe4\xb8x", 2, true},
		{"\xe0\x80\x80", 1, true}, // E0 takes A0–BF second
		{"\xed\xa0\x80", 1, true}, // surrogates
		{"\xf0\x9f\x98", 3, true},
		{"\xf4\x90\x80\x80", 1, true},
		{"\xc1\x81", 1, false},
	} {
		n, lead := MaximalSubpart([]byte(tc.in))
		require.Equal(t, tc.n, n, "%q", tc.in)
		require.Equal(t, tc.lead, lead, "%q", tc.in)
	}
}
