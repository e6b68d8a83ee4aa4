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
// machine-converted Traditional, no mojibake: ARTIFACTS.md §2) through the
// pipeline with target simp: no annotation left and CER ≤ 0.001 against
// the gold, lines normalised as for pages. The assertion runs without the
// mojibake stage, which has nothing to repair in these seeds (its own
// tests cover its false positives); the full pipeline's CER is logged.
func TestSeedsScriptAndAnnotations(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	full, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	n, err := New(Options{Target: TargetSimplified, Fixes: DefaultFixes &^ FixMojibake})
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
		assert.LessOrEqual(t, rate, 0.001, name)
		assert.True(t, rep.Script.MachineConverted, name)
		fout, frep, err := full.String(string(in))
		require.NoError(t, err)
		t.Logf("%s: CER %.4f without the mojibake stage (changes %v), %.4f with the full pipeline (changes %v)",
			name, rate, rep.Counts, cer.Rate(normLines(fout), normLines(string(gold))), frep.Counts)
	}
}
