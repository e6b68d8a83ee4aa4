package pinyin

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIsSyllable(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"shè", true}, {"she4", true}, {"she", true}, {"SHE", true},
		{"lǜ", true}, {"lü", true}, {"lv", true}, {"lv4", true}, {"lu:4", true}, {"lü4", true},
		{"nǚ", true}, {"jü", true}, {"xue", true}, {"xüe", true}, {"zhuàng", true},
		{"zhe5", true}, {"zhe0", true}, {"a", true}, {"er", true}, {"ng", true},
		{"", false}, {"gdp", false}, {"ai", true}, {"shi", true}, {"abc", false},
		{"she44", false}, {"4she", false}, {"shèè", false}, {"she4̀", false}, {"sh è", false},
		{"zhuàngzhuàng", false}, {"一", false}, {"é4", false}, {"bv", false},
	} {
		assert.Equal(t, tc.want, IsSyllable(tc.s), "IsSyllable(%q)", tc.s)
	}
}

func TestForms(t *testing.T) {
	for _, tc := range []struct{ in, marked, numbered, toneless string }{
		{"shè", "shè", "she4", "she"},
		{"she4", "shè", "she4", "she"},
		{"she", "she", "she", "she"},
		{"lv4", "lǜ", "lv4", "lü"},
		{"lu:3", "lǚ", "lv3", "lü"},
		{"zhe5", "zhe", "zhe5", "zhe"},
		{"liu2", "liú", "liu2", "liu"},
		{"gui1", "guī", "gui1", "gui"},
		{"hou4", "hòu", "hou4", "hou"},
		{"xue2", "xué", "xue2", "xue"},
		{"jv3", "jǔ", "ju3", "ju"},
		{"ZHUANG4", "zhuàng", "zhuang4", "zhuang"},
	} {
		m, ok := Canonical(tc.in)
		require.True(t, ok, tc.in)
		assert.Equal(t, tc.marked, m, "Canonical(%q)", tc.in)
		n, _ := Numbered(tc.in)
		assert.Equal(t, tc.numbered, n, "Numbered(%q)", tc.in)
		b, _ := Toneless(tc.in)
		assert.Equal(t, tc.toneless, b, "Toneless(%q)", tc.in)
	}
	_, ok := Canonical("gdp")
	assert.False(t, ok)
}

func TestReadings(t *testing.T) {
	assert.Equal(t, []string{"shè"}, Readings('設'))
	assert.Equal(t, []string{"shè"}, Readings('设'))
	assert.Contains(t, Readings('調'), "diào")
	assert.Contains(t, Readings('調'), "tiáo")
	assert.Nil(t, Readings('a'))
	for _, tc := range []struct {
		r    rune
		syl  string
		want bool
	}{
		{'設', "shè", true}, {'設', "she4", true}, {'設', "she", true}, {'設', "shé", false},
		{'調', "diào", true}, {'調', "tiáo", true}, {'調', "tiao2", true}, {'調', "tiao", true},
		{'綠', "lǜ", true}, {'綠', "lv4", true}, {'綠', "lü", true}, {'綠', "lu:4", true},
		{'著', "zhe", true}, {'著', "zhe5", true}, {'著', "zhù", true}, {'著', "zhe4", false},
		{'好', "nǐ hǎo", false}, {'一', "yī", true}, {'A', "a", false}, {'設', "", false},
		// A compatibility ideograph has the readings of the unified one
		// it stands for (U+FA2D is 鶴, U+F900 is 豈).
		{'\uFA2D', "hè", true}, {'\uF900', "qǐ", true}, {'\uFA2D', "qǐ", false},
	} {
		assert.Equal(t, tc.want, HasReading(tc.r, tc.syl), "HasReading(%q, %q)", tc.r, tc.syl)
	}
}

// Every reading of the embedded dictionary parses, and every character
// read back through the canonical form keeps its reading. (The dictionary
// itself is checked against go-pinyin by tools/genpinyin's test.)
func TestDictionaryParses(t *testing.T) {
	var buf [maxBase]byte
	tb := data()
	require.Greater(t, len(tb.runes), 40000)
	for _, r := range tb.runes {
		rs := Readings(r)
		require.NotEmpty(t, rs, "U+%04X", r)
		for _, m := range rs {
			_, _, ok := parse(m, &buf)
			require.True(t, ok, "U+%04X %q", r, m)
			require.True(t, HasReading(r, m), "U+%04X %q", r, m)
			require.True(t, IsSyllable(m), "U+%04X %q", r, m)
		}
	}
	assert.Greater(t, len(Syllables()), 400)
	assert.Less(t, len(Syllables()), 450)
}

// The readings used by the annotations of the seed documents, on
// Traditional characters.
func TestTraditionalCoverage(t *testing.T) {
	for _, p := range []string{"標biāo", "報bào", "創chuàng", "礎chǔ", "調diào", "導dǎo", "發fā",
		"個gè", "環huán", "會huì", "結jié", "節jié", "監jiān", "據jù", "聯lián", "絡luò",
		"領lǐng", "貿mào", "內nèi", "農nóng", "權quán", "驅qū", "區qū", "設shè", "實shí",
		"臺tái", "統tǒng", "衛wèi", "網wǎng", "現xiàn", "獻xiàn", "協xié", "鄉xiāng", "學xué",
		"應yīng", "優yōu", "轉zhuǎn", "戰zhàn", "鎮zhèn", "質zhì", "執zhí", "準zhǔn", "責zé", "災zāi"} {
		r := []rune(p)
		assert.True(t, HasReading(r[0], string(r[1:])), p)
	}
}

func TestHasReadingAllocs(t *testing.T) {
	HasReading('設', "shè")
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		HasReading('設', "shè")
		HasReading('綠', "lv4")
		IsSyllable("zhuàng")
	}))
}

func ExampleHasReading() {
	fmt.Println(HasReading('調', "diào"), HasReading('調', "tiao2"), HasReading('調', "shè"))
	// Output: true true false
}

func ExampleCanonical() {
	fmt.Println(Canonical("lv4"))
	fmt.Println(Numbered("shè"))
	// Output:
	// lǜ true
	// she4 true
}

func ExampleReadings() {
	fmt.Println(Readings('調'))
	// Output: [diào tiáo zhōu]
}

func FuzzHasReading(f *testing.F) {
	for _, s := range []string{"shè", "lv4", "lu:", "zhe5", "ê̄", "", "a:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := IsSyllable(s)
		c, ok2 := Canonical(s)
		if ok != ok2 {
			t.Fatalf("IsSyllable(%q)=%v, Canonical ok=%v", s, ok, ok2)
		}
		if ok {
			if !IsSyllable(c) {
				t.Fatalf("canonical %q of %q is not a syllable", c, s)
			}
			c2, _ := Canonical(c)
			if c2 != c {
				t.Fatalf("Canonical not idempotent: %q → %q → %q", s, c, c2)
			}
		}
		HasReading('設', s)
	})
}

func BenchmarkHasReading(b *testing.B) {
	HasReading('設', "shè")
	b.ReportAllocs()
	for b.Loop() {
		HasReading('設', "shè")
	}
}

// A Traditional character without data of its own gets the readings of its
// Simplified form.
func TestTraditionalFallback(t *testing.T) {
	var missing []rune
	for _, r := range "㜢䊷䱧龭龯鿁鿓𠁞𠌥𠗣𣯶" {
		if data().find(r) < 0 {
			missing = append(missing, r)
		}
	}
	require.NotEmpty(t, missing)
	found := 0
	for _, r := range missing {
		if rs := Readings(r); len(rs) > 0 {
			found++
			assert.True(t, HasReading(r, rs[0]))
		}
	}
	t.Logf("%d of %d Traditional characters without data have a Simplified fallback", found, len(missing))
	assert.Equal(t, []string{"sān"}, Readings('𣯶')) // t2s: 毶
	assert.True(t, HasReading('𣯶', "san1"))
	assert.Nil(t, Readings('a'))
}

func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		build()
	}
}

// TestFindHan checks find's table of U+3400-U+9FFF against the binary
// search of the characters.
func TestFindHan(t *testing.T) {
	d := data()
	found := 0
	for r := rune(hanLo - 16); r < hanHi+16; r++ {
		got, want := d.find(r), d.search(r)
		if got != want {
			t.Fatalf("find(%U) = %d, search %d", r, got, want)
		}
		if got >= 0 {
			found++
		}
	}
	if found < 20000 {
		t.Errorf("only %d characters with readings", found)
	}
}
