package normalize

import (
	"bytes"
	"fmt"
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

// TestOmitFindings checks that Options.OmitFindings changes nothing but
// the findings, alone and with OmitChanges, on the seed documents and on
// the seeds as one document (its readings show no single pattern, and each
// is a finding), and that Analyze ignores it. (TestOmitChanges covers the
// development set's inputs; findings come from the stages alike whatever
// the target, and conservative mode adds some.)
func TestOmitFindings(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join(testshared.Dir(t, "corpus"), "seeds", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, seeds)
	var inputs [][]byte
	var all []byte
	for _, p := range seeds {
		in, err := os.ReadFile(p)
		require.NoError(t, err)
		// The first 40 KB of each (to a line end) make the test quick
		// under the race detector; they keep the readings of 001.
		if cut := bytes.IndexByte(in[min(len(in), 40<<10):], '\n'); cut >= 0 {
			in = in[:40<<10+cut+1]
		}
		inputs, all = append(inputs, in), append(all, in...)
	}
	inputs = append(inputs, all)
	// The development set's inputs: every category of damage, so that
	// every stage that applies its own edits (see applier) does.
	devset, err := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, devset)
	for _, p := range devset {
		in, err := os.ReadFile(p)
		require.NoError(t, err)
		inputs = append(inputs, in)
	}
	sawFindings := false
	for _, opts := range []Options{{Target: TargetSimplified}, {Target: TargetTraditional, Conservative: true}, {Target: TargetKeep}, {Target: TargetAuto}} {
		full, err := New(opts)
		require.NoError(t, err)
		for _, omitChanges := range []bool{false, true} {
			o := opts
			o.OmitFindings, o.OmitChanges = true, omitChanges
			omit, err := New(o)
			require.NoError(t, err)
			for k, in := range inputs {
				name := fmt.Sprintf("%s/%d/omitChanges=%v", opts.Target, k, omitChanges)
				want, wrep, err := full.Bytes(in)
				got, grep, gerr := omit.Bytes(in)
				if err != nil {
					// A binary input is refused either way.
					assert.Equal(t, err, gerr, name)
					continue
				}
				require.NoError(t, gerr, name)
				assert.Equal(t, want, got, name)
				assert.Empty(t, grep.Findings, name)
				sawFindings = sawFindings || len(wrep.Findings) > 0
				wrep.Findings = nil
				if omitChanges {
					wrep.Changes = nil
				}
				assert.Equal(t, wrep, grep, name)
				if omitChanges {
					continue
				}
				a, err := omit.AnalyzeBytes(in)
				require.NoError(t, err)
				b, err := full.AnalyzeBytes(in)
				require.NoError(t, err)
				assert.Equal(t, b.Report.Findings, a.Report.Findings, name)
				assert.Equal(t, b.Mojibake, a.Mojibake, name)
			}
		}
	}
	assert.True(t, sawFindings, "no input had findings to omit")
}
