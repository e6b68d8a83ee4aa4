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
	in, out := writerPaths(t, "MISALIGN_IN", "MISALIGN_OUT")
	docs := readHeldoutDocs(t, in)
	enc, flush := jsonlWriter(t, out)
	g := gbk()
	kept := 0
	for _, doc := range docs {
		if gl, ok := misalign(g, doc.Text); ok {
			doc.Text = gl
			require.NoError(t, enc.Encode(doc))
			kept++
		}
	}
	flush()
	t.Logf("%d lines read, %d garbled", len(docs), kept)
}

// heldoutDoc is one line of the held-out scripts' JSON Lines.
type heldoutDoc struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

// writerPaths returns the paths that the environment variables inVar and
// outVar name, and skips t, a test that writes a test set for a script,
// unless both are set.
func writerPaths(t *testing.T, inVar, outVar string) (in, out string) {
	t.Helper()
	in, out = os.Getenv(inVar), os.Getenv(outVar)
	if in == "" || out == "" {
		t.Skipf("%s and %s not set", inVar, outVar)
	}
	return in, out
}

// readHeldoutDocs reads the JSON Lines file at path.
func readHeldoutDocs(t *testing.T, path string) []heldoutDoc {
	t.Helper()
	src, err := os.Open(path)
	require.NoError(t, err)
	defer src.Close()
	var docs []heldoutDoc
	sc := bufio.NewScanner(src)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var d heldoutDoc
		require.NoError(t, json.Unmarshal(sc.Bytes(), &d), "%s line %d", path, len(docs)+1)
		docs = append(docs, d)
	}
	require.NoError(t, sc.Err())
	return docs
}

// jsonlWriter creates path and returns an encoder of JSON Lines into it
// (HTML left unescaped) and the function that flushes and closes it.
func jsonlWriter(t *testing.T, path string) (*json.Encoder, func()) {
	t.Helper()
	dst, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(dst)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc, func() {
		require.NoError(t, w.Flush())
		require.NoError(t, dst.Close())
	}
}
