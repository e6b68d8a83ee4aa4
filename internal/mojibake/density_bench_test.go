package mojibake

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkFindDensity measures Find as the share of damaged text in a
// document grows: the lines of the development set's mojibake inputs
// (categories c and d, the text of BenchmarkFindDamaged) spread among the
// lines of clean prose (cleanText), so that they make up the given share
// of the bytes. Each document is about 100 KB; at 100% it is the damaged
// text alone. Find's cost is that of the damaged lines plus the gate's on
// the rest, and this curve shows where a document of mixed lines falls
// between BenchmarkGate and BenchmarkFindDamaged.
func BenchmarkFindDensity(b *testing.B) {
	damaged := strings.Split(devsetInputs(b, "[cd]*.txt"), "\n")
	clean := strings.Split(cleanText(b), "\n")
	for _, pct := range []int{0, 2, 5, 10, 20, 50, 100} {
		s := mixLines(clean, damaged, pct, 100_000)
		b.Run(fmt.Sprintf("damaged=%d%%", pct), func(b *testing.B) {
			benchFind(b, s)
		})
	}
}

// mixLines returns about size bytes of lines taken in turn from clean and
// damaged, a damaged line next whenever the damaged lines so far make up
// less than pct percent of the bytes. At 100 percent it returns the
// damaged lines, each once, whatever size says.
func mixLines(clean, damaged []string, pct, size int) string {
	if pct >= 100 {
		return strings.Join(damaged, "\n")
	}
	var sb strings.Builder
	nc, nd, ci, di := 0, 0, 0, 0
	for nc+nd < size {
		if nd*100 < pct*(nc+nd) || nc+nd == 0 && pct > 0 {
			l := damaged[di%len(damaged)]
			di++
			nd += len(l) + 1
			sb.WriteString(l)
		} else {
			l := clean[ci%len(clean)]
			ci++
			nc += len(l) + 1
			sb.WriteString(l)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
