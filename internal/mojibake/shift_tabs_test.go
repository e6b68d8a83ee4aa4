package mojibake

import (
	"cmp"
	"reflect"
	"slices"
	"testing"

	"github.com/hanfix/hanfix/internal/lm"
)

// refShiftTables builds the shift tables the straightforward way that
// shiftTabs replaced: unigrams looked up inside the comparisons, and every
// dropped pair's candidates sorted in full.
func refShiftTables() *shiftTables {
	g, m := gbk(), lm.Default()
	t := &shiftTables{}
	for u := 0x40; u <= 0xFE; u++ {
		var ls []byte
		for a := 0x81; a <= 0xFE; a++ {
			r := g.decode2(byte(a), byte(u))
			if r != 0 && !g.isPUA(r) {
				ls = append(ls, byte(a))
			}
		}
		slices.SortStableFunc(ls, func(x, y byte) int {
			return cmp.Compare(m.Unigram(g.decode2(y, byte(u))), m.Unigram(g.decode2(x, byte(u))))
		})
		t.leads[u] = ls
	}
	for u := 0x40; u <= 0xFE; u++ {
		for v := 0x81; v <= 0xFE; v++ {
			if g.isDropped(byte(u), byte(v)) {
				t.dropTrail = append(t.dropTrail, byte(u))
				break
			}
		}
	}
	t.dropLeads = make([][256][]byte, len(t.dropTrail))
	for k, x := range t.dropTrail {
		for u := 0x40; u <= 0xFE; u++ {
			var ys []byte
			for _, y := range t.leads[u] {
				if g.isDropped(x, y) {
					ys = append(ys, y)
					if len(ys) == dropK {
						break
					}
				}
			}
			t.dropLeads[k][u] = ys
		}
	}
	t.dropEnds = make([][]uint16, len(t.dropTrail))
	for k, x := range t.dropTrail {
		type yb struct {
			code uint16
			lp   float64
		}
		var ys []yb
		for y := 0x81; y <= 0xFE; y++ {
			if !g.isDropped(x, byte(y)) {
				continue
			}
			for X := 0x80; X <= 0xFE; X++ {
				if r := g.decode2(byte(y), byte(X)); r != 0 && !g.isPUA(r) {
					ys = append(ys, yb{uint16(y<<8 | X), m.Unigram(r)})
				}
			}
		}
		slices.SortFunc(ys, func(x, y yb) int { return cmp.Or(cmp.Compare(y.lp, x.lp), cmp.Compare(x.code, y.code)) })
		for i := 0; i < len(ys) && i < 10; i++ {
			t.dropEnds[k] = append(t.dropEnds[k], ys[i].code)
		}
	}
	return t
}

// TestShiftTablesSameAsSort checks that shiftTabs builds the tables of
// the straightforward construction, ties in the order of their codes.
func TestShiftTablesSameAsSort(t *testing.T) {
	if got, want := shiftTabs(), refShiftTables(); !reflect.DeepEqual(got, want) {
		t.Fatal("shiftTabs differs from the construction by full sorts")
	}
}
