package detect

import (
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

//go:generate go run script_gen.go

// The scripts Script reports.
const (
	ScriptSimplified  = "simplified"
	ScriptTraditional = "traditional"
	ScriptMixed       = "mixed"
	ScriptJapanese    = "japanese"
	ScriptNone        = "none"
)

// ScriptResult is what Script found.
type ScriptResult struct {
	// Script is simplified, traditional, mixed, japanese or none (no
	// script-specific character).
	Script string `json:"script"`
	// Majority is the script of most script-specific characters
	// (simplified or traditional; for a mixed document the script to unify
	// to), or "" when there are none.
	Majority string `json:"majority,omitempty"`
	// Simplified, Traditional and Japanese are the shares of Simplified-only
	// characters, Traditional-only characters and kana or shinjitai among
	// the Han characters and kana of the text.
	Simplified  float64 `json:"simplified"`
	Traditional float64 `json:"traditional"`
	Japanese    float64 `json:"japanese"`
	// Minority lists the sentences (or lines) written in the minority
	// script of a mixed document.
	Minority []Span `json:"minority,omitempty"`
	// MachineConverted reports Traditional text that shows the marks of a
	// character-by-character conversion from Simplified: Simplified
	// one-to-many characters left behind (干部, 关系 → 關系, 于), or
	// flattened pinyin annotations.
	MachineConverted bool `json:"machine_converted,omitempty"`
	// Confidence is how sure Script is, in [0, 1].
	Confidence float64 `json:"confidence"`
}

// Character classes for script detection.
const (
	classOther     uint8 = iota
	classHan             // Han, common to both scripts
	classSimp            // Simplified-only
	classTrad            // Traditional-only
	classOneToMany       // Simplified character with several Traditional counterparts, itself among them
	classKana
	classShinjitai // Japanese simplified form unknown to Chinese
	classHangul
)

// scriptTable holds the class of every BMP character, and of the few
// supplementary characters with a script.
type scriptTable struct {
	bmp  [0x10000]uint8
	supp map[rune]uint8
	// run is bmp for U+3400–U+9FFF, with runBit set, indexed by utf8x.Index3
	// of the character's UTF-8 for countRun; 0 for other characters.
	run [utf8x.Index3Size]uint8
}

// runBit marks the entries of scriptTable.run that belong to the run of
// U+3400–U+9FFF, whatever their class (classOther is 0).
const runBit = 0x80

var scriptClasses = sync.OnceValue(func() *scriptTable {
	t := &scriptTable{supp: map[rune]uint8{}}
	for r := rune(0x3400); r <= 0x4DBF; r++ {
		t.bmp[r] = classHan
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		t.bmp[r] = classHan
	}
	for r := rune(0xF900); r <= 0xFAFF; r++ {
		t.bmp[r] = classHan
	}
	for r := rune(0x3041); r <= 0x30FA; r++ {
		if r != 0x30A0 {
			t.bmp[r] = classKana // hiragana and katakana, not ・ or ー
		}
	}
	for r := rune(0x31F0); r <= 0x31FF; r++ {
		t.bmp[r] = classKana
	}
	set := func(list string, c uint8) {
		for _, r := range list {
			if r < 0x10000 {
				t.bmp[r] = c
			} else {
				t.supp[r] = c
			}
		}
	}
	set(simplifiedOnly, classSimp)
	set(traditionalOnly, classTrad)
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		t.bmp[r] = classHangul
	}
	set(oneToMany, classOneToMany)
	set(shinjitai, classShinjitai)
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		t.run[utf8x.Index3(utf8x.Word3(r))] = runBit | t.bmp[r]
	}
	return t
})

func scriptClassOf(r rune) uint8 { return scriptClasses().class(r) }

// class returns the class of r.
func (t *scriptTable) class(r rune) uint8 {
	if r < 0x10000 {
		return t.bmp[r]
	}
	if c, ok := t.supp[r]; ok {
		return c
	}
	if r >= 0x20000 && r <= 0x3134F {
		return classHan
	}
	return classOther
}

// sentence is one sentence or line with its counts.
type sentence struct {
	start, end int
	simp, trad int
	residue    int
}

// ScriptSpan is a sentence (or line) with the script of its
// script-specific characters.
type ScriptSpan struct {
	Span
	// Script is simplified or traditional: the script with more
	// script-specific characters in the sentence (traditional on a tie).
	Script string `json:"script"`
	// Simplified and Traditional count the script-specific characters.
	Simplified  int `json:"simplified"`
	Traditional int `json:"traditional"`
}

// ScriptSpans splits s into sentences and lines the way Script does and
// returns the ones that contain a script-specific character, in order.
func ScriptSpans(s string) []ScriptSpan {
	sc := scanScript(s, nil)
	return scriptSpansOf(sc.sents)
}

// scriptSpansOf returns the spans of ScriptSpans for the sentences sents.
func scriptSpansOf(sents []sentence) []ScriptSpan {
	out := make([]ScriptSpan, len(sents))
	for k, se := range sents {
		out[k] = ScriptSpan{Span: Span{se.start, se.end}, Script: ScriptTraditional, Simplified: se.simp, Traditional: se.trad}
		if se.simp > se.trad {
			out[k].Script = ScriptSimplified
		}
	}
	return out
}

// IsSimplifiedOnly reports whether r is a Simplified character that
// Traditional text does not use (设, 这); one-to-many characters such as
// 干 and 后 are not.
func IsSimplifiedOnly(r rune) bool { return scriptClassOf(r) == classSimp }

// IsTraditionalOnly reports whether r is a Traditional character that
// Simplified text does not use (設, 這, 臺).
func IsTraditionalOnly(r rune) bool { return scriptClassOf(r) == classTrad }

type scriptScan struct {
	han, kana, shin, simp, trad int
	hangul                      int
	residue                     int // one-to-many and Simplified-only characters in Traditional sentences
	sents                       []sentence
}

// scanScript counts the characters of s by class, and the
// script-specific ones by sentence: the sentences with some are appended
// to sents, whose room is reused.
func scanScript(s string, sents []sentence) scriptScan {
	t := scriptClasses()
	sc := scriptScan{sents: sents}
	cur := sentence{}
	flush := func(end int) {
		cur.end = end
		if cur.trad > 2*cur.simp {
			sc.residue += cur.residue
		}
		if cur.simp > 0 || cur.trad > 0 {
			sc.sents = append(sc.sents, cur)
		}
		cur = sentence{start: end}
	}
	// i never goes negative: compared as unsigned numbers, the loop test
	// also proves s[i] in bounds, which saves a check per character.
	for i := 0; uint(i) < uint(len(s)); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == '\n' {
				flush(i)
			}
			continue
		}
		if c-0xE3 <= 0xE9-0xE3 {
			// Most likely a run of U+3400–U+9FFF: counted by class in a
			// loop of its own, whose counts go to sc and cur at its end.
			var n [8]int
			if j := t.countRun(s, i, &n); j > i {
				i = j
				han, simp, trad, oneToMany := n[classHan], n[classSimp], n[classTrad], n[classOneToMany]
				sc.han += han + simp + trad + oneToMany + n[classShinjitai]
				sc.kana += n[classKana]
				sc.shin += n[classShinjitai]
				sc.hangul += n[classHangul]
				sc.simp += simp
				sc.trad += trad
				cur.simp += simp
				cur.trad += trad
				cur.residue += simp + oneToMany
				continue
			}
		}
		var (
			r  rune
			cl uint8
		)
		// A valid three-byte character (lead byte E1–EC or EE–EF, as
		// utf8x.Decode3 accepts), most of a Chinese text, is decoded
		// inline and is in the BMP table. (i < len(s)-2 rather than i+2 <
		// len(s): the compiler then drops the bounds checks of s[i+1] and
		// s[i+2].)
		if c-0xE1 <= 0xEF-0xE1 && c != 0xED && i < len(s)-2 && (s[i+1]^0x80)|(s[i+2]^0x80) < 0x40 {
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			cl = t.bmp[uint16(r)]
			i += 3
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			cl = t.class(r)
		}
		if cl == classHan {
			// The commonest class first: Han common to both scripts.
			sc.han++
			continue
		}
		switch cl {
		case classOther:
			switch r {
			case '。', '！', '？', '；':
				flush(i)
			}
			continue
		case classKana:
			sc.kana++
			continue
		case classShinjitai:
			sc.shin++
		case classHangul:
			sc.hangul++
			continue
		case classSimp:
			sc.simp++
			cur.simp++
			cur.residue++
		case classTrad:
			sc.trad++
			cur.trad++
		case classOneToMany:
			cur.residue++
		}
		sc.han++
	}
	flush(len(s))
	return sc
}

// countRun counts into n, by class, the characters of the run of
// U+3400–U+9FFF at s[i:] and returns where the run ends. A character
// that ends s is left out of the run. It is scanScript's loop for most
// of a Chinese text, apart so that it keeps its values in registers: no
// character of the run ends a sentence, and each counts as its class
// says (scanScript adds n up). The three bytes of a character of
// U+0800–U+FFFF, 1110xxxx 10xxxxxx 10xxxxxx, are read in one load with
// the byte after them, and index t.run without being decoded.
func (t *scriptTable) countRun(s string, i int, n *[8]int) int {
	for i < len(s)-3 {
		w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
		if w&0xC0C0F0 != 0x8080E0 {
			break
		}
		c := t.run[utf8x.Index3(w)]
		if c == 0 {
			break // outside U+3400–U+9FFF
		}
		n[c&7]++
		i += 3
	}
	return i
}

// Script tells whether s is Simplified or Traditional Chinese, a mixture of
// both, Japanese, or none of them.
//
// It counts Simplified-only and Traditional-only characters. The classes
// are derived from the OpenCC dictionaries (Taiwan standard included, so
// that 吃, 床, 群 are not taken for Simplified); characters common to both
// scripts and the Simplified characters that stand for several Traditional
// ones (干 于 后 里 范 并 系 采 斗 余 么 …) count for neither, so that a
// machine-converted Traditional document full of 干部 is still one
// Traditional document. Text with kana, or with shinjitai that Chinese does
// not use (仏, 駅, 県), is Japanese (when they are a twentieth of its Han
// and kana); Korean text (more Hangul than Han)
// is none.
//
// A document is mixed when a substantial part of it (whole sentences or
// lines, with at least 3 script-specific characters and 3% of them) is in
// the other script than the rest; Minority then lists those sentences.
func Script(s string) ScriptResult {
	res, _ := scriptDetail(s, false)
	return res
}

// ScriptDetail returns Script(s) and, when s is mixed, ScriptSpans(s), from
// one pass over s: a converter of mixed text needs both, and the pass took
// a tenth of the cleaning of a large mixed document.
func ScriptDetail(s string) (ScriptResult, []ScriptSpan) {
	return scriptDetail(s, true)
}

// scriptDetail is Script, and ScriptDetail with spans set.
func scriptDetail(s string, spans bool) (ScriptResult, []ScriptSpan) {
	// The sentences are needed only while the result is made: their room
	// (a document has thousands) is kept for the next document.
	bp := sentsPool.Get().(*[]sentence)
	sc := scanScript(s, (*bp)[:0])
	res := scriptResult(s, &sc)
	var out []ScriptSpan
	if spans && res.Script == ScriptMixed {
		out = scriptSpansOf(sc.sents)
	}
	if cap(sc.sents) <= maxPooledSents {
		*bp = sc.sents[:0]
	}
	sentsPool.Put(bp)
	return res, out
}

// scriptResult is Script for the counts sc of s.
func scriptResult(s string, sc *scriptScan) ScriptResult {
	han, kana, simp, trad, residue, sents := sc.han, sc.kana, sc.simp, sc.trad, sc.residue, sc.sents
	japanese := kana + sc.shin
	res := ScriptResult{Script: ScriptNone}
	total := han + kana
	if total == 0 {
		return res
	}
	res.Simplified = round4(float64(simp) / float64(total))
	res.Traditional = round4(float64(trad) / float64(total))
	res.Japanese = round4(float64(japanese) / float64(total))
	// Chinese text writes next to no kana and no shinjitai: of 246,010
	// lines with Han characters in Debian's Chinese documentation, 4 have
	// hiragana (3 of them Japanese, one an emoticon), 3 katakana, 9 a
	// shinjitai (classical verse's 皐, a typo). So one is enough where it
	// is a twentieth of the text (書庫に, 関連項目, Readline の記法,
	// 基本正規表現と拡張正規表現). Of those Chinese lines 14 are then taken
	// for Japanese (5 verses with 皐) and left unconverted, a miss; of
	// 117,533 lines with Han characters in the Japanese manual pages and
	// translations, 2 with kana are still converted as Chinese (858 with
	// the rule before, two kana or shinjitai and a tenth of the text), and
	// converting Japanese corrupts it.
	if japanese >= 1 && float64(japanese) >= 0.05*float64(total) {
		res.Script = ScriptJapanese
		res.Confidence = round2(clamp01(float64(japanese) / (0.3 * float64(total))))
		return res
	}
	if simp+trad == 0 || sc.hangul > han {
		// No script-specific character, or Korean with some Hanja.
		res.Confidence = round2(clamp01(float64(han) / 10))
		return res
	}
	major, minor := ScriptSimplified, ScriptTraditional
	nMajor, nMinor := simp, trad
	if trad > simp {
		major, minor = minor, major
		nMajor, nMinor = nMinor, nMajor
	}
	res.Script, res.Majority = major, major
	// Minority sentences: more minority-script than majority-script
	// characters.
	minorInSents := 0
	for _, se := range sents {
		ma, mi := se.simp, se.trad
		if major == ScriptTraditional {
			ma, mi = mi, ma
		}
		if mi > ma {
			res.Minority = append(res.Minority, Span{se.start, se.end})
			minorInSents += mi
		}
	}
	specific := simp + trad
	if minorInSents >= 3 && float64(minorInSents) >= 0.03*float64(specific) {
		res.Script = ScriptMixed
		res.Confidence = round2(clamp01(float64(minorInSents) / (0.1 * float64(specific))))
	} else {
		res.Minority = nil
		res.Confidence = round2(clamp01(float64(nMajor-nMinor) / 10))
	}
	if major == ScriptTraditional {
		// Residue of a character-by-character conversion: one-to-many
		// Simplified characters a Traditional writer would not use.
		res.MachineConverted = residue >= 3 && float64(residue) >= 0.01*float64(trad) ||
			Annotations(s).Systematic
	}
	return res
}

// sentsPool holds the room of the sentences of Script.
var sentsPool = sync.Pool{New: func() any { return new([]sentence) }}

// maxPooledSents bounds the room of sentences kept for reuse (2.5 MiB), so
// that one huge document does not pin its room.
const maxPooledSents = 1 << 16

func round4(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }
