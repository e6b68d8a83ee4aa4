package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedDir returns ../shared/opencc beside the repository; the test skips
// when it does not exist, except under CI=true.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "opencc")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but the shared OpenCC data is missing: %v", err)
		}
		t.Skipf("no shared OpenCC data at %s: %v", dir, err)
	}
	return dir
}

var trailingComma = regexp.MustCompile(`,(\s*[\]}])`)

type openccCase struct {
	ID       string            `json:"id"`
	Input    string            `json:"input"`
	Expected map[string]string `json:"expected"`
}

// loadCases reads OpenCC's testcases.json, which has trailing commas.
func loadCases(t testing.TB) []openccCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "testcases.json"))
	require.NoError(t, err)
	raw = trailingComma.ReplaceAll(raw, []byte("$1"))
	var doc struct {
		Cases []openccCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc), "parse testcases.json")
	require.NotEmpty(t, doc.Cases)
	return doc.Cases
}

// TestConformanceOpenCC runs OpenCC's regression cases: at least 95% of the
// (input, config) pairs must pass; every failure is logged.
func TestConformanceOpenCC(t *testing.T) {
	cases := loadCases(t)
	pass, total := 0, 0
	perConfig := map[string][2]int{}
	for _, tc := range cases {
		cfgs := make([]string, 0, len(tc.Expected))
		for cfg := range tc.Expected {
			cfgs = append(cfgs, cfg)
		}
		sort.Strings(cfgs)
		for _, cfg := range cfgs {
			want := tc.Expected[cfg]
			c, err := New(cfg)
			require.NoError(t, err, "config %s", cfg)
			got := c.Convert(tc.Input)
			total++
			pc := perConfig[cfg]
			pc[1]++
			if got == want {
				pass++
				pc[0]++
			} else {
				t.Logf("FAIL %s %s\n  input: %s\n  want:  %s\n  got:   %s", tc.ID, cfg, tc.Input, want, got)
			}
			perConfig[cfg] = pc
		}
	}
	names := make([]string, 0, len(perConfig))
	for n := range perConfig {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("config %-6s %3d/%3d", n, perConfig[n][0], perConfig[n][1])
	}
	rate := float64(pass) / float64(total)
	t.Logf("OpenCC conformance: %d/%d pairs pass (%.1f%%)", pass, total, 100*rate)
	assert.Equal(t, 543, total, "number of (input, config) pairs")
	assert.GreaterOrEqual(t, rate, 0.95, "pass rate")
}

// TestConformanceGolden converts the US constitution (Simplified) and
// compares with OpenCC's golden outputs byte for byte.
func TestConformanceGolden(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "golden")
	input, err := os.ReadFile(filepath.Join(dir, "us_constitution_zhs.txt"))
	require.NoError(t, err)
	for _, cfg := range []string{"s2t", "s2tw", "s2twp", "s2hk", "s2hkp"} {
		t.Run(cfg, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "us_constitution_zhs."+cfg+".txt"))
			require.NoError(t, err)
			c, err := New(cfg)
			require.NoError(t, err)
			got := c.Convert(string(input))
			if got != string(want) {
				wl, gl := splitLines(string(want)), splitLines(got)
				for i := 0; i < len(wl) || i < len(gl); i++ {
					var w, g string
					if i < len(wl) {
						w = wl[i]
					}
					if i < len(gl) {
						g = gl[i]
					}
					if w != g {
						t.Errorf("line %d differs\n  want: %s\n  got:  %s", i+1, w, g)
					}
				}
			}
		})
	}
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// TestSegmentsGoldenText checks on long real text, for every configuration
// and both modes, that Segments rebuilds Convert's output.
func TestSegmentsGoldenText(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "golden")
	var texts []string
	for _, f := range []string{"us_constitution_zhs.txt", "us_constitution_zhs.s2twp.txt", "us_constitution_zhs.s2hk.txt"} {
		raw, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		texts = append(texts, string(raw))
	}
	for _, cfg := range Configs() {
		for _, conservative := range []bool{false, true} {
			c, err := NewWithOptions(cfg, Options{Conservative: conservative})
			require.NoError(t, err)
			for i, text := range texts {
				var b []byte
				last := 0
				c.Segments(text, func(start, end int, repl string) {
					b = append(b, text[last:start]...)
					b = append(b, repl...)
					last = end
				})
				b = append(b, text[last:]...)
				assert.Equal(t, c.Convert(text), string(b), "%s conservative=%v text %d", cfg, conservative, i)
			}
		}
	}
}
