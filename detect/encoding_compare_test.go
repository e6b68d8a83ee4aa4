package detect_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/devset"
)

// TestEncodingCompareFiles prints, for scripts/compare-uchardet.sh, one line
// per devset category-g file: "CMP id size accepted answer ns/call". It runs
// only when HANFIX_COMPARE=1.
func TestEncodingCompareFiles(t *testing.T) {
	if os.Getenv("HANFIX_COMPARE") != "1" {
		t.Skip("set HANFIX_COMPARE=1 (scripts/compare-uchardet.sh does)")
	}
	set := devset.Load(t)
	for _, c := range set.Category("g") {
		b := set.Input(t, c)
		// The fastest of 5 batches of 40 calls: the least disturbed by
		// other load on the machine.
		var r detect.EncodingResult
		ns := int64(-1)
		for batch := 0; batch < 5; batch++ {
			const runs = 40
			start := time.Now()
			for i := 0; i < runs; i++ {
				r = detect.Encoding(b)
			}
			if d := time.Since(start).Nanoseconds() / runs; ns < 0 || d < ns {
				ns = d
			}
		}
		fmt.Printf("CMP %s %d %s %s %d %s\n", c.ID, c.Labels.Size, strings.Join(c.Labels.EncodingAccept, ","), r.Encoding, ns, c.Input)
	}
}
