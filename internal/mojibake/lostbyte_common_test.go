package mojibake

import (
	"math/rand/v2"
	"testing"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/stretchr/testify/require"
)

// The table answers as decoding does: every pair of bytes at the start,
// in the middle and at the end of a text, and random texts of GBK- and
// Big5-like bytes, for both codecs.
func TestCommonPairTable(t *testing.T) {
	m := lm.Default()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, orig := range []codec{gbkCodec{}, big5Codec{}} {
		tab := charTableOf(orig)
		require.NotNil(t, tab, orig.name())
		check := func(bs []byte, ws, p int) {
			t.Helper()
			require.Equal(t, commonPair(orig, m, bs, ws, p), tab.commonFrom(bs, ws, p+1),
				"%s % X from %d through %d", orig.name(), bs, ws, p+1)
		}
		for code := range 1 << 16 {
			b0, b1 := byte(code>>8), byte(code)
			check([]byte{b0, b1}, 0, 0)             // the pair is the text
			check([]byte{b0, b1, 'a'}, 0, 1)        // the pair, then ASCII
			check([]byte{0xA4, b0, b1}, 0, 1)       // after a lead byte
			check([]byte{'x', b0, b1, 0xA4}, 1, 1)  // then a lead byte at the end
			check([]byte{b0, b1, 0xB0, 0xA1}, 1, 1) // from the middle of the pair
		}
		for range 200000 {
			bs := make([]byte, 2+rng.IntN(6))
			for i := range bs {
				bs[i] = byte(0x40 + rng.IntN(0xC0))
			}
			p := rng.IntN(len(bs) - 1)
			check(bs, rng.IntN(p+1), p)
		}
	}
	require.Nil(t, charTableOf(utf8Codec{}))
}

// pairLeads lists, in order, exactly the bytes that trying every byte the
// reader fails on and asking commonPair lets through: for random texts,
// windows and pairs, the readers of GBK and Big5, every second byte and
// ranges that cut the list.
func TestPairLeads(t *testing.T) {
	m := lm.Default()
	rng := rand.New(rand.NewPCG(3, 4))
	cases := []struct {
		orig   codec
		reader string
	}{
		{gbkCodec{}, "big5"}, {gbkCodec{}, big5HKSCSReader}, {gbkCodec{}, "cp950"},
		{big5Codec{}, "gbk"}, {big5Codec{}, gb18030Reader}, {big5Codec{}, gb2312Reader},
	}
	var buf [0x80]byte
	for _, tc := range cases {
		tab, fails := charTableOf(tc.orig), failTableOf(tc.reader)
		require.NotNil(t, fails, tc.reader)
		for n := range 3000 {
			bs := make([]byte, 3+rng.IntN(6))
			for i := range bs {
				switch rng.IntN(4) {
				case 0:
					bs[i] = byte(0x20 + rng.IntN(0x60)) // ASCII
				default:
					bs[i] = byte(0x80 + rng.IntN(0x80))
				}
			}
			p := 1 + rng.IntN(len(bs)-2)
			if n%4 == 0 {
				p = len(bs) - 2 // the pair ends the text
			}
			ws := max(0, p-rng.IntN(4))
			lo, hi := 0x80, 0xFE
			if n%3 == 0 {
				lo, hi = 0x80+rng.IntN(0x40), 0xC0+rng.IntN(0x3F)
			}
			var l pairLeads
			l.reset(tab, bs, ws, p)
			for x1 := 0x80; x1 <= 0xFE; x1++ {
				bs[p+1] = byte(x1)
				var want []byte
				for _, x0 := range fails.before(x1) {
					if int(x0) < lo || int(x0) > hi {
						continue
					}
					bs[p] = x0
					if commonPair(tc.orig, m, bs, ws, p) {
						want = append(want, x0)
					}
				}
				bs[p] = 0xFF
				got := l.appendLeads(buf[:0], x1, fails, lo, hi)
				if len(want) == 0 {
					require.Empty(t, got)
					continue
				}
				require.Equal(t, want, got, "%s read as %s: % X, window from %d, pair at %d, x1 %02X, range %02X–%02X",
					tc.orig.name(), tc.reader, bs, ws, p, x1, lo, hi)
			}
		}
	}
}

// With a table in which GBK's one-byte € is common (the default model
// finds it too rare), pairLeads lets 0x80 through only where the character
// after it is common too, as commonFrom does.
func TestPairLeadsOneByteLead(t *testing.T) {
	tab := *gbkCharTable()
	for b1 := range 256 {
		tab.v[0x80<<8|b1] |= charCommon
		tab.leads[b1] = append([]byte{0x80}, tab.leads[b1]...)
	}
	fails := failTableOf("big5")
	var buf [0x80]byte
	for _, bs := range [][]byte{
		{0xA4, 0xFF, 0xFF, 0xA4, 0x40}, // a pair between two characters
		{0xA4, 0xFF, 0xFF, 0xFF, 0x40},
		{0xFF, 0xFF, 0x41},
		{0x41, 0xFF, 0xFF},
	} {
		p := 1
		if bs[0] == 0xFF {
			p = 0
		}
		var l pairLeads
		l.reset(&tab, bs, p, p)
		for x1 := 0x80; x1 <= 0xFE; x1++ {
			bs[p+1] = byte(x1)
			var want []byte
			for _, x0 := range fails.before(x1) {
				bs[p] = x0
				if tab.commonFrom(bs, p, p+1) {
					want = append(want, x0)
				}
			}
			bs[p] = 0xFF
			got := l.appendLeads(buf[:0], x1, fails, 0x80, 0xFE)
			if len(want) == 0 {
				require.Empty(t, got, "% X", bs)
				continue
			}
			require.Equal(t, want, got, "% X", bs)
		}
	}
}
