package cli

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadUpTo: a document up to max comes back whole; a larger one as a
// prefix that, followed by what is left of the reader, reads it all.
func TestReadUpTo(t *testing.T) {
	const max = 300 << 10
	input := make([]byte, 3*max)
	for i := range input {
		input[i] = byte('a' + i%26)
	}
	for _, n := range []int{0, 1, 64 << 10, 100 << 10, max, max + 1, 3 * max} {
		for _, hint := range []int64{0, int64(n), int64(n / 2), 1 << 30} {
			rd := bytes.NewReader(input[:n])
			data, prefix, err := readUpTo(iotestHalf{rd}, max, hint)
			require.NoError(t, err)
			if n <= max {
				require.Nil(t, prefix, "n %d hint %d", n, hint)
				require.Equal(t, input[:n], data, "n %d hint %d", n, hint)
				continue
			}
			require.Nil(t, data)
			require.NotNil(t, prefix, "n %d hint %d", n, hint)
			all, err := io.ReadAll(io.MultiReader(prefix, rd))
			require.NoError(t, err)
			require.Equal(t, input[:n], all, "n %d hint %d", n, hint)
		}
	}
	_, _, err := readUpTo(io.MultiReader(bytes.NewReader(input[:1000]), errReader{}), max, 0)
	assert.EqualError(t, err, "read failed")
}

// iotestHalf reads at most half of what is asked, as pipes and
// decompressors may.
type iotestHalf struct{ r io.Reader }

func (h iotestHalf) Read(p []byte) (int, error) { return h.r.Read(p[:max(1, len(p)/2)]) }

// errReader fails every read.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("read failed") }
