package detect_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
)

// TestEncodingCompareFiles prints, for scripts/compare-uchardet.sh, one line
// per devset category-g file: "CMP id size accepted answer ns/call". It runs
// only when HANFIX_COMPARE=1.
func TestEncodingCompareFiles(t *testing.T) {
	if os.Getenv("HANFIX_COMPARE") != "1" {
		t.Skip("set HANFIX_COMPARE=1 (scripts/compare-uchardet.sh does)")
	}
	dir := encSharedDir(t, "devset")
	for _, c := range encReadDevsetCases(t, dir, "g") {
		b, err := os.ReadFile(filepath.Join(dir, c.Input))
		require.NoError(t, err)
		const runs = 200
		start := time.Now()
		var r detect.EncodingResult
		for i := 0; i < runs; i++ {
			r = detect.Encoding(b)
		}
		ns := time.Since(start).Nanoseconds() / runs
		fmt.Printf("CMP %s %d %s %s %d %s\n", c.ID, c.Labels.Size, strings.Join(c.Labels.EncodingAccept, ","), r.Encoding, ns, c.Input)
	}
}
