package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinary builds the command and runs it on stdin once, in text and in
// JSON Lines mode, and once with a usage error.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "hanfix")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	run := func(stdin string, args ...string) (string, string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Stdin = strings.NewReader(stdin)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return o.String(), e.String(), code
	}

	text := "中文信息处理是人工智能的一个分支。\n"
	o, e, code := run(text, "-to", "keep")
	assert.Equal(t, 0, code, e)
	assert.Equal(t, text, o)

	line := "{\"id\": 1, \"text\": \"中文\", \"meta\": {\"k\": \"\\u00e9\"}}\n"
	o, e, code = run(line, "-jsonl", "-to", "keep")
	assert.Equal(t, 0, code, e)
	assert.Equal(t, line, o)

	_, e, code = run("", "-to", "no-such-script")
	assert.Equal(t, 2, code)
	assert.Contains(t, e, "no-such-script")
}
