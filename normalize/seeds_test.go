package normalize

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

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

// TestSeedsInTwoEncodings saves each seed document as a page put together
// from parts in two encodings, its head and tail lines (six each) in
// UTF-8 and the rest in GBK: it must come out as the seed itself does
// (the seeds that GBK cannot hold, or too short to have a middle, are
// skipped).
func TestSeedsInTwoEncodings(t *testing.T) {
	corpus := testshared.Dir(t, "corpus")
	seeds, err := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	require.NoError(t, err)
	n, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	tried := 0
	for _, p := range seeds {
		in, err := os.ReadFile(p)
		require.NoError(t, err)
		lines := strings.Split(string(in), "\n")
		if len(lines) < 14 {
			continue
		}
		head, tail := strings.Join(lines[:6], "\n")+"\n", "\n"+strings.Join(lines[len(lines)-6:], "\n")
		body, err := simplifiedchinese.GBK.NewEncoder().String(strings.Join(lines[6:len(lines)-6], "\n"))
		if err != nil {
			continue // a character GBK does not have
		}
		tried++
		t.Run(filepath.Base(p), func(t *testing.T) {
			want, _, err := n.Bytes(in)
			require.NoError(t, err)
			got, rep, err := n.Bytes([]byte(head + body + tail))
			require.NoError(t, err)
			assert.Equal(t, "gbk", rep.Encoding)
			assert.Positive(t, rep.Counts[KindEncoding])
			assert.Equal(t, want, got)
		})
	}
	assert.GreaterOrEqual(t, tried, 3)
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
