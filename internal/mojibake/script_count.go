package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// scriptCounts counts the Simplified-only and Traditional-only characters
// of text (docScript). It counts what decoding text rune by rune
// (utf8.DecodeRuneInString) reads: only a byte E4-E9 starts a rune of
// U+4E00-U+9FFF, and no such byte continues a rune, so every one of them
// starts a step of that decoding, which reads there what Decode3 (or,
// for an invalid sequence, decodeRune) reads.
func scriptCounts(text string) (simp, trad int) {
	tab := scriptTable()
	for i := 0; i < len(text); i++ {
		// U+4E00–U+9FFF are E4 B8 80 … E9 BF BF in UTF-8.
		if c := text[i]; c < 0xE4 || c > 0xE9 || i+2 >= len(text) {
			continue
		}
		r, n := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else {
			r, n = decodeRune(text, i)
		}
		if r < 0x4E00 || r > 0x9FFF {
			continue
		}
		switch tab[r-0x4E00] {
		case -1:
			simp++
		case 1:
			trad++
		}
		i += n - 1
	}
	return simp, trad
}

// repairedScriptCounts returns scriptCounts of out, the text applyMapped
// made of text and spans (the repair of span i at starts[i], or not
// applied when -1), from ev, the evidence of text, without a pass over
// out: the counts of text, less those of the garbled text of the applied
// spans, plus those of their repairs. It reports false when ev holds no
// counts, or when out does not decode as its parts do.
//
// A text decodes as its two parts at a cut when the part before it ends
// with a whole rune (cleanCut): the decoder then steps from the cut in
// both, and no step before the cut reads past it. So the counts of
// decoding text and out add up from those of their parts when every cut
// is clean, in text (at the spans' bounds) and in out (at the repairs'
// bounds).
func repairedScriptCounts(ev *evidence, text, out string, spans []Span, starts []int) (counts [2]int, ok bool) {
	if ev == nil || !ev.counted {
		return counts, false
	}
	counts = ev.counts
	for i, sp := range spans {
		st := starts[i]
		if st < 0 {
			continue
		}
		if !cleanCut(text, sp.Start) || !cleanCut(text, sp.End) ||
			!cleanCut(out, st) || !cleanCut(out, st+len(sp.Repair)) {
			return counts, false
		}
		simp, trad := scriptCounts(text[sp.Start:sp.End])
		counts[0] -= simp
		counts[1] -= trad
		simp, trad = scriptCounts(sp.Repair)
		counts[0] += simp
		counts[1] += trad
	}
	return counts, true
}

// cleanCut reports whether s[:p] ends with a whole rune (or is empty), so
// that decoding s steps from p.
func cleanCut(s string, p int) bool {
	if p == 0 || s[p-1] < utf8.RuneSelf {
		return true
	}
	_, n := utf8.DecodeLastRuneInString(s[:p])
	return n > 1
}
