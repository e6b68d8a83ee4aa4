// Package testshared locates the read-only test data that sits beside the
// repository in ../shared (seeds, gold, the development set, OpenCC's
// conformance cases). Tests that use it skip when it is absent, so that a
// plain clone passes go test; when it is present they always run.
package testshared

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the repository root (the directory that holds go.mod).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Dir returns the path of ../shared/sub beside the repository, or skips t
// when it does not exist.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(Root(), "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present (run beside ../shared to include this test)", p)
	}
	return p
}
