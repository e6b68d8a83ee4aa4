package main

import (
	"bytes"
	"maps"
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
	if err := build(c, c, nil, defaultOptions).write(&a); err != nil {
		t.Fatal(err)
	}
	if err := build(c, c, nil, defaultOptions).write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("output differs between runs")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("HFLM\x02")) {
		t.Fatalf("bad magic %q", a.Bytes()[:5])
	}
}

func TestReadCountsMissing(t *testing.T) {
	if _, err := readCounts(filepath.Join(t.TempDir(), "none.txt")); err == nil {
		t.Fatal("want an error for a missing file")
	}
}

// The running-text share adds the pairs across word boundaries that
// dictionary words never show, and a share of 0 is the dictionary model.
func TestBuildTextShare(t *testing.T) {
	dict := &counts{uni: map[rune]float64{}, bi: map[[2]rune]float64{}}
	dict.add([]rune("默认"), 100)
	dict.add([]rune("数值"), 100)
	dict.add([]rune("认"), 50)
	text := &counts{uni: map[rune]float64{}, bi: map[[2]rune]float64{}}
	for range 20 {
		text.addText("默认值是0。数值")
	}
	has := func(m *model, a, b rune) bool {
		for _, e := range m.vocab {
			if e.r != a {
				continue
			}
			for _, s := range e.succ {
				if m.vocab[s.idx].r == b {
					return true
				}
			}
		}
		return false
	}
	noText := defaultOptions
	noText.TextShare = 0
	var a, b bytes.Buffer
	if err := build(dict, dict, text, noText).write(&a); err != nil {
		t.Fatal(err)
	}
	if err := build(dict, dict, nil, defaultOptions).write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("a running-text share of 0 must give the dictionary model")
	}
	if has(build(dict, dict, nil, defaultOptions), '认', '值') {
		t.Error("认值 is no dictionary pair")
	}
	if !has(build(dict, dict, text, defaultOptions), '认', '值') {
		t.Error("认值, seen 20 times in running text, must be stored")
	}
	if text.uni['0'] != 0 || text.bi[[2]rune{'是', '0'}] != 0 || text.bi[[2]rune{'。', '数'}] != 0 {
		t.Error("running text counts Han characters and Han pairs only")
	}
}

// Running text gives the triples of the pairs seen MinTriContext times or
// more (before a Han character or at the end of a run), all of their
// successors, however rare, and the ends.
func TestBuildTriples(t *testing.T) {
	dict := &counts{uni: map[rune]float64{}, bi: map[[2]rune]float64{}}
	dict.add([]rune("如果"), 100)
	dict.add([]rune("没有"), 100)
	text := &counts{uni: map[rune]float64{}, bi: map[[2]rune]float64{}, tri: map[[3]rune]int{}, triEnd: map[[2]rune]int{}}
	for range 4 {
		text.addText("如果没有。如果")
	}
	text.addText("如果然后,没有人")
	m := build(dict, dict, text, defaultOptions)
	idx := map[rune]int{}
	for i, e := range m.vocab {
		idx[e.r] = i
	}
	n := len(m.vocab)
	got, ends := map[string]int{}, map[string]int{}
	for _, tc := range m.tris {
		ends[string([]rune{m.vocab[tc.key/n].r, m.vocab[tc.key%n].r})] = tc.end
		for _, x := range tc.next {
			got[string([]rune{m.vocab[tc.key/n].r, m.vocab[tc.key%n].r, m.vocab[x.idx].r})] = x.n
		}
	}
	// 没有 is seen five times: four at the end of a run (没有。), once
	// before 人. 果然 and 然后 are seen once.
	want := map[string]int{"如果没": 4, "如果然": 1, "果没有": 4, "没有人": 1}
	if len(got) != len(want) {
		t.Fatalf("triples %v, want %v", got, want)
	}
	if wantEnds := map[string]int{"如果": 4, "果没": 0, "没有": 4}; !maps.Equal(ends, wantEnds) {
		t.Errorf("ends %v, want %v", ends, wantEnds)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %d, want %d", k, got[k], v)
		}
	}
	for i := 1; i < len(m.tris); i++ {
		if m.tris[i-1].key >= m.tris[i].key {
			t.Fatal("contexts out of order")
		}
	}
	if text.tri[[3]rune{'没', '有', '如'}] != 0 {
		t.Error("a triple never spans punctuation")
	}
}
