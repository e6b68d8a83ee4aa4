package normalize

import (
	"strconv"

	"github.com/hanfix/hanfix/internal/mojibake"
)

// Mojibake is the mojibake stage: it repairs text that was decoded with the
// wrong codec (GBK read one byte out of phase, UTF-8 read as GBK or
// windows-1252, Big5 and GBK read as each other, chains of these) when the
// repair is lossless and clearly more probable, and reports what it cannot
// repair (U+FFFD runs, 锟斤拷, question marks for lost characters).
//
// Each change carries its replayable plan in Change.Rule (see ReplayPlan)
// and an explanation in Change.Reason. The stage runs before annotation
// stripping, so that readings inside garbled runs come out as normal
// annotations for the next stage.
//
// With Options.Conservative, repairs whose guessed bytes are close calls
// (confidence below 0.95: a first, dropped or last byte of a misaligned
// run that another choice nearly matches) are reported, not applied.
type Mojibake struct {
	conservative bool
}

// NewMojibake returns the mojibake stage for opts.
func NewMojibake(opts Options) (Stage, error) { return Mojibake{conservative: opts.Conservative}, nil }

// Kind returns KindMojibake.
func (Mojibake) Kind() Kind { return KindMojibake }

// Edits returns one edit per repairable span and one finding per span that
// is reported only.
func (m Mojibake) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	spans := doc.mojibakeOf(text)
	if len(spans) == 0 {
		return nil, nil
	}
	var edits []Edit
	var findings []Finding
	for _, s := range spans {
		if s.Repairable && !applies(s, m.conservative) {
			findings = append(findings, Finding{Kind: KindMojibake, Start: s.Start, End: s.End,
				Text: s.Garbled, Reason: s.Reason + "; not applied in conservative mode (would read " + strconv.Quote(s.Repair) + ")",
				Confidence: s.Confidence})
			continue
		}
		if applies(s, m.conservative) {
			edits = append(edits, Edit{Start: s.Start, End: s.End, After: s.Repair,
				Reason: s.Reason, Rule: s.Plan, Confidence: s.Confidence})
			continue
		}
		findings = append(findings, Finding{Kind: KindMojibake, Start: s.Start, End: s.End,
			Text: s.Garbled, Reason: s.Reason, Confidence: s.Confidence})
	}
	return edits, findings
}

// applies reports whether the mojibake stage, conservative or not, applies
// the repair of span s: a repairable one, in conservative mode only when
// its guesses are sure.
func applies(s mojibake.Span, conservative bool) bool {
	return s.Repairable && (!conservative || s.Confidence >= mojibake.SureConfidence)
}

// mojibakeOf returns the mojibake analysis of text: the one run made ahead
// when it is of this very text, mojibake.Find's otherwise (and for a nil
// d, which a caller of Stage.Edits may pass).
func (d *Doc) mojibakeOf(text string) []mojibake.Span {
	if d != nil && d.aheadText == text {
		spans := d.ahead
		d.ahead, d.aheadText = nil, ""
		return spans
	}
	return mojibake.Find(text)
}

// offersRepair reports whether the mojibake stage (conservative as
// Options.Conservative) would repair something in text, and keeps the
// analysis for the stage's next run (mojibakeOf).
func (d *Doc) offersRepair(text string, conservative bool) bool {
	spans := mojibake.Find(text)
	d.ahead, d.aheadText = spans, text
	for _, s := range spans {
		if applies(s, conservative) {
			return true
		}
	}
	return false
}
