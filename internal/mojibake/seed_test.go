package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

func applySpans(text string, spans []Span) string {
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if !s.Repairable {
			continue
		}
		b.WriteString(text[last:s.Start])
		b.WriteString(s.Repair)
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}

func TestSeed001(t *testing.T) {
	dir := testshared.Dir(t, "corpus")
	in, err := os.ReadFile(filepath.Join(dir, "seeds", "001_a8a28db1f456a665.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := os.ReadFile(filepath.Join(dir, "reference", "001_mojibake_repaired.txt"))
	if err != nil {
		t.Fatal(err)
	}
	spans := Find(string(in))
	got := applySpans(string(in), spans)
	gl, rl := strings.Split(got, "\n"), strings.Split(string(ref), "\n")
	bad := 0
	for i := range rl {
		if i < len(gl) && gl[i] != rl[i] {
			bad++
			t.Logf("line %d:\n got %s\nwant %s", i+1, gl[i], rl[i])
		}
	}
	t.Logf("%d spans, %d lines differ", len(spans), bad)
	if bad > 1 {
		t.Errorf("%d lines differ from the reference, want at most 1", bad)
	}
}
