package normalize

import (
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repeatReader reads s over and over, n bytes in all, without holding
// more than s.
type repeatReader struct {
	s   string
	off int
	n   int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	k := 0
	for k < len(p) {
		c := copy(p[k:], r.s[r.off:])
		k += c
		r.off = (r.off + c) % len(r.s)
	}
	r.n -= int64(k)
	return k, nil
}

// TestStreamMemory streams 32 MB in sections of 64 KB: the heap that is
// live while it runs stays within a few sections of what it was before,
// however long the input (no timing: the heap is measured after a
// collection, every 64 sections).
func TestStreamMemory(t *testing.T) {
	n, err := New(Options{Target: TargetSimplified, SectionSize: 64 << 10, OmitChanges: true, OmitFindings: true})
	require.NoError(t, err)
	para := cleanSample(4 << 10)
	total := (32 << 20) / len(para) * len(para) // whole paragraphs
	// The models are loaded before the baseline is taken.
	_, _, err = n.String(para)
	require.NoError(t, err)
	live := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	base := live()
	peak, sections, written := int64(0), 0, int64(0)
	out := writerFunc(func(p []byte) (int, error) { written += int64(len(p)); return len(p), nil })
	err = n.Stream(out, &repeatReader{s: para, n: int64(total)}, func(s *Section) error {
		if sections++; sections%64 == 0 {
			peak = max(peak, live()-base)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, int64(total), written, "clean text, byte for byte as long")
	assert.Greater(t, sections, 500)
	t.Logf("live heap above the baseline: at most %.1f MB while streaming %.1f MB", float64(peak)/(1<<20), float64(total)/(1<<20))
	assert.Less(t, peak, int64(total/2), "the stream holds a few sections, not the input")
}

// writerFunc is an io.Writer that calls itself.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
