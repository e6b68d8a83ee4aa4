package convert_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/devset"
)

// TestDecodeAutoDevset decodes the raw-encoding category of the shared
// development set and compares with the gold text, by size.
func TestDecodeAutoDevset(t *testing.T) {
	set := devset.Load(t)
	type tally struct{ n, enc, exact int }
	bySize := map[int]*tally{}
	for _, c := range set.Category("g") {
		b := set.Input(t, c)
		want, ok := set.Gold(c, "keep")
		require.True(t, ok, "gold for %s", c.ID)
		r, err := convert.DecodeAuto(b)
		require.NoError(t, err)
		tl := bySize[c.Labels.Size]
		if tl == nil {
			tl = &tally{}
			bySize[c.Labels.Size] = tl
		}
		tl.n++
		if slices.Contains(c.Labels.EncodingAccept, r.Encoding) {
			tl.enc++
		}
		if r.Text == want {
			tl.exact++
		} else {
			t.Logf("%s: %s, text differs", c.ID, r.Encoding)
		}
	}
	sizes := make([]int, 0, len(bySize))
	for s := range bySize {
		sizes = append(sizes, s)
	}
	sort.Ints(sizes)
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%6s %4s %9s %12s\n", "size", "n", "encoding", "exact decode")
	for _, s := range sizes {
		tl := bySize[s]
		fmt.Fprintf(&sb, "%6d %4d %9.3f %12.3f\n", s, tl.n, float64(tl.enc)/float64(tl.n), float64(tl.exact)/float64(tl.n))
	}
	t.Log(sb.String())
	for _, s := range sizes {
		tl := bySize[s]
		min := 0.99
		if s < 100 {
			min = 0.90
		}
		assert.GreaterOrEqual(t, float64(tl.enc)/float64(tl.n), min, "encoding accuracy at %d bytes", s)
		assert.GreaterOrEqual(t, float64(tl.exact)/float64(tl.n), min, "exact decode at %d bytes", s)
	}
}

// decXTextTestdata returns golang.org/x/text's encoding/testdata directory
// in the module cache.
func decXTextTestdata(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/text").Output()
	require.NoError(t, err, "go list -m golang.org/x/text")
	return filepath.Join(strings.TrimSpace(string(out)), "encoding", "testdata")
}

// TestDecodeXTextTestdata decodes x/text's test files in every encoding and
// checks them against the UTF-8 versions, then round-trips them through the
// x/text encoder.
func TestDecodeXTextTestdata(t *testing.T) {
	dir := decXTextTestdata(t)
	cases := []struct{ file, enc, utf8 string }{
		{"candide-gb18030.txt", "gb18030", "candide-utf-8.txt"},
		{"candide-utf-16le.txt", "utf-16le", "candide-utf-8.txt"},
		{"candide-windows-1252.txt", "windows-1252", "candide-utf-8.txt"},
		{"rashomon-euc-jp.txt", "euc-jp", "rashomon-utf-8.txt"},
		{"rashomon-iso-2022-jp.txt", "iso-2022-jp", "rashomon-utf-8.txt"},
		{"rashomon-shift-jis.txt", "shift_jis", "rashomon-utf-8.txt"},
		{"sunzi-bingfa-gb-levels-1-and-2-hz-gb2312.txt", "hz-gb-2312", "sunzi-bingfa-gb-levels-1-and-2-utf-8.txt"},
		{"sunzi-bingfa-simplified-gbk.txt", "gbk", "sunzi-bingfa-simplified-utf-8.txt"},
		{"sunzi-bingfa-traditional-big5.txt", "big5", "sunzi-bingfa-traditional-utf-8.txt"},
		{"unsu-joh-eun-nal-euc-kr.txt", "euc-kr", "unsu-joh-eun-nal-utf-8.txt"},
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%-46s %-13s %8s %6s %10s %10s\n", "file", "encoding", "bytes", "errors", "= utf-8", "roundtrip")
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, c.file))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(dir, c.utf8))
			require.NoError(t, err)
			got, errs, err := convert.Decode(b, c.enc)
			require.NoError(t, err)
			assert.Empty(t, errs)
			assert.Equal(t, string(want), got)

			auto, err := convert.DecodeAuto(b)
			require.NoError(t, err)
			assert.Equal(t, string(want), auto.Text, "DecodeAuto picked %s", auto.Encoding)

			e, err := htmlindex.Get(c.enc)
			if c.enc == "hz-gb-2312" { // WHATWG maps HZ to "replacement"
				e, err = simplifiedchinese.HZGB2312, nil
			}
			require.NoError(t, err)
			rt := "n/a"
			{
				enc, err := e.NewEncoder().Bytes(want)
				require.NoError(t, err)
				back, errs, err := convert.Decode(enc, c.enc)
				require.NoError(t, err)
				assert.Empty(t, errs)
				assert.Equal(t, string(want), back)
				rt = fmt.Sprint(back == string(want))
			}
			fmt.Fprintf(&sb, "%-46s %-13s %8d %6d %10v %10s\n", c.file, c.enc, len(b), len(errs), got == string(want), rt)
		})
	}
	t.Log(sb.String())
}

// TestDecodeAutoKeepsUTF8 checks "do no harm" on every UTF-8 input of the
// shared development set: DecodeAuto returns it unchanged (HZ files, which
// are 7-bit ASCII by design, aside).
func TestDecodeAutoKeepsUTF8(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(devset.Load(t).Dir, "in", "*"))
	require.NoError(t, err)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		if !utf8.Valid(b) || strings.Contains(string(b), "~{") {
			continue
		}
		n++
		r, err := convert.DecodeAuto(b)
		require.NoError(t, err)
		assert.Equal(t, "utf-8", r.Encoding, f)
		assert.Equal(t, string(b[r.BOMLen:]), r.Text, f)
		assert.Empty(t, r.Errors, f)
	}
	t.Logf("%d UTF-8 inputs unchanged", n)
	require.NotZero(t, n)
}
