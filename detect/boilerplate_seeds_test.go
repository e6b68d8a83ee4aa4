package detect

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/testshared"
)

// goldRemoval matches an entry of the "Boilerplate removed" list of a gold
// sidecar: "- line 3, whole line, head — …: `text`".
var goldRemoval = regexp.MustCompile("^- line (\\d+), (whole line|inline), .*?(?:: `(.*)`|\\(empty line\\))$")

// TestBoilerplateSeedGold checks every seed against its gold sidecar: each
// line and phrase the sidecar lists as boilerplate is removed, and nothing
// else (the stray "-+" the sidecar lists as a manual correction included).
func TestBoilerplateSeedGold(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	seeds, err := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, seeds)
	for _, p := range seeds {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			seed, err := os.ReadFile(p)
			require.NoError(t, err)
			md, err := os.ReadFile(filepath.Join(corpus, "gold", name+".md"))
			require.NoError(t, err)
			lines := strings.Split(string(seed), "\n")
			drop := map[int]bool{}
			listed := 0
			for _, l := range strings.Split(string(md), "\n") {
				m := goldRemoval.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				listed++
				n, _ := strconv.Atoi(m[1])
				require.LessOrEqual(t, n, len(lines))
				if m[2] == "whole line" {
					require.Equal(t, m[3], lines[n-1], "sidecar line %d", n)
					drop[n-1] = true
					continue
				}
				require.Contains(t, lines[n-1], m[3])
				lines[n-1] = strings.Replace(lines[n-1], m[3], "", 1)
			}
			if strings.Contains(string(md), "stray '-+'") {
				for i := range lines {
					lines[i] = strings.ReplaceAll(lines[i], "-+", "")
				}
			}
			var want []string
			for i, l := range lines {
				if !drop[i] {
					want = append(want, l)
				}
			}
			spans := Boilerplate(string(seed), nil, nil)
			checkSpans(t, string(seed), spans)
			got := applySpans(string(seed), spans)
			assert.Equal(t, strings.Join(want, "\n"), got)
			t.Logf("%s: %d removals listed in the sidecar, %d spans", name, listed, len(spans))
			assert.Empty(t, Boilerplate(got, nil, nil), "second pass")
		})
	}
}

// TestBoilerplateDevsetControls runs every UTF-8 input of the development
// set's categories a to e (clean controls, annotations, mojibake, script
// mixing: no boilerplate) through Boilerplate, learning a site model from
// all documents of a category first as a -jsonl run does: nothing may be
// found.
func TestBoilerplateDevsetControls(t *testing.T) {
	dir := testshared.Dir(t, "devset")
	paths, err := filepath.Glob(filepath.Join(dir, "in", "*.txt"))
	require.NoError(t, err)
	byCat := map[byte][]string{}
	for _, p := range paths {
		if c := filepath.Base(p)[0]; c >= 'a' && c <= 'e' {
			byCat[c] = append(byCat[c], p)
		}
	}
	require.NotEmpty(t, byCat['a'])
	for c, ps := range byCat {
		l := NewLearner()
		docs := make([]string, len(ps))
		for i, p := range ps {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			docs[i] = string(b)
			l.Add(docs[i])
		}
		m := l.Model()
		for i, d := range docs {
			assert.Empty(t, Boilerplate(d, nil, m), "category %c: %s", c, filepath.Base(ps[i]))
		}
	}
}
