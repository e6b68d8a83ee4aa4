package normalize

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestHygieneDirtyLines checks that the full hygiene pass gives the same
// edits and findings when it reads only the lines that the stages after
// the first pass wrote (Doc.hygienic and Doc.dirty) as when it reads the
// whole text.
func TestHygieneDirtyLines(t *testing.T) {
	clean := []string{
		"", "中文。\n", "第一行，繁體字。\n第二行 ASCII text\n\n第三行：「引號」", "a\nb\nc\n",
		"Café résumé naïve\n拼音 hàn(汉) zì\n", "\uFEFF", "x\r\ny", "中文\n",
	}
	inserts := []string{
		"", "\n", "\r", "\r\n", "\x00", "\x1b[33m", "\x1b", "\u0085", "\u0080\u0081", "é", "e\u0301", "\u0301",
		"\u200d", "a\u200db", "\uFEFF", "\u200b", "中", "文字", "\u00c3\u0083", "\uF900", "ﬁ", "Ã©",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	shortcuts := 0
	for range 20000 {
		base := clean[rng.IntN(len(clean))]
		if rng.IntN(2) == 0 {
			base = clean[rng.IntN(len(clean))] + base
		}
		doc := &Doc{validText: true}
		e1, f1 := Hygiene{beforeMojibake: true}.Edits(base, doc)
		if len(e1) > 0 || len(f1) > 0 {
			continue // the first pass changes the text: no shortcut
		}
		// A few edits at character boundaries, as a stage makes them.
		var bounds []int
		for i := range base {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(base))
		var edits []Edit
		last := 0
		for k := rng.IntN(4); k >= 0; k-- {
			start := bounds[rng.IntN(len(bounds))]
			if start < last {
				continue
			}
			end := start
			if rng.IntN(2) == 0 {
				end = bounds[min(len(bounds)-1, slices.Index(bounds, start)+rng.IntN(3))]
			}
			edits = append(edits, Edit{Start: start, End: end, After: inserts[rng.IntN(len(inserts))]})
			last = end + 1
		}
		if len(edits) == 0 || checkEdits(base, edits) != nil {
			continue
		}
		text := applyEdits(base, edits)
		doc.noteEdits(base, text, edits)
		if doc.hygienic != "" {
			shortcuts++
		}
		got, gotF := Hygiene{}.Edits(text, doc)
		want, wantF := Hygiene{}.Edits(text, &Doc{validText: true})
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotF, wantF) {
			t.Fatalf("%q with edits %+v → %q:\nlines read: %+v %+v\nwhole text: %+v %+v", base, edits, text, got, gotF, want, wantF)
		}
	}
	if shortcuts < 5000 {
		t.Errorf("only %d texts read by their dirty lines", shortcuts)
	}
}
