package normalize

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// applyEdits returns text with the sorted, non-overlapping edits applied.
func applyEdits(text string, edits []Edit) string {
	if len(edits) == 0 {
		return text
	}
	// The edits are read through pointers: copying each Edit, nine
	// words, costs more than the loops' work.
	n := len(text)
	for i := range edits {
		e := &edits[i]
		n += len(e.After) - (e.End - e.Start)
	}
	var b strings.Builder
	b.Grow(n)
	last := 0
	for i := range edits {
		e := &edits[i]
		b.WriteString(text[last:e.Start])
		b.WriteString(e.After)
		last = e.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// stageMap maps positions in the output of one stage back to positions in
// that stage's input.
type stageMap struct {
	edits  []Edit
	delta  []int // delta[i]: output position minus input position before edits[i]
	outEnd []int // outEnd[i]: where the replacement of edits[i] ends in the output
	total  int   // output position minus input position after all edits
}

func newStageMap(edits []Edit) stageMap {
	buf := make([]int, 2*len(edits))
	m := stageMap{edits: edits, delta: buf[:len(edits)], outEnd: buf[len(edits):]}
	d := 0
	for i, e := range edits {
		m.delta[i] = d
		m.outEnd[i] = e.Start + d + len(e.After)
		d += len(e.After) - (e.End - e.Start)
	}
	m.total = d
	return m
}

// back maps an output position to an input position. A position inside a
// replacement maps to the start of the replaced text, or to its end when
// isEnd is set, so that a span that covers part of a replacement maps to a
// span that covers all of what was replaced.
func (m stageMap) back(pos int, isEnd bool) int {
	i := sort.Search(len(m.edits), func(i int) bool {
		if isEnd {
			return m.outEnd[i] >= pos
		}
		return m.outEnd[i] > pos
	})
	return m.backAt(i, pos, isEnd)
}

// backAt is back for the position pos, given i, the first edit whose
// replacement ends after pos (at or after it when isEnd).
func (m stageMap) backAt(i, pos int, isEnd bool) int {
	if i == len(m.edits) {
		return pos - m.total
	}
	e := m.edits[i]
	outStart := e.Start + m.delta[i]
	if isEnd {
		if pos <= outStart {
			return pos - m.delta[i]
		}
		return e.End
	}
	if pos < outStart {
		return pos - m.delta[i]
	}
	return e.Start
}

// backChanges maps the Start and End of every change in cs with back. The
// offsets are expected in increasing order, as a stage's changes are, and
// are then mapped with one walk over the edits; an offset out of order is
// looked up on its own.
func (m stageMap) backChanges(cs []Change) {
	outEnd := m.outEnd
	i, last := 0, 0
	for k := range cs {
		c := &cs[k]
		pos := c.Start
		if pos < last {
			c.Start = m.back(pos, false)
			continue
		}
		for i < len(outEnd) && outEnd[i] <= pos {
			i++
		}
		last = pos
		if i == len(outEnd) {
			c.Start = pos - m.total // past the last edit
		} else {
			c.Start = m.backAt(i, pos, false)
		}
	}
	i, last = 0, 0
	for k := range cs {
		c := &cs[k]
		pos := c.End
		if pos < last {
			c.End = m.back(pos, true)
			continue
		}
		for i < len(outEnd) && outEnd[i] < pos {
			i++
		}
		last = pos
		if i == len(outEnd) {
			c.End = pos - m.total
		} else {
			c.End = m.backAt(i, pos, true)
		}
	}
}

// checkEdits verifies that edits are sorted, do not overlap, lie inside text,
// start and end on rune boundaries and write valid UTF-8.
func checkEdits(text string, edits []Edit) error {
	last := 0
	for i := range edits {
		e := &edits[i] // not a copy: see applyEdits
		switch {
		case e.Start < last || e.End < e.Start || e.End > len(text):
			return fmt.Errorf("edit %d [%d,%d) out of order or out of range", i, e.Start, e.End)
		case !boundary(text, e.Start) || !boundary(text, e.End):
			return fmt.Errorf("edit %d [%d,%d) splits a character", i, e.Start, e.End)
		case !validAfter(e.After):
			return fmt.Errorf("edit %d writes invalid UTF-8", i)
		}
		last = e.End
	}
	return nil
}

// validAfter is utf8.ValidString for the replacement of an edit, which is
// mostly a few Han characters (the script stage writes one per run of
// converted characters): three-byte sequences are checked inline, the
// rest of the string, from the first other byte on, by utf8.ValidString.
func validAfter(s string) bool {
	i := 0
	for i < len(s)-2 {
		c, c1, c2 := s[i], s[i+1], s[i+2]
		// E1–EC and EE–EF lead bytes take any continuation bytes; E0 and
		// ED (overlongs, surrogates) go the long way.
		if c < 0xE1 || c > 0xEF || c == 0xED || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
			break
		}
		i += 3
	}
	return i == len(s) || utf8.ValidString(s[i:])
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

// sortEdits sorts edits by Start; edits that start at the same place keep
// their order.
func sortEdits(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
}
