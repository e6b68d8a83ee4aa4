package normalize

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/testshared"
)

// TestOmitChanges checks that Options.OmitChanges changes nothing but the
// change list: same text, counts, findings and script, on the seed
// documents for every target.
func TestOmitChanges(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	seeds, err := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, seeds)
	for _, target := range Targets {
		full, err := New(Options{Target: target})
		require.NoError(t, err)
		omit, err := New(Options{Target: target, OmitChanges: true})
		require.NoError(t, err)
		for _, p := range seeds {
			in, err := os.ReadFile(p)
			require.NoError(t, err)
			want, wrep, err := full.Bytes(in)
			require.NoError(t, err)
			got, grep, err := omit.Bytes(in)
			require.NoError(t, err)
			name := string(target) + "/" + filepath.Base(p)
			assert.Equal(t, want, got, name)
			assert.Empty(t, grep.Changes, name)
			assert.Equal(t, wrep.Changed(), grep.Changed(), name)
			wrep.Changes = nil
			assert.Equal(t, wrep, grep, name)

			a, err := omit.AnalyzeBytes(in)
			require.NoError(t, err)
			b, err := full.AnalyzeBytes(in)
			require.NoError(t, err)
			assert.Equal(t, b.BoilerplateLines, a.BoilerplateLines, name)
			assert.NotEmpty(t, a.Report.Changes, name)
		}
	}
}
