package detect_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
)

// encDevsetCase is one line of ../shared/devset/cases.jsonl.
type encDevsetCase struct {
	ID     string `json:"id"`
	Cat    string `json:"cat"`
	Input  string `json:"input"`
	Runs   map[string]string
	Labels struct {
		Encoding       string   `json:"encoding"`
		EncodingAccept []string `json:"encoding_accept"`
		Size           int      `json:"size"`
	} `json:"labels"`
}

// encSharedDir returns ../shared/<sub> next to the repository root, or skips the
// test when it does not exist (never when CI=true).
func encSharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/hanfix/hanfix\n") {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, parent, dir, "repository root not found")
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing in CI: %v", p, err)
		}
		t.Skipf("%s not present", p)
	}
	return p
}

func encReadDevsetCases(t testing.TB, dir, cat string) []encDevsetCase {
	f, err := os.Open(filepath.Join(dir, "cases.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	var out []encDevsetCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c encDevsetCase
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		if c.Cat == cat {
			out = append(out, c)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// TestEncodingDevset checks encoding detection on the raw-encoding category
// of the shared development set and prints accuracy by size.
func TestEncodingDevset(t *testing.T) {
	dir := encSharedDir(t, "devset")
	cases := encReadDevsetCases(t, dir, "g")
	require.NotEmpty(t, cases)
	type tally struct{ n, ok int }
	bySize := map[int]*tally{}
	for _, c := range cases {
		b, err := os.ReadFile(filepath.Join(dir, c.Input))
		require.NoError(t, err)
		res := detect.Encoding(b)
		tl := bySize[c.Labels.Size]
		if tl == nil {
			tl = &tally{}
			bySize[c.Labels.Size] = tl
		}
		tl.n++
		if slices.Contains(c.Labels.EncodingAccept, res.Encoding) {
			tl.ok++
		} else {
			t.Logf("miss %-28s want %-10s got %-10s %.3f %v", c.ID, c.Labels.Encoding, res.Encoding, res.Confidence, res.Candidates)
		}
	}
	sizes := make([]int, 0, len(bySize))
	for s := range bySize {
		sizes = append(sizes, s)
	}
	sort.Ints(sizes)
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%6s %5s %5s %8s\n", "size", "n", "ok", "accuracy")
	for _, s := range sizes {
		tl := bySize[s]
		fmt.Fprintf(&sb, "%6d %5d %5d %8.3f\n", s, tl.n, tl.ok, float64(tl.ok)/float64(tl.n))
	}
	t.Log(sb.String())
	for _, s := range sizes {
		tl := bySize[s]
		acc := float64(tl.ok) / float64(tl.n)
		min := 0.99
		if s < 100 {
			min = 0.90
		}
		require.GreaterOrEqual(t, acc, min, "accuracy at %d bytes", s)
	}
}
