package mojibake

import (
	"bytes"
	"go/format"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// runPython runs script with CPython on input and returns its output; the
// test is skipped without python3. The tables generated from CPython's
// codecs (big5_gaps_table.go, cp950_table.go) are checked with it.
func runPython(t *testing.T, script, input string) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.Output()
	require.NoError(t, err, "python3")
	return string(out)
}

// writeGenerated formats the Go source src and writes it to the file name
// unless it holds that already (go generate runs the tests with -update).
func writeGenerated(t *testing.T, name, src string) {
	t.Helper()
	b, err := format.Source([]byte(src))
	require.NoError(t, err)
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, b) {
		return
	}
	require.NoError(t, os.WriteFile(name, b, 0o644))
}
