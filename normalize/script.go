package normalize

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/mojibake"
)

// Script is the stage that detects the script of the document, records it
// in the report (Report.Script) and converts as Options.Target says:
//
//   - keep: no conversion.
//   - simp: t2s; trad: s2t; tw: s2tw; hk: s2hk. For tw and hk, text that
//     is already Traditional gets only the regional variants (t2tw, t2hk:
//     爲 → 為), never s2t's character choices.
//   - auto: a mixed document has its minority sentences converted to the
//     majority script (to Taiwan-standard Traditional, s2tw, when the
//     document's Traditional text follows it); a document in one script is
//     left alone.
//
// Text already in the target script is left byte-identical: conversion
// only touches what is not in the target script. For a document in the
// other script everything is converted; for a mixed document, every
// sentence except the ones already in the target script; for a document
// already in the target script (or with no script-specific character,
// target simp), only the converter's segments that contain a character of
// the other script. So s2t never rewrites human zh-TW text (群 → 羣, 台 →
// 臺 are not applied to Traditional sentences), and t2s never touches a
// Simplified sentence. Japanese text, and Hanja in Korean text, are never
// converted.
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
	// Every converter is built on first use (see lazyConverter).
	toSimp, toTrad *lazyConverter
	// zhe decides 著 → 着 on the Traditional text (tw2s).
	zhe *lazyConverter
	// For auto: s2tw, and the converters that tell whether the document's
	// Traditional text follows the Taiwan standard (t2tw, tw2t).
	toTW, t2tw, tw2t *lazyConverter
	// conservative: report the characters left for want of a phrase.
	conservative bool
	// variants turns OpenCC-standard Traditional into the regional
	// standard (t2tw, t2hk) for targets tw and hk, on the text that is
	// already Traditional.
	variants *lazyConverter
	// heads are the characters that the target's conversions convert to
	// a character they convert again (see keepChainHeads).
	heads runeSet
}

// NewScript returns the script stage for opts.
func NewScript(opts Options) (Stage, error) {
	st := &Script{target: opts.Target, conservative: opts.Conservative}
	if st.target == "" {
		st.target = TargetAuto
	}
	st.heads = newRuneSet(conversionChainHeads[string(st.target)])
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
		st.variants = newLazyConverter("t2tw", convert.Options{})
	case TargetHongKong:
		tradCfg = "s2hk"
		st.variants = newLazyConverter("t2hk", convert.Options{})
	case TargetAuto:
		simpCfg, tradCfg = "t2s", "s2t"
	default:
		return nil, fmt.Errorf("script stage: unknown target %q", st.target)
	}
	if simpCfg != "" {
		st.toSimp = newLazyConverter(simpCfg, copts)
		st.zhe = newLazyConverter("tw2s", convert.Options{})
	}
	if tradCfg != "" {
		st.toTrad = newLazyConverter(tradCfg, copts)
	}
	if st.target == TargetAuto {
		st.toTW = newLazyConverter("s2tw", copts)
		st.t2tw = newLazyConverter("t2tw", convert.Options{})
		st.tw2t = newLazyConverter("tw2t", convert.Options{})
	}
	return st, nil
}

// Kind returns KindScript.
func (*Script) Kind() Kind { return KindScript }

// Edits records the script of text in doc.Report.Script and returns the
// conversion edits, one per run of converted characters.
func (st *Script) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	return st.edits(text, doc, nil)
}

// apply is Edits for a pipeline that keeps no change list (see applier):
// where it can, it returns the converted text and the number of edits
// instead of the edits, which for machine-converted text are one every
// few characters.
func (st *Script) apply(text string, doc *Doc) ([]Edit, []Finding, string, int, bool) {
	var ap applied
	edits, findings := st.edits(text, doc, &ap)
	return edits, findings, ap.text, ap.n, ap.done
}

// applied is the result of Script.apply when it applied the edits itself.
type applied struct {
	text string
	n    int
	done bool
}

// edits is Edits; with ap not nil it applies the edits itself where it can
// and records that in ap.
func (st *Script) edits(text string, doc *Doc, ap *applied) ([]Edit, []Finding) {
	// The sentences of a mixed text are needed to convert it to a fixed
	// target (region); auto converts only the minority that res lists.
	var res detect.ScriptResult
	var spans []detect.ScriptSpan
	if st.target == TargetKeep || st.target == TargetAuto {
		res = detect.Script(text)
	} else {
		res, spans = detect.ScriptDetail(text)
	}
	annotated := doc != nil && doc.Report != nil && doc.Report.Counts[KindAnnotation] > 0
	machine := res.MachineConverted || annotated
	if doc != nil && doc.Report != nil {
		doc.Report.Script = &ScriptSummary{Script: res.Script, Simplified: res.Simplified, Traditional: res.Traditional,
			MachineConverted: machine, Confidence: res.Confidence}
	}
	if st.target == TargetKeep || res.Script == detect.ScriptNone && st.target == TargetAuto || text == "" {
		// Nothing to convert (and for an empty document no converter to
		// build).
		return nil, nil
	}
	if res.Script == detect.ScriptNone && (res.Simplified > 0 || res.Traditional > 0) {
		// Script-specific characters but script none: Hanja in Korean text.
		return nil, nil
	}
	if res.Script == detect.ScriptJapanese {
		if st.target == TargetAuto {
			return nil, nil
		}
		return nil, []Finding{{Start: 0, End: len(text), Reason: "Japanese text is not converted", Confidence: res.Confidence}}
	}
	valid := doc != nil && doc.validText
	toSimp := st.target == TargetSimplified
	if st.target == TargetAuto {
		if res.Script != detect.ScriptMixed {
			return nil, nil
		}
		toSimp = res.Majority == detect.ScriptSimplified
	}
	lc, targetScript := st.toTrad, detect.ScriptTraditional
	if toSimp {
		lc, targetScript = st.toSimp, detect.ScriptSimplified
	} else if st.target == TargetAuto {
		tw, err := st.taiwanese(text, valid)
		if err != nil {
			return nil, convertError(err)
		}
		if tw {
			lc = st.toTW
		}
	}
	conv, err := lc.get()
	if err != nil {
		return nil, convertError(err)
	}
	allowed, masked := outsideGarbled(text, st.region(text, res, spans, targetScript))
	if masked && doc != nil {
		doc.masked = true
	}
	rule := conv.Config()
	var patches []Edit
	if toSimp && machine {
		zhe, err := st.zhe.get()
		if err != nil {
			return nil, convertError(err)
		}
		patches = machinePatches(zhe, text, allowed)
	}
	if ap != nil && valid && (toSimp || st.variants == nil) && !st.conservative {
		// No regional variants to merge in and no findings to make: the
		// edits are the runs and the patches, unless a run converts the
		// head of a conversion chain (see keepChainHeads).
		fast, head := st.heads.watch(text, allowed)
		if out, n, ok := appliedRuns(lc, conv, text, fast, patches); ok && !*head {
			*ap = applied{text: out, n: n, done: true}
			return nil, nil
		}
	}
	// The runs leave room for the patches, which are merged in place.
	segs := convertedRuns(lc, conv, text, valid, allowed, len(patches))
	if st.variants != nil && !toSimp {
		variants, err := st.variants.get()
		if err != nil {
			return nil, convertError(err)
		}
		// Text already Traditional gets the regional variants only (爲 →
		// 為), never s2t's character choices (台 → 臺).
		other := convertedRuns(st.variants, variants, text, valid, func(start, end int) bool { return !allowed(start, end) }, 0)
		segs = mergeDisjoint(segs, other)
		if len(other) > 0 {
			rule = conv.Config() + "+" + variants.Config()
			if doc != nil {
				doc.variantsOf = res.Script
			}
		}
	}
	if len(patches) > 0 {
		segs = applyPatches(text, segs, patches)
	}
	var findings []Finding
	if st.chainsAgain(text, segs, doc) {
		segs, findings = keepChainHeads(text, segs, st.heads, rule)
	}
	if st.conservative {
		conv.Ambiguous(text, func(start, end int, cands []string) {
			if allowed(start, end) {
				findings = append(findings, Finding{Start: start, End: end, Text: text[start:end],
					Reason:     rule + ": several counterparts (" + strings.Join(cands, " ") + ") and no phrase decides; left unchanged (conservative)",
					Confidence: 0.5})
			}
		})
	}
	reason := "Simplified → Traditional (" + rule + ")"
	if toSimp {
		reason = "Traditional → Simplified (" + rule + ")"
		if machine {
			reason += "; machine-converted text: 著 as particle → 着, 臵 → 置"
		}
	}
	return mergeRuns(segs, rule, reason, res.Confidence), findings
}

// taiwanese reports whether the Traditional text of a document follows
// the Taiwan standard (為, 裡, 著) rather than OpenCC's (爲, 裏, 着): more
// of it changes under tw2t than under t2tw.
func (st *Script) taiwanese(text string, valid bool) (bool, error) {
	tw2t, err := st.tw2t.get()
	if err != nil {
		return false, err
	}
	t2tw, err := st.t2tw.get()
	if err != nil {
		return false, err
	}
	all := func(int, int) bool { return true }
	count := func(lc *lazyConverter, c *convert.Converter) int {
		n := 0
		for _, e := range convertedRuns(lc, c, text, valid, all, 0) {
			n += utf8.RuneCountInString(text[e.Start:e.End])
		}
		return n
	}
	return count(st.tw2t, tw2t) > count(st.t2tw, t2tw), nil
}

// region returns which converter segments may be applied: the ones not
// already in the target script. spans are the sentences of a mixed text
// (detect.ScriptDetail).
func (st *Script) region(text string, res detect.ScriptResult, spans []detect.ScriptSpan, target string) func(start, end int) bool {
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
		// Every sentence except the ones already in the target script,
		// and in those, as in a document in the target script, the
		// characters of the other script only. Converted, the document
		// is in the target script, and a second cleaning converts those
		// (a sentence that garbled characters make look Simplified,
		// 夹正向移動, in a Traditional document cleaned -to simp).
		var keep []detect.Span
		for _, ss := range spans {
			if ss.Script == target {
				keep = append(keep, ss.Span)
			}
		}
		outside := spansFilter(keep, false)
		return func(start, end int) bool { return outside(start, end) || containsOther(start, end) }
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

// outsideGarbled narrows allowed to the text outside the runs that read
// like misaligned GBK (mojibake.GarbledRuns): a run the mojibake stage
// could not repair is bytes, not Chinese, and converting a character in it
// would hand a second cleaning new bytes to repair. masked says whether
// there are such runs.
func outsideGarbled(text string, allowed func(start, end int) bool) (_ func(start, end int) bool, masked bool) {
	runs := mojibake.GarbledRuns(text)
	if len(runs) == 0 {
		return allowed, false
	}
	// k is the first run that ends after the last start asked about. The
	// stage asks in text order (a conversion run or a patch every few
	// characters of a machine-converted document), so k mostly stays or
	// moves on by one run; it is searched for when it must move.
	k := 0
	return func(start, end int) bool {
		if k > 0 && runs[k-1][1] > start || k < len(runs) && runs[k][1] <= start {
			k = sort.Search(len(runs), func(k int) bool { return runs[k][1] > start })
		}
		if k < len(runs) && runs[k][0] < end {
			return false
		}
		return allowed(start, end)
	}, true
}

// offersConversion reports whether the script stage st would convert
// something in text, the output of a pass, when the pass's script stage
// left runs that read like misaligned GBK alone or text holds such runs
// (mojibake.GarbledRuns). Converting the text around a run changes the
// bytes the run is judged on: 總空間的瑭?,鎵?得到的結果 is one run, and
// once 總空間 is converted, 瑭? ends an earlier run and 結果 is
// converted by a second cleaning. Without such runs, the stage's
// conversion is its own fixed point, and nothing is asked.
//
// The same goes for text already Traditional that got the regional
// variants only (tw, hk): 檯 → 枱 can leave a line with no character of
// Traditional script only, whose script a second cleaning reads as none and
// converts whole. The stage is asked when the output's script is no
// longer the one the pass saw.
func (d *Doc) offersConversion(text string, st *Script) bool {
	ask := d.masked || len(mojibake.GarbledRuns(text)) > 0
	if !ask && d.variantsOf != "" {
		ask = detect.Script(text).Script != d.variantsOf
	}
	if !ask {
		return false
	}
	return d.wouldEdit(st, text)
}

// spansFilter returns a predicate that tells whether a segment starts
// inside one of spans (inside == true) or outside all of them. Like
// outsideGarbled's, it keeps k, the first span that ends after the last
// start asked about, and searches only when k must move: the stage asks
// in text order, a run every few characters, and a search each time took
// a twentieth of the time of a large mixed document.
func spansFilter(spans []detect.Span, inside bool) func(start, end int) bool {
	k := 0
	return func(start, end int) bool {
		if k > 0 && spans[k-1].End > start || k < len(spans) && spans[k].End <= start {
			k = sort.Search(len(spans), func(k int) bool { return spans[k].End > start })
		}
		in := k < len(spans) && spans[k].Start <= start
		return in == inside
	}
}
