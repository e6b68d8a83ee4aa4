package mojibake

import (
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// evidence is what the document itself says about its pinyin annotations:
// which characters carry a reading (Han + "(pinyin)") and which one.
type evidence struct {
	readings   map[rune]string
	annBits    []uint64 // BMP bitmap of the annotated characters, nil when none
	script     int      // +1 Traditional, -1 Simplified, 0 unknown
	scriptOnce sync.Once
	text       string
	pairOnce   sync.Once
	pairs      map[uint64]int32 // Han pairs of the document
	succ       map[rune][]rune  // the Han characters that follow each one
}

// readingCodes caches, per syllable, the GBK codes of the characters that
// have it among their readings. It depends on nothing else, so all
// documents share it.
var readingCodes sync.Map // string → []uint16

// withReading returns the GBK codes of the characters that have syllable
// among their readings.
func (e *evidence) withReading(g *gbkTable, syl string) []uint16 {
	if cs, ok := readingCodes.Load(syl); ok {
		return cs.([]uint16)
	}
	var cs []uint16
	for b0 := 0x81; b0 <= 0xFE; b0++ {
		for b1 := 0x40; b1 <= 0xFE; b1++ {
			r := g.decode2(byte(b0), byte(b1))
			if r >= 0x3400 && !g.isPUA(r) && pinyin.HasReading(r, syl) {
				cs = append(cs, uint16(b0<<8|b1))
			}
		}
	}
	readingCodes.Store(syl, cs)
	return cs
}

// pairCount returns how often the Han pair a, b occurs in the document.
func (e *evidence) pairCount(a, b rune) int {
	e.buildPairs()
	return int(e.pairs[uint64(a)<<32|uint64(b)])
}

// successors returns the Han characters that follow a in the document.
func (e *evidence) successors(a rune) []rune {
	if e == nil {
		return nil
	}
	e.buildPairs()
	return e.succ[a]
}

func (e *evidence) buildPairs() {
	e.pairOnce.Do(func() {
		e.pairs = map[uint64]int32{}
		e.succ = map[rune][]rune{}
		prev := rune(0)
		for _, r := range e.text {
			if (lm.Class(r) == lm.Han || r == '。') && lm.Class(prev) == lm.Han {
				k := uint64(prev)<<32 | uint64(r)
				if e.pairs[k] == 0 && r != '。' {
					e.succ[prev] = append(e.succ[prev], r)
				}
				e.pairs[k]++
			}
			prev = r
		}
	})
}

// collectEvidence scans text for annotations. It returns nil when there
// are none, which is the common case and costs one byte loop.
func collectEvidence(text string) *evidence {
	ev := &evidence{text: text}
	for i := 0; i < len(text); i++ {
		if text[i] != '(' || i == 0 {
			continue
		}
		syl, end := readPinyinClose(text, i+1)
		if end < 0 {
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if lm.Class(r) != lm.Han || !pinyin.HasReading(r, syl) {
			continue
		}
		if ev.readings == nil {
			ev.readings = map[rune]string{}
		}
		ev.readings[r] = syl
		if r < 0x10000 {
			if ev.annBits == nil {
				ev.annBits = make([]uint64, 0x10000/64)
			}
			ev.annBits[r>>6] |= 1 << (r & 63)
		}
		i = end - 1
	}
	return ev
}

func (e *evidence) annotated(r rune) bool {
	if e == nil || e.annBits == nil || r >= 0x10000 || r < 0 {
		return false
	}
	return e.annBits[r>>6]&(1<<(r&63)) != 0
}

func (e *evidence) reading(r rune) string {
	if e == nil {
		return ""
	}
	return e.readings[r]
}

// docScript tells Traditional from Simplified text by counting characters
// that occur in only one of the two dictionaries.
func docScript(text string) int {
	m := lm.Default()
	var simp, trad int
	for _, r := range text {
		if r < 0x4E00 || r > 0x9FFF {
			continue
		}
		s, t := m.SimplifiedFreq(r), m.TraditionalFreq(r)
		switch {
		case s > 0 && t == 0:
			simp++
		case t > 0 && s == 0:
			trad++
		}
	}
	switch {
	case trad >= 3 && trad > 3*simp:
		return 1
	case simp >= 3 && simp > 3*trad:
		return -1
	}
	return 0
}

// scriptLP is the document-script prior of r: a character of the other
// script costs 4 nats.
func (e *evidence) scriptLP(m *lm.Model, r rune) float64 {
	if e == nil || r < 0x4E00 || r > 0x9FFF {
		return 0
	}
	e.scriptOnce.Do(func() { e.script = docScript(e.text) })
	if e.script == 0 {
		return 0
	}
	s, t := m.SimplifiedFreq(r), m.TraditionalFreq(r)
	if e.script > 0 && s > 0 && t == 0 || e.script < 0 && t > 0 && s == 0 {
		return -4
	}
	return 0
}
