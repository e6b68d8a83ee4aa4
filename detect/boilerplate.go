package detect

import (
	"bytes"
	"encoding/binary"
	"strings"
	"sync"
	"unicode/utf8"
)

// BoilerplateSpan is a stretch of scraper boilerplate found by Boilerplate.
type BoilerplateSpan struct {
	// Span is what to delete. For a whole line it covers the line and its
	// line break (for a last line without a final newline: the line break
	// before it), so that deleting every span leaves well-formed lines.
	Span Span `json:"span"`
	// Line is true for a whole line, false for a phrase inside a line.
	Line bool `json:"line"`
	// Kind is the class of boilerplate: the KIND of the rule (the default
	// rules use breadcrumb, copyright, icp, footer, repost, disclaimer,
	// teaser, notice, nav, related, toolbar, tags, share, follow, paywall,
	// editor, meta, tracking and junk), "layout" for the built-in layout
	// rules or "learned" for a template of the site model.
	Kind string `json:"kind"`
	// Rule names the rule: "line:NAME" or "phrase:NAME" for a rule of the
	// rule set, "line:layout-…" for the built-in layout rules and
	// "learned:FINGERPRINT" for a template of the site model.
	Rule string `json:"rule"`
	// Confidence is the rule's weight times its zone factor.
	Confidence float64 `json:"confidence"`
}

// Zone sizes: a line is in the head zone when fewer than headZone kept
// non-empty lines come before it, in the tail zone likewise from the end.
const (
	headZone  = 2
	tailZone  = 2
	threshold = 0.5
	// maxClassifyLine: longer lines are only checked by anchored rules
	// (their start) and are never removed whole unless a rule without a
	// length limit says so.
	maxClassifyLine = 1 << 16
)

var folderPool = sync.Pool{New: func() any { return new(folder) }}

type bpHit struct {
	rule       *bpRule // nil for learned
	start, end int     // byte offsets in the source line (phrases)
	learned    string  // rule name for learned templates
	// mid: a learned template that sits inside the text of pages (see
	// SiteModel.lookup)
	mid bool
	// glued: a learned phrase glued after a paragraph (rule is
	// learnedTailRule; see SiteModel.tailPhrase) or before one
	// (learnedHeadRule; see SiteModel.headPhrase)
	glued bool
}

// learnedTailRule is the rule of the phrases that a site model has learned
// after paragraphs: a phrase glued to the end of a line, anywhere on the
// page.
var learnedTailRule = &bpRule{name: "learned", kind: "learned", zone: zoneAny, mode: modeEnd, weight: midConfidence}

// learnedHeadRule is the rule of the phrases that a site model has learned
// before paragraphs: a phrase glued to the start of a line, anywhere on
// the page.
var learnedHeadRule = &bpRule{name: "learned", kind: "learned", zone: zoneAny, mode: modeStart, weight: midConfidence}

type bpLine struct {
	start, end int // source offsets of the line, without '\n'
	blank      bool
	runes      int
	hits       []bpHit
	removed    bool
	conf       float64
	kind, rule string
	trimmed    string
	// the best match below the threshold, for BoilerplateDetail
	weak               float64
	weakKind, weakRule string
}

// Boilerplate classifies the lines of s and returns the boilerplate lines
// and phrases, sorted by position and not overlapping. rules nil means
// DefaultBoilerplateRules; model, when not nil, adds the line templates
// learned from other pages of the same site (see Learner).
//
// A line is removed when the best of its rule matches has weight × zone
// factor ≥ 0.5, where the zone factor is 1 inside the rule's zone and 0.5
// outside. Besides the rules, built-in layout rules remove: empty lines
// next to removed lines (all of them when the document does not separate
// paragraphs with empty lines, otherwise so that one separator remains), a
// second copy of the title in the head separated from it by removed lines,
// a first line that is a byline ("文/…", "作者:…") repeated a few lines
// below, and the short lines of a related-articles list.
func Boilerplate(s string, rules *BoilerplateRules, model *SiteModel) []BoilerplateSpan {
	remove, _ := BoilerplateDetail(s, rules, model)
	return remove
}

// minWeak is the lowest confidence of a weak match that BoilerplateDetail
// reports.
const minWeak = 0.25

// BoilerplateDetail is Boilerplate that also returns the weak matches: lines
// that a rule or a learned template matches with a confidence from 0.25 to
// below the removal threshold 0.5 (an edge rule in the middle of a page, a
// rule whose line is too long), which Boilerplate leaves alone. Their spans
// cover the line without its line break. They are for reports: the
// normalize stage lists them as findings.
func BoilerplateDetail(s string, rules *BoilerplateRules, model *SiteModel) (remove, weak []BoilerplateSpan) {
	if rules == nil {
		rules = DefaultBoilerplateRules()
	}
	loadFold()
	f := folderPool.Get().(*folder)
	defer folderPool.Put(f)
	lines := make([]bpLine, 0, strings.Count(s, "\n")+1)
	hits := make([]bpHit, 0, 16)
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if start == len(s) && start > 0 {
			break // final newline: no further line
		}
		ln := bpLine{start: start, end: end}
		text := s[start:end]
		ln.trimmed = strings.TrimSpace(text)
		ln.blank = ln.trimmed == ""
		if !ln.blank {
			f.fold(text)
			ln.runes = f.runes
			lo := len(hits)
			hits = rules.lineHits(f, text, hits)
			hits = hits[:lo+len(phraseOverLine(text, hits[lo:]))]
			if model != nil {
				if name, mid, ok := model.lookup(f); ok {
					hits = append(hits, bpHit{learned: name, mid: mid})
				} else {
					if name, at, ok := model.headPhrase(f); ok {
						hits = append(hits, bpHit{rule: learnedHeadRule, start: int(f.off[0]), end: int(f.off[at]), learned: name, glued: true})
					}
					if name, at, ok := model.tailPhrase(f); ok {
						hits = append(hits, bpHit{rule: learnedTailRule, start: int(f.off[at]), end: len(text), learned: name, glued: true})
					}
				}
			}
			if len(hits) > lo {
				ln.hits = hits[lo:len(hits):len(hits)]
			}
		}
		lines = append(lines, ln)
		start = end + 1
	}
	if model != nil {
		dropRepeatedHeads(lines)
		dropRepeatedTemplates(lines)
		dropSharedSentences(lines)
		dropLoneTemplate(lines)
	}
	// The lines that phrases or the layout rules remove move the edges
	// of the page, as the rules' removals do (classifyLines): a line they
	// leave at an edge is classified again, as a second cleaning would.
	for round := 0; ; round++ {
		classifyLines(lines)
		before := removedLines(lines)
		phraseLines(s, lines)
		layoutRules(s, lines)
		if removedLines(lines) == before || round == maxLayoutRounds {
			break
		}
	}
	for i := range lines {
		ln := &lines[i]
		if !ln.removed && ln.weak >= minWeak {
			weak = append(weak, BoilerplateSpan{Span: Span{ln.start, ln.end}, Line: true, Kind: ln.weakKind,
				Rule: ln.weakRule, Confidence: round2(ln.weak)})
		}
	}
	return spansOf(s, lines), weak
}

// maxLayoutRounds bounds the rounds of classification and layout rules.
const maxLayoutRounds = 8

// removedLines returns the number of removed lines that are not blank.
func removedLines(lines []bpLine) int {
	n := 0
	for i := range lines {
		if lines[i].removed && !lines[i].blank {
			n++
		}
	}
	return n
}

// keepHits keeps, in place, the matches of ln for which keep is true.
func keepHits(ln *bpLine, keep func(bpHit) bool) {
	hs := ln.hits[:0]
	for _, h := range ln.hits {
		if keep(h) {
			hs = append(hs, h)
		}
	}
	ln.hits = hs
}

// maxTemplateLines is the most lines of one document that one learned
// template may match (see dropRepeatedTemplates).
const maxTemplateLines = 2

// dropRepeatedTemplates drops the learned matches of a template that
// matches more than maxTemplateLines lines of the document: a site prints
// a template line once on a page, or twice (a header and a footer), while
// a line shape that a document repeats, with only its digits or the rest
// after a label varying, is its content (vec($_, 3, 1) = 1 == 8 …, a list
// of releases, 子曰：… after 子曰：…).
func dropRepeatedTemplates(lines []bpLine) {
	var count map[string]int
	for i := range lines {
		for _, h := range lines[i].hits {
			if h.rule == nil {
				if count == nil {
					count = map[string]int{}
				}
				count[h.learned]++
			}
		}
	}
	drop := false
	for _, n := range count {
		if n > maxTemplateLines {
			drop = true
			break
		}
	}
	if !drop {
		return
	}
	for i := range lines {
		keepHits(&lines[i], func(h bpHit) bool { return h.rule != nil || count[h.learned] <= maxTemplateLines })
	}
}

// dropRepeatedHeads drops the learned phrases before a paragraph
// (learnedHeadRule) that start more than one line of the document: a site
// glues its phrase before one paragraph of a page, and the learner counts
// none that starts several lines of a page (appendHeadPrints).
func dropRepeatedHeads(lines []bpLine) {
	var first string
	several := false
	for i := range lines {
		for _, h := range lines[i].hits {
			if h.rule != learnedHeadRule {
				continue
			}
			if first == "" {
				first = h.learned
			} else {
				several = true
			}
		}
	}
	if !several {
		return
	}
	count := map[string]int{}
	for i := range lines {
		for _, h := range lines[i].hits {
			if h.rule == learnedHeadRule {
				count[h.learned]++
			}
		}
	}
	for i := range lines {
		keepHits(&lines[i], func(h bpHit) bool { return h.rule != learnedHeadRule || count[h.learned] == 1 })
	}
}

// maxTemplateSentences is the most sentences of one document that learned
// templates may match, and maxTemplateSentenceHan the most Han characters
// those sentences may hold (see dropSharedSentences).
const (
	maxTemplateSentences   = 2
	maxTemplateSentenceHan = 100
)

// dropSharedSentences drops the learned matches of the sentences of a
// document when more than maxTemplateSentences of its sentences match
// learned templates: a site's template holds a sentence or two (a
// disclaimer, a repost notice), while pages that share several sentences
// share content (the same article reposted, or cut into several pages).
// So do pages whose learned sentences hold more than
// maxTemplateSentenceHan Han characters: a site's notice is a sentence or
// two of some 50 characters (49 at most among the 44 sites of
// scripts/boilerplate-blind.sh; the rules know the long disclaimers),
// while two paragraphs that the first pages of an article share, found at
// the top of pages cleaned once already, are longer. A sentence is a line
// of at least minSentenceHan Han characters that ends as one (。！？…).
// Learned matches of other lines (a breadcrumb, a date line) stay.
func dropSharedSentences(lines []bpLine) {
	n, han := 0, 0
	for i := range lines {
		if learnedHit(lines[i].hits) && sentenceLine(lines[i].trimmed) {
			n++
			han += hanCount(lines[i].trimmed, maxTemplateSentenceHan+1)
		}
	}
	if n <= maxTemplateSentences && han <= maxTemplateSentenceHan {
		return
	}
	for i := range lines {
		if sentenceLine(lines[i].trimmed) {
			keepHits(&lines[i], ruleHit)
		}
	}
}

// ruleHit reports whether h is a rule's match (not a learned template's, nor
// a learned phrase's).
func ruleHit(h bpHit) bool { return h.rule != nil && !h.glued }

// learnedHit reports whether hs holds a learned match.
func learnedHit(hs []bpHit) bool {
	for _, h := range hs {
		if h.rule == nil {
			return true
		}
	}
	return false
}

// minSentenceHan is the least number of Han characters of a sentence line
// (see sentenceLine).
const minSentenceHan = 8

// sentenceLine reports whether a trimmed line reads as a sentence: at least
// minSentenceHan Han characters, and a sentence's end (。！？!?…).
func sentenceLine(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return sentenceEnd(r) && hanCount(s, minSentenceHan) >= minSentenceHan
}

// sentenceEnd reports whether r ends a sentence: 。！？!?….
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '…':
		return true
	}
	return false
}

// dropLoneTemplate drops the learned matches of a document that matches
// its site's template only once and has no rule match either: a site's
// template shows on a page in several places (header and footer), while a
// sentence that a few documents happen to share shows once. A template
// learned inside the text of pages (bpHit.mid) and a learned phrase after
// or before a paragraph (bpHit.glued) count for nothing here and are
// dropped unless the page shows the site's template at its edges: two
// learned edge templates, or one and a rule's match.
func dropLoneTemplate(lines []bpLine) {
	var first string
	distinct, ruled := 0, false
	for i := range lines {
		for _, h := range lines[i].hits {
			switch {
			case h.rule == nil && h.mid:
				// counts for nothing: it needs the page to show the
				// template at its edges
			case h.rule == nil && h.learned != first:
				if distinct == 0 {
					first = h.learned
				}
				distinct++
			case h.rule != nil && !h.rule.mode.phrase() && h.rule.weight >= threshold:
				ruled = true
			}
		}
	}
	if distinct >= 2 || (distinct == 1 && ruled) {
		return // the page shows its site's template
	}
	for i := range lines {
		keepHits(&lines[i], ruleHit)
	}
}

// upperKey reports whether a key of a key=value pair in s, the source text
// of a match, holds an upper-case ASCII letter. Tracking parameters are
// lower-case (book=43,ebook=38, from=timeline, utm_source=); GID_MIN=10,
// GID_MAX=499 is a setting in a manual page, which the folded line, lower
// case, matches as well.
func upperKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '=' {
			continue
		}
		for k := i - 1; k >= 0; k-- {
			c := s[k]
			if c >= 'A' && c <= 'Z' {
				return true
			}
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				break
			}
		}
	}
	return false
}

// lineHits returns the rule matches in one folded line.
func (rs *BoilerplateRules) lineHits(f *folder, text string, hits []bpHit) []bpHit {
	b := f.b
	if len(b) == 0 {
		return hits
	}
	add := func(r *bpRule, fs, fe int) {
		if r.max > 0 && f.runes > r.max {
			return
		}
		if r.notNext != "" && fe < len(b) {
			if c, _ := decodeRune3b(b, fe); strings.ContainsRune(r.notNext, c) {
				return
			}
		}
		if r.alone && !f.standsApart(fs, fe) {
			return
		}
		if r.noHanBefore && f.hanBefore(fs) {
			return
		}
		if r.noHanAfter && f.hanAfter(fe) {
			return
		}
		if r.notSentence && readsAsSentence(b) {
			return
		}
		if r.minHan > 0 && hanCountBytes(b[fs:fe], r.minHan) < r.minHan {
			return
		}
		if r.lowerKeys && upperKey(text[f.off[fs]:f.off[fe]]) {
			return
		}
		hits = append(hits, bpHit{rule: r, start: int(f.off[fs]), end: int(f.off[fe])})
	}
	// Anchored rules: at the start of the line, after decoration.
	d := skipDecoration(b)
	try := func(at int, c rune) {
		for _, id := range rs.anchored[c] {
			r, pat := rs.ref(id)
			pos := at
			if r.mode == modeStart {
				if at != 0 {
					continue
				}
			} else {
				pos = d
			}
			if e, ok := pat.match(f, pos, r.mode == modeLine); ok {
				add(r, pos, e)
			}
		}
	}
	c0, _ := utf8.DecodeRune(b)
	try(0, c0)
	if d > 0 && d < len(b) {
		cd, _ := utf8.DecodeRune(b[d:])
		if cd != c0 {
			try(d, cd)
		}
	}
	for _, le := range rs.loose {
		if le.max > 0 && f.runes > le.max {
			continue // add would drop the match
		}
		if len(le.need) == 1 && bytes.IndexByte(b, le.need[0]) < 0 || len(le.need) > 1 && !bytes.Contains(b, le.need) {
			continue
		}
		r, pat := rs.ref(le.ref)
		pos := d
		if r.mode == modeStart {
			pos = 0
		}
		if e, ok := pat.match(f, pos, r.mode == modeLine); ok {
			add(r, pos, e)
		}
	}
	if len(b) > maxClassifyLine {
		return hits
	}
	// Floating rules: scan every rune start. The folded line is valid
	// UTF-8 (fold writes whole characters only, U+FFFD for bytes that do
	// not decode), so a three-byte character, most of a Chinese line, is
	// decoded from its lead byte without checks.
	floatIdx := rs.floatIdx
	asc, bmp, supp := &rs.floatASC, rs.floatBMP, rs.floating
	i := 0
	if lg := &rs.long; f.runes > lg.runes {
		// A line too long for every rule with a max: only the others.
		asc, bmp, supp = &lg.asc, lg.bmp, lg.supp
		if lg.headOnly {
			// Before its last lg.tail bytes, only rules that begin with
			// ASCII can match: the other characters are passed over, a
			// character at a time as the scan below steps.
			for tail := len(b) - lg.tail; i < tail; {
				// Four characters of three bytes (lead bytes E0–EF), most
				// of a Chinese line, are passed over at once, as four
				// steps would pass them; the first three lead bytes are
				// tested in one load of eight bytes.
				if i+11 < len(b) && i+9 < tail &&
					binary.LittleEndian.Uint64(b[i:])&0xF00000F00000F0 == 0xE00000E00000E0 && b[i+9]&0xF0 == 0xE0 {
					i += 12
					continue
				}
				c := b[i]
				switch {
				case c < 0x80:
					if ids := lg.head[c]; len(ids) > 0 {
						rs.floatHits(f, i, ids, add)
					}
					i++
				case c >= 0xE0 && c < 0xF0 && i < len(b)-2:
					i += 3
				default:
					_, size := decodeRune3b(b, i)
					i += size
				}
			}
		}
	}
	// i never goes negative: compared as unsigned numbers, the loop test
	// also proves b[i] in bounds, which saves a check per character.
	for uint(i) < uint(len(b)) {
		c := b[i]
		var ids []floatEntry
		size := 1
		if c < 0x80 {
			ids = asc[c]
		} else if c >= 0xE0 && c < 0xF0 && i < len(b)-2 {
			r := rune(c&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
			size = 3
			k := floatIdx[uint16(r)]
			if k == 0 {
				i += 3
				continue
			}
			ids = bmp[k-1]
		} else {
			var r rune
			r, size = decodeRune3b(b, i)
			if r < 0x10000 {
				k := floatIdx[uint16(r)]
				if k == 0 {
					i += size
					continue
				}
				ids = bmp[k-1]
			} else {
				ids = supp[r]
			}
		}
		if len(ids) > 0 {
			rs.floatHits(f, i, ids, add)
		}
		i += size
	}
	return hits
}

// floatHits is lineHits for the floating rules ids whose leading literal
// begins with the rune at byte i of the folded line: it passes the
// matches that begin there to add.
func (rs *BoilerplateRules) floatHits(f *folder, i int, ids []floatEntry, add func(r *bpRule, fs, fe int)) {
	b := f.b
	for _, fe := range ids {
		// Most characters of a line begin some floating literal,
		// and most of those literals do not follow: the literal's
		// last byte, kept in the index, turns them away before the
		// rule is looked up.
		if n := int(fe.n); n > 0 && (i+n > len(b) || b[i+n-1] != fe.last) {
			continue
		}
		r, pat := rs.ref(fe.ref)
		if !bytes.HasPrefix(b[i:], []byte(pat.toks[0].lit)) {
			continue
		}
		if r.mode != modeInfix && i > 0 && mentionAt(b, i) {
			continue // a mention: “转载请注明出处”
		}
		needEnd := r.mode == modeSuffix || r.mode == modeEnd
		e, ok := pat.match(f, i, needEnd)
		if !ok {
			continue
		}
		if r.mode == modeInfix {
			// Glued between two Han characters, as the junk is; with
			// white space around it, it is text (字母或 -+ 的字符).
			p, _ := utf8.DecodeLastRune(b[:i])
			n, _ := utf8.DecodeRune(b[e:])
			if !isHan(p) || !isHan(n) || f.gap(i) || f.gap(e) {
				continue
			}
		}
		add(r, i, e)
	}
}

// phraseOverLine drops from the matches hs of one line, in place, those of
// line rules that a glued phrase's match (start or end mode, at full weight)
// takes in, when the line has text of its own beside the phrase, two Han
// characters or more: 开通VIP会员即可阅读全文 glued before a short paragraph
// is a phrase to remove from it, though the contains rule 开通vip matches
// inside it. A line that is the phrase alone is still removed whole.
func phraseOverLine(text string, hs []bpHit) []bpHit {
	var covered []int // indices into hs, increasing
	for i, h := range hs {
		if h.rule != nil && !h.rule.mode.phrase() && coveredByPhrase(text, h, hs) {
			covered = append(covered, i)
		}
	}
	if covered == nil {
		return hs
	}
	out := hs[:0]
	for i, h := range hs {
		if len(covered) > 0 && covered[0] == i {
			covered = covered[1:]
			continue
		}
		out = append(out, h)
	}
	return out
}

// coveredByPhrase reports whether a start or end phrase match of hs takes
// in h and leaves two Han characters or more of text beside it.
func coveredByPhrase(text string, h bpHit, hs []bpHit) bool {
	for _, p := range hs {
		if p.rule == nil || (p.rule.mode != modeStart && p.rule.mode != modeEnd) || p.rule.weight < threshold ||
			p.start > h.start || h.end > p.end {
			continue
		}
		if hanCount(text[:p.start], 2)+hanCount(text[p.end:], 2) >= 2 {
			return true
		}
	}
	return false
}

// hanCount counts the Han characters of s, up to max.
func hanCount(s string, max int) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			if n++; n >= max {
				break
			}
		}
	}
	return n
}

// hanCountBytes is hanCount for the UTF-8 bytes b (a folded line).
func hanCountBytes(b []byte, max int) int {
	n := 0
	for i := 0; i < len(b) && n < max; {
		r, size := utf8.DecodeRune(b[i:])
		if isHan(r) {
			n++
		}
		i += size
	}
	return n
}

// mentionAt reports whether a match at byte i of the folded line b is a
// mention of the phrase rather than the phrase itself: right after a quote
// or a title mark (“转载请注明出处”, 《阅读全文》), or inside a quotation
// that opened before it on the line, an odd number of quotes before it
// (一句“图文来源网络，如有侵权请联系删除”，但…). Folding writes every double
// quote, “”「」『』 included, as '"'.
func mentionAt(b []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(b[:i])
	if r == '"' || r == '\'' || r == '《' {
		return true
	}
	return bytes.Count(b[:i], []byte{'"'})%2 == 1
}

// skipDecoration returns the length of leading list or link decoration.
func skipDecoration(b []byte) int {
	i := 0
	for i < len(b) {
		switch b[i] {
		case '-', '*', '>', '<', '|', '#', '~', '+', '=':
			i++
			continue
		}
		if bytes.HasPrefix(b[i:], []byte("·")) {
			i += len("·")
			continue
		}
		break
	}
	return i
}

func zoneFactor(z zone, inHead, inTail bool) float64 {
	switch z {
	case zoneAny:
		return 1
	case zoneHead:
		if inHead {
			return 1
		}
	case zoneTail:
		if inTail {
			return 1
		}
	case zoneEdge:
		if inHead || inTail {
			return 1
		}
	}
	return 0.5
}

// midConfidence is the confidence of a line that a template learned inside
// the text of pages removes (see midNotice): anywhere on the page, but
// below the 0.9 of a template at the edges.
const midConfidence = 0.7

// maxPasses bounds the classification passes. Each pass reaches about
// headZone+tailZone lines further into a block of boilerplate at an edge.
const maxPasses = 64

// classifyLines marks removed lines, re-measuring the zones through the
// lines removed so far until nothing changes.
func classifyLines(lines []bpLine) {
	n := len(lines)
	d := make([]int, 3*n)
	dHead, dTail, bullets := d[:n], d[n:2*n], d[2*n:]
	for pass := 0; pass < maxPasses; pass++ {
		// The lines after each line are as the pass found them: the
		// loop below removes lines before the one it looks at only.
		bulletItemsAfter(lines, bullets)
		k := 0
		for i := range lines {
			dHead[i] = k
			if !lines[i].blank && !lines[i].removed {
				k++
			}
		}
		k = 0
		for i := n - 1; i >= 0; i-- {
			dTail[i] = k
			if !lines[i].blank && !lines[i].removed {
				k++
			}
			if lines[i].removed && k > 0 && (listHead(&lines[i]) != nil && listFollows(lines, i) ||
				learnedListHead(&lines[i]) && bulletList(bullets[i])) {
				// The items under a related-articles heading go with it
				// (layoutRules): the lines above count from the heading.
				k = 0
			}
		}
		changed := false
		for i := range lines {
			ln := &lines[i]
			if ln.removed || len(ln.hits) == 0 {
				continue
			}
			inHead, inTail := dHead[i] < headZone, dTail[i] < tailZone
			best, bestHit := 0.0, -1
			bestRule, bestRuleHit := 0.0, -1
			for h, hit := range ln.hits {
				var c float64
				if hit.rule != nil && hit.rule.list && !inTail {
					// A list heading is in the tail when only list items follow.
					inTail = listFollows(lines, i)
				}
				if hit.rule == nil && !hit.mid && !inTail {
					// So is a site's template line when only bulleted list
					// items follow (更多晨星報導 over ▸ titles).
					inTail = bulletList(bullets[i])
				}
				if hit.rule == nil && hit.mid {
					c = midConfidence
				} else if hit.rule == nil {
					c = 0.9 * zoneFactor(zoneEdge, inHead, inTail)
				} else if hit.rule.mode.phrase() {
					continue
				} else {
					c = hit.rule.weight * zoneFactor(hit.rule.zone, inHead, inTail)
					if c > bestRule+1e-9 {
						bestRule, bestRuleHit = c, h
					}
				}
				if c > best+1e-9 {
					best, bestHit = c, h
				}
			}
			if bestRule >= threshold {
				// A line that a rule removes is the rule's, though a learned
				// template match it more surely: what the learner alone
				// takes is what normalize weighs against the page's text.
				best, bestHit = bestRule, bestRuleHit
			}
			if best < threshold && bestHit >= 0 {
				hit := ln.hits[bestHit]
				ln.weak = best
				if hit.rule == nil {
					ln.weakKind, ln.weakRule = "learned", hit.learned
				} else {
					ln.weakKind, ln.weakRule = hit.rule.kind, hit.rule.lineRule
				}
			}
			if best >= threshold {
				hit := ln.hits[bestHit]
				ln.removed, ln.conf = true, best
				if hit.rule == nil {
					ln.kind, ln.rule = "learned", hit.learned
				} else {
					ln.kind, ln.rule = hit.rule.kind, hit.rule.lineRule
				}
				changed = true
			}
		}
		if !changed {
			break
		}
	}
}

// layoutRules applies the built-in layout rules after classification.
func layoutRules(s string, lines []bpLine) {
	n := len(lines)
	// firstKept is the first line neither blank nor removed.
	firstKept := func() int {
		for i := range lines {
			if !lines[i].blank && !lines[i].removed {
				return i
			}
		}
		return -1
	}
	mark := func(i int, rule string, conf float64) {
		lines[i].removed, lines[i].conf = true, conf
		lines[i].kind, lines[i].rule = "layout", "line:"+rule
	}
	// A first line (the first kept one) that is a byline repeated a few
	// lines below (the page layout's copy above the title).
	if first := firstKept(); first >= 0 && isByline(lines[first].trimmed) {
		seen := 0
		for j := first + 1; j < n && seen < 4; j++ {
			if lines[j].blank || lines[j].removed {
				continue
			}
			seen++
			if seen >= 2 && lines[j].trimmed == lines[first].trimmed {
				mark(first, "layout-dup-byline", 0.8)
				break
			}
		}
	}
	// A second copy of the title: a head line equal to an earlier kept head
	// line, with only removed or empty lines between them.
	kept := 0
	for i := 0; i < n && kept < headZone; i++ {
		if lines[i].blank || lines[i].removed {
			continue
		}
		kept++
		removedBetween := false
		for j := i + 1; j < n; j++ {
			if lines[j].blank {
				continue
			}
			if lines[j].removed {
				removedBetween = true
				continue
			}
			if removedBetween && lines[j].trimmed == lines[i].trimmed && hasLetters(lines[j].trimmed, 2) {
				mark(j, "layout-dup-title", 0.8)
			}
			break
		}
	}
	// Lists under a related-articles heading. after is bulletItemsAfter's,
	// worked out again when a list goes.
	var after []int
	for i := 0; i < n; i++ {
		ln := &lines[i]
		if !ln.removed || ln.kind == "layout" {
			continue
		}
		kind := "learned"
		if lead := listHead(ln); lead != nil {
			kind = lead.kind
			// Only when everything below is list items or removed lines.
			ok := true
			for j := i + 1; j < n && ok; j++ {
				if lines[j].blank || lines[j].removed {
					continue
				}
				ok = listItem(lines[j])
			}
			if !ok {
				continue
			}
		} else if !learnedListHead(ln) {
			continue
		} else {
			if after == nil {
				after = make([]int, n)
				bulletItemsAfter(lines, after)
			}
			if !bulletList(after[i]) {
				continue
			}
		}
		for j := i + 1; j < n; j++ {
			if !lines[j].blank && !lines[j].removed {
				lines[j].removed, lines[j].conf = true, 0.7
				lines[j].kind, lines[j].rule = kind, "line:"+kind+"-list"
			}
		}
		if after != nil {
			bulletItemsAfter(lines, after)
		}
	}
	blankLayout(lines)
}

// hasLetters reports whether t has at least n letters or Han characters.
func hasLetters(t string, n int) bool {
	for _, r := range t {
		if isHan(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			if n--; n <= 0 {
				return true
			}
		}
	}
	return false
}

// listHead returns the list rule (list=1) that removed ln, nil when none
// did.
func listHead(ln *bpLine) *bpRule {
	var lead *bpRule
	for _, h := range ln.hits {
		if h.rule != nil && h.rule.list && h.rule.lineRule == ln.rule {
			lead = h.rule
		}
	}
	return lead
}

// listFollows reports whether the kept lines after line i are at most 20
// list items.
func listFollows(lines []bpLine, i int) bool {
	n := 0
	for j := i + 1; j < len(lines); j++ {
		if lines[j].blank || lines[j].removed {
			continue
		}
		if n++; n > 20 || !listItem(lines[j]) {
			return false
		}
	}
	return true
}

// learnedListHead reports whether ln was removed as a line of its site's
// template (a learned whole-line template at the page's edges), which may
// head a list of links (see bulletList).
func learnedListHead(ln *bpLine) bool {
	if !ln.removed || !strings.HasPrefix(ln.rule, "learned:") {
		return false
	}
	for _, h := range ln.hits {
		if h.rule == nil && !h.mid {
			return true
		}
	}
	return false
}

// minBulletItems and maxBulletItems bound the items of a list of links
// under a line of a site's template (see bulletList).
const (
	minBulletItems = 2
	maxBulletItems = 20
)

// bulletItemsAfter sets after[i], for each line i, to the number of kept
// lines after it when they are all bulleted list items (bulletItem), up to
// maxBulletItems+1, and to -1 when they are not, in one pass from the end.
func bulletItemsAfter(lines []bpLine, after []int) {
	n := 0
	for i := len(lines) - 1; i >= 0; i-- {
		after[i] = n
		if n < 0 || lines[i].blank || lines[i].removed {
			continue
		}
		if n > maxBulletItems || !bulletItem(lines[i]) {
			n = -1
		} else {
			n++
		}
	}
}

// bulletList reports whether n items after a line (see bulletItemsAfter)
// make a list of links under it: minBulletItems to maxBulletItems list
// items that each start with a bullet (▸ • ※ …), the links a site lists
// under a heading of its template (更多晨星報導). A heading the rules do not
// know is not enough, as a list under a rule's heading is (listFollows): a
// document may end with a list of its own under a line that pages share.
func bulletList(n int) bool { return n >= minBulletItems && n <= maxBulletItems }

// bulletItem reports whether a line is a list item that starts with a
// bullet and a space or text: ▸ ► ▶ • ● ○ ◆ ◇ ■ □ ▪ ※ ★ ☆ → ».
func bulletItem(ln bpLine) bool {
	r, size := utf8.DecodeRuneInString(ln.trimmed)
	switch r {
	case '▸', '►', '▶', '•', '●', '○', '◆', '◇', '■', '□', '▪', '※', '★', '☆', '→', '»':
		return len(ln.trimmed) > size && listItem(ln)
	}
	return false
}

// listItem reports whether a line looks like an item of a link list: short
// and without the punctuation of running text. Headlines ask and exclaim
// (喝咖啡會影響睡眠嗎？專家這樣說) and set off a clause with a comma, but
// they end in no full stop and hold no semicolon; a line with two commas
// reads as a sentence.
func listItem(ln bpLine) bool {
	if ln.runes > 40 {
		return false
	}
	t := ln.trimmed
	if strings.ContainsAny(t, "。；;") || strings.HasSuffix(t, ".") {
		return false
	}
	return strings.Count(t, "，")+strings.Count(t, ",") < 2
}

// isByline reports whether t is a short byline: 文/NAME, 作者:NAME, ….
func isByline(t string) bool {
	if utf8.RuneCountInString(t) > 24 {
		return false
	}
	for _, p := range []string{"文/", "文|", "文／", "作者:", "作者：", "作者/", "撰文:", "撰文：", "撰稿:", "撰稿："} {
		if strings.HasPrefix(t, p) && len(t) > len(p) {
			return true
		}
	}
	return false
}

// blankLayout removes empty lines that only frame removed lines.
func blankLayout(lines []bpLine) {
	n := len(lines)
	type run struct{ from, to, prev, next int }
	var runs []run
	separators := false
	for i := 0; i < n; {
		if !lines[i].blank {
			i++
			continue
		}
		j := i
		for j < n && lines[j].blank {
			j++
		}
		// A trailing empty "line" after the final newline does not exist
		// here (Boilerplate stops there), so j == n is a real blank tail.
		r := run{from: i, to: j, prev: i - 1, next: j}
		if r.next >= n {
			r.next = -1
		}
		if r.prev >= 0 && r.next >= 0 && !lines[r.prev].removed && !lines[r.next].removed {
			separators = true
		}
		runs = append(runs, r)
		i = j
	}
	allRemovedAfter := func(k int) bool {
		for j := k; j < n; j++ {
			if !lines[j].blank && !lines[j].removed {
				return false
			}
		}
		return true
	}
	for _, r := range runs {
		prevRemoved := r.prev >= 0 && lines[r.prev].removed
		nextRemoved := r.next >= 0 && lines[r.next].removed
		drop := false
		if !separators {
			drop = prevRemoved || nextRemoved
		} else {
			drop = prevRemoved || (nextRemoved && (r.prev < 0 || allRemovedAfter(r.next)))
		}
		if !drop {
			continue
		}
		for k := r.from; k < r.to; k++ {
			lines[k].removed, lines[k].conf = true, 0.6
			lines[k].kind, lines[k].rule = "layout", "line:layout-blank"
		}
	}
}

// spansOf turns the classified lines into spans, phrases included.
func spansOf(s string, lines []bpLine) []BoilerplateSpan {
	var out []BoilerplateSpan
	n := len(lines)
	finalNL := len(s) > 0 && s[len(s)-1] == '\n'
	// Lines of a trailing removed run take the line break before them when
	// the text has no final newline.
	tailFrom := n
	if !finalNL {
		for tailFrom > 0 && lines[tailFrom-1].removed {
			tailFrom--
		}
	}
	for i := range lines {
		ln := &lines[i]
		if ln.removed {
			sp := Span{ln.start, ln.end + 1}
			switch {
			case i >= tailFrom && tailFrom > 0:
				sp = Span{ln.start - 1, ln.end}
			case ln.end >= len(s):
				sp = Span{ln.start, ln.end}
			}
			if sp.End > len(s) {
				sp.End = len(s)
			}
			if sp.Len() > 0 {
				out = append(out, BoilerplateSpan{Span: sp, Line: true, Kind: ln.kind, Rule: ln.rule, Confidence: round2(ln.conf)})
			}
			continue
		}
		out = appendPhrases(out, s, ln)
	}
	return out
}

// appendPhrases adds the phrase matches of a kept line.
func appendPhrases(out []BoilerplateSpan, s string, ln *bpLine) []BoilerplateSpan {
	return append(out, phraseSpans(s, ln)...)
}

func phraseSpans(s string, ln *bpLine) []BoilerplateSpan {
	var ph []bpHit
	for _, h := range ln.hits {
		if h.rule != nil && h.rule.mode.phrase() && h.rule.weight*zoneFactor(h.rule.zone, true, true) >= threshold {
			ph = append(ph, h)
		}
	}
	if len(ph) == 0 {
		return nil
	}
	text := s[ln.start:ln.end]
	// Sort by start (few hits: insertion sort), drop overlaps.
	for i := 1; i < len(ph); i++ {
		for j := i; j > 0 && ph[j].start < ph[j-1].start; j-- {
			ph[j], ph[j-1] = ph[j-1], ph[j]
		}
	}
	last := 0
	var spans []BoilerplateSpan
	for _, h := range ph {
		st, en := h.start, h.end
		if h.rule.mode == modeEnd { // take the spaces before a trailing phrase
			for st > last && (text[st-1] == ' ' || text[st-1] == '\t') {
				st--
			}
		}
		if h.rule.mode == modeStart { // and the spaces after a leading one
			for en < len(text) && (text[en] == ' ' || text[en] == '\t') {
				en++
			}
		}
		if st < last || en <= st {
			continue
		}
		rule := h.rule.phraseRule
		if h.glued {
			rule = h.learned
		}
		spans = append(spans, BoilerplateSpan{Span: Span{ln.start + st, ln.start + en}, Kind: h.rule.kind,
			Rule: rule, Confidence: round2(h.rule.weight)})
		last = en
	}
	return spans
}

// phraseLines removes, as lines, the kept lines that consist of phrases
// only (a paywall phrase on its own line).
func phraseLines(s string, lines []bpLine) {
	for i := range lines {
		ln := &lines[i]
		if ln.removed || ln.blank {
			continue
		}
		spans := phraseSpans(s, ln)
		if len(spans) == 0 {
			continue
		}
		if strings.TrimSpace(removeSpans(s[ln.start:ln.end], ln.start, spans)) == "" {
			ln.removed, ln.conf = true, spans[0].Confidence
			ln.kind, ln.rule = spans[0].Kind, "line:"+strings.TrimPrefix(spans[0].Rule, "phrase:")
		}
	}
}

func removeSpans(text string, base int, spans []BoilerplateSpan) string {
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(text[last : sp.Span.Start-base])
		last = sp.Span.End - base
	}
	b.WriteString(text[last:])
	return b.String()
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
