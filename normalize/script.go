package normalize

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/detect"
)

// Script is the stage that detects the script of the document, records it
// in the report (Report.Script) and converts as Options.Target says:
//
//   - keep: no conversion.
//   - simp: t2s; trad: s2t; tw: s2tw; hk: s2hk.
//   - auto: a mixed document has its minority sentences converted to the
//     majority script; a document in one script is left alone.
//
// Text already in the target script is left byte-identical: conversion
// only touches what is not in the target script. For a document in the
// other script everything is converted; for a mixed document, every
// sentence except the ones already in the target script; for a document
// already in the target script (or with no script-specific character,
// target simp), only the converter's segments that contain a character of
// the other script. So s2t never rewrites human zh-TW text (群 → 羣, 台 →
// 臺 are not applied to Traditional sentences), and t2s never touches a
// Simplified sentence. Japanese text is never converted.
//
// When the result is Simplified and the document was machine-converted
// from Simplified (detect.ScriptResult.MachineConverted, or the
// annotations stage removed readings), the conversion also undoes two marks
// of the character-by-character converter that t2s leaves: 著 used for the
// particle 着 (decided with OpenCC's Taiwan variant phrases, which keep 著
// only in zhù words: 顯著, 著名, 著作, 土著 …), and the variant 臵 for 置.
//
// With Options.Conservative the converters leave characters with several
// possible counterparts alone unless a dictionary phrase decides them.
type Script struct {
	target Target
	// toSimp converts to Simplified, toTrad to the Traditional target;
	// either may be nil (target keep, or auto for the unused direction).
	toSimp, toTrad *convert.Converter
	// zhe decides 著 → 着 on the Traditional text (tw2s).
	zhe *convert.Converter
}

// NewScript returns the script stage for opts.
func NewScript(opts Options) (Stage, error) {
	st := &Script{target: opts.Target}
	if st.target == "" {
		st.target = TargetAuto
	}
	copts := convert.Options{Conservative: opts.Conservative}
	var simpCfg, tradCfg string
	switch st.target {
	case TargetKeep:
		return st, nil
	case TargetSimplified:
		simpCfg = "t2s"
	case TargetTraditional:
		tradCfg = "s2t"
	case TargetTaiwan:
		tradCfg = "s2tw"
	case TargetHongKong:
		tradCfg = "s2hk"
	case TargetAuto:
		simpCfg, tradCfg = "t2s", "s2t"
	default:
		return nil, fmt.Errorf("script stage: unknown target %q", st.target)
	}
	var err error
	if simpCfg != "" {
		if st.toSimp, err = convert.NewWithOptions(simpCfg, copts); err != nil {
			return nil, fmt.Errorf("script stage: %w", err)
		}
		if st.zhe, err = convert.New("tw2s"); err != nil {
			return nil, fmt.Errorf("script stage: %w", err)
		}
	}
	if tradCfg != "" {
		if st.toTrad, err = convert.NewWithOptions(tradCfg, copts); err != nil {
			return nil, fmt.Errorf("script stage: %w", err)
		}
	}
	return st, nil
}

// Kind returns KindScript.
func (*Script) Kind() Kind { return KindScript }

// Edits records the script of text in doc.Report.Script and returns the
// conversion edits, one per run of converted text.
func (st *Script) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	res := detect.Script(text)
	annotated := doc != nil && doc.Report != nil && doc.Report.Counts[KindAnnotation] > 0
	machine := res.MachineConverted || annotated
	if doc != nil && doc.Report != nil {
		doc.Report.Script = &ScriptSummary{Script: res.Script, Simplified: res.Simplified, Traditional: res.Traditional,
			MachineConverted: machine, Confidence: res.Confidence}
	}
	if st.target == TargetKeep || res.Script == detect.ScriptNone && st.target == TargetAuto {
		return nil, nil
	}
	if res.Script == detect.ScriptJapanese {
		if st.target == TargetAuto {
			return nil, nil
		}
		return nil, []Finding{{Start: 0, End: len(text), Reason: "Japanese text is not converted", Confidence: res.Confidence}}
	}
	toSimp := st.target == TargetSimplified
	if st.target == TargetAuto {
		if res.Script != detect.ScriptMixed {
			return nil, nil
		}
		toSimp = res.Majority == detect.ScriptSimplified
	}
	conv, targetScript := st.toTrad, detect.ScriptTraditional
	if toSimp {
		conv, targetScript = st.toSimp, detect.ScriptSimplified
	}
	allowed := st.region(text, res, targetScript)
	rule := conv.Config()
	var segs []Edit
	conv.Segments(text, func(start, end int, repl string) {
		if allowed(start, end) {
			segs = append(segs, Edit{Start: start, End: end, After: repl})
		}
	})
	if toSimp && machine {
		segs = st.fixMachine(text, segs, allowed)
	}
	return mergeRuns(text, segs, rule, res.Confidence), nil
}

// region returns which converter segments may be applied: the ones not
// already in the target script.
func (st *Script) region(text string, res detect.ScriptResult, target string) func(start, end int) bool {
	all := func(int, int) bool { return true }
	otherOnly := detect.IsTraditionalOnly
	if target == detect.ScriptTraditional {
		otherOnly = detect.IsSimplifiedOnly
	}
	containsOther := func(start, end int) bool {
		for _, r := range text[start:end] {
			if otherOnly(r) {
				return true
			}
		}
		return false
	}
	if st.target == TargetAuto {
		// Only the minority sentences.
		return spansFilter(res.Minority, true)
	}
	switch res.Script {
	case detect.ScriptMixed:
		// Every sentence except the ones already in the target script.
		var keep []detect.Span
		for _, ss := range detect.ScriptSpans(text) {
			if ss.Script == target {
				keep = append(keep, ss.Span)
			}
		}
		return spansFilter(keep, false)
	case target:
		return containsOther
	case detect.ScriptNone:
		if target == detect.ScriptSimplified {
			return containsOther
		}
		return all
	default:
		return all
	}
}

// spansFilter returns a predicate that tells whether a segment starts
// inside one of spans (inside == true) or outside all of them.
func spansFilter(spans []detect.Span, inside bool) func(start, end int) bool {
	return func(start, end int) bool {
		k := sort.Search(len(spans), func(k int) bool { return spans[k].End > start })
		in := k < len(spans) && spans[k].Start <= start
		return in == inside
	}
}

// machineVariants are variant characters that a character-by-character
// Simplified → Traditional converter produces and t2s does not map back.
var machineVariants = map[rune]string{'臵': "置"}

// fixMachine adds to the t2s segments the repairs of machine-converted
// text: 著 → 着 where tw2s (which keeps 著 only in zhù words) makes it 着,
// and the variants of machineVariants.
func (st *Script) fixMachine(text string, segs []Edit, allowed func(int, int) bool) []Edit {
	patches := map[int]string{}
	st.zhe.Segments(text, func(start, end int, repl string) {
		src := text[start:end]
		if utf8.RuneCountInString(src) != utf8.RuneCountInString(repl) {
			return
		}
		j := 0
		for i, r := range src {
			q, size := utf8.DecodeRuneInString(repl[j:])
			j += size
			if r == '著' && q == '着' && allowed(start+i, start+i+len("著")) {
				patches[start+i] = "着"
			}
		}
	})
	for i, r := range text {
		if v, ok := machineVariants[r]; ok && allowed(i, i+utf8.RuneLen(r)) {
			patches[i] = v
		}
	}
	if len(patches) == 0 {
		return segs
	}
	// Apply patches inside segments, add the others as their own edits.
	for k := range segs {
		e := &segs[k]
		src := text[e.Start:e.End]
		if utf8.RuneCountInString(src) != utf8.RuneCountInString(e.After) {
			continue
		}
		var b []byte
		j := 0
		for i := range src {
			_, size := utf8.DecodeRuneInString(e.After[j:])
			rs := e.After[j : j+size]
			j += size
			if p, ok := patches[e.Start+i]; ok {
				rs = p
				delete(patches, e.Start+i)
			}
			b = append(b, rs...)
		}
		e.After = string(b)
	}
	for pos, p := range patches {
		_, size := utf8.DecodeRuneInString(text[pos:])
		segs = append(segs, Edit{Start: pos, End: pos + size, After: p})
	}
	sort.Slice(segs, func(a, b int) bool { return segs[a].Start < segs[b].Start })
	return segs
}

// mergeRuns merges adjacent segments into one edit per run and fills in
// the reasons.
func mergeRuns(text string, segs []Edit, rule string, conf float64) []Edit {
	if len(segs) == 0 {
		return nil
	}
	if conf < 0.5 {
		conf = 0.5 // the target was asked for; confidence is that of the detection
	}
	var out []Edit
	for _, s := range segs {
		if n := len(out); n > 0 && out[n-1].End == s.Start {
			out[n-1].End = s.End
			out[n-1].After += s.After
			continue
		}
		out = append(out, s)
	}
	for k := range out {
		e := &out[k]
		e.Rule = rule
		e.Confidence = conf
		e.Reason = fmt.Sprintf("%s: %s → %s", rule, text[e.Start:e.End], e.After)
	}
	return out
}
