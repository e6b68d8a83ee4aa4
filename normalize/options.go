package normalize

import (
	"fmt"
	"strings"

	"github.com/hanfix/hanfix/detect"
)

// Target is the script the pipeline converts Chinese text to.
type Target string

// The targets. The zero value means TargetAuto.
const (
	// TargetAuto unifies a mixed document to its majority script and leaves a
	// document that is already in one script alone.
	TargetAuto Target = "auto"
	// TargetKeep performs no script conversion.
	TargetKeep Target = "keep"
	// TargetSimplified converts to Simplified Chinese (OpenCC t2s).
	TargetSimplified Target = "simp"
	// TargetTraditional converts to OpenCC standard Traditional (s2t).
	TargetTraditional Target = "trad"
	// TargetTaiwan converts to Taiwan Traditional (s2tw).
	TargetTaiwan Target = "tw"
	// TargetHongKong converts to Hong Kong Traditional (s2hk).
	TargetHongKong Target = "hk"
)

// Targets lists the accepted target names in the order the CLI documents them.
var Targets = []Target{TargetAuto, TargetSimplified, TargetTraditional, TargetTaiwan, TargetHongKong, TargetKeep}

// ParseTarget returns the Target named s. It accepts the names of Targets,
// and the empty string for TargetAuto.
func ParseTarget(s string) (Target, error) {
	if s == "" {
		return TargetAuto, nil
	}
	for _, t := range Targets {
		if string(t) == s {
			return t, nil
		}
	}
	names := make([]string, len(Targets))
	for i, t := range Targets {
		names[i] = string(t)
	}
	return "", fmt.Errorf("unknown target script %q: want one of %s", s, strings.Join(names, ", "))
}

// Fix is a set of pipeline fixes, one bit each.
type Fix uint32

// The fixes. DefaultFixes is what the zero Options turn on.
const (
	// FixHygiene drops a BOM, zero-width characters and control characters
	// other than tab and newline, turns CRLF and CR into LF and applies NFC
	// (CJK compatibility ideographs excepted).
	FixHygiene Fix = 1 << iota
	// FixMojibake repairs text that was decoded with the wrong codec.
	FixMojibake
	// FixAnnotations removes pinyin readings flattened into the text.
	FixAnnotations
	// FixBoilerplate removes scraper boilerplate lines and phrases.
	FixBoilerplate
	// FixScript converts the script as Options.Target says.
	FixScript
	// FixFullwidthASCII turns full-width ASCII letters and digits (Ａ, １)
	// into ASCII. Off by default.
	FixFullwidthASCII
	// FixCJKPunct turns ASCII , ; : ? ! ( ) standing between CJK characters
	// into their full-width forms. Off by default.
	FixCJKPunct
	// FixSpaceComma turns a single space standing between two CJK clauses
	// into "，". Off by default.
	FixSpaceComma

	// DefaultFixes are the fixes that cannot harm clean text.
	DefaultFixes = FixHygiene | FixMojibake | FixAnnotations | FixBoilerplate | FixScript
)

// Options configure a Normalizer. The zero value is a valid configuration:
// target auto, default fixes, the embedded boilerplate rules.
type Options struct {
	// Target is the script to convert to; "" means TargetAuto.
	Target Target
	// Fixes selects the fixes; 0 means DefaultFixes.
	Fixes Fix
	// Conservative converts characters with several possible counterparts
	// (干/幹/乾, 后/後 …) only inside known phrases, and applies mojibake
	// repairs only when every byte they had to guess is a clear choice;
	// it reports the rest.
	Conservative bool
	// Rules replaces the embedded boilerplate rules when not nil.
	Rules *detect.BoilerplateRules
	// SiteModel holds boilerplate templates learned from other pages of the
	// same site; nil means none.
	SiteModel *detect.SiteModel
	// Encoding forces the encoding of raw input given to Bytes (a WHATWG
	// label); "" detects it.
	Encoding string
	// Convert, when not empty, names an OpenCC configuration (s2t, t2s,
	// s2tw, …) and turns the pipeline into pure conversion: raw input is
	// decoded, then converted with that configuration, and no other fix
	// runs; Target, Fixes and Conservative are ignored.
	Convert string
	// OmitChanges leaves Report.Changes empty in the reports of String and
	// Bytes, for callers that want the clean text and the counts: the list
	// costs an allocation and an offset mapping per change, and
	// machine-converted text has a change every few characters. Counts,
	// Findings, Script, Encoding and DecodeErrors are filled as usual, and
	// Report.Changed still tells whether anything changed. Analyze and
	// AnalyzeBytes ignore it.
	OmitChanges bool
	// OmitFindings leaves Report.Findings empty in the reports of String
	// and Bytes, for callers that want the clean text alone: a document
	// with thousands of readings that show no pattern has a finding for
	// each, and a large one (a file of many pages) spent a third of its
	// time and most of its memory on them. The text and the counts are the
	// same. Analyze and AnalyzeBytes ignore it.
	OmitFindings bool
	// SectionSize, when positive, cleans a document of more than
	// SectionSize bytes in sections of about SectionSize bytes or less,
	// cut at line breaks, several at a time: a large file is then cleaned
	// on every core, and the pipeline's working memory follows the size of
	// a section instead of the document's. Each section is cleaned as a
	// document of its own, so what the pipeline judges over a whole
	// document it judges over each section: the pattern of its readings,
	// its majority script (TargetAuto), the boilerplate at its head and
	// tail, the evidence for its mojibake repairs. The report joins the
	// sections' reports, with offsets in the whole text. A cut with no line
	// break (LF, or else a CR alone) within half a section of it is left
	// out, so a text of one line is cleaned whole. 0 cleans every document whole. The CLI cleans in
	// sections of 4 MB (-section).
	SectionSize int
	// SectionWorkers is how many sections are cleaned at a time; 0 means
	// GOMAXPROCS.
	SectionWorkers int
}

func (o Options) fixes() Fix {
	if o.Fixes == 0 {
		return DefaultFixes
	}
	return o.Fixes
}
