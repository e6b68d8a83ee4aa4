package debcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"man.txt": "一\n\xff\n二\n", "plain.txt": "三\n", "mo.txt": "", "html.txt": "四",
		"packages.txt": "manpages-zh 1.6.4.0-1\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	if err := Lines(dir, func(line string) { got = append(got, line) }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "一,二,三,四" {
		t.Errorf("lines: %q", got)
	}
	if src, err := Sources(dir); err != nil || src != "manpages-zh 1.6.4.0-1" {
		t.Errorf("sources: %q, %v", src, err)
	}
	empty := t.TempDir()
	if err := Lines(empty, func(string) {}); err == nil || !strings.Contains(err.Error(), "debian-corpus.sh") {
		t.Errorf("missing corpus: %v", err)
	}
	if _, err := Sources(empty); err == nil {
		t.Error("missing sources: no error")
	}
}

func TestDir(t *testing.T) {
	t.Setenv("HANFIX_CORPUS", "")
	if Dir() != DefaultDir {
		t.Errorf("default: %q", Dir())
	}
	t.Setenv("HANFIX_CORPUS", "/x")
	if Dir() != "/x" {
		t.Errorf("from the environment: %q", Dir())
	}
}

// lineCounter counts lines and writes the count after the sources.
type lineCounter struct{ n int }

func (c *lineCounter) AddLine(string) { c.n++ }
func (c *lineCounter) Encode(sources string) []byte {
	return []byte(sources + "\n" + strings.Repeat("|", c.n))
}

func TestBuild(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"man.txt": "一\n二\n", "plain.txt": "三\n", "mo.txt": "", "html.txt": "四\n",
		"packages.txt": "manpages-zh 1.6.4.0-1\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Build(dir, &lineCounter{})
	if err != nil || string(got) != "manpages-zh 1.6.4.0-1\n||||" {
		t.Errorf("Build: %q, %v", got, err)
	}
	if _, err := Build(t.TempDir(), &lineCounter{}); err == nil {
		t.Error("Build of a missing corpus: no error")
	}
}
