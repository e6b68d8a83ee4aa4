package normalize

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestHygiene(t *testing.T) {
	tests := []struct {
		name, in, want string
		rules          []string
	}{
		{"clean Chinese", "组织部门作为承担党的组织工作任务的“施工队”。\n第二行", "组织部门作为承担党的组织工作任务的“施工队”。\n第二行", nil},
		{"tabs stay", "a\tb\n", "a\tb\n", nil},
		{"bom", "\ufeff中文", "中文", []string{"bom"}},
		{"zero width inside", "中\u200b文\u2060字\ufeff", "中文字", []string{"zero-width", "zero-width", "bom"}},
		{"zwj between Han removed", "中\u200d文", "中文", []string{"zero-width"}},
		{"zwj in emoji kept", "family 👨\u200d👩\u200d👧 ok", "family 👨\u200d👩\u200d👧 ok", nil},
		{"crlf", "一\r\n二\r三\n", "一\n二\n三\n", []string{"crlf", "cr"}},
		{"controls", "a\x00b\x07c\x7fd\u0085e", "abcde", []string{"control", "control", "control", "control"}},
		{"C1 run removed", "a\u0085\u0086b", "ab", []string{"control", "control"}},
		{"C1 next to Latin-1 kept", "0Ã\u0083©", "0Ã\u0083©", nil},
		{"C1 before Latin-1 kept", "x\u0083\u0084é", "x\u0083\u0084é", nil},
		{"nfc", "cafe\u0301 中文", "caf\u00e9 中文", []string{"nfc"}},
		{"nfc with control in line", "e\u0301\x01x", "\u00e9x", []string{"nfc"}},
		{"compat ideograph kept", "\uf900\u0301", "\uf900\u0301", nil},
		{"compat ideograph alone kept", "豈\uf900", "豈\uf900", nil},
		{"hangul kept", "한국어 텍스트", "한국어 텍스트", nil},
		{"terminal colours", "\x1b[33m -- \x1b[32m《日常》\x1b[m", " -- 《日常》", []string{"control", "control", "control"}},
		{"cursor sequence with intermediates", "a\x1b[2 qb", "ab", []string{"control"}},
		{"lone escape", "a\x1bb", "ab", []string{"control"}},
		{"unfinished sequence", "a\x1b[33", "a[33", []string{"control"}},
		{"escape at the end", "a\x1b[", "a[", []string{"control"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes := Apply(Hygiene{}, tt.in, Options{})
			assert.Equal(t, tt.want, got)
			var rules []string
			for _, c := range changes {
				rules = append(rules, c.Rule)
				assert.Equal(t, KindHygiene, c.Kind)
				assert.Equal(t, tt.in[c.Start:c.End], c.Before)
			}
			assert.Equal(t, tt.rules, rules)
			again, more := Apply(Hygiene{}, got, Options{})
			assert.Equal(t, got, again, "idempotent")
			assert.Empty(t, more)
		})
	}
}

func BenchmarkHygieneClean(b *testing.B) {
	text := cleanSample(200 << 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Hygiene{}.Edits(text, nil)
	}
}

// cleanSample returns about n bytes of clean Chinese prose with
// punctuation, digits and Latin words.
func cleanSample(n int) string {
	const para = "机关党务干部是机关党建工作的策划者、组织者和实施者，其素质的高低，直接关系到机关党建活动的吸引力和实效性。" +
		"新时期，要实现 2016 年提出的“走前头”目标要求，建设一支党性强、业务精的 Linux 与 Go 技术队伍显得特别紧迫。\n"
	b := make([]byte, 0, n+len(para))
	for len(b) < n {
		b = append(b, para...)
	}
	return string(b)
}

// Text made of the runes nfcStable accepts is in NFC, whatever their order.
func TestNFCStableRunes(t *testing.T) {
	var stable []rune
	for r := rune(0x80); r < 0x30000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if nfcStable(r, string(r)) && !isCompatIdeograph(r) {
			stable = append(stable, r)
		}
	}
	require.Contains(t, stable, 'ǎ')
	require.Contains(t, stable, 'ü')
	rng := rand.New(rand.NewPCG(3, 4))
	for _, r := range stable {
		for _, s := range []string{string(r), "a" + string(r), string(r) + "a",
			string(stable[rng.IntN(len(stable))]) + string(r) + string(stable[rng.IntN(len(stable))])} {
			require.True(t, norm.NFC.IsNormalString(s), "%q", s)
		}
	}
}

// TestHygieneFastRanges checks the claim of Hygiene's fast path for CJK
// punctuation, kana and full-width forms: nfcStable accepts every rune it
// skips, and none of them is one the stage removes.
func TestHygieneFastRanges(t *testing.T) {
	check := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if r == 0x3099 || r == 0x309A {
				continue
			}
			enc := string(r)
			require.True(t, nfcStable(r, enc), "%U", r)
			in := "中" + enc + "文"
			edits, _ := Hygiene{}.Edits(in, &Doc{validText: true})
			require.Empty(t, edits, "%U", r)
		}
	}
	check(0x3000, 0x30FF)
	check(0xFF00, 0xFF7F)
}

// TestHygieneSkipTwoByte checks that the two-byte characters hygieneSkip
// passes over are ones the hygiene stage has nothing to do with: in NFC
// whatever comes before them, and not C1 controls.
func TestHygieneSkipTwoByte(t *testing.T) {
	for c := 0xC0; c <= 0xDF; c++ {
		if hygieneSkip[1][c] == 0 {
			continue
		}
		require.Equal(t, uint8(2), hygieneSkip[1][c], "lead byte %X", c)
		for c1 := 0x80; c1 <= 0xBF; c1++ {
			s := string([]byte{byte(c), byte(c1)})
			r, _ := utf8.DecodeRuneInString(s)
			require.True(t, nfcStable(r, s), "%U", r)
			require.False(t, r >= 0x80 && r <= 0x9F, "%U", r)
		}
	}
}
