// Package gsedict locates the Chinese word-frequency lists of
// github.com/go-ego/gse (data/dict/zh/s_1.txt and t_1.txt) in the module
// cache, for the generators that build hanfix's character and word models.
// The module is pinned in tools/go.mod, so the lists, and what the
// generators make of them, are reproducible.
package gsedict

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dir returns the directory that holds gse's zh lists: dict when it is not
// empty, else data/dict/zh in the gse module directory as the go command
// resolves it for the tools module.
func Dir(dict string) (string, error) {
	if dict != "" {
		return dict, nil
	}
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse")
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m github.com/go-ego/gse: %w", err)
	}
	d := strings.TrimSpace(string(b))
	if d == "" {
		return "", fmt.Errorf("go list -m github.com/go-ego/gse: empty directory (run go mod download in tools/)")
	}
	return filepath.Join(d, "data", "dict", "zh"), nil
}
