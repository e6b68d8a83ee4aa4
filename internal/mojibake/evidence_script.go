// The document's script: Traditional or Simplified, told by the
// characters only one of the two dictionaries has, and its prior.

package mojibake

import (
	"sync"

	"github.com/hanfix/hanfix/internal/lm"
)

// scriptTally counts characters by scriptOnly masked with 3 (its low
// bits): both scripts at 0, Traditional-only at 1, Simplified-only at 3.
// The entry at 2 is never counted; the mask lets an index go without a
// bounds check.
type scriptTally [4]int

// add counts a character of scriptOnly only.
func (c *scriptTally) add(only int8) {
	c[uint8(only)&3]++
}

// simpTrad returns the counts of Simplified-only and Traditional-only
// characters.
func (c *scriptTally) simpTrad() [2]int {
	return [2]int{c[uint8(-1&3)], c[1]}
}

// docScript tells Traditional from Simplified text by counting characters
// that occur in only one of the two dictionaries.
func docScript(text string) int {
	simp, trad := scriptCounts(text)
	return scriptOf(simp, trad)
}

// scriptOf is docScript of a text with simp Simplified-only and trad
// Traditional-only characters.
func scriptOf(simp, trad int) int {
	switch {
	case trad >= 3 && trad > 3*simp:
		return 1
	case simp >= 3 && simp > 3*trad:
		return -1
	}
	return 0
}

// scriptLP is the document-script prior of r: a character of the other
// script costs 4 nats. It is inlined for the runes outside U+4E00-U+9FFF,
// which cost nothing (most of the garbled text the recodings score).
func (e *evidence) scriptLP(m *lm.Model, r rune) float64 {
	if e == nil || r < 0x4E00 || r > 0x9FFF {
		return 0
	}
	return e.scriptHan(m, r)
}

// settledScript returns the document's script (see docScript), settled
// on first use: from the script counts of the text, or of the text it
// was repaired from, when they were taken, else by reading the text.
func (e *evidence) settledScript() int {
	e.scriptOnce.Do(func() {
		counts, ok := e.counts, e.counted
		if !ok && e.from != nil {
			counts, ok = repairedScriptCounts(e.from.ev, e.from.ev.text, e.text, e.from.spans, e.from.starts)
		}
		if ok {
			e.script = scriptOf(counts[0], counts[1])
		} else {
			e.script = docScript(e.text)
		}
	})
	return e.script
}

// scriptHan is scriptLP of r in U+4E00-U+9FFF.
func (e *evidence) scriptHan(m *lm.Model, r rune) float64 {
	if e.settledScript() == 0 {
		return 0
	}
	var only int8
	if m == scriptModel { // docScript filled the table
		only = scriptTab[r-0x4E00]
	} else {
		only = scriptOnly(m, r)
	}
	return scriptMismatch(e.script, only)
}

// scriptMismatch is the cost of a character that only one script has
// (only: -1 Simplified, +1 Traditional, 0 both) in text of script: 4 nats
// for the other script.
func scriptMismatch(script int, only int8) float64 {
	if script > 0 && only < 0 || script < 0 && only > 0 {
		return -4
	}
	return 0
}

var (
	scriptOnce  sync.Once
	scriptModel *lm.Model // the model scriptTab is of
	scriptTab   [0x9FFF - 0x4E00 + 1]int8
)

// tradOnly reports whether only Traditional text writes r, by the default
// model (scriptOnly).
func tradOnly(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF && scriptTable()[r-0x4E00] > 0
}

// scriptTable holds scriptOnly of the default model for U+4E00–U+9FFF.
func scriptTable() *[0x9FFF - 0x4E00 + 1]int8 {
	scriptOnce.Do(func() {
		m := lm.Default()
		for i := range scriptTab {
			scriptTab[i] = scriptOnly(m, rune(0x4E00+i))
		}
		scriptModel = m
	})
	return &scriptTab
}

// scriptOnly is -1 for a character only the Simplified dictionary has, +1
// for one only the Traditional dictionary has, 0 otherwise.
func scriptOnly(m *lm.Model, r rune) int8 {
	s, t := m.SimplifiedFreq(r), m.TraditionalFreq(r)
	switch {
	case s > 0 && t == 0:
		return -1
	case t > 0 && s == 0:
		return 1
	}
	return 0
}
