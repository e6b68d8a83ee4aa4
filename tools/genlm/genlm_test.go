package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestBuildDeterministic(t *testing.T) {
	dir := t.TempDir()
	dict := "中国 100 ns\n发展 80 vn\n中 5 n\n國家 3 n\nbad line\n经济发展 40 n\n"
	p := filepath.Join(dir, "d.txt")
	if err := os.WriteFile(p, []byte(dict), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := readCounts(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.uni['中'] != 105 || c.bi[[2]rune{'发', '展'}] != 120 {
		t.Fatalf("counts: 中=%v 发展=%v", c.uni['中'], c.bi[[2]rune{'发', '展'}])
	}
	var a, b bytes.Buffer
	if err := build(c, c, defaultOptions).write(&a); err != nil {
		t.Fatal(err)
	}
	if err := build(c, c, defaultOptions).write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("output differs between runs")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("HFLM\x01")) {
		t.Fatalf("bad magic %q", a.Bytes()[:5])
	}
}

func TestReadCountsMissing(t *testing.T) {
	if _, err := readCounts(filepath.Join(t.TempDir(), "none.txt")); err == nil {
		t.Fatal("want an error for a missing file")
	}
}
