package mojibake

import "testing"

func TestGBKTable(t *testing.T) {
	g := gbk()
	cases := []struct {
		code int
		r    rune
	}{
		{0xA1A3, '。'}, {0xAC46, '現'}, {0xE682, '鎮'}, {0xAAA1, 0xE000}, {0xF9B5, 0xE234 + 94 + 0x14},
		{0xA140, 0xE4C6}, {0xA2AB, 0xE766}, {0xA2E4, 0xE76D}, {0xA6DB, 0xE78F}, {0xA8C1, 0xE7C9},
		{0xA997, 0xE7F4}, {0xD7FE, 0xE814}, {0xFE51, 0xE816}, {0xFE90, 0xE854}, {0xFEA0, 0xE864},
	}
	for _, c := range cases {
		if got := g.decode2(byte(c.code>>8), byte(c.code)); got != c.r {
			t.Errorf("decode %04X = %U, want %U", c.code, got, c.r)
		}
		b0, b1, n := g.encode(c.r)
		if n != 2 || int(b0)<<8|int(b1) != c.code {
			t.Errorf("encode %U = %02X%02X (%d), want %04X", c.r, b0, b1, n, c.code)
		}
	}
	if b0, _, n := g.encode('€'); n != 1 || b0 != 0x80 {
		t.Errorf("€ = %02X/%d", b0, n)
	}
}
