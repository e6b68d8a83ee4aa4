package opencc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testLibrary serves small text dictionaries from a map.
func testLibrary(dicts map[string]string) *Library {
	return NewLibrary(func(file string) (*Dict, error) {
		text, ok := dicts[file]
		if !ok {
			return nil, fmt.Errorf("no dictionary %q", file)
		}
		return ParseText(file, text, FormatOpenCC)
	})
}

func testConverter(t *testing.T, lib *Library, config string, opts Options) *Converter {
	t.Helper()
	spec, err := ParseConfig([]byte(config))
	require.NoError(t, err)
	c, err := lib.NewConverter("test", spec, opts)
	require.NoError(t, err)
	return c
}

func TestParseText(t *testing.T) {
	d, err := ParseText("D", "# comment\n\nab\tAB\na\tA1 A2\r\nab\tdup\n", FormatOpenCC)
	require.NoError(t, err)
	require.Equal(t, 3, d.Len())
	k, v := d.Entry(0) // sorted by key
	assert.Equal(t, "a", k)
	assert.Equal(t, "A1 A2", v)
	assert.Equal(t, "D", d.Name())

	g, err := ParseText("G", "  ab\tAB  \na\tA1 A2\nab\tlast\nno newline\tX", FormatGocc)
	require.NoError(t, err)
	require.Equal(t, 2, g.Len(), "gocc ignores a final line without newline")
	_, v = g.Entry(1)
	assert.Equal(t, "last", v, "gocc keeps the last of duplicated keys")

	for _, bad := range []string{"novalue\n", "\tvalue\n", "key\t\n", "\xff\tx\n"} {
		_, err := ParseText("B", bad, FormatOpenCC)
		assert.Error(t, err, "%q", bad)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, bad := range []string{
		``, `{`, `[]`, `{"name":"x"}`, `{"conversion_chain":[]}`,
		`{"segmentation":{"type":"plugin"},"conversion_chain":[{"dict":{"type":"text","file":"A"}}]}`,
	} {
		_, err := ParseConfig([]byte(bad))
		assert.Error(t, err, bad)
	}
	lib := testLibrary(map[string]string{"A": "a\tb\n"})
	for _, bad := range []string{
		`{"conversion_chain":[{"dict":{"type":"text","file":"missing"}}]}`,
		`{"conversion_chain":[{"dict":{"type":"text"}}]}`,
		`{"conversion_chain":[{"dict":{"type":"weird","file":"A"}}]}`,
		`{"conversion_chain":[{"dict":{"type":"group","match_policy":"odd","dicts":[{"type":"text","file":"A"}]}}]}`,
		`{"conversion_chain":[{"dict":{"type":"group","match_policy":"union","dicts":[
			{"type":"group","dicts":[{"type":"text","file":"A"},{"type":"text","file":"A"}]}]}}]}`,
	} {
		spec, err := ParseConfig([]byte(bad))
		require.NoError(t, err, bad)
		_, err = lib.NewConverter("bad", spec, Options{})
		assert.Error(t, err, bad)
	}
}

func TestGroupPolicies(t *testing.T) {
	lib := testLibrary(map[string]string{
		"Short": "ab\tS2\n",
		"Long":  "abc\tL3\na\tLa\n",
		"Char":  "a\tCa\nb\tCb\nc\tCc\n",
	})
	tests := []struct {
		name, dict, in, want string
	}{
		// short_circuit: the first dictionary with any match wins, even if a
		// later one has a longer match.
		{"short_circuit", `{"type":"group","match_policy":"short_circuit","dicts":[
			{"type":"text","file":"Short"},{"type":"text","file":"Long"},{"type":"text","file":"Char"}]}`,
			"abc", "S2Cc"},
		// union: the longest match of all members.
		{"union", `{"type":"group","match_policy":"union","dicts":[
			{"type":"text","file":"Short"},{"type":"text","file":"Long"}]}`,
			"abcab", "L3S2"},
		// union inside short_circuit, as OpenCC's s2t uses.
		{"nested", `{"type":"group","match_policy":"short_circuit","dicts":[
			{"type":"group","match_policy":"union","dicts":[{"type":"text","file":"Short"},{"type":"text","file":"Long"}]},
			{"type":"text","file":"Char"}]}`,
			"abcbc", "L3CbCc"},
		// a union prefers the earlier member for the same key.
		{"union tie", `{"type":"group","match_policy":"union","dicts":[
			{"type":"text","file":"Long"},{"type":"text","file":"Char"}]}`,
			"a", "La"},
		{"no match", `{"type":"text","file":"Short"}`, "xyz", "xyz"},
	}
	for _, tt := range tests {
		c := testConverter(t, lib, `{"conversion_chain":[{"dict":`+tt.dict+`}]}`, Options{})
		assert.Equal(t, tt.want, c.Convert(tt.in), tt.name)
	}
}

func TestSegmentationLimitsLaterSteps(t *testing.T) {
	lib := testLibrary(map[string]string{
		"Seg":  "ab\tab\n",
		"Step": "bc\tX\n",
	})
	config := `{
		"segmentation": {"type":"mmseg","dict":{"type":"text","file":"Seg"}},
		"conversion_chain": [{"dict":{"type":"text","file":"Step"}}]}`
	c := testConverter(t, lib, config, Options{})
	// "ab" is a segment, so "bc" across its end does not match.
	assert.Equal(t, "abc", c.Convert("abc"))
	assert.Equal(t, "X", c.Convert("bc"))
	noSeg := testConverter(t, lib, config, Options{GoccCompat: true})
	assert.Equal(t, "aX", noSeg.Convert("abc"))
}

func TestFusedConfigs(t *testing.T) {
	for name, want := range map[string]bool{
		"s2t": false, "s2tw": true, "s2hk": true, "s2twp": true, "s2hkp": true, "tw2s": false, "t2s": false,
	} {
		c, err := New(name, Options{IncludeTofu: true})
		require.NoError(t, err)
		assert.Equal(t, want, c.fused, name)
	}
}

func TestIDS(t *testing.T) {
	lib := testLibrary(map[string]string{"D": "氵\tX\n青\tY\n"})
	c := testConverter(t, lib, `{"conversion_chain":[{"dict":{"type":"text","file":"D"}}]}`, Options{})
	assert.Equal(t, "⿰氵青Y", c.Convert("⿰氵青青"), "a complete sequence is copied whole")
	assert.Equal(t, "⿰X", c.Convert("⿰氵"), "an incomplete one is not")
	assert.Equal(t, "⿰⿱氵青氵X", c.Convert("⿰⿱氵青氵氵"))
	g := testConverter(t, lib, `{"conversion_chain":[{"dict":{"type":"text","file":"D"}}]}`, Options{GoccCompat: true})
	assert.Equal(t, "⿰XYY", g.Convert("⿰氵青青"))
}

func TestInvalidUTF8Kept(t *testing.T) {
	c, err := New("s2t", Options{})
	require.NoError(t, err)
	for _, in := range []string{"\xff", "们\xe4\xbb", "\xe4\xbb们", "\xed\xa0\x80们", "\xe0\x80\x80", "\xf0\x9f", "a\x00们"} {
		out := c.Convert(in)
		assert.Equal(t, strings.ReplaceAll(in, "们", "們"), out, "%q", in)
	}
}

func TestCompose(t *testing.T) {
	// x → t: "AB" → "abc" (one replaced span), "C" kept.
	a := []span{{0, 2, 0, 3, false}, {2, 3, 3, 4, true}}
	// t → y: "ab" kept, "cC" → "Z" across the boundary.
	t2 := "abcC"
	b := []span{{0, 2, 0, 2, true}, {2, 4, 2, 3, false}}
	got := compose(a, b, t2, nil)
	assert.Equal(t, []span{{0, 3, 0, 3, false}}, got)

	// Identity spans compose to identity, cut at the other list's spans.
	a = []span{{0, 6, 0, 6, true}}
	b = []span{{0, 3, 0, 3, true}, {3, 6, 3, 4, false}}
	got = compose(a, b, "一二", nil)
	assert.Equal(t, []span{{0, 3, 0, 3, true}, {3, 6, 3, 4, false}}, got)
}

func TestNamesAndErrors(t *testing.T) {
	assert.Len(t, Names(), 16)
	_, err := New("nope", Options{})
	assert.ErrorContains(t, err, "unknown configuration")
	assert.Greater(t, EmbeddedSize(), 1_000_000)
	assert.Less(t, EmbeddedSize(), 2_000_000)
}

// TestMatcherBMPTable checks the flat table of first nodes and its bits
// against the two-level table they copy, for every BMP rune.
func TestMatcherBMPTable(t *testing.T) {
	c, err := New("s2t", Options{})
	require.NoError(t, err)
	for _, m := range append(append([]*matcher{c.seg}, c.norm...), c.chain...) {
		if m == nil {
			continue
		}
		for r := rune(0); r < 0x10000; r++ {
			n := m.lo[m.hi[r>>8]+uint32(r&0xff)]
			require.Equal(t, uint16(n), m.bmp[r], "%s: %U", m.name, r)
			require.Equal(t, n != 0, m.firstBits[r>>6]&(1<<(r&63)) != 0, "%s: %U", m.name, r)
		}
	}
}
