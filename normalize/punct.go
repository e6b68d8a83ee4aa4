package normalize

import "github.com/hanfix/hanfix/convert"

// Punct is the opt-in width and punctuation stage: full-width ASCII letters
// and digits to ASCII (FixFullwidthASCII), ASCII clause punctuation between
// CJK characters to full-width (FixCJKPunct), and a space standing for a
// comma between two CJK clauses to "，" (FixSpaceComma). It runs last, on the
// converted text.
type Punct struct {
	fixes Fix
}

// NewPunct returns the punctuation stage for the opt-in fixes of opts, or
// nil when none is on.
func NewPunct(opts Options) (Stage, error) {
	f := opts.fixes() & (FixFullwidthASCII | FixCJKPunct | FixSpaceComma)
	if f == 0 {
		return nil, nil
	}
	return Punct{fixes: f}, nil
}

// Kind returns KindPunct.
func (Punct) Kind() Kind { return KindPunct }

// Edits returns the width and punctuation edits for text.
func (p Punct) Edits(text string, _ *Doc) ([]Edit, []Finding) {
	var edits []Edit
	add := func(reason, rule string) func(int, int, string) {
		return func(start, end int, repl string) {
			edits = append(edits, Edit{Start: start, End: end, After: repl, Reason: reason, Rule: rule, Confidence: 1})
		}
	}
	if p.fixes&FixFullwidthASCII != 0 {
		convert.FullwidthASCIISegments(text, add("full-width ASCII letters and digits to ASCII", "fullwidth-ascii"))
	}
	if p.fixes&FixCJKPunct != 0 {
		convert.CJKPunctSegments(text, add("ASCII punctuation between CJK characters to full-width", "cjk-punct"))
	}
	if p.fixes&FixSpaceComma != 0 {
		convert.SpaceCommaSegments(text, add("space standing for a comma between two CJK clauses", "space-comma"))
	}
	sortEdits(edits)
	return edits, nil
}
