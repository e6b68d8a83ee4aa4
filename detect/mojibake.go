package detect

import "github.com/hanfix/hanfix/internal/mojibake"

// MojibakeSpan is a stretch of text decoded with the wrong codec.
type MojibakeSpan struct {
	// Span is where the garbled text is in the input.
	Span Span `json:"span"`
	// Kind names the mechanism: gbk-shift, utf8-as-gbk, utf8-as-cp1252,
	// big5-as-gbk, gbk-as-big5, chain, or lost (damage nothing can undo).
	Kind string `json:"kind"`
	// Garbled is the input text of the span; Repair what it should read,
	// empty when the span is not repairable.
	Garbled string `json:"garbled"`
	Repair  string `json:"repair,omitempty"`
	// Plan is the replayable repair (normalize.ReplayPlan), e.g.
	// "gbk-shift lead=A1 end=ascii" or "utf8<-gbk".
	Plan       string  `json:"plan,omitempty"`
	Confidence float64 `json:"confidence"`
	// Repairable reports whether the repair is lossless and clearly more
	// probable than the garbled text.
	Repairable bool `json:"repairable"`
	// Reason explains the finding.
	Reason string `json:"reason,omitempty"`
}

// Mojibake returns the mojibake spans of s in order, repairable or not.
// Clean text costs one pass over its bytes. s should be valid UTF-8.
func Mojibake(s string) []MojibakeSpan {
	spans := mojibake.Find(s)
	if len(spans) == 0 {
		return nil
	}
	out := make([]MojibakeSpan, len(spans))
	for i, sp := range spans {
		out[i] = MojibakeSpan{Span: Span{Start: sp.Start, End: sp.End}, Kind: sp.Kind, Garbled: sp.Garbled,
			Repair: sp.Repair, Plan: sp.Plan, Confidence: sp.Confidence, Repairable: sp.Repairable, Reason: sp.Reason}
	}
	return out
}
