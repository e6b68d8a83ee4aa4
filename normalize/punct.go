package normalize

import (
	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/mojibake"
)

// Punct is the opt-in width and punctuation stage: full-width ASCII letters
// and digits to ASCII (FixFullwidthASCII), ASCII clause punctuation between
// CJK characters to full-width (FixCJKPunct), and a space standing for a
// comma between two CJK clauses to "，" (FixSpaceComma). It runs last, on the
// converted text, and like the script stage leaves alone the runs that
// read like misaligned GBK (mojibake.GarbledRuns): a "?" there stands for a
// lost byte, and made "？" it would no longer show the run to a second
// cleaning, which would then convert the run's characters (鏀?鎸? read as
// 鏀？镌?).
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
	text = maskRuns(text, mojibake.GarbledRuns(text))
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

// maskRuns returns text with the bytes of runs (sorted, disjoint byte
// ranges) made 'x': the fixes then neither change the runs nor take their
// characters for CJK neighbours, the same way in every pass, since the runs
// stay as they are. (Dropping the edits inside the runs instead split pairs
// of parentheses, ( in a run and ) outside it, and a second cleaning then
// paired the ( with the next ).)
func maskRuns(text string, runs [][2]int) string {
	if len(runs) == 0 {
		return text
	}
	b := []byte(text)
	for _, r := range runs {
		for i := r[0]; i < r[1]; i++ {
			b[i] = 'x'
		}
	}
	return string(b)
}
