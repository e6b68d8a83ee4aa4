package normalize

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/cer"
	"github.com/hanfix/hanfix/internal/testshared"
)

// leftAnnotation matches a reading in parentheses after a Han character.
// Tests only: not a hot path.
var leftAnnotation = regexp.MustCompile(`\p{Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)`)

// TestSeeds runs every seed document through the pipeline with target simp:
// it must come out byte for byte as the gold (its character error rate
// against the gold, lines normalised as the development-set scorer does
// for pages, is logged to show how far a change moves it), no annotation
// may be left, and a second pass must change nothing.
func TestSeeds(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	seeds, err := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, seeds)
	n, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	for _, p := range seeds {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(p)
			require.NoError(t, err)
			gold, err := os.ReadFile(filepath.Join(corpus, "gold", name))
			require.NoError(t, err)
			out, rep, err := n.Bytes(in)
			require.NoError(t, err)
			rate := cer.Rate(normLines(out), normLines(string(gold)))
			t.Logf("%s: CER %.5f, changes %v, findings %d", name, rate, rep.Counts, len(rep.Findings))
			assert.Equal(t, string(gold), out)
			assert.Empty(t, leftAnnotation.FindAllString(out, 5))
			again, rep2, err := n.String(out)
			require.NoError(t, err)
			assert.Equal(t, out, again, "idempotent")
			assert.Empty(t, rep2.Changes)
		})
	}
}

func normLines(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}
