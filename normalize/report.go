package normalize

import "github.com/hanfix/hanfix/convert"

// Kind names the class of a change or finding.
type Kind string

// The kinds of change, one per stage.
const (
	KindDecode      Kind = "decode"      // bytes that did not decode (U+FFFD)
	KindEncoding    Kind = "encoding"    // a part in another encoding than the document's
	KindHygiene     Kind = "hygiene"     // BOM, zero-width, controls, line ends, NFC
	KindMojibake    Kind = "mojibake"    // text decoded with the wrong codec
	KindAnnotation  Kind = "annotation"  // flattened pinyin reading
	KindBoilerplate Kind = "boilerplate" // scraper boilerplate line or phrase
	KindScript      Kind = "script"      // Simplified/Traditional conversion
	KindWidth       Kind = "width"       // full-width ASCII to ASCII
	KindPunct       Kind = "punct"       // ASCII punctuation to full-width, space to comma
)

// Change is one applied edit. Start and End are byte offsets in the text the
// pipeline was given (for raw input: the decoded text); Before is the text
// the stage replaced as that stage saw it, After what it wrote instead.
// A change of KindEncoding is made by decoding: Start and End span After,
// the part decoded with its own encoding, in the decoded text, and Before
// is what the document's encoding made of the same bytes.
type Change struct {
	Kind       Kind    `json:"kind"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Before     string  `json:"before"`
	After      string  `json:"after"`
	Reason     string  `json:"reason"`
	Rule       string  `json:"rule,omitempty"`
	Confidence float64 `json:"confidence"`
}

// Finding is something a stage noticed and did not change, because the
// evidence was too weak or nothing can repair it (for example a run of
// U+FFFD, or 锟斤拷).
type Finding struct {
	Kind       Kind    `json:"kind"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
}

// ScriptSummary describes the script of the document before conversion.
type ScriptSummary struct {
	Script           string  `json:"script"` // simplified, traditional, mixed, japanese or none
	Simplified       float64 `json:"simplified"`
	Traditional      float64 `json:"traditional"`
	MachineConverted bool    `json:"machine_converted,omitempty"`
	Confidence       float64 `json:"confidence"`
}

// Report is everything the pipeline found and did to one document.
type Report struct {
	// Encoding is the WHATWG label of the input's encoding ("utf-8" for
	// string input) and EncodingConfidence how sure detection was.
	Encoding           string  `json:"encoding"`
	EncodingConfidence float64 `json:"encoding_confidence"`
	// Script is filled by the script stage.
	Script *ScriptSummary `json:"script,omitempty"`
	// Counts holds the number of changes per kind.
	Counts map[Kind]int `json:"counts"`
	// Changes lists the applied edits in pipeline order, and within a stage
	// in text order; for a document cleaned in sections
	// (Options.SectionSize), the changes of each section so in turn.
	Changes []Change `json:"changes"`
	// Findings lists what was noticed and left alone.
	Findings []Finding `json:"findings,omitempty"`
	// DecodeErrors lists the byte sequences of raw input that did not
	// decode and became U+FFFD, with offsets in the raw bytes.
	DecodeErrors []convert.DecodeError `json:"decode_errors,omitempty"`
}

// Changed reports whether the pipeline changed anything.
func (r *Report) Changed() bool {
	if len(r.Changes) > 0 {
		return true
	}
	// With Options.OmitChanges the list is empty; the counts of the
	// stages' kinds still say how many changes were made.
	for k, n := range r.Counts {
		if k != KindDecode && n > 0 {
			return true
		}
	}
	return false
}
