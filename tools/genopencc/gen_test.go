package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReversed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "V.txt"), "# @reverse-prefer: 才\n才\t纔 才\n纔\t才\n僞\t偽\n")
	d, err := readTextDict(filepath.Join(dir, "V.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rev, err := d.reversed()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rev {
		got = append(got, e.key+"="+strings.Join(e.values, " "))
	}
	want := "偽=僞 才=才 纔 纔=才"
	if strings.Join(got, " ") != want {
		t.Fatalf("reversed: got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestTofuRisk(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "T.txt"), "# @tofu-risk: rare\n殢\t殢 𣨼\n乾\t干 乾\n")
	d, err := readTextDict(filepath.Join(dir, "T.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.tofuRisk) != 1 || d.tofuRisk[0].key != "殢" || strings.Join(d.tofuRisk[0].values, " ") != "𣨼" {
		t.Fatalf("tofu-risk entries: %+v", d.tofuRisk)
	}
	writeFile(t, filepath.Join(dir, "Bad.txt"), "# @tofu-risk: rare\n# comment\n")
	if _, err := readTextDict(filepath.Join(dir, "Bad.txt")); err == nil {
		t.Fatal("a tofu-risk annotation without a mapping must fail")
	}
}

func TestReadTextDictErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "NoTab.txt"), "key value\n")
	if _, err := readTextDict(filepath.Join(dir, "NoTab.txt")); err == nil {
		t.Fatal("a line without a tab must fail")
	}
	if _, err := readTextDict(filepath.Join(dir, "missing.txt")); err == nil {
		t.Fatal("a missing file must fail")
	}
}

// TestRunReproducible generates from the real data twice when OPENCC_DATA
// names an extracted package/data directory, and compares the outputs.
func TestRunReproducible(t *testing.T) {
	data := os.Getenv("OPENCC_DATA")
	if data == "" {
		t.Skip("set OPENCC_DATA to an extracted opencc package/data directory")
	}
	a, b := t.TempDir(), t.TempDir()
	if err := run(data, a, "test"); err != nil {
		t.Fatal(err)
	}
	if err := run(data, b, "test"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"dicts.txt", "configs.json"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if string(x) != string(y) || len(x) == 0 {
			t.Fatalf("%s differs between runs", f)
		}
	}
}
