package detect

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/testshared"
)

func TestScriptClasses(t *testing.T) {
	for _, tc := range []struct {
		chars string
		class uint8
	}{
		{"设发这个们书车门并", classSimp},
		{"設發這個們書車門臺裡為爲", classTrad},
		{"吃床群台著", classHan},
		{"干于后里范采斗余", classOneToMany},
		{"系么", classHan},
		{"ひらカタ", classKana},
		{"abc。・ー", classOther},
	} {
		for _, r := range tc.chars {
			got := scriptClassOf(r)
			if tc.class == classHan && got == classOneToMany {
				continue // neutral either way
			}
			assert.Equal(t, tc.class, got, "class of %c", r)
		}
	}
}

func TestScript(t *testing.T) {
	simp := "我们在这个项目里开发了一个新的转换工具，它能够处理简体和繁体的文本。"
	trad := "我們在這個項目裡開發了一個新的轉換工具，它能夠處理簡體和繁體的文本。"
	machine := "加強幹部隊伍建設，干部要善于學習，關系到發展的全局，并且要努力工作，干部隊伍。"
	for _, tc := range []struct {
		name     string
		in       string
		script   string
		minority int
		machine  bool
	}{
		{"simplified", simp, ScriptSimplified, 0, false},
		{"traditional", trad, ScriptTraditional, 0, false},
		{"machine converted with residue", strings.Repeat(machine, 3), ScriptTraditional, 0, true},
		{"annotated", "建設(shè)網(wǎng)絡(luò)，網(wǎng)站。", ScriptTraditional, 0, true},
		{"tw standard chars are not simplified", "吃、床、群、台、吃", ScriptNone, 0, false},
		{"japanese", "これは日本語の文章です。漢字も使います。", ScriptJapanese, 0, false},
		{"none", "Hello, world. 123", ScriptNone, 0, false},
		{"korean with hanja", "대한민국의 수도는 서울이다. 國語 學習", ScriptNone, 0, false},
		{"shinjitai without kana", "東京駅北口広場", ScriptJapanese, 0, false},
		{"one hiragana in a short text", "書庫に", ScriptJapanese, 0, false},
		{"one hiragana in a short text, with Latin", "詳細な文書 <https://www.gnu.org/software/>", ScriptJapanese, 0, false},
		{"one shinjitai in a short text", "関連項目", ScriptJapanese, 0, false},
		{"の in a short text is taken for Japanese", "這是我の書", ScriptJapanese, 0, false},
		{"Japanese with の only", "Readline の記法", ScriptJapanese, 0, false},
		{"one kana in twelve", "基本正規表現と拡張正規表現", ScriptJapanese, 0, false},
		{"an emoticon in a Chinese sentence", "我今天很難過（つд⊂）但是明天會更好，這是一個很長的句子。", ScriptTraditional, 0, false},
		{"neutral han", "中文文本", ScriptNone, 0, false},
		{"empty", "", ScriptNone, 0, false},
		{"simp doc with trad paragraph", strings.Repeat(simp+"\n", 5) + trad + "\n", ScriptMixed, 1, false},
		{"trad doc with simp line", strings.Repeat(trad+"\n", 5) + simp + "\n" + trad, ScriptMixed, 1, false},
		{"one stray char is not a mixture", strings.Repeat(simp, 10) + "這", ScriptSimplified, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Script(tc.in)
			assert.Equal(t, tc.script, r.Script)
			assert.Len(t, r.Minority, tc.minority)
			assert.Equal(t, tc.machine, r.MachineConverted)
			assert.GreaterOrEqual(t, r.Confidence, 0.0)
			assert.LessOrEqual(t, r.Confidence, 1.0)
			if tc.script == ScriptMixed {
				for _, m := range r.Minority {
					assert.NotEqual(t, r.Majority, Script(tc.in[m.Start:m.End]).Script)
				}
			}
		})
	}
}

func ExampleScript() {
	r := Script("我們在這個項目裡開發了新的工具。\n我们在这个项目里开发了新的工具。\n我們在這個項目裡開發了新的工具。")
	fmt.Println(r.Script, r.Majority)
	for _, m := range r.Minority {
		fmt.Printf("%d-%d\n", m.Start, m.End)
	}
	// Output:
	// mixed traditional
	// 49-97
}

func FuzzScript(f *testing.F) {
	for _, s := range []string{"我們在這個項目裡", "我们在这个项目里\n這個", "これは", "\xff設", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Script(s)
		prev := 0
		for _, m := range r.Minority {
			if m.Start < prev || m.End > len(s) || m.Start > m.End {
				t.Fatalf("bad span %v", m)
			}
			if utf8.ValidString(s) && (!utf8.ValidString(s[:m.Start]) || !utf8.ValidString(s[m.End:])) {
				t.Fatalf("span %v not on rune boundaries", m)
			}
			prev = m.End
		}
		switch r.Script {
		case ScriptSimplified, ScriptTraditional, ScriptMixed, ScriptJapanese, ScriptNone:
		default:
			t.Fatalf("script %q", r.Script)
		}
	})
}

func BenchmarkScript(b *testing.B) {
	s := strings.Repeat("我们在这个项目里开发了一个新的转换工具，它能够处理简体和繁体的文本。\n我們在這個項目裡開發了一個新的轉換工具。Some ASCII text (with parens).\n", 300)
	Script(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Script(s)
	}
}

func ExampleScriptSpans() {
	for _, sp := range ScriptSpans("我们开发了新的工具。我們開發了新的工具。Plain text.") {
		fmt.Println(sp.Span, sp.Script, sp.Simplified, sp.Traditional)
	}
	// Output:
	// {0 30} simplified 3 0
	// {30 60} traditional 0 3
}

func ExampleIsTraditionalOnly() {
	for _, r := range "設设干著台" {
		fmt.Printf("%c %v %v\n", r, IsTraditionalOnly(r), IsSimplifiedOnly(r))
	}
	// Output:
	// 設 true false
	// 设 false true
	// 干 false false
	// 著 false false
	// 台 false false
}

func ExampleScriptDetail() {
	res, spans := ScriptDetail("我们开发了新的工具。我們開發了新的工具。")
	fmt.Println(res.Script)
	for _, sp := range spans {
		fmt.Println(sp.Span, sp.Script)
	}
	// Output:
	// mixed
	// {0 30} simplified
	// {30 60} traditional
}

// TestScriptDetail checks that ScriptDetail gives what Script and
// ScriptSpans give, the spans only for mixed text: on texts of each
// script and on the development set's inputs, alone and together.
func TestScriptDetail(t *testing.T) {
	texts := []string{"", "plain ASCII", "我们开发了新的工具。", "我們開發了新的工具。",
		"我们开发了新的工具。\n我們開發了新的工具。", "日本語のテキストです。", "我们開發了新的工具。"}
	files, err := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "[ae]-*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, p := range files {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		texts = append(texts, string(b))
	}
	texts = append(texts, strings.Join(texts, "\n"))
	for k, s := range texts {
		res, spans := ScriptDetail(s)
		assert.Equal(t, Script(s), res, "text %d", k)
		if res.Script == ScriptMixed {
			assert.Equal(t, ScriptSpans(s), spans, "text %d", k)
		} else {
			assert.Nil(t, spans, "text %d", k)
		}
	}
}
