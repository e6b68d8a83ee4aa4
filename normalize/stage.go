package normalize

import (
	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/mojibake"
)

// Edit is a replacement proposed by a Stage, in the byte coordinates of the
// text the stage was given: text[Start:End] becomes After.
type Edit struct {
	Start, End int
	After      string
	Reason     string
	Rule       string
	Confidence float64
}

// Doc is the state of one document as it passes through the pipeline.
// Stages read the options and may record document-level findings.
type Doc struct {
	// Report is the report being built; stages may fill its document-level
	// fields (Script, Encoding).
	Report *Report
	// Opts are the options of the Normalizer running the stage.
	Opts *Options
	// validText says that the text given to the stage is valid UTF-8, as
	// the pipeline guarantees, so that a stage need not check it again.
	validText bool
	// noReasons says that the pipeline keeps no change list
	// (Options.OmitChanges), so that the Reason of an edit is never read
	// and a stage may leave it empty.
	noReasons bool
	// noFindings says that the pipeline keeps no findings
	// (Options.OmitFindings): a stage may return none.
	noFindings bool
	// hygienic and dirty carry what the hygiene stage before the mojibake
	// stage found to the full hygiene stage (see hygienic.go).
	hygienic string
	dirty    []dirtySpan
	// patterns are the results of the passes of the annotation stage that
	// found the document's readings systematic. A later pass, over text
	// whose mojibake an earlier stage has just repaired, removes a reading
	// that fits them even when that reading is the last one left (see
	// Annotations.Edits). readings is their pattern by character, made
	// from patterns[:readingsFrom] when a later pass first asks for it.
	patterns     []*detect.AnnotationResult
	readings     map[string]patternReading
	readingsFrom int
	// ahead is the mojibake analysis of aheadText that run made to decide
	// on another pass (see offersRepair); the mojibake stage of that pass
	// takes it rather than analyse the same text again. (With none, the
	// empty text and no spans: the analysis of the empty text.)
	ahead     []mojibake.Span
	aheadText string
	// masked says that the script stage of this pass left runs that read
	// like misaligned GBK unconverted (see offersConversion).
	masked bool
	// variantsOf is the script of the text to which the script stage of
	// this pass gave the regional variants only (檯 → 枱 for hk), "" for
	// none (see offersConversion).
	variantsOf string
	// trimmed says that the boilerplate stage of this pass removed a
	// phrase from a line (see offersTrim).
	trimmed bool
	// chainProbe says that the script stage is asked about its own
	// output, to tell whether a conversion chain would go on (see
	// Script.chainsAgain).
	chainProbe bool
	// midStart and midEnd say that the text starts, or ends, inside a
	// larger document (a section of it, see Options.SectionSize) rather
	// than at the head or the tail of a page (see Boilerplate.detect).
	midStart, midEnd bool
}

// wouldEdit reports whether stage st would edit text, the output of a
// pass. It asks with a Doc of its own, so that the question leaves the
// document's report and state alone.
func (d *Doc) wouldEdit(st Stage, text string) bool {
	edits, _ := st.Edits(text, &Doc{Opts: d.Opts, validText: true, noReasons: true, noFindings: true, midStart: d.midStart, midEnd: d.midEnd})
	return len(edits) > 0
}

// patternReading is one character's reading in a document's annotation
// pattern, and how sure the pattern is.
type patternReading struct {
	reading    string
	confidence float64
}

// A Stage is one step of the pipeline. Edits returns the edits the stage
// makes to text, sorted by Start and not overlapping, and what it noticed
// but did not change (offsets in text). A Stage is safe for concurrent use.
type Stage interface {
	Kind() Kind
	Edits(text string, doc *Doc) ([]Edit, []Finding)
}

// Apply runs one stage on its own and returns the text with its edits
// applied and the changes it made.
func Apply(s Stage, text string, opts Options) (string, []Change) {
	rep := &Report{Counts: map[Kind]int{}}
	edits, _ := s.Edits(text, &Doc{Report: rep, Opts: &opts})
	out := applyEdits(text, edits)
	changes := make([]Change, len(edits))
	for i, e := range edits {
		changes[i] = makeChange(s.Kind(), text, e)
	}
	return out, changes
}

func makeChange(k Kind, text string, e Edit) Change {
	return Change{Kind: k, Start: e.Start, End: e.End, Before: text[e.Start:e.End], After: e.After,
		Reason: e.Reason, Rule: e.Rule, Confidence: e.Confidence}
}

// applier is implemented by stages that can apply their edits themselves
// when nobody reads them: the pipeline, when it keeps no change list, calls
// apply instead of Edits for its last stage, and for every stage when it
// keeps no findings either (then no later stage's findings need mapping
// back through this one's edits). When done is true, text is
// the stage's output and n the number of its edits, as applying and
// counting the edits of Edits would give them, and edits is nil;
// otherwise edits and findings are those of Edits.
type applier interface {
	apply(in string, doc *Doc) (edits []Edit, findings []Finding, text string, n int, done bool)
}
