package normalize

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"

	"github.com/stretchr/testify/require"
)

// TestIdempotentOnMixedDocuments cleans twice documents that mix every
// kind of damage, as scraped pages do and the development set does not:
// lines of its inputs and of the seeds drawn at random (some cut at a
// random character, some glued to the line before), and whole inputs with
// lines of others put in or glued on. A stage can change what another one
// judged (a conversion moves the runs that read like misaligned GBK, a
// removed phrase leaves a line of metadata, a removed line moves a page's
// edge); the second cleaning must change nothing. scripts/idempotence-mix.sh
// does the same with the CLI, on more documents.
func TestIdempotentOnMixedDocuments(t *testing.T) {
	var docs []string
	for _, sub := range []string{"devset/in/*.txt", "corpus/seeds/*.txt"} {
		dir := testshared.Dir(t, strings.Split(sub, "/")[0])
		paths, err := filepath.Glob(filepath.Join(dir, strings.SplitN(sub, "/", 2)[1]))
		require.NoError(t, err)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			docs = append(docs, string(b))
		}
	}
	require.NotEmpty(t, docs)
	var lines []string
	for _, d := range docs {
		for _, l := range strings.Split(d, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
	}
	n := 1000
	if testing.Short() {
		n = 50
	}
	rng := rand.New(rand.NewPCG(24, 1))
	mixed := make([]string, 0, 2*n)
	for range n {
		mixed = append(mixed, mixLines(rng, lines), mixPage(rng, docs, lines))
	}
	punct := DefaultFixes | FixFullwidthASCII | FixCJKPunct | FixSpaceComma
	for _, o := range []Options{
		{Target: TargetKeep}, {Target: TargetSimplified}, {Target: TargetTraditional},
		{Target: TargetAuto}, {Target: TargetTaiwan}, {Target: TargetHongKong},
		{Target: TargetSimplified, Fixes: punct},
	} {
		o.OmitChanges, o.OmitFindings = true, true
		nz, err := New(o)
		require.NoError(t, err)
		for _, in := range mixed {
			out, _, err := nz.String(in)
			require.NoError(t, err)
			again, _, err := nz.String(out)
			require.NoError(t, err)
			require.Equal(t, out, again, "target %s, fixes %v: a second cleaning changed the output of\n%s", o.Target, o.Fixes, in)
		}
	}
}

// mixLines returns 1 to 15 lines drawn from lines, some cut at random
// characters, some glued to the line before.
func mixLines(rng *rand.Rand, lines []string) string {
	var out []string
	for range 1 + rng.IntN(15) {
		l := []rune(lines[rng.IntN(len(lines))])
		switch r := rng.Float64(); {
		case r < 0.15 && len(l) > 10:
			a := rng.IntN(len(l))
			l = l[a : a+rng.IntN(len(l)-a+1)]
		case r < 0.25 && len(out) > 0:
			out[len(out)-1] += string(l)
			continue
		}
		out = append(out, string(l))
	}
	return strings.Join(out, "\n")
}

// mixPage returns one of docs (5 to 40 lines of a long one) with 0 to 3
// of lines put in at random places or glued to a line.
func mixPage(rng *rand.Rand, docs, lines []string) string {
	out := strings.Split(docs[rng.IntN(len(docs))], "\n")
	if len(out) > 60 {
		a := rng.IntN(len(out) - 40)
		out = out[a : a+5+rng.IntN(36)]
	}
	for range rng.IntN(4) {
		l := lines[rng.IntN(len(lines))]
		p := rng.IntN(len(out) + 1)
		if rng.Float64() < 0.3 && p < len(out) {
			out[p] += l
		} else {
			out = append(out[:p], append([]string{l}, out[p:]...)...)
		}
	}
	return strings.Join(out, "\n")
}
