package lm

import "testing"

// markIndex answers as the map of marks does, for every rune of the BMP
// and a few beyond.
func TestPunctMarkIndex(t *testing.T) {
	p := DefaultPunct()
	for r := rune(-1); r < 0x10010; r++ {
		k, ok := p.markIndex(r)
		wk, wok := p.index[r]
		if ok != wok || ok && k != wk {
			t.Fatalf("markIndex(%U) = %d, %v; the map says %d, %v", r, k, ok, wk, wok)
		}
	}
}

func BenchmarkParsePunct(b *testing.B) {
	m := Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePunct(punctData, m); err != nil {
			b.Fatal(err)
		}
	}
}
