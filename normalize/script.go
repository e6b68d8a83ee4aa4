package normalize

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/mojibake"
	"github.com/hanfix/hanfix/internal/opencc"
	"github.com/hanfix/hanfix/internal/utf8x"
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
}

// NewScript returns the script stage for opts.
func NewScript(opts Options) (Stage, error) {
	st := &Script{target: opts.Target, conservative: opts.Conservative}
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
	res := detect.Script(text)
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
	allowed := outsideGarbled(text, st.region(text, res, targetScript))
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
		// edits are the runs and the patches.
		if out, n, ok := appliedRuns(lc, conv, text, allowed, patches); ok {
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
		}
	}
	if len(patches) > 0 {
		segs = applyPatches(text, segs, patches)
	}
	var findings []Finding
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

// convertedRuns returns the runs of text that conv, lc's converter,
// changes and allowed accepts, with their replacements. For valid UTF-8
// text the conversion reports the runs itself where it can (tracedRuns).
// Otherwise conversion is one Convert call (fast, and free when nothing
// changes); when the result has as many characters as text, as OpenCC's
// conversions almost always do, the runs are found by comparing the two
// character by character, and otherwise they come from conv.Segments,
// which traces the conversion but is an order of magnitude slower. Either
// way the phrase context of the whole text decides. valid says that text
// is known to be valid UTF-8. The runs found by tracing or comparison come
// with room for extra more edits (see applyPatches).
func convertedRuns(lc *lazyConverter, conv *convert.Converter, text string, valid bool, allowed func(start, end int) bool, extra int) []Edit {
	if valid || utf8.ValidString(text) {
		if segs, ok := tracedRuns(lc, text, allowed, extra); ok {
			return segs
		}
		valid = true
	}
	out := conv.Convert(text)
	if out == text {
		return nil
	}
	return runsOf(text, out, valid, allowed, extra, func() []Edit {
		var segs []Edit
		conv.Segments(text, func(start, end int, repl string) {
			// The pipeline's text is valid UTF-8; a segment that is not
			// (Apply on arbitrary bytes) is left alone.
			if allowed(start, end) && utf8.ValidString(repl) {
				segs = append(segs, Edit{Start: start, End: end, After: repl})
			}
		})
		return segs
	})
}

// tracedRuns is convertedRuns for valid UTF-8 text when lc's converter
// traces the runs it changes (see traceConversion): they are the runs that
// comparing its result with text finds, without the comparison, which
// cost as much as the conversion. The replacements of the runs that
// allowed accepts are copied into one string, back to back, instead of
// keeping the whole converted text. ok is false when the converter cannot
// trace the runs.
func tracedRuns(lc *lazyConverter, text string, allowed func(start, end int) bool, extra int) ([]Edit, bool) {
	tb := traceBufPool.Get().(*traceBuf)
	defer putTraceBuf(tb)
	out, ok := traceConversion(lc, text, tb)
	if !ok {
		return nil, false
	}
	// The accepted runs, in place, and the size of their replacements.
	runs, size := tb.runs[:0], 0
	for _, r := range tb.runs {
		if allowed(r.Start, r.End) {
			runs = append(runs, r)
			size += r.OutEnd - r.OutStart
		}
	}
	if len(runs) == 0 {
		return nil, true
	}
	var b strings.Builder
	b.Grow(size)
	for _, r := range runs {
		b.WriteString(out[r.OutStart:r.OutEnd])
	}
	repl := b.String()
	segs := make([]Edit, len(runs), len(runs)+extra)
	at := 0
	for k, r := range runs {
		n := r.OutEnd - r.OutStart
		segs[k] = Edit{Start: r.Start, End: r.End, After: repl[at : at+n]}
		at += n
	}
	return segs, true
}

// runsOf returns the runs in which out, the conversion of text, differs
// from it (see convertedRuns); segments traces the conversion instead when
// the two have different numbers of characters.
func runsOf(text, out string, valid bool, allowed func(start, end int) bool, extra int, segments func() []Edit) []Edit {
	if valid || utf8.ValidString(text) {
		switch segs, res := alignedRuns(text, out, allowed, extra); res {
		case aligned:
			return segs
		case misaligned:
			return segments()
		}
		// out is not valid UTF-8: compare rune by rune.
	}
	if utf8.RuneCountInString(out) == utf8.RuneCountInString(text) {
		return alignedRunsRunes(text, out, allowed)
	}
	return segments()
}

// The outcomes of alignedRuns.
const (
	aligned    = iota // the runs are found
	misaligned        // text and out have different numbers of characters
	invalidOut        // out is not valid UTF-8
)

// alignedRuns compares text, valid UTF-8, with out character by character
// and returns the runs of differing characters that allowed accepts, with
// their replacements. Equal stretches are skipped byte by byte: in valid
// UTF-8, equal bytes from a character boundary on are equal characters
// (so out is valid there too); in the runs that differ, the characters of
// out are decoded and checked.
func alignedRuns(text, out string, allowed func(start, end int) bool, extra int) ([]Edit, int) {
	// The runs are collected as offsets in a pooled buffer, and the edits
	// allocated once at their number: machine-converted text has a run
	// every few characters, and growing the edits would allocate (and give
	// the garbage collector to scan) several times their size.
	bp := runBufPool.Get().(*[]run)
	runs, res := findRuns(text, out, allowed, (*bp)[:0], false)
	defer putRuns(bp, runs)
	if res != aligned || len(runs) == 0 {
		return nil, res
	}
	segs := make([]Edit, len(runs), len(runs)+extra)
	for k, r := range runs {
		segs[k] = Edit{Start: r.start, End: r.end, After: out[r.outStart:r.outEnd]}
	}
	return segs, aligned
}

// putRuns returns a run buffer to runBufPool, unless it grew too large.
func putRuns(bp *[]run, runs []run) {
	if cap(runs) <= maxPooledRuns {
		*bp = runs[:0]
		runBufPool.Put(bp)
	}
}

// findRuns appends to runs the runs of alignedRuns, as offsets, and
// returns them with the outcome. With withDropped, it appends the runs
// that allowed refuses too, marked dropped.
func findRuns(text, out string, allowed func(start, end int) bool, runs []run, withDropped bool) ([]run, int) {
	i, j := 0, 0
	for {
		// Equal bytes, eight at a time where possible; in the word that
		// differs, the first differing byte is the lowest non-zero byte
		// of the two words' XOR.
		for i+8 <= len(text) && j+8 <= len(out) {
			if x := load64(text, i) ^ load64(out, j); x != 0 {
				k := bits.TrailingZeros64(x) >> 3
				i += k
				j += k
				break
			}
			i += 8
			j += 8
		}
		for i < len(text) && j < len(out) && text[i] == out[j] {
			i++
			j++
		}
		if i == len(text) || j == len(out) {
			break
		}
		// Back to the start of the character that differs.
		for !utf8.RuneStart(text[i]) {
			i--
			j--
		}
		runStart, outStart := i, j
		for i < len(text) && j < len(out) {
			// The character of text, equal in out, ends the run; bytes
			// equal to a whole character of valid text are that
			// character, so only a character of out that differs needs
			// checking.
			n := utf8x.SeqLen(text[i])
			if n == 3 {
				// Han: three byte compares, not a call.
				if j < len(out)-2 && text[i] == out[j] && text[i+1] == out[j+1] && text[i+2] == out[j+2] {
					break
				}
			} else if j+n <= len(out) && text[i:i+n] == out[j:j+n] {
				break
			}
			m := valid3(out, j)
			if m == 0 {
				q, size := utf8.DecodeRuneInString(out[j:])
				if q == utf8.RuneError && size == 1 {
					return runs, invalidOut
				}
				m = size
			}
			i += n
			j += m
		}
		if ok := allowed(runStart, i); ok || withDropped {
			runs = append(runs, run{runStart, i, outStart, j, !ok})
		}
	}
	if i != len(text) || j != len(out) {
		return runs, misaligned
	}
	return runs, aligned
}

// appliedRuns is, for valid UTF-8 text, the text that the edits of
// convertedRuns with the patches merged in (applyPatches) and adjacent
// edits merged (mergeRuns) make, and the number of those edits, computed
// from the runs as offsets without building the edits. The runs come from
// the conversion itself (opencc.Converter.ConvertRuns) where it can trace
// them, and otherwise from comparing conv's result with text (findRuns),
// which finds the same runs. ok is false when conv's result does not
// align with text character for character; the edits must then be built.
func appliedRuns(lc *lazyConverter, conv *convert.Converter, text string, allowed func(start, end int) bool, patches []Edit) (string, int, bool) {
	tb := traceBufPool.Get().(*traceBuf)
	defer putTraceBuf(tb)
	out, ok := traceConversion(lc, text, tb)
	if ok && allAllowed(tb.runs, allowed) {
		// Every run is applied, as nearly always: the runs are read as the
		// converter reports them, and only the patches are looked at.
		switch {
		case len(tb.runs) == 0 && len(patches) == 0:
			return text, 0, true
		case len(patches) == 0:
			return strings.Clone(out), len(tb.runs), true // out is tb's buffer
		}
		s, n := patchedRuns(text, out, tb.runs, patches)
		return s, n, true
	}
	bp := runBufPool.Get().(*[]run)
	runs := (*bp)[:0]
	if ok {
		for _, r := range tb.runs {
			runs = append(runs, run{r.Start, r.End, r.OutStart, r.OutEnd, !allowed(r.Start, r.End)})
		}
	} else {
		out = conv.Convert(text)
		if out != text {
			var res int
			if runs, res = findRuns(text, out, allowed, runs, true); res != aligned {
				putRuns(bp, runs)
				return "", 0, false
			}
		}
	}
	defer putRuns(bp, runs)
	if len(runs) == 0 && len(patches) == 0 {
		return text, 0, true
	}
	// The result is out but for the runs that allowed refuses and the
	// patches, a few characters: it is copied from out, and only those are
	// written. Runs are never adjacent, so each applied run is an edit of
	// its own.
	if len(patches) == 0 && !slices.ContainsFunc(runs, func(r run) bool { return r.dropped }) {
		if ok {
			out = strings.Clone(out) // out is tb's buffer
		}
		return out, len(runs), true
	}
	var b strings.Builder
	b.Grow(len(out) + 8*len(patches))
	last, prevEnd, n := 0, -1, 0 // last: the end of what is copied from out
	count := func(start, end int) {
		if start != prevEnd {
			n++ // else mergeRuns joins it to the edit before
		}
		prevEnd = end
	}
	put := func(outStart, outEnd int, after string) {
		b.WriteString(out[last:outStart])
		b.WriteString(after)
		last = outEnd
	}
	k := 0
	delta := 0 // offset in out minus offset in text, after the runs passed
	for _, r := range runs {
		for ; k < len(patches) && patches[k].Start < r.start; k++ {
			p := &patches[k]
			put(p.Start+delta, p.End+delta, p.After)
			count(p.Start, p.End)
		}
		switch {
		case r.dropped:
			// The run stays as in text, but for the patches in it, which
			// are edits of their own.
			b.WriteString(out[last:r.outStart])
			pos := r.start
			for ; k < len(patches) && patches[k].Start < r.end; k++ {
				p := &patches[k]
				b.WriteString(text[pos:p.Start])
				b.WriteString(p.After)
				pos = p.End
				count(p.Start, p.End)
			}
			b.WriteString(text[pos:r.end])
			last = r.outEnd
		case k < len(patches) && patches[k].Start < r.end:
			put(r.outStart, r.outEnd, patchRunes(text[r.start:r.end], out[r.outStart:r.outEnd], r.start, patches, &k))
			count(r.start, r.end)
		default:
			count(r.start, r.end)
		}
		delta = r.outEnd - r.end
	}
	for ; k < len(patches); k++ {
		p := &patches[k]
		put(p.Start+delta, p.End+delta, p.After)
		count(p.Start, p.End)
	}
	b.WriteString(out[last:])
	return b.String(), n, true
}

// traceConversion converts text, valid UTF-8, with lc's converter, which
// records in tb.runs the runs of characters it changes (see
// opencc.Converter.ConvertRuns), and returns the converted text: text
// itself when nothing changes, otherwise a view of tb's buffer. ok is
// false when the converter cannot trace the runs.
func traceConversion(lc *lazyConverter, text string, tb *traceBuf) (out string, ok bool) {
	core, err := lc.core()
	if err != nil {
		return "", false
	}
	var changed bool
	tb.out, tb.runs, changed, ok = core.ConvertRuns(tb.out, text, tb.runs[:0])
	switch {
	case !ok:
		return "", false
	case !changed:
		return text, true
	}
	return unsafe.String(unsafe.SliceData(tb.out), len(tb.out)), true
}

// allAllowed reports whether allowed accepts every run.
func allAllowed(runs []opencc.Run, allowed func(start, end int) bool) bool {
	for _, r := range runs {
		if !allowed(r.Start, r.End) {
			return false
		}
	}
	return true
}

// patchedRuns is the result of appliedRuns when every run is applied and
// there are patches: out, the conversion of text, with the patches
// written over it, and the number of edits. It looks up, for each patch,
// the run it falls in or follows, instead of walking all the runs (a
// machine-converted document has a run every few characters and a patch
// every few hundred): a patch inside a run is merged into the run's
// replacement (patchRunes), a patch outside the runs is an edit of its
// own, joined to the edit before it or after it when it touches it (as
// mergeRuns joins them). Runs never touch each other.
func patchedRuns(text, out string, runs []opencc.Run, patches []Edit) (string, int) {
	var b strings.Builder
	b.Grow(len(out) + 8*len(patches))
	last := 0 // the end of what is copied from out
	put := func(outStart, outEnd int, after string) {
		b.WriteString(out[last:outStart])
		b.WriteString(after)
		last = outEnd
	}
	n := len(runs)
	j := 0        // the first run that ends after the patch
	prevEnd := -1 // the end of the last patch written as an edit of its own
	for k := 0; k < len(patches); {
		p := &patches[k]
		j += sort.Search(len(runs)-j, func(x int) bool { return runs[j+x].End > p.Start })
		if j < len(runs) && runs[j].Start <= p.Start {
			r := runs[j]
			put(r.OutStart, r.OutEnd, patchRunes(text[r.Start:r.End], out[r.OutStart:r.OutEnd], r.Start, patches, &k))
			continue
		}
		delta, before := 0, prevEnd // before: the end of the edit before p
		if j > 0 {
			delta = runs[j-1].OutEnd - runs[j-1].End
			before = max(before, runs[j-1].End)
		}
		put(p.Start+delta, p.End+delta, p.After)
		if before != p.Start {
			n++
		}
		if j < len(runs) && runs[j].Start == p.End {
			n-- // the run after p joins it
		}
		prevEnd = p.End
		k++
	}
	b.WriteString(out[last:])
	return b.String(), n
}

// traceBuf holds the buffers of traceConversion: the converted text and
// the runs as the converter reports them.
type traceBuf struct {
	out  []byte
	runs []opencc.Run
}

// traceBufPool holds the buffers of traceConversion.
var traceBufPool = sync.Pool{New: func() any { return new(traceBuf) }}

// putTraceBuf returns tb to traceBufPool, dropping buffers that grew too
// large to keep.
func putTraceBuf(tb *traceBuf) {
	if cap(tb.out) > maxPooledOut {
		tb.out = nil
	}
	if cap(tb.runs) > maxPooledRuns {
		tb.runs = nil
	}
	traceBufPool.Put(tb)
}

// maxPooledOut bounds the conversion buffers kept for reuse (4 MB).
const maxPooledOut = 4 << 20

// run is a run of characters text[start:end] that a conversion turns into
// out[outStart:outEnd]; dropped says that allowed refused it.
type run struct {
	start, end, outStart, outEnd int
	dropped                      bool
}

// maxPooledRuns bounds the buffers kept for reuse (2 MB), so that one huge
// document does not pin its buffer.
const maxPooledRuns = 1 << 16

// runBufPool holds the buffers alignedRuns collects runs in.
var runBufPool = sync.Pool{New: func() any { return new([]run) }}

// load64 returns the eight bytes of s at i as a little-endian integer.
func load64(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// valid3 returns 3 when s has a valid three-byte UTF-8 sequence at i (Han
// text is made of them), and 0 otherwise.
func valid3(s string, i int) int {
	if i >= len(s)-2 {
		return 0
	}
	c, c1, c2 := s[i], s[i+1], s[i+2]
	if c < 0xE0 || c > 0xEF || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 ||
		c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0 {
		return 0
	}
	return 3
}

// alignedRunsRunes is alignedRuns for text that is not valid UTF-8 (Apply
// on arbitrary bytes), whose result has as many characters as text.
func alignedRunsRunes(text, out string, allowed func(start, end int) bool) []Edit {
	// Count the runs first, so that the edits are allocated once.
	runs, inRun := 0, false
	for i, j := 0, 0; i < len(text) && j < len(out); {
		r, n := utf8.DecodeRuneInString(text[i:])
		q, m := utf8.DecodeRuneInString(out[j:])
		same := r == q && n == m
		if !same && !inRun {
			runs++
		}
		inRun = !same
		i += n
		j += m
	}
	segs := make([]Edit, 0, runs)
	runStart, outStart := -1, 0
	flush := func(end, outEnd int) {
		if runStart >= 0 {
			if repl := out[outStart:outEnd]; allowed(runStart, end) && utf8.ValidString(repl) {
				segs = append(segs, Edit{Start: runStart, End: end, After: repl})
			}
			runStart = -1
		}
	}
	i, j := 0, 0
	for i < len(text) && j < len(out) {
		r, n := utf8.DecodeRuneInString(text[i:])
		q, m := utf8.DecodeRuneInString(out[j:])
		if r == q && n == m {
			flush(i, j)
		} else if runStart < 0 {
			runStart, outStart = i, j
		}
		i += n
		j += m
	}
	flush(i, j)
	return segs
}

// mergeDisjoint merges two sorted edit lists, dropping an edit of b that
// overlaps one of a.
func mergeDisjoint(a, b []Edit) []Edit {
	if len(b) == 0 {
		return a
	}
	out := make([]Edit, 0, len(a)+len(b))
	i := 0
	lastEnd := 0
	for _, e := range b {
		for i < len(a) && a[i].Start < e.End {
			out = append(out, a[i])
			lastEnd = a[i].End
			i++
		}
		if e.Start >= lastEnd && (i == len(a) || e.End <= a[i].Start) {
			out = append(out, e)
			lastEnd = e.End
		}
	}
	return append(out, a[i:]...)
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

// outsideGarbled narrows allowed to the text outside the runs that read
// like misaligned GBK (mojibake.GarbledRuns): a run the mojibake stage
// could not repair is bytes, not Chinese, and converting a character in it
// would hand a second cleaning new bytes to repair.
func outsideGarbled(text string, allowed func(start, end int) bool) func(start, end int) bool {
	runs := mojibake.GarbledRuns(text)
	if len(runs) == 0 {
		return allowed
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

// machineTargets are 著 and the characters of machineVariants, in UTF-8,
// with their replacements ("" for 著, which zheIsParticle decides).
var machineTargets = sync.OnceValue(func() [][2]string {
	ts := [][2]string{{"著", ""}}
	for r, v := range machineVariants {
		ts = append(ts, [2]string{string(r), v})
	}
	return ts
})

// zheWindow is how many runes of context on each side of 著 are given to
// tw2s to decide it: longer than any of OpenCC's phrases with 著.
const zheWindow = 6

// machinePatches returns the repairs of machine-converted text that t2s
// leaves to do, in text order: 著 → 着 where tw2s (which keeps 著 only in
// zhù words) makes it 着, and the variants of machineVariants.
func machinePatches(zhe *convert.Converter, text string, allowed func(int, int) bool) []Edit {
	var patches []Edit
	targets := machineTargets()
	// next[k] is where the next targets[k] is, len(text) when there is
	// none: each is looked for with strings.Index, which passes over the
	// many other characters with the same lead byte (all of U+8000–U+8FFF
	// for 著) faster than decoding them.
	var nextBuf [4]int
	next := nextBuf[:0]
	for _, t := range targets {
		next = append(next, indexFrom(text, 0, t[0]))
	}
	for {
		k := 0
		for x := range next {
			if next[x] < next[k] {
				k = x
			}
		}
		i := next[k]
		if i >= len(text) {
			break
		}
		from, to := targets[k][0], targets[k][1]
		switch {
		case k == 0:
			if allowed(i, i+len(from)) && zheIsParticle(zhe, text, i) {
				patches = append(patches, Edit{Start: i, End: i + len(from), After: "着"})
			}
		case allowed(i, i+len(from)):
			patches = append(patches, Edit{Start: i, End: i + len(from), After: to})
		}
		next[k] = indexFrom(text, i+len(from), from)
	}
	return patches
}

// indexFrom returns the offset of the first sub in s at or after from, or
// len(s) when there is none. The last byte of sub is looked for first: for
// a Han character it is a continuation byte, rarer in Han text than the
// lead byte strings.Index starts from.
func indexFrom(s string, from int, sub string) int {
	n := len(sub)
	if n == 0 {
		return from
	}
	for from+n <= len(s) {
		k := strings.IndexByte(s[from+n-1:], sub[n-1])
		if k < 0 {
			break
		}
		if s[from+k:from+k+n] == sub {
			return from + k
		}
		from += k + 1
	}
	return len(s)
}

// applyPatches applies the patches that fall inside the segments (t2s
// runs) to their replacements and adds the others as edits of their own,
// in text order. When segs has room for the patches (convertedRuns leaves
// it), the result is written into segs from the back, without allocating:
// the edit written at position w never overwrites a segment not yet read,
// as the result has at least as many edits as segs.
func applyPatches(text string, segs, patches []Edit) []Edit {
	if cap(segs) < len(segs)+len(patches) {
		out := make([]Edit, 0, len(segs)+len(patches))
		k := 0
		for _, e := range segs {
			for k < len(patches) && patches[k].Start < e.Start {
				out = append(out, patches[k])
				k++
			}
			if k < len(patches) && patches[k].Start < e.End {
				e.After = patchRunes(text[e.Start:e.End], e.After, e.Start, patches, &k)
			}
			out = append(out, e)
		}
		return append(out, patches[k:]...)
	}
	// The number of edits: the segments and the patches outside them.
	n, k := len(segs), 0
	for _, e := range segs {
		for k < len(patches) && patches[k].Start < e.Start {
			n++
			k++
		}
		for k < len(patches) && patches[k].Start < e.End {
			k++
		}
	}
	n += len(patches) - k
	out := segs[:n]
	w, k := n-1, len(patches)-1
	for i := len(segs) - 1; i >= 0; i-- {
		e := segs[i]
		for k >= 0 && patches[k].Start >= e.End {
			out[w] = patches[k]
			w--
			k--
		}
		first := k + 1 // the first patch inside e, if any
		for first > 0 && patches[first-1].Start >= e.Start {
			first--
		}
		if first <= k {
			p := first
			e.After = patchRunes(text[e.Start:e.End], e.After, e.Start, patches, &p)
			k = first - 1
		}
		out[w] = e
		w--
	}
	for ; k >= 0; k-- {
		out[w] = patches[k]
		w--
	}
	return out
}

// patchRunes replaces, in after (the conversion of src, which starts at
// offset base), the runes at the positions of the patches that fall in src,
// when src and after correspond rune for rune. It advances *k past them.
func patchRunes(src, after string, base int, patches []Edit, k *int) string {
	end := base + len(src)
	if utf8.RuneCountInString(src) != utf8.RuneCountInString(after) {
		for *k < len(patches) && patches[*k].Start < end {
			*k++
		}
		return after
	}
	b := make([]byte, 0, len(after)+3)
	j := 0
	for i := range src {
		_, size := utf8.DecodeRuneInString(after[j:])
		rs := after[j : j+size]
		j += size
		if *k < len(patches) && patches[*k].Start == base+i {
			rs = patches[*k].After
			*k++
		}
		b = append(b, rs...)
	}
	return string(b)
}

// zheIsParticle reports whether tw2s turns the 著 at byte i of text into
// 着, looking at zheWindow runes of context on each side.
func zheIsParticle(zhe *convert.Converter, text string, i int) bool {
	start := i
	for n := 0; n < zheWindow && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	end := i + len("著")
	for n := 0; n < zheWindow && end < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	win := text[start:end]
	conv := zhe.Convert(win)
	if conv == win || utf8.RuneCountInString(conv) != utf8.RuneCountInString(win) {
		return false
	}
	// The rune of conv at the rune index of 著 in win.
	k := utf8.RuneCountInString(win[:i-start])
	for _, q := range conv {
		if k == 0 {
			return q == '着'
		}
		k--
	}
	return false
}

// mergeRuns merges adjacent segments into one edit per run and sets rule,
// reason and confidence.
func mergeRuns(segs []Edit, rule, reason string, conf float64) []Edit {
	if len(segs) == 0 {
		return nil
	}
	if conf < 0.5 {
		conf = 0.5 // the target was asked for; confidence is that of the detection
	}
	out := segs[:0] // merged in place: run k is written at or before segs[k]
	var b strings.Builder
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && segs[j].Start == segs[j-1].End {
			j++
		}
		// The change records what was replaced and by what; the reason, the
		// same for every run, costs nothing per edit.
		e := Edit{Start: segs[i].Start, End: segs[j-1].End, Rule: rule, Reason: reason, Confidence: conf}
		if j == i+1 {
			e.After = segs[i].After
		} else {
			b.Reset()
			for _, s := range segs[i:j] {
				b.WriteString(s.After)
			}
			e.After = b.String()
		}
		out = append(out, e)
		i = j
	}
	return out
}
