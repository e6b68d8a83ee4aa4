package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/devset"
)

// TestFullWidthReadings checks that readings in full-width parentheses, as a
// page's ruby fallback (<rp>（</rp>) writes them when the ruby is flattened,
// are removed as ASCII ones are: every development-set input of category b
// (readings alone), its readings' parentheses made full-width, cleans to the
// gold of the input as it is, for each target. (In category h readings also
// stand inside runs of misaligned GBK, where the "(" is a byte of the
// damage: a full-width one would be other damage.)
func TestFullWidthReadings(t *testing.T) {
	set := devset.Load(t)
	nzs := map[string]*Normalizer{} // by target
	n := 0
	for _, c := range set.Category("b") {
		in := string(set.Input(t, c))
		anns := detect.Annotations(in).Fitting()
		if len(anns) == 0 {
			continue
		}
		var b strings.Builder
		last := 0
		for _, a := range anns {
			require.Equal(t, "("+a.Reading+")", in[a.Span.Start:a.Span.End])
			b.WriteString(in[last:a.Span.Start])
			b.WriteString("（" + a.Reading + "）")
			last = a.Span.End
		}
		b.WriteString(in[last:])
		wide := b.String()
		for target := range c.Runs {
			if strings.Contains(target, "+") {
				continue // keep+kb: the same readings
			}
			gold, ok := set.Gold(c, target)
			require.True(t, ok)
			nz := nzs[target]
			if nz == nil {
				tg, err := ParseTarget(target)
				require.NoError(t, err)
				nz, err = New(Options{Target: tg})
				require.NoError(t, err)
				nzs[target] = nz
			}
			out, _, err := nz.String(wide)
			require.NoError(t, err)
			assert.Equal(t, gold, out, "%s -to %s", c.ID, target)
			n++
		}
	}
	require.GreaterOrEqual(t, n, 20, "the development set's inputs with readings")
}
