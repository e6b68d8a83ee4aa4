package normalize

import (
	"fmt"

	"github.com/hanfix/hanfix/convert"
)

// Convert is the pure conversion stage that Options.Convert selects: it
// converts with one OpenCC configuration and nothing else, as OpenCC's own
// tool does, with every converted run in the report.
type Convert struct {
	conv   *convert.Converter
	reason string
}

// NewConvert returns the conversion stage for the OpenCC configuration
// named config (s2t, t2s, s2tw, …; see convert.Configs).
func NewConvert(config string) (*Convert, error) {
	c, err := convert.New(config)
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	return &Convert{conv: c, reason: "OpenCC " + c.Config()}, nil
}

// Kind returns KindScript.
func (*Convert) Kind() Kind { return KindScript }

// Edits returns one edit per run of adjacent converted segments.
func (c *Convert) Edits(text string, _ *Doc) ([]Edit, []Finding) {
	var edits []Edit
	var after []byte
	c.conv.Segments(text, func(start, end int, repl string) {
		if n := len(edits); n > 0 && edits[n-1].End == start {
			e := &edits[n-1]
			after = append(append(after[:0], e.After...), repl...)
			e.End, e.After = end, string(after)
			return
		}
		edits = append(edits, Edit{Start: start, End: end, After: repl, Reason: c.reason, Rule: c.conv.Config(), Confidence: 1})
	})
	return edits, nil
}
