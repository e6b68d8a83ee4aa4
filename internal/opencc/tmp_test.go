package opencc

import (
	"os"
	"strings"
	"testing"
)

func BenchmarkTmpFlat(b *testing.B) {
	raw, _ := os.ReadFile("../../../shared/opencc/golden/us_constitution_zhs.txt")
	text := strings.Repeat(string(raw), 6)
	var tab [65536]uint16
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		for _, r := range text {
			if r < 65536 {
				n += int(tab[r])
			}
		}
	}
	_ = n
}
