package normalize

import (
	"github.com/hanfix/hanfix/detect"
)

// Boilerplate is the boilerplate stage: it deletes the scraper boilerplate
// lines and phrases that detect.Boilerplate finds with the rules of
// Options.Rules (the embedded defaults when nil) and the templates of
// Options.SiteModel. It runs after mojibake repair and annotation removal
// and before script conversion, so the text may be Simplified or
// Traditional; the rules match both.
//
// Every deleted line (with its line break) and every deleted phrase is one
// Edit whose Rule names the rule ("line:…", "phrase:…" or "learned:…").
// Lines that a rule matches with too little evidence (see
// detect.BoilerplateDetail) are reported as findings and left alone.
// Without FixBoilerplate in Options.Fixes the stage is not built and the
// text is left exactly as it is.
type Boilerplate struct {
	rules *detect.BoilerplateRules
	model *detect.SiteModel
}

// NewBoilerplate returns the boilerplate stage for opts.
func NewBoilerplate(opts Options) (Stage, error) {
	rules := opts.Rules
	if rules == nil {
		rules = detect.DefaultBoilerplateRules()
	}
	return Boilerplate{rules: rules, model: opts.SiteModel}, nil
}

// Kind returns KindBoilerplate.
func (Boilerplate) Kind() Kind { return KindBoilerplate }

// Edits returns one deletion per boilerplate line or phrase.
func (b Boilerplate) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	spans, weak := detect.BoilerplateDetail(text, b.rules, b.model)
	var findings []Finding
	for _, w := range weak {
		findings = append(findings, Finding{Kind: KindBoilerplate, Start: w.Span.Start, End: w.Span.End,
			Text:       text[w.Span.Start:w.Span.End],
			Reason:     "possible boilerplate line (" + w.Kind + ", " + w.Rule + "), evidence too weak to remove",
			Confidence: w.Confidence})
	}
	if len(spans) == 0 {
		return nil, findings
	}
	edits := make([]Edit, 0, len(spans))
	for _, sp := range spans {
		reason := "boilerplate phrase (" + sp.Kind + ")"
		if sp.Line {
			reason = "boilerplate line (" + sp.Kind + ")"
		}
		edits = append(edits, Edit{Start: sp.Span.Start, End: sp.Span.End, Reason: reason, Rule: sp.Rule, Confidence: sp.Confidence})
	}
	return edits, findings
}
