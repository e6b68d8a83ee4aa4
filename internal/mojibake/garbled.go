package mojibake

import (
	"strings"
	"unicode/utf8"
)

// GarbledRuns returns the stretches of text, as sorted, disjoint byte
// ranges [start, end), that read like GBK decoded one byte out of phase,
// repaired or not: a "?" (not after another) followed, within 12
// characters, by a character the gate flags (box drawing, kana, rare
// ideographs …), up to the end of the run as the misalignment search
// reads it (the next white space or character no GBK pair can hold, at
// most maxShiftTokens characters), and at least up to that flagged
// character.
//
// Later stages of a pipeline leave these stretches alone: converting the
// script of 穎 inside a run that Find could not repair makes new bytes,
// and a second cleaning would find a repair the first did not make. Nor
// may they convert the flagged character: without it, a second cleaning
// would find no stretch there and convert the run (?Ⅶ棲藏? port 韜鍔,
// whose 鍔 made the stretch, read as 锷 once converted).
func GarbledRuns(text string) [][2]int {
	if !strings.Contains(text, "?") {
		return nil
	}
	gateTable()
	g := gbk()
	var out [][2]int
	for i := 0; i < len(text); i++ {
		if i = nextQuestion(text, i); i < 0 {
			break
		}
		if i > 0 && text[i-1] == '?' {
			continue
		}
		flagged := flaggedSoon(text, i+1)
		if flagged < 0 {
			continue
		}
		end := flagged
		var tk shiftTokens
		tk.reset(g, text, i+1)
		for k := 0; tk.has(k) && tk.ts[k].tok; k++ {
			end = max(end, tk.ts[k].end)
		}
		if k := len(out) - 1; k >= 0 && i <= out[k][1] {
			out[k][1] = max(out[k][1], end)
		} else {
			out = append(out, [2]int{i, end})
		}
		i = end - 1
	}
	return out
}

// flaggedSoon returns the end of the first of the 12 characters from
// text[i:] on, before a line end, that the gate flags, or -1 for none.
func flaggedSoon(text string, i int) int {
	for k := 0; i < len(text) && k < 12; k++ {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			return -1
		}
		if suspiciousRune(r) {
			return i + n
		}
		i += n
	}
	return -1
}
