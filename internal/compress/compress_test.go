package compress

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compressed(t *testing.T, f Format, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, f)
	require.NoError(t, err)
	_, err = io.WriteString(w, s)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	text := strings.Repeat("汉字 text\n", 1000)
	for _, f := range []Format{None, Gzip, Zstd} {
		t.Run(f.String(), func(t *testing.T) {
			data := compressed(t, f, text)
			assert.Equal(t, f, Sniff(data))
			r, got, err := NewReader(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, f, got)
			out, err := io.ReadAll(r)
			require.NoError(t, err)
			require.NoError(t, r.Close())
			assert.Equal(t, text, string(out))
		})
	}
}

func TestShortAndEmpty(t *testing.T) {
	for _, s := range []string{"", "a", "\x1f", "\x28\xb5"} {
		r, f, err := NewReader(strings.NewReader(s))
		require.NoError(t, err)
		assert.Equal(t, None, f)
		out, err := io.ReadAll(r)
		require.NoError(t, err)
		assert.Equal(t, s, string(out))
	}
}

func TestTruncated(t *testing.T) {
	for _, f := range []Format{Gzip, Zstd} {
		data := compressed(t, f, strings.Repeat("汉字 text\n", 1000))
		r, _, err := NewReader(bytes.NewReader(data[:len(data)/2]))
		if err == nil {
			_, err = io.ReadAll(r)
		}
		require.Error(t, err, f.String())
		assert.Contains(t, err.Error(), f.String())
	}
}

func TestForName(t *testing.T) {
	assert.Equal(t, Gzip, ForName("out.jsonl.gz"))
	assert.Equal(t, Zstd, ForName("out.zst"))
	assert.Equal(t, None, ForName("out.txt"))
}
