package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestEncodeDeterministic(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s.txt")
	tr := filepath.Join(dir, "t.txt")
	if err := os.WriteFile(s, []byte("中国 100 ns\n中国人 50 n\n发展 80 vn\nabc 9 eng\nbad line\n您 20 r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tr, []byte("發展 60 vn\n中國 40 ns\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	probs := map[string]float64{}
	for _, p := range []string{s, tr} {
		if err := readList(p, probs); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := probs["abc"]; ok {
		t.Error("non-Han word kept")
	}
	if got, want := probs["中国"], 100.0/259; got != want {
		t.Errorf("中国: %v, want %v", got, want)
	}
	a, b := encode(probs, 0), encode(probs, 0)
	if !bytes.Equal(a, b) {
		t.Fatal("output differs between runs")
	}
	if !bytes.HasPrefix(a, []byte("HWS1")) {
		t.Fatalf("bad magic %q", a[:4])
	}
	// 中国 then 中国人: the second shares two runes with the first.
	if i := bytes.Index(a, []byte("人")); i < 2 || a[i-2] != 2<<4|1 {
		t.Errorf("front coding of 中国人: % x", a)
	}
}

func TestReadListMissing(t *testing.T) {
	if err := readList(filepath.Join(t.TempDir(), "none.txt"), map[string]float64{}); err == nil {
		t.Fatal("want an error for a missing file")
	}
}
