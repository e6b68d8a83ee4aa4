package normalize

import "strings"

// Analysis summarises what the pipeline finds in a document without
// returning the cleaned text. It is what `hanfix -detect` prints.
type Analysis struct {
	Encoding         string  `json:"encoding"`
	Confidence       float64 `json:"confidence"`
	Script           string  `json:"script"`
	Simplified       float64 `json:"simplified"`
	Traditional      float64 `json:"traditional"`
	MachineConverted bool    `json:"machine_converted"`
	Mojibake         int     `json:"mojibake"`
	Annotations      int     `json:"annotations"`
	BoilerplateLines int     `json:"boilerplate_lines"`
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

func analysisOf(rep *Report) *Analysis {
	a := &Analysis{Encoding: rep.Encoding, Confidence: rep.EncodingConfidence, Script: "none", Report: rep}
	if rep.Script != nil {
		a.Script, a.Simplified, a.Traditional, a.MachineConverted = rep.Script.Script, rep.Script.Simplified, rep.Script.Traditional, rep.Script.MachineConverted
	}
	a.Mojibake = rep.Counts[KindMojibake]
	a.Annotations = rep.Counts[KindAnnotation]
	for _, c := range rep.Changes {
		if c.Kind == KindBoilerplate && !strings.HasPrefix(c.Rule, "phrase:") {
			a.BoilerplateLines++
		}
	}
	for _, f := range rep.Findings {
		if f.Kind == KindMojibake {
			a.Mojibake++
		}
	}
	return a
}
