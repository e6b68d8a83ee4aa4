package normalize

import (
	"fmt"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// Normalizer runs the cleaning pipeline. Build one with New and reuse it: it
// holds the converters, models and rules, and is safe for concurrent use.
type Normalizer struct {
	opts   Options
	stages []Stage
	// mojibake and annotations say that the stages repair mojibake and
	// remove annotations, so that the output may need another pass (see
	// run).
	mojibake, annotations bool
	// script is the script stage, nil for none; boilerplate the
	// boilerplate stage.
	script      *Script
	boilerplate Stage
}

// New returns a Normalizer for opts.
func New(opts Options) (*Normalizer, error) {
	if opts.Target == "" {
		opts.Target = TargetAuto
	}
	if _, err := ParseTarget(string(opts.Target)); err != nil {
		return nil, fmt.Errorf("normalize: %w", err)
	}
	if opts.Encoding != "" {
		if _, _, err := convert.Decode(nil, opts.Encoding); err != nil {
			return nil, fmt.Errorf("normalize: %w", err)
		}
	}
	n := &Normalizer{opts: opts}
	if opts.Convert != "" {
		c, err := NewConvert(opts.Convert)
		if err != nil {
			return nil, fmt.Errorf("normalize: %w", err)
		}
		n.stages = []Stage{c}
		return n, nil
	}
	f := opts.fixes()
	type build struct {
		fix Fix
		new func(Options) (Stage, error)
	}
	for _, b := range []build{
		{FixHygiene | FixMojibake, func(o Options) (Stage, error) {
			if o.fixes()&FixMojibake == 0 || o.fixes()&FixHygiene == 0 {
				return nil, nil
			}
			return Hygiene{beforeMojibake: true}, nil
		}},
		{FixMojibake, NewMojibake},
		{FixHygiene, func(Options) (Stage, error) { return Hygiene{}, nil }},
		{FixAnnotations, NewAnnotations},
		{FixBoilerplate, NewBoilerplate},
		{FixScript, NewScript},
		{FixFullwidthASCII | FixCJKPunct | FixSpaceComma, NewPunct},
	} {
		if f&b.fix == 0 {
			continue
		}
		s, err := b.new(opts)
		if err != nil {
			return nil, fmt.Errorf("normalize: %w", err)
		}
		if s != nil {
			n.stages = append(n.stages, s)
			switch s.Kind() {
			case KindMojibake:
				n.mojibake = true
			case KindAnnotation:
				n.annotations = true
			case KindScript:
				n.script, _ = s.(*Script)
			case KindBoilerplate:
				n.boilerplate = s
			}
		}
	}
	return n, nil
}

// Options returns the options the Normalizer was built with.
func (n *Normalizer) Options() Options { return n.opts }

// String cleans s, which must be valid UTF-8 (use Bytes for raw input in
// any encoding). It returns the clean text and the report of what was found
// and changed.
func (n *Normalizer) String(s string) (string, *Report, error) {
	return n.string(s, n.parts())
}

// reportParts says which lists of the report a run fills: the change list
// (Options.OmitChanges) and the findings (Options.OmitFindings).
type reportParts struct{ changes, findings bool }

// parts returns the report parts that the options ask for.
func (n *Normalizer) parts() reportParts {
	return reportParts{changes: !n.opts.OmitChanges, findings: !n.opts.OmitFindings}
}

// allParts is every part of the report, as Analyze needs them.
var allParts = reportParts{changes: true, findings: true}

// string is String, with the report parts of want.
func (n *Normalizer) string(s string, want reportParts) (string, *Report, error) {
	if !utf8x.ValidString(s) {
		return "", nil, invalidUTF8Error(s)
	}
	rep := &Report{Encoding: "utf-8", EncodingConfidence: 1, Counts: map[Kind]int{}}
	return n.run(s, rep, want), rep, nil
}

// InvalidUTF8Error is returned by String for text that is not valid UTF-8.
type InvalidUTF8Error struct {
	Offset int // byte offset of the first invalid sequence
}

// Error gives the offset of the invalid sequence and what to do instead.
func (e *InvalidUTF8Error) Error() string {
	return fmt.Sprintf("normalize: invalid UTF-8 at byte %d (pass raw bytes to Bytes to detect and decode their encoding)", e.Offset)
}

func invalidUTF8Error(s string) error {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return &InvalidUTF8Error{Offset: i}
		}
		i += size
	}
	return &InvalidUTF8Error{Offset: len(s)}
}

// run passes text through the stages and records the changes, mapped back
// to offsets in the pipeline's input text. Without want.changes the report
// gets no change list (Options.OmitChanges), only the counts; without
// want.findings no findings (Options.OmitFindings). A text longer than
// Options.SectionSize is cleaned in sections (runSections).
func (n *Normalizer) run(text string, rep *Report, want reportParts) string {
	if cuts := sectionCuts(text, n.opts.SectionSize); len(cuts) > 0 {
		return n.runSections(text, cuts, rep, want)
	}
	return n.runDoc(text, &Doc{Report: rep}, want)
}

// runDoc is run on text as one document, doc its Report and where it lies
// in a larger document (Doc.midStart, Doc.midEnd).
func (n *Normalizer) runDoc(text string, doc *Doc, want reportParts) string {
	changes := want.changes
	rep := doc.Report
	// The text is valid UTF-8 (String checks it, decoding produces it) and
	// stays so (checkEdits; a stage that applies its own edits writes
	// valid UTF-8 only).
	doc.Opts, doc.validText, doc.noReasons, doc.noFindings = &n.opts, true, !changes, !want.findings
	// The edits of each stage are kept, and turned into changes once all
	// stages have run: Report.Changes is then allocated once, at its size,
	// and each stage's changes are mapped back with one linear walk per
	// later map instead of a binary search per change. The stage maps are
	// built only when something is mapped back through them: a finding,
	// or the changes when they are wanted.
	var stagesBuf [8]stageEdits
	staged := stagesBuf[:0]
	var mapsBuf [8]stageMap
	maps := mapsBuf[:0]
	total := 0
	pass := 0
	for ; ; pass++ {
		before := total
		doc.masked, doc.variantsOf, doc.trimmed = false, "", false
		for i, st := range n.stages {
			var (
				edits, findings = []Edit(nil), []Finding(nil)
				out             string
				count           int
				self            bool // the stage applied its edits (applier)
			)
			if a, ok := st.(applier); ok && !changes && (!want.findings || i == len(n.stages)-1) {
				edits, findings, out, count, self = a.apply(text, doc)
			} else {
				edits, findings = st.Edits(text, doc)
			}
			k := st.Kind()
			if err := checkEdits(text, edits); err != nil {
				// A stage bug must not corrupt the text: drop its edits and say so.
				rep.Findings = append(rep.Findings, Finding{Kind: k, Reason: "internal error, stage skipped: " + err.Error()})
				edits = nil
			}
			if len(findings) > 0 && want.findings {
				maps = buildMaps(maps, staged)
				sort.SliceStable(findings, func(i, j int) bool { return findings[i].Start < findings[j].Start })
				for _, f := range findings {
					f.Start, f.End = mapBack(maps, f.Start, false), mapBack(maps, f.End, true)
					if f.Kind == "" {
						f.Kind = k
					}
					if pass == 0 || !slices.Contains(rep.Findings, f) {
						rep.Findings = append(rep.Findings, f)
					}
				}
			}
			if self {
				if count > 0 {
					rep.Counts[k] += count
					doc.noteEdits(text, out, nil)
					text = out
					total += count
				}
				continue
			}
			if len(edits) == 0 {
				continue
			}
			if changes || want.findings {
				// Kept to map the changes and findings back to the input;
				// with neither, the stage's text and edits go now.
				staged = append(staged, stageEdits{kind: k, text: text, edits: edits, maps: len(staged)})
			}
			total += len(edits)
			rep.Counts[k] += len(edits)
			prev := text
			text = applyEdits(text, edits)
			doc.noteEdits(prev, text, edits)
		}
		// The output is cleaned again while a stage would change it and
		// the last pass changed something, until it is its own cleaning
		// (at most maxPasses): see offersMore.
		if pass+1 >= maxPasses || total == before || !n.offersMore(doc, text) {
			break
		}
	}
	if total > 0 && changes {
		maps = buildMaps(maps, staged)
		cs := slices.Grow(rep.Changes, total)
		for _, se := range staged {
			first := len(cs)
			for _, e := range se.edits {
				cs = append(cs, makeChange(se.kind, se.text, e))
			}
			mapChangesBack(maps[:se.maps], cs[first:])
		}
		rep.Changes = cs
		if pass > 0 && len(rep.Findings) > 0 {
			rep.Findings = dropActedOn(rep.Findings, rep.Changes)
		}
	}
	return text
}

// dropActedOn returns findings without the ones that a later pass acted on:
// a change of the same kind and span (a reading left in the first pass
// for want of a pattern, removed in the second once the conversion made
// it). It filters in place.
func dropActedOn(findings []Finding, changes []Change) []Finding {
	type key struct {
		kind       Kind
		start, end int
	}
	done := make(map[key]bool, len(changes))
	for _, c := range changes {
		done[key{c.Kind, c.Start, c.End}] = true
	}
	out := findings[:0]
	for _, f := range findings {
		if !done[key{f.Kind, f.Start, f.End}] {
			out = append(out, f)
		}
	}
	return out
}

// offersMore reports whether a stage would change text, the output of a
// pass that changed the document, so that cleaning it again would not be
// the identity. Each stage is asked only where a later stage, or its own
// work, can have changed what it judges; the cheap questions come first.
//
//   - Annotations: the script stage can make the pattern of machine ruby,
//     which is judged by the characters of Traditional script only
//     (這個(gè)問(wèn)題 from 这个(gè)问(wèn)题 with -to trad).
//   - Boilerplate: the rest of a line whose phrase was removed can match
//     a rule of its own (offersTrim).
//   - Script: it leaves alone the runs that read like misaligned GBK,
//     which its conversion of the text around them can move; and the
//     regional variants it gives Traditional text (檯 → 枱) can change
//     the text's script (offersConversion).
//   - Mojibake: the later stages change the document it judged:
//     converting a character inside a run it could not repair, or the
//     document's own evidence (its script, its character pairs), can make
//     the run repairable. The analysis that asks is the next pass's
//     (offersRepair).
func (n *Normalizer) offersMore(doc *Doc, text string) bool {
	return n.annotations && doc.offersRemoval(text) ||
		doc.offersTrim(text, n.boilerplate) ||
		n.script != nil && doc.offersConversion(text, n.script) ||
		n.mojibake && doc.offersRepair(text, n.opts.Conservative)
}

// maxPasses bounds the passes of the pipeline over its own output (see run).
const maxPasses = 3

// buildMaps extends maps, the stage maps of the first len(maps) stages of
// staged, to one map per stage of staged.
func buildMaps(maps []stageMap, staged []stageEdits) []stageMap {
	for _, se := range staged[len(maps):] {
		maps = append(maps, newStageMap(se.edits))
	}
	return maps
}

// stageEdits are the edits one stage made to its input text, and how many
// stages with edits (and so stage maps) lie before it.
type stageEdits struct {
	kind  Kind
	text  string
	edits []Edit
	maps  int
}

// mapBack maps a position in the output of the last of maps to the
// pipeline's input.
func mapBack(maps []stageMap, pos int, isEnd bool) int {
	for i := len(maps) - 1; i >= 0; i-- {
		pos = maps[i].back(pos, isEnd)
	}
	return pos
}

// mapChangesBack maps the offsets of cs, the changes of one stage in text
// order, from the output of the last of maps to the pipeline's input. It
// gives the offsets mapBack gives, in time linear in the number of changes
// and edits.
func mapChangesBack(maps []stageMap, cs []Change) {
	for i := len(maps) - 1; i >= 0; i-- {
		maps[i].backChanges(cs)
	}
}
