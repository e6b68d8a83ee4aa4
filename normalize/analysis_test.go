package normalize

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGarbledRegions(t *testing.T) {
	chain := func(start, end int) Change {
		return Change{Kind: KindMojibake, Start: start, End: end, Rule: "utf8<-gbk lost@3=80"}
	}
	shift := func(start, end int) Change {
		return Change{Kind: KindMojibake, Start: start, End: end, Rule: "gbk-shift lead=A1 end=ascii"}
	}
	lost := func(start, end int) Finding {
		return Finding{Kind: KindMojibake, Start: start, End: end, Reason: "U+FFFD replacement characters"}
	}
	for _, tc := range []struct {
		name     string
		changes  []Change
		findings []Finding
		want     int
	}{
		{"none", nil, nil, 0},
		{"one repair", []Change{chain(0, 50)}, nil, 1},
		{"a misreading cut by lost bytes", []Change{chain(0, 77), chain(89, 847), chain(866, 1176)},
			[]Finding{lost(85, 88), lost(850, 853)}, 1},
		{"lost bytes at the start of a misreading", []Change{chain(20, 90)}, []Finding{lost(0, 3), lost(5, 8)}, 1},
		{"two misreadings apart", []Change{chain(0, 50), chain(50+regionGap+1, 200)}, nil, 2},
		{"just within the gap", []Change{chain(0, 50), chain(50+regionGap, 200)}, nil, 1},
		{"misalignment runs close together count one by one", []Change{shift(0, 20), shift(25, 40), shift(41, 60)}, nil, 3},
		{"a run next to a misreading", []Change{chain(0, 50), shift(55, 70)}, nil, 2},
		{"lost characters without a misreading", nil, []Finding{lost(0, 3), lost(5, 8)}, 2},
		{"findings and another kind", []Change{chain(0, 50), {Kind: KindHygiene, Start: 60, End: 61}},
			[]Finding{{Kind: KindAnnotation, Start: 52, End: 55}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{Counts: map[Kind]int{KindMojibake: len(tc.changes)}, Changes: tc.changes, Findings: tc.findings}
			for _, c := range tc.changes {
				if c.Kind != KindMojibake {
					rep.Counts[KindMojibake]--
				}
			}
			assert.Equal(t, tc.want, garbledRegions(rep))
		})
	}
}

// TestAnalyzeGarbledRegions checks Analyze's mojibake count on the
// development set's damaged inputs against their labels: one per garbled
// span, a document read whole with the wrong codec being one span.
func TestAnalyzeGarbledRegions(t *testing.T) {
	dir := testshared.Dir(t, "devset")
	paths, err := filepath.Glob(filepath.Join(dir, "in", "d-*whole*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	n, err := New(Options{Target: TargetKeep})
	require.NoError(t, err)
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		require.NoError(t, err)
		a, err := n.Analyze(string(raw))
		require.NoError(t, err)
		assert.Equal(t, 1, a.Mojibake, filepath.Base(p))
	}
}
