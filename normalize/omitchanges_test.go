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
// documents and the development set's inputs for every target, with and
// without Conservative (the script stage applies its own edits when there
// is no change list; see applier).
func TestOmitChanges(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	seeds, err := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, seeds)
	// The development set's inputs: every category of damage, raw
	// encodings included.
	devset, err := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "*"))
	require.NoError(t, err)
	seeds = append(seeds, devset...)
	for _, opts := range omitOptions() {
		target := opts.Target
		full, err := New(opts)
		require.NoError(t, err)
		opts.OmitChanges = true
		omit, err := New(opts)
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
			assert.Equal(t, b.Report.Changes, a.Report.Changes, name)
		}
	}
}

// omitOptions are the configurations TestOmitChanges compares.
func omitOptions() []Options {
	var all []Options
	for _, target := range Targets {
		all = append(all, Options{Target: target}, Options{Target: target, Conservative: true})
	}
	return append(all,
		Options{Target: TargetSimplified, Fixes: DefaultFixes | FixCJKPunct | FixFullwidthASCII},
		Options{Target: TargetTraditional, Fixes: DefaultFixes &^ FixAnnotations})
}
