package normalize

import (
	"io"
	"sort"
	"strings"

	"github.com/hanfix/hanfix/internal/mojibake"
)

// Analysis summarises what the pipeline finds in a document without
// returning the cleaned text. It is what `hanfix -detect` prints.
type Analysis struct {
	Encoding         string  `json:"encoding"`
	Confidence       float64 `json:"confidence"`
	Script           string  `json:"script"`
	Simplified       float64 `json:"simplified"`
	Traditional      float64 `json:"traditional"`
	MachineConverted bool    `json:"machine_converted"`
	// Mojibake is the number of garbled regions (see garbledRegions): a
	// misaligned run, a span read with the wrong codec, lost characters;
	// a document read whole with the wrong codec is one.
	Mojibake int `json:"mojibake"`
	// EncodingSegments is the number of parts of raw input in another
	// encoding than the document's, decoded with their own (Report
	// changes of KindEncoding).
	EncodingSegments int `json:"encoding_segments,omitempty"`
	Annotations      int `json:"annotations"`
	BoilerplateLines int `json:"boilerplate_lines"`
	// Report is the full report the counts were taken from.
	Report *Report `json:"-"`
}

// Analyze reports what the pipeline finds in text without converting it.
func (n *Normalizer) Analyze(text string) (*Analysis, error) {
	// The boilerplate line count comes from the change list.
	_, rep, err := n.string(text, allParts)
	if err != nil {
		return nil, err
	}
	return analysisOf(rep), nil
}

// AnalyzeBytes is Analyze for raw bytes in any supported encoding.
func (n *Normalizer) AnalyzeBytes(raw []byte) (*Analysis, error) {
	_, rep, err := n.bytes(raw, allParts)
	if err != nil {
		return nil, err
	}
	return analysisOf(rep), nil
}

// AnalyzeStream is AnalyzeBytes for input of any length, in bounded
// memory: it reads and analyses src in sections as Stream cleans it, and
// calls each with every section and its analysis, in order (the offsets
// in the section's report are in the whole input). An error from each
// stops it, and it returns the errors that Stream returns.
func (n *Normalizer) AnalyzeStream(src io.Reader, each func(*Section, *Analysis) error) error {
	return n.stream(io.Discard, src, func(s *Section) error {
		if each == nil {
			return nil
		}
		return each(s, analysisOf(s.Report))
	}, allParts)
}

// analysisOf summarises rep, a report with its changes and findings.
func analysisOf(rep *Report) *Analysis {
	a := &Analysis{Encoding: rep.Encoding, Confidence: rep.EncodingConfidence, Script: "none", Report: rep}
	if rep.Script != nil {
		a.Script, a.Simplified, a.Traditional, a.MachineConverted = rep.Script.Script, rep.Script.Simplified, rep.Script.Traditional, rep.Script.MachineConverted
	}
	a.Annotations = rep.Counts[KindAnnotation]
	a.EncodingSegments = rep.Counts[KindEncoding]
	for _, c := range rep.Changes {
		if c.Kind == KindBoilerplate && !strings.HasPrefix(c.Rule, "phrase:") {
			a.BoilerplateLines++
		}
	}
	a.Mojibake = garbledRegions(rep)
	return a
}

// garbledRegions counts the garbled regions of a report: its mojibake
// repairs and findings, except that a repair by a codec chain (utf8<-gbk)
// and the repairs and findings that follow each other within regionGap
// bytes around it count once. A document read whole with the wrong codec
// is one region, though the bytes a decoder lost (U+FFFD, reported apart)
// cut its repair into pieces; the runs of GBK misalignment, each a slip
// of one byte, count one by one.
func garbledRegions(rep *Report) int {
	type item struct {
		start, end   int
		chain, shift bool // a repair by a codec chain, by a GBK shift
	}
	var items []item
	for _, c := range rep.Changes {
		if c.Kind == KindMojibake {
			// The Rule of a mojibake change is its repair's plan.
			p, err := mojibake.ParsePlan(c.Rule)
			items = append(items, item{c.Start, c.End, err == nil && len(p.Hops) > 0, err == nil && p.Shift != nil})
		}
	}
	for _, f := range rep.Findings {
		if f.Kind == KindMojibake {
			items = append(items, item{start: f.Start, end: f.End})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].start < items[j].start })
	// Clusters of items, none a misalignment run, each within regionGap
	// of the one before: one region if a codec chain repaired some of it,
	// otherwise one per item.
	n := 0
	for k := 0; k < len(items); {
		if items[k].shift {
			n, k = n+1, k+1
			continue
		}
		j, end, chain := k+1, items[k].end, items[k].chain
		for j < len(items) && !items[j].shift && items[j].start-end <= regionGap {
			end, chain = max(end, items[j].end), chain || items[j].chain
			j++
		}
		if chain {
			n++
		} else {
			n += j - k
		}
		k = j
	}
	return n
}

// regionGap is how far apart, in bytes, two pieces of one codec misreading
// may lie: the few characters around a lost byte that no repair covers
// (perl锛 for perl：, its 0x9A lost).
const regionGap = 32
