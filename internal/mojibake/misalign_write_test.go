package mojibake

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWriteMisaligned garbles the "text" field of each JSON Lines object
// in the file named by MISALIGN_IN with the forward model of
// TestShiftSynthetic (misalign) and writes the lines it could garble to
// MISALIGN_OUT, "id" kept. scripts/shift-heldout.sh uses it to build its
// test set. It is skipped unless both variables are set.
func TestWriteMisaligned(t *testing.T) {
	in, out := os.Getenv("MISALIGN_IN"), os.Getenv("MISALIGN_OUT")
	if in == "" || out == "" {
		t.Skip("MISALIGN_IN and MISALIGN_OUT not set")
	}
	src, err := os.Open(in)
	require.NoError(t, err)
	defer src.Close()
	dst, err := os.Create(out)
	require.NoError(t, err)
	defer dst.Close()
	w := bufio.NewWriter(dst)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	g := gbk()
	sc := bufio.NewScanner(src)
	sc.Buffer(nil, 1<<20)
	var n, kept int
	for sc.Scan() {
		var doc struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &doc), "line %d", n+1)
		n++
		if gl, ok := misalign(g, doc.Text); ok {
			doc.Text = gl
			require.NoError(t, enc.Encode(doc))
			kept++
		}
	}
	require.NoError(t, sc.Err())
	require.NoError(t, w.Flush())
	t.Logf("%d lines read, %d garbled", n, kept)
}
