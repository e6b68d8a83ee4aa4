package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// maxLearnedShare is the largest share of a document that lines matched
// only by learned templates may remove: of its text (letters and digits)
// and of its sentences (the letters of the lines that read as sentences),
// either may be exceeded but not both (see learnedShare).
const maxLearnedShare = 0.5

// Boilerplate is the boilerplate stage: it deletes the scraper boilerplate
// lines and phrases that detect.Boilerplate finds with the rules of
// Options.Rules (the embedded defaults when nil) and the templates of
// Options.SiteModel. It runs after mojibake repair and annotation removal
// and before script conversion, so the text may be Simplified or
// Traditional; the rules match both.
//
// Every deleted line (with its line break) and every deleted phrase is one
// Edit whose Rule names the rule ("line:…", "phrase:…" or "learned:…").
// Lines that a rule matches with too little evidence (see
// detect.BoilerplateDetail) are reported as findings and left alone.
// Without FixBoilerplate in Options.Fixes the stage is not built and the
// text is left exactly as it is.
type Boilerplate struct {
	rules *detect.BoilerplateRules
	model *detect.SiteModel
}

// NewBoilerplate returns the boilerplate stage for opts.
func NewBoilerplate(opts Options) (Stage, error) {
	rules := opts.Rules
	if rules == nil {
		rules = detect.DefaultBoilerplateRules()
	}
	return Boilerplate{rules: rules, model: opts.SiteModel}, nil
}

// Kind returns KindBoilerplate.
func (Boilerplate) Kind() Kind { return KindBoilerplate }

// Edits returns one deletion per boilerplate line or phrase.
func (b Boilerplate) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	spans, weak := b.detect(text, doc)
	var findings []Finding
	for _, w := range weak {
		findings = append(findings, Finding{Kind: KindBoilerplate, Start: w.Span.Start, End: w.Span.End,
			Text:       text[w.Span.Start:w.Span.End],
			Reason:     "possible boilerplate line (" + w.Kind + ", " + w.Rule + "), evidence too weak to remove",
			Confidence: w.Confidence})
	}
	if len(spans) == 0 {
		return nil, findings
	}
	if learnedShare(text, spans, true) > maxLearnedShare && learnedShare(text, spans, false) > maxLearnedShare {
		// Templates learned from similar pages can be their content: a site
		// model never takes most of a document, its sentences and its text.
		// Report instead of delete.
		kept := spans[:0:0]
		for _, sp := range spans {
			if !strings.HasPrefix(sp.Rule, "learned:") {
				kept = append(kept, sp)
				continue
			}
			findings = append(findings, Finding{Kind: KindBoilerplate, Start: sp.Span.Start, End: sp.Span.End,
				Text:       text[sp.Span.Start:sp.Span.End],
				Reason:     "matches a learned template, kept: learned templates would remove most of the document",
				Confidence: sp.Confidence})
		}
		spans = kept
	}
	edits := make([]Edit, 0, len(spans))
	withReasons := doc == nil || !doc.noReasons
	for _, sp := range spans {
		if !sp.Line && doc != nil {
			doc.trimmed = true
		}
		var reason string
		switch {
		case !withReasons:
		case sp.Line:
			reason = "boilerplate line (" + sp.Kind + ")"
		default:
			reason = "boilerplate phrase (" + sp.Kind + ")"
		}
		edits = append(edits, Edit{Start: sp.Span.Start, End: sp.Span.End, Reason: reason, Rule: sp.Rule, Confidence: sp.Confidence})
	}
	return edits, findings
}

// detect returns what detect.BoilerplateDetail finds in text. The edges of
// a section of a larger document (Doc.midStart, Doc.midEnd) are not the
// edges of a page, where the rules of the head and the tail apply (a
// publication date, a row of links): there the detector sees midLines, two
// lines of plain prose, as the text before or after, so that it finds in
// the section what it would find in the middle of a page.
func (b Boilerplate) detect(text string, doc *Doc) (spans, weak []detect.BoilerplateSpan) {
	if doc == nil || !doc.midStart && !doc.midEnd {
		return detect.BoilerplateDetail(text, b.rules, b.model)
	}
	pre, post := "", ""
	if doc.midStart {
		pre = midLines
	}
	if doc.midEnd {
		post = midLines
		if !strings.HasSuffix(text, "\n") {
			post = "\n" + midLines
		}
	}
	spans, weak = detect.BoilerplateDetail(pre+text+post, b.rules, b.model)
	return clipSpans(spans, len(pre), len(text)), clipSpans(weak, len(pre), len(text))
}

// midLines stands for the text beyond an edge of a section (see
// Boilerplate.detect): two lines that no rule matches, which count as
// kept lines of the page.
const midLines = "上文从略。\n下文从略。\n"

// clipSpans moves spans, found in a text that holds the text at off for n
// bytes, into that text: it drops the spans outside it and clips the rest
// to it. It filters in place.
func clipSpans(spans []detect.BoilerplateSpan, off, n int) []detect.BoilerplateSpan {
	out := spans[:0]
	for _, sp := range spans {
		sp.Span.Start = max(sp.Span.Start-off, 0)
		sp.Span.End = min(sp.Span.End-off, n)
		if sp.Span.Start < sp.Span.End {
			out = append(out, sp)
		}
	}
	return out
}

// offersTrim reports whether the boilerplate stage st would remove
// something from text, the output of a pass whose boilerplate stage
// removed a phrase from a line. The rest of the line can match a rule of
// its own: 登录后查看完整内容2008黨建工作目標責任狀 發布日期:2008-04-18 is a
// line of metadata once its paywall phrase is gone.
func (d *Doc) offersTrim(text string, st Stage) bool {
	if st == nil || !d.trimmed {
		return false
	}
	return d.wouldEdit(st, text)
}

// learnedShare returns the share of the text of s (its letters and
// digits), or of its sentences with sentences, that the learned-template
// spans cover. A site model that would take most of a document has
// learned its content (pages that are copies of one another), not a
// template. Either share alone misleads on short pages: a template's lines
// are rarely sentences, so on a page of one sentence between a header and
// a footer they hold most of the text but none of the sentences; and a
// page of code or a list under a footer of one sentence has that footer
// for most of its sentences but not of its text. So the guard wants both.
//
// Only whether the share exceeds maxLearnedShare matters, so s is counted
// only until the share is below it, whatever the rest of s holds; the
// share then returned does not exceed it either.
func learnedShare(s string, spans []detect.BoilerplateSpan, sentences bool) float64 {
	learned := 0
	for _, sp := range spans {
		if strings.HasPrefix(sp.Rule, "learned:") {
			learned += textLetters(s[sp.Span.Start:sp.Span.End], 0, sentences)
		}
	}
	if learned == 0 {
		return 0
	}
	return float64(learned) / float64(max(1, textLetters(s, int(float64(learned)/maxLearnedShare)+1, sentences)))
}

// textLetters counts the letters and digits of the lines of s, of those that
// read as sentences (at least eight Han characters and a sentence end)
// with sentences, stopping at the line that brings the count to stop or
// beyond when stop > 0.
func textLetters(s string, stop int, sentences bool) int {
	n := 0
	for len(s) > 0 && (stop <= 0 || n < stop) {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimRight(line, " \t\r")
		if sentences && !strings.HasSuffix(line, "。") && !strings.HasSuffix(line, "！") && !strings.HasSuffix(line, "？") &&
			!strings.HasSuffix(line, "!") && !strings.HasSuffix(line, "?") && !strings.HasSuffix(line, "…") {
			continue
		}
		han, letters := 0, 0
		for i := 0; i < len(line); {
			if i < len(line)-3 {
				// A Han character of the ranges below, most of a Chinese
				// line, read in one load with the byte after it (the last
				// three bytes of the line take the general path), and told
				// by its first two bytes without decoding it: U+5000–U+9FFF
				// are the lead bytes E5–E9, U+4000–U+4FFF the lead byte E4
				// but for U+4DC0–U+4DFF (E4 B7), and U+3400–U+3FFF the lead
				// byte E3 with a second byte from 90 on.
				w := uint32(line[i]) | uint32(line[i+1])<<8 | uint32(line[i+2])<<16 | uint32(line[i+3])<<24
				if lead, second := byte(w), byte(w>>8); w&0xC0C0F0 == 0x8080E0 &&
					(lead-0xE5 <= 0xE9-0xE5 || lead == 0xE4 && second != 0xB7 || lead == 0xE3 && second >= 0x90) {
					han++
					letters++
					i += 3
					continue
				}
			}
			// Decoded inline (ranging would call the runtime for every
			// character that is not ASCII), as ranging decodes.
			r, size := rune(0), 3
			if r3, ok := utf8x.Decode3(line, i); ok {
				r = r3
			} else {
				r, size = utf8.DecodeRuneInString(line[i:])
			}
			i += size
			switch {
			case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
				// The CJK unified ideographs and extension A, most of a
				// Chinese line, are all Han (TestProseHanRanges), without
				// a table search.
				han++
				letters++
			case r < utf8.RuneSelf:
				if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
					letters++
				}
			case r >= 0x2000 && r < 0x3040 || r >= 0xFF00 && r <= 0xFFFF:
				// The punctuation of Chinese text: the table.
				switch proseClass(r) {
				case proseHan:
					han++
					letters++
				case proseLetter:
					letters++
				}
			case unicode.Is(unicode.Han, r):
				han++
				letters++
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				letters++
			}
		}
		if han >= 8 || !sentences {
			n += letters
		}
	}
	return n
}

// The classes of proseClass; 0 counts for nothing.
const (
	proseHan    = 1 + iota // unicode.Han: a Han character and a letter
	proseLetter            // a letter or digit other than Han
)

// proseClass returns prose's class of r, a character of U+2000–U+303F
// (general punctuation, CJK symbols: “”、。《》) or U+FF00–U+FFFF (the
// full-width forms: ，：！？), the punctuation of Chinese text, from a
// table taken once from the unicode tables instead of searching them for
// each mark (in the JSON Lines run of the throughput documents, those
// searches took 25M of prose's 73M instructions).
func proseClass(r rune) uint8 {
	k := r - 0x2000
	if r >= 0xFF00 {
		k = r - 0xFF00 + 0x1040
	}
	return proseClasses()[k]
}

// proseClasses is the table of proseClass: U+2000–U+303F, then
// U+FF00–U+FFFF.
var proseClasses = sync.OnceValue(func() *[0x1040 + 0x100]uint8 {
	t := new([0x1040 + 0x100]uint8)
	for k := range t {
		r := rune(0x2000 + k)
		if k >= 0x1040 {
			r = rune(0xFF00 + k - 0x1040)
		}
		switch {
		case unicode.Is(unicode.Han, r):
			t[k] = proseHan
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			t[k] = proseLetter
		}
	}
	return t
})
