package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteRuby reads the pages (*.txt) of the directory RUBY_IN and
// writes them to the directory RUBY_OUT as clean machine-made ruby, the
// shape of the development set's category b and of seeds 000 and 004:
// converted to Traditional (OpenCC s2t, punctuation kept) with the
// dictionary reading glued after every occurrence of the characters
// TestWriteAnnotMisaligned annotates (rubyRanking over all the pages,
// each page cutting the list at its own length, rubyReadings of its
// index). scripts/noharm-punct.sh checks the mojibake stage on them. It
// is skipped unless both variables are set.
func TestWriteRuby(t *testing.T) {
	in, out := writerPaths(t, "RUBY_IN", "RUBY_OUT")
	s2t, t2s := s2tAndT2S(t)
	files, err := filepath.Glob(filepath.Join(in, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no pages in %s", in)
	texts := make([]string, len(files))
	for k, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		texts[k] = s2t.Convert(string(b))
	}
	ranked := rubyRanking(gbk(), t2s, texts)
	require.NoError(t, os.MkdirAll(out, 0o755))
	for k, f := range files {
		text := glueReadings(texts[k], rubyReadings(ranked, k))
		require.NoError(t, os.WriteFile(filepath.Join(out, filepath.Base(f)), []byte(text), 0o644))
	}
	t.Logf("%d pages written, %d characters annotatable", len(files), len(ranked))
}

// glueReadings returns text with reading[r] glued after every occurrence
// of r, in parentheses.
func glueReadings(text string, reading map[rune]string) string {
	var b strings.Builder
	for _, r := range text {
		b.WriteRune(r)
		if p, ok := reading[r]; ok {
			b.WriteString("(" + p + ")")
		}
	}
	return b.String()
}

func TestGlueReadings(t *testing.T) {
	for _, tc := range []struct {
		in   string
		rd   map[rune]string
		want string
	}{
		{"建設工作", map[rune]string{'設': "shè"}, "建設(shè)工作"},
		{"設設", map[rune]string{'設': "shè"}, "設(shè)設(shè)"},
		{"建設", nil, "建設"},
		{"", map[rune]string{'設': "shè"}, ""},
	} {
		assert.Equal(t, tc.want, glueReadings(tc.in, tc.rd), tc.in)
	}
}
