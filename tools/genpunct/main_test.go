package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	c := newCounts()
	c.AddLine("要如何编译？")
	c.AddLine("把阵列印出：")
	c.AddLine("「说明」不在这里。如果")
	q, colon, stop := c.markIndex['？'], c.markIndex['：'], c.markIndex['。']
	if c.quest[q] != [2]int{0, 1} || c.quest[colon] != [2]int{1, 0} {
		t.Errorf("question counts: ？ %v, ： %v", c.quest[q], c.quest[colon])
	}
	if c.left['出'][colon] != 1 || c.left[tokHan][colon] != 1 {
		t.Errorf("left counts of 出：: %v, pooled %v", c.left['出'], c.left[tokHan])
	}
	if c.right[q][tokLine] != 1 || c.right[stop]['如'] != 1 {
		t.Errorf("right counts: ？ %v, 。 %v", c.right[q], c.right[stop])
	}
	if c.closing != 1 || c.closingOpen != 1 || c.ends != 3 || c.endsOpen != 0 {
		t.Errorf("bracket counts: closing %d/%d, ends %d/%d", c.closingOpen, c.closing, c.endsOpen, c.ends)
	}
}

func TestBuildReproducible(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"man.txt": "要如何编译？\n", "plain.txt": "相同。如果\n", "mo.txt": "印出：\n", "html.txt": "「说明」\n",
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
	if !strings.HasPrefix(string(a), "HPM1\n"+marks+"\n") || !strings.Contains(string(a), "manpages-zh 1.6.4.0-1\n\n") {
		t.Errorf("header: %q", a[:min(len(a), 200)])
	}
	if _, err := build(t.TempDir()); err == nil || !strings.Contains(err.Error(), "debian-corpus.sh") {
		t.Errorf("missing corpus: %v", err)
	}
}
