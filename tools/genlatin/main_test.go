package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	c := newCounts()
	c.AddLine("请按 F9 键，然后按Enter。")
	c.AddLine("把 make 的输出和 gcc_4 比较")
	if n := c.words[0]["F9"]['按']; n != 1 {
		t.Errorf("按 before F9: %d", n)
	}
	if n := c.words[1]["F9"]['键']; n != 1 {
		t.Errorf("键 after F9: %d", n)
	}
	if n := c.words[0]["Enter"]['按']; n != 1 {
		t.Errorf("按 before Enter (no space): %d", n)
	}
	if n := c.words[0]["gcc_4"]['和']; n != 1 {
		t.Errorf("和 before gcc_4: %d", n)
	}
	an := c.chars['按']
	if an.n != 2 || an.before[classUpper] != 2 || an.after != [numClasses]int{} {
		t.Errorf("按: %+v", *an)
	}
	if de := c.chars['的']; de.after[classLower] != 1 {
		t.Errorf("的 after make: %+v", *de)
	}
	// Two spaces are not next to each other; a word too long is no word.
	c.AddLine("按  F9 " + strings.Repeat("x", maxWord+1) + "键")
	if n := c.words[0]["F9"]['按']; n != 1 {
		t.Errorf("按 two spaces before F9 counted: %d", n)
	}
	if c.chars['键'].after[classLower] != 0 {
		t.Errorf("a word of %d bytes counted", maxWord+1)
	}
}

func TestBuildReproducible(t *testing.T) {
	dir := t.TempDir()
	line := strings.Repeat("请按 F9 键。", minWord) + "\n"
	for name, text := range map[string]string{
		"man.txt": line, "plain.txt": line, "mo.txt": "按 Ctrl\n", "html.txt": "把 make\n",
		"packages.txt": "manpages-zh 1.6.4.0-1\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, err := build(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := build(dir)
	if string(a) != string(b) {
		t.Error("two builds differ")
	}
	if !strings.HasPrefix(string(a), "HLW1\nmanpages-zh 1.6.4.0-1\n\n") || !strings.Contains(string(a), "F9") {
		t.Errorf("header: %q", a[:min(len(a), 200)])
	}
	if _, err := build(t.TempDir()); err == nil || !strings.Contains(err.Error(), "debian-corpus.sh") {
		t.Errorf("missing corpus: %v", err)
	}
}
