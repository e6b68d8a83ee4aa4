package normalize

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/cer"
	"github.com/hanfix/hanfix/internal/testshared"
)

// leftAnnotation matches a reading in parentheses after a Han character.
var leftAnnotation = regexp.MustCompile(`\p{Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)`)

// TestSeedsScriptAndAnnotations checks seeds 000 and 004 (annotated,
// machine-converted Traditional without mojibake) through the whole
// pipeline with target simp: no annotation left and CER ≤ 0.001 against
// the gold, lines normalised as for pages.
func TestSeedsScriptAndAnnotations(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	n, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	for _, name := range []string{"000_a5d9b8ec73973a47.txt", "004_ca7ee976e50d1c96.txt"} {
		in, err := os.ReadFile(filepath.Join(corpus, "seeds", name))
		require.NoError(t, err)
		gold, err := os.ReadFile(filepath.Join(corpus, "gold", name))
		require.NoError(t, err)
		out, rep, err := n.String(string(in))
		require.NoError(t, err)
		assert.Empty(t, leftAnnotation.FindAllString(out, 5), name)
		rate := cer.Rate(normLines(out), normLines(string(gold)))
		t.Logf("%s: CER %.4f, changes %v", name, rate, rep.Counts)
		assert.LessOrEqual(t, rate, 0.001, name)
		assert.True(t, rep.Script.MachineConverted, name)
	}
}
