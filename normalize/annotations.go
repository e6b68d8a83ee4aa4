package normalize

import (
	"strings"

	"github.com/hanfix/hanfix/detect"
)

// Annotations is the stage that removes pinyin readings flattened into the
// text (建設(shè) → 建設). It removes them only when the document shows the
// systematic pattern of machine-inserted ruby (see detect.Annotations);
// otherwise, and for candidates that do not fit the pattern, it reports
// them as findings and leaves the text alone.
type Annotations struct{}

// NewAnnotations returns the annotations stage for opts.
func NewAnnotations(opts Options) (Stage, error) { return Annotations{}, nil }

// Kind returns KindAnnotation.
func (Annotations) Kind() Kind { return KindAnnotation }

// Edits returns one deletion per "(reading)" group that fits a systematic
// pattern, and findings for the other candidates.
func (Annotations) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	res := detect.Annotations(text)
	if len(res.Annotations) == 0 {
		return nil, nil
	}
	var edits []Edit
	var findings []Finding
	var reasons string // the reasons of all edits, back to back
	withReasons := doc == nil || !doc.noReasons
	if res.Systematic {
		doc.notePattern(&res)
		edits = make([]Edit, 0, len(res.Annotations))
		if withReasons {
			reasons = annotationReasons(res.Annotations)
		}
	}
	// The annotations (seven words) are read, and the edits (nine words)
	// written, through pointers: an annotated document has thousands, and
	// copying each twice cost more than the loop's work.
	for k := range res.Annotations {
		a := &res.Annotations[k]
		if res.Systematic && a.Confidence >= 0.5 {
			edits = edits[:len(edits)+1]
			e := &edits[len(edits)-1]
			e.Start, e.End = a.Span.Start, a.Span.End
			e.Rule, e.Confidence = "annotation", a.Confidence
			if withReasons {
				n := annotationReasonLen(a)
				e.Reason, reasons = reasons[:n], reasons[n:]
			}
			continue
		}
		if p, ok := doc.patternOf(a); ok {
			// The document's pattern, found by an earlier pass: the
			// reading was uncovered by a mojibake repair since
			// (號。這(zhè)個 once ?_@ is repaired), after the readings
			// around it were removed.
			edits = append(edits, Edit{Start: a.Span.Start, End: a.Span.End, Rule: "annotation", Confidence: p.confidence})
			if withReasons {
				edits[len(edits)-1].Reason = reasonHead + a.Reading + reasonOf + a.Base + reasonTail + reasonPattern
			}
			continue
		}
		if doc != nil && doc.noFindings {
			continue
		}
		why := "looks like a pinyin reading of " + a.Base + ", but the document shows no systematic annotation pattern"
		if res.Systematic {
			why = "pinyin reading of " + a.Base + " that does not fit the document's annotation pattern"
		}
		findings = append(findings, Finding{Start: a.Span.Start, End: a.Span.End, Text: text[a.Span.Start:a.Span.End],
			Reason: why, Confidence: a.Confidence})
	}
	return edits, findings
}

// apply is Edits applied (see applier): the text without the readings
// that Edits would delete, and their number, without building the edits
// (a seed-like page has a reading every few characters). It gives up,
// leaving it to Edits, on annotations out of order, which Annotations
// never returns.
func (Annotations) apply(text string, doc *Doc) ([]Edit, []Finding, string, int, bool) {
	res := detect.Annotations(text)
	if len(res.Annotations) == 0 {
		return nil, nil, text, 0, true
	}
	end := 0
	for k := range res.Annotations {
		sp := &res.Annotations[k].Span
		if sp.Start < end || sp.End < sp.Start || sp.End > len(text) {
			edits, findings := Annotations{}.Edits(text, doc)
			return edits, findings, "", 0, false
		}
		end = sp.End
	}
	if res.Systematic {
		doc.notePattern(&res)
	}
	var b strings.Builder
	last, n := 0, 0 // the end of the text copied, the readings left out
	for k := range res.Annotations {
		a := &res.Annotations[k]
		if !(res.Systematic && a.Confidence >= 0.5) {
			if _, ok := doc.patternOf(a); !ok {
				continue
			}
		}
		if n == 0 {
			b.Grow(len(text))
		}
		b.WriteString(text[last:a.Span.Start])
		last, n = a.Span.End, n+1
	}
	if n == 0 {
		return nil, nil, text, 0, true
	}
	b.WriteString(text[last:])
	return nil, nil, b.String(), n, true
}

// offersRemoval reports whether the annotation stage would remove a
// reading from text (see Normalizer.offersMore).
func (d *Doc) offersRemoval(text string) bool {
	res := detect.Annotations(text)
	for k := range res.Annotations {
		a := &res.Annotations[k]
		if res.Systematic && a.Confidence >= 0.5 {
			return true
		}
		if _, ok := d.patternOf(a); ok {
			return true
		}
	}
	return false
}

// The reason of an annotation edit is reasonHead + reading + reasonOf +
// base + reasonTail.
const (
	reasonHead    = "pinyin reading \""
	reasonOf      = "\" of "
	reasonTail    = " flattened into the text"
	reasonPattern = ", as the document's pattern had it before a mojibake repair uncovered this one"
)

// notePattern records res, a systematic result, for the passes after
// this one.
func (d *Doc) notePattern(res *detect.AnnotationResult) {
	if d != nil {
		d.patterns = append(d.patterns, res)
	}
}

// patternOf returns the reading of a's character in the pattern a pass
// found (the first pass that annotates the character), when a carries
// that very reading. The pattern by character is made on first use: most
// documents never ask.
func (d *Doc) patternOf(a *detect.Annotation) (patternReading, bool) {
	if d == nil || len(d.patterns) == 0 {
		return patternReading{}, false
	}
	for ; d.readingsFrom < len(d.patterns); d.readingsFrom++ {
		res := d.patterns[d.readingsFrom]
		for k := range res.Annotations {
			x := &res.Annotations[k]
			if x.Confidence < 0.5 {
				continue
			}
			if d.readings == nil {
				d.readings = make(map[string]patternReading)
			}
			if _, ok := d.readings[x.Base]; !ok {
				d.readings[x.Base] = patternReading{x.Reading, res.Confidence}
			}
		}
	}
	p, ok := d.readings[a.Base]
	return p, ok && p.reading == a.Reading
}

// annotationReasonLen returns the length of the reason of the edit that
// removes a.
func annotationReasonLen(a *detect.Annotation) int {
	return len(reasonHead) + len(a.Reading) + len(reasonOf) + len(a.Base) + len(reasonTail)
}

// annotationReasons returns the reasons of the annotations that become
// edits (Confidence ≥ 0.5) written back to back in one string, so that a
// document with thousands of readings allocates one string, not one each.
func annotationReasons(anns []detect.Annotation) string {
	n := 0
	for k := range anns {
		if a := &anns[k]; a.Confidence >= 0.5 {
			n += annotationReasonLen(a)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, a := range anns {
		if a.Confidence >= 0.5 {
			b.WriteString(reasonHead)
			b.WriteString(a.Reading)
			b.WriteString(reasonOf)
			b.WriteString(a.Base)
			b.WriteString(reasonTail)
		}
	}
	return b.String()
}
