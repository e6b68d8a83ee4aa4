package mojibake

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// garble1252 is the mechanism: UTF-8 bytes decoded as windows-1252, the
// five undefined bytes rendered as C1 controls.
func garble1252(s string) string {
	var out []rune
	for _, b := range []byte(s) {
		r := charmap.Windows1252.DecodeByte(b)
		if r == '\uFFFD' {
			r = rune(b)
		}
		out = append(out, r)
	}
	return string(out)
}

// Latin-script mojibake that ftfy fixes, each inside a sentence.
var latinPositive = []string{
	"Le café est chaud.", "Une crème brûlée, s'il vous plaît.", "À bientôt !", "Ça va très bien.",
	"Une impression de déjà vu.", "Elle est naïve.", "Joyeux Noël", "Une œuvre d'art.", "Le garçon et l'élève.",
	"Herr Müller wohnt hier.", "Die Größe ist falsch.", "Übung macht den Meister.", "Ein schöner Tag.",
	"Die Straße ist lang.", "Äpfel und Birnen", "Buenos días, señor.", "Hasta mañana.", "¿Qué tal?",
	"¡Olé!", "Con todo mi corazón.", "El niño juega.", "São Paulo é grande.", "A ação começou.",
	"Eu não sei.", "Você está aqui?", "She said “hello” to me.", "It’s fine.", "A ‘single’ quote.",
	"From 2010–2020.", "Wait—what?", "…and so on.", "• first item", "It costs €100.", "Brand™ names",
	"I ❤ Go", "Thumbs up 👍 for that.", "Smile 🙂 please", "Ørsted and Ålesund", "Zürich, Schweiz",
	"Antonín Dvořák", "Łódź is a city.", "İstanbul", "中文", "你好，世界。", "Die Temperatur ist 20 °C.",
	"Plus ± minus", "naïve café in Zürich", "The character 中 means middle.",
}

// Text that must be left alone.
var latinNegative = []string{
	"AÇÃO e NÃO em SÃO PAULO", "x ± y", "It costs £5.", "© 2024 ACME Corp.", "25 °C", "Þetta er íslenska.",
	"Reykjavík", "Việt Nam", "Tiếng Việt rất hay.", "Ðà Nẵng", "naïve café", "Français", "Straße",
	"§ 3 Abs. 2", "½ cup of sugar", "5 × 3 = 15", "10 µs", "¿Dónde está?", "Ålesund", "«guillemets»",
	`printf("%s\n", "Ã");`, "价格：£20，约合 180 元", "温度 25°C，湿度 60%", "Café «Le Monde» — 2€",
	"Ñandú", "Ångström", "Œuvre complète", "“引号”和‘单引号’", "ÉTÉ À PARIS", "Ça coûte 3,50 €.",
	"Müller–Lyer illusion", "ÀÁÂÃÄÅ ÈÉÊË", "café—bar", "Señor Ñúñez",
	// French and Czech typography puts a no-break space before » : – (found
	// in Debian's translations): é + U+00A0 + » are the UTF-8 bytes of 頻,
	// É + U+00A0 those of ɠ, á + U+00A0 + – those of Mongolian ᠖.
	"non «\u00a0commité\u00a0», modifications non ignorées",
	"DÉCONSEILLÉ\u00a0: cette clé est déconseillée.",
	"tabulka mapování čtenáře na soubor je plná\u00a0– čeká se",
}

func TestLatinMojibake(t *testing.T) {
	if len(latinPositive) < 40 || len(latinNegative) < 20 {
		t.Fatalf("table too small: %d positive, %d negative", len(latinPositive), len(latinNegative))
	}
	fixed := 0
	for _, want := range latinPositive {
		in := garble1252(want)
		got := applySpans(in, Find(in))
		if got == want {
			fixed++
		} else {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
		// Double encoding.
		in2 := garble1252(in)
		if got2 := applySpans(in2, Find(in2)); got2 != want {
			t.Errorf("double %q: got %q, want %q", in2, got2, want)
		}
	}
	for _, s := range latinNegative {
		if got := applySpans(s, Find(s)); got != s {
			t.Errorf("clean %q changed to %q", s, got)
		}
	}
	t.Logf("%d/%d positive fixed, %d negative", fixed, len(latinPositive), len(latinNegative))
}

// Literal cases as they are seen in the wild.
func TestLatinLiteral(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"cafÃ©", "café"},
		{"â€œquotedâ€\u009d", "“quoted”"},
		{"one â€” two", "one — two"},
		{"ä¸\u00adæ–‡", "中文"},
		{"Ã¥Â¯Â¹", "对"},
		{"donâ€™t", "don’t"},
	} {
		if got := applySpans(c.in, Find(c.in)); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// The five bytes windows-1252 leaves undefined are often dropped by the
// reader (or deleted later as C1 controls); a single missing byte per
// sequence is restored when one choice is clearly the likeliest.
func TestDroppedUndefinedBytes(t *testing.T) {
	strip := func(s string) string {
		var out []rune
		for _, r := range s {
			if r < 0x80 || r > 0x9F {
				out = append(out, r)
			}
		}
		return string(out)
	}
	for _, want := range []string{"打开文件选择对话框。", "所有其他图形将存为 PNG 格式。", "LibreOffice 会创建这两种方式的图像映射。"} {
		in := strip(garble1252(want))
		if in == garble1252(want) {
			t.Fatalf("%q has no undefined byte", want)
		}
		spans := Find(in)
		if got := applySpans(in, spans); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
		for _, sp := range spans {
			if p, err := ParsePlan(sp.Plan); err != nil {
				t.Errorf("plan %q: %v", sp.Plan, err)
			} else if got, err := p.Apply(sp.Garbled); err != nil || got != sp.Repair {
				t.Errorf("replay %q on %q = %q, %v", sp.Plan, sp.Garbled, got, err)
			}
		}
	}
}

// TestIsLatin1Reading checks isLatin1Reading, which scans for the bytes
// of the C1 controls, against decoding every rune, on random bytes that
// are mostly the lead and continuation bytes around them.
func TestIsLatin1Reading(t *testing.T) {
	decoded := func(s string) bool {
		for _, r := range s {
			if r >= 0x80 && r <= 0x9F && r != 0x81 && r != 0x8D && r != 0x8F && r != 0x90 && r != 0x9D {
				return true
			}
		}
		return false
	}
	alphabet := []byte{'a', 0x80, 0x81, 0x8D, 0x90, 0x9D, 0x9F, 0xA0, 0xBF, 0xC2, 0xC3, 0xE0, 0xE2, 0xEF, 0xF0, 0xF4}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, rng.IntN(7))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := isLatin1Reading(string(b)), decoded(string(b)); got != want {
			t.Fatalf("isLatin1Reading(%q) = %v, want %v", b, got, want)
		}
	}
}

// TestReadsAs1252 checks reproduces' shortcut for the hop utf8<-cp1252
// against the general way (invertFilled and a comparison) on random
// repairs, fills and garbled texts, reproduced or changed.
func TestReadsAs1252(t *testing.T) {
	chain := []recoding{{"utf8", "cp1252"}}
	runes := []string{"a", "é", "中", "\uFFFD", "\xC3", "\x80", "™", "Ã", "\u0081"}
	rng := rand.New(rand.NewPCG(3, 4))
	agree := 0
	for range 100000 {
		var rep string
		for n := rng.IntN(6); n > 0; n-- {
			rep += runes[rng.IntN(len(runes))]
		}
		// Fills at random bytes of rep, mostly the bytes there (which
		// the decoded text has as runes when they are A0 and up).
		var fills []Fill
		for i := 0; i < len(rep); i++ {
			if rng.IntN(3) == 0 {
				b := rep[i]
				if rng.IntN(5) == 0 {
					b = []byte{0x81, 0xA9, 'a'}[rng.IntN(3)]
				}
				fills = append(fills, Fill{At: i - len(fills), B: b})
			}
		}
		garbled, _ := invertChain(rep, chain)
		if back, ok := invertFilled(rep, chain, fills); ok && rng.IntN(2) == 0 {
			garbled = back
		}
		switch rng.IntN(4) {
		case 0:
			garbled += runes[rng.IntN(len(runes))]
		case 1:
			if garbled != "" {
				garbled = garbled[:rng.IntN(len(garbled))]
			}
		}
		back, ok := invertFilled(rep, chain, fills)
		want := ok && back == garbled
		if got := readsAs1252(rep, garbled, fills); got != want {
			t.Fatalf("readsAs1252(%q, %q, %v) = %v, want %v", rep, garbled, fills, got, want)
		}
		if want && len(fills) > 0 {
			agree++
		}
	}
	if agree < 1000 {
		t.Fatalf("only %d reproduced cases with fills: the test tries too few", agree)
	}
}
