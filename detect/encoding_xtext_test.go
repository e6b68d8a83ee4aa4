package detect_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/hanfix/hanfix/detect"
)

// encXTextFiles maps the files of golang.org/x/text/encoding/testdata to their
// WHATWG encoding; UTF-32 is not a WHATWG encoding and is left out.
var encXTextFiles = map[string]string{
	"candide-gb18030.txt":                          "gb18030",
	"candide-utf-16le.txt":                         "utf-16le",
	"candide-utf-8.txt":                            "utf-8",
	"candide-windows-1252.txt":                     "windows-1252",
	"rashomon-euc-jp.txt":                          "euc-jp",
	"rashomon-iso-2022-jp.txt":                     "iso-2022-jp",
	"rashomon-shift-jis.txt":                       "shift_jis",
	"rashomon-utf-8.txt":                           "utf-8",
	"sunzi-bingfa-gb-levels-1-and-2-hz-gb2312.txt": "hz-gb-2312",
	"sunzi-bingfa-gb-levels-1-and-2-utf-8.txt":     "utf-8",
	"sunzi-bingfa-simplified-gbk.txt":              "gbk",
	"sunzi-bingfa-simplified-utf-8.txt":            "utf-8",
	"sunzi-bingfa-traditional-big5.txt":            "big5",
	"sunzi-bingfa-traditional-utf-8.txt":           "utf-8",
	"unsu-joh-eun-nal-euc-kr.txt":                  "euc-kr",
	"unsu-joh-eun-nal-utf-8.txt":                   "utf-8",
}

// encXTextTestdata returns the encoding/testdata directory of the
// golang.org/x/text module in the module cache.
func encXTextTestdata(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/text").Output()
	require.NoError(t, err, "go list -m golang.org/x/text")
	dir := filepath.Join(strings.TrimSpace(string(out)), "encoding", "testdata")
	_, err = os.Stat(dir)
	require.NoError(t, err)
	return dir
}

func encMustEncoding(t testing.TB, name string) encoding.Encoding {
	e, err := htmlindex.Get(name)
	require.NoError(t, err, name)
	return e
}

// encDecodeTrim decodes b and drops a trailing U+FFFD, the mark of a sequence
// cut by truncation.
func encDecodeTrim(e encoding.Encoding, b []byte) string {
	out, _ := e.NewDecoder().Bytes(b)
	s := string(out)
	for strings.HasSuffix(s, "\ufffd") {
		s = strings.TrimSuffix(s, "\ufffd")
	}
	return s
}

// encBoundaries returns the offsets in b at which e starts a character.
func encBoundaries(e encoding.Encoding, b []byte) []int {
	dec := e.NewDecoder()
	var out []int
	var dst [16]byte
	for i := 0; i < len(b); {
		out = append(out, i)
		dec.Reset()
		_, n, _ := dec.Transform(dst[:4], b[i:], true)
		if n == 0 {
			n = 1
		}
		i += n
	}
	return out
}

// encSameText reports whether decoding b with the detected encoding gives the
// same text as with the true one (up to a cut last character).
func encSameText(t testing.TB, b []byte, truth, got string) bool {
	if truth == got {
		return true
	}
	eg, err := htmlindex.Get(got)
	if err != nil {
		return false
	}
	return encDecodeTrim(encMustEncoding(t, truth), b) == encDecodeTrim(eg, b)
}

// TestEncodingXTextTestdata detects whole files of x/text's test data and
// windows of 16 to 256 bytes that start on a character boundary (and may
// end inside one), and prints accuracy by length. A detection counts as
// right when it decodes the window to the same text as the true encoding.
func TestEncodingXTextTestdata(t *testing.T) {
	dir := encXTextTestdata(t)
	lengths := []int{16, 32, 64, 128, 256}
	const windows = 100
	type tally struct{ n, ok int }
	acc := map[string]map[int]*tally{}
	names := make([]string, 0, len(encXTextFiles))
	for name := range encXTextFiles {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		truth := encXTextFiles[name]
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		res := detect.Encoding(b)
		assert.True(t, encSameText(t, b, truth, res.Encoding), "%s: got %s %v", name, res.Encoding, res.Candidates)
		if truth == "hz-gb-2312" || truth == "iso-2022-jp" {
			continue // stateful: windows would start inside an escape
		}
		if acc[truth] == nil {
			acc[truth] = map[int]*tally{}
		}
		// Skip the English header so that windows see the text.
		start := strings.Index(string(b), "\n\n")
		if truth == "utf-16le" {
			start = strings.Index(string(b), "\n\x00\n\x00")
		}
		bounds := encBoundaries(encMustEncoding(t, truth), b[start:])
		for _, n := range lengths {
			tl := acc[truth][n]
			if tl == nil {
				tl = &tally{}
				acc[truth][n] = tl
			}
			for w := 0; w < windows; w++ {
				i := start + bounds[(w*len(bounds)/windows+w*7)%len(bounds)]
				if i+n > len(b) {
					continue
				}
				win := b[i : i+n]
				got := detect.Encoding(win)
				tl.n++
				if encSameText(t, win, truth, got.Encoding) {
					tl.ok++
				} else if testing.Verbose() && n >= 64 {
					t.Logf("%s %d@%d: got %s %.2f, %q", truth, n, i, got.Encoding, got.Confidence, encDecodeTrim(encMustEncoding(t, truth), win))
				}
			}
		}
	}
	var sb strings.Builder
	encs := make([]string, 0, len(acc))
	for e := range acc {
		encs = append(encs, e)
	}
	sort.Strings(encs)
	fmt.Fprintf(&sb, "\n%-14s", "encoding")
	for _, n := range lengths {
		fmt.Fprintf(&sb, " %6d", n)
	}
	sb.WriteString("\n")
	total := map[int]*tally{}
	for _, e := range encs {
		fmt.Fprintf(&sb, "%-14s", e)
		for _, n := range lengths {
			tl := acc[e][n]
			fmt.Fprintf(&sb, " %6.3f", float64(tl.ok)/float64(tl.n))
			if total[n] == nil {
				total[n] = &tally{}
			}
			total[n].n += tl.n
			total[n].ok += tl.ok
		}
		sb.WriteString("\n")
	}
	fmt.Fprintf(&sb, "%-14s", "all")
	for _, n := range lengths {
		fmt.Fprintf(&sb, " %6.3f", float64(total[n].ok)/float64(total[n].n))
	}
	fmt.Fprintf(&sb, "\n%-14s", "windows")
	for _, n := range lengths {
		fmt.Fprintf(&sb, " %6d", total[n].n)
	}
	t.Log(sb.String())
	for _, n := range lengths {
		if n >= 64 {
			assert.GreaterOrEqual(t, float64(total[n].ok)/float64(total[n].n), 0.95, "accuracy at %d bytes", n)
		}
	}
}
