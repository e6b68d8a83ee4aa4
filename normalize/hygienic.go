package normalize

import "strings"

// The pipeline runs the hygiene stage twice, before the mojibake stage and
// after it (see Hygiene). When the first pass finds nothing in a document
// that either pass would change or report, it records the text in
// Doc.hygienic; the stages that edit the text until the second pass record
// the spans they write in Doc.dirty (noteEdits), and the second pass then
// reads only the lines with those spans (dirtyLines): the others are
// lines the first pass found clean, and every hygiene rule looks at one
// line at a time (a line, its newline included, is cleaned the same
// wherever it stands).

// dirtySpan is a span of the text that a stage wrote, offsets in the text
// after its edits.
type dirtySpan struct {
	start, end int
}

// noteEdits records that a stage turned before into after with edits
// (sorted, not overlapping, offsets in before), or in a way it cannot
// tell when edits is nil. While before is the hygienic text (Doc.hygienic),
// after becomes it, and the spans the edits wrote are added to the dirty
// spans; otherwise there is nothing to keep.
func (d *Doc) noteEdits(before, after string, edits []Edit) {
	if d.hygienic == "" {
		return
	}
	if len(edits) == 0 || len(d.dirty) > 0 || d.hygienic != before {
		// Spans recorded by an earlier stage would have to be moved by
		// these edits: the second pass reads the whole text instead.
		d.hygienic, d.dirty = "", nil
		return
	}
	dirty := make([]dirtySpan, len(edits))
	delta := 0 // offset in after minus offset in before
	for k, e := range edits {
		start := e.Start + delta
		dirty[k] = dirtySpan{start, start + len(e.After)}
		delta += len(e.After) - (e.End - e.Start)
	}
	d.hygienic, d.dirty = after, dirty
}

// takeDirty returns the dirty spans and forgets the hygienic text.
func (d *Doc) takeDirty() []dirtySpan {
	dirty := d.dirty
	d.hygienic, d.dirty = "", nil
	return dirty
}

// dirtyLines returns the edits and findings of the full hygiene pass for
// text that is clean but for the dirty spans: those of the lines that hold
// them.
func (h Hygiene) dirtyLines(text string, valid bool, dirty []dirtySpan) ([]Edit, []Finding) {
	var edits []Edit
	var findings []Finding
	done := 0 // the end of the lines read so far, a line start
	for _, sp := range dirty {
		from := max(strings.LastIndexByte(text[:sp.start], '\n')+1, done)
		to := len(text)
		if k := strings.IndexByte(text[sp.end:], '\n'); k >= 0 {
			to = sp.end + k + 1
		}
		if to <= done {
			continue
		}
		edits, findings, _ = h.scan(text, valid, from, to, edits, findings)
		done = to
	}
	sortEdits(edits)
	return edits, findings
}
