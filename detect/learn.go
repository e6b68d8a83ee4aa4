package detect

import (
	"strings"
	"unicode/utf8"
)

// Learner learns the lines that repeat across the pages of one site: page
// headers, footers, navigation and notices that a site's template puts on
// every page. Feed it documents with Add, then take the Model and pass it to
// Boilerplate (or normalize.Options.SiteModel) when cleaning pages of the
// same site, including the pages it learned from.
//
// Lines are compared by fingerprint: the folded line (see the rule file:
// Simplified and Traditional, widths and spaces alike) with every run of
// digits replaced by one wildcard, so "日期:2023-10-12 浏览:4675" and
// "日期:2021-02-12 浏览:1840" are one template; punctuation counts. A
// template is counted once per document. Lines shorter than five
// characters ("描述", "NAME": headings as often as template lines; the rules
// know the short template lines such as 分享到) or with fewer than two
// letters or Han characters ("----") are not learned as whole lines.
//
// Besides whole lines the learner counts line labels: the start of a line
// up to its first ':' or a leading "[…]", or two or more Han characters
// before a space, at most 8 characters ("上一则:", "[上一篇]", "导航:"), for
// lines of at most 80 characters. A label template catches lines whose rest
// varies from page to page (the title of the next article) and is used
// only when at least 80% of the documents that had it had it within their
// first or last max(6, lines/5) lines. The labels of a genre's own lines
// (问：, 答：, 主持人：, 做法：, 原文：) make no label template.
//
// Two more shapes catch template lines into which a page puts its own
// title: the line with the text of each 《…》 left out (本篇《…》系某某网投稿),
// and the site suffix after the last '_' or '|' of a short line
// (标题_某某网). And the text after a line's last sentence, when it is a
// short phrase set apart by brackets or a mark, is a phrase that a site
// glues after its paragraphs ((按此睇图辑), [已编辑于 2023-07-09]), also
// with the names after its labels left out ((编辑:李娜) and (编辑:王芳) are
// one phrase; see tailSlotFingerprint); the start
// of a line, when it offers the reader an action (a click, a fold to
// open, a fee, a login) and the paragraph goes on after it, is one that a
// site glues before them (点击阅读全文, 一键复制, 展开剩余23%; see
// headPhrases). Of the starts of a line that the model holds, the longest
// is the phrase, so that the paragraphs after it, whatever they share,
// stay whole.
//
// A copy of a document already learnt (the same article, whatever its
// furniture) is not learnt again; see Copies.
//
// A learned template is boilerplate when at least MinDocs documents (and at
// least MinShare of all documents) contain it, and where the learner saw it
// at the page edges in 80% of them: repeated content (a quotation, a
// paragraph two articles share) is in the middle of pages, a site's
// template at the edges. Boilerplate then removes a line matching it only
// in the head or tail zone of a page (measured through the lines already
// found to be boilerplate). On each page, besides:
//   - a document whose lines match only one learned template, and no rule,
//     keeps that line: a site template shows in several places of a page
//     (header and footer), a sentence that a few documents share shows once;
//   - a template that matches more than two lines of the page, and the
//     learned matches of more than two sentences of it, are its content;
//   - a numbered line (一、, (二), 第三篇) matches no template, nor does the
//     opening or closing of a speech or letter (同志们：, 谢谢大家！, 此致 敬礼);
//   - a template that sat inside the text of its pages removes a line there
//     only if it is a notice, 5 to 40 characters with 6 Han characters, not
//     ended as a sentence, of two clauses unless 15% of the documents had
//     it; and a learned phrase after or before a paragraph goes only if
//     15% of the documents had it, or half the documents that had one of
//     the templates at their edges had it there too (a site's phrase in a
//     run of many sites' pages), and one before a paragraph only where it
//     starts one line of the page (nor does the learner count one that
//     starts several); all only from a page that shows the site's
//     template at its edges.
//
// Memory is bounded: the fingerprint table holds at most MaxEntries
// templates; when it is full, the templates seen in the fewest documents
// are pruned (first the singletons), so counts of rare templates are lower
// bounds. About 100 bytes per entry with the map's overhead (measured:
// 1.5 MiB at MaxEntries 1<<14, 13 MiB at the default 1<<17). The pairs of
// a phrase glued to a paragraph and a line at the page's edges, which tell
// a site's phrase in a run of many sites, are at most MaxEntries/4, pruned
// alike (measured: 2.5 MiB at the default). The sketches
// that tell copies take about 140 bytes per document, for at most
// MaxEntries or 1<<16 documents (measured: 8.8 MiB) at a time.
//
// A Learner is not safe for concurrent use.
type Learner struct {
	// MinDocs is the number of documents a template must occur in; 0 means 3.
	MinDocs int
	// MinShare is the share of documents a template must occur in; 0 means
	// no share is required. Useful when a group really is one site.
	MinShare float64
	// MaxEntries bounds the fingerprint table; 0 means 1<<17.
	MaxEntries int

	docs   int
	copies int
	tab    map[uint64]learnEntry
	floor  int32
	f      folder
	prints []linePrint // Add's fingerprints of a document, reused
	seen   map[uint64]struct{}
	pruned int
	// sites counts the documents that had a phrase (linePrint.phrase)
	// and a line at their edges together (see countSites).
	sites map[uint64]*sitePair
	pages pageMemory
}

type learnEntry struct {
	docs   int32
	edge   int32 // documents where it was near the start or end
	last   int32 // last document that counted
	sample string
}

// labelSalt separates label fingerprints from line fingerprints.
const labelSalt = 0x9e3779b97f4a7c15

// maxLabelRunes bounds the label of a label template (before its ':' or
// ']'), maxLabelLine the lines it is learned from and applied to.
const (
	maxLabelRunes = 8
	maxLabelLine  = 80
	minLabelEdge  = 0.8
)

// labelOf returns the label of a folded line: the text up to and including
// the first ':' or a leading "[…]", or a run of at least two Han characters
// followed by a space ("上一篇 标题"); at most maxLabelRunes characters with
// at least one letter; nil if there is none. A space-ended label must be
// followed by a Han character or a link mark (< > [ "): "表格 9.18." is a
// caption and "描述 DESCRIPTION" a heading, not labels.
func labelOf(f *folder) []byte {
	b := f.b
	d := skipDecoration(b)
	closeBy := byte(':')
	start := d
	if d < len(b) && b[d] == '[' {
		closeBy = ']'
		start = d + 1
	}
	letters, han := 0, 0
	for i, n := start, 0; i < len(b) && n <= maxLabelRunes; n++ {
		c := b[i]
		if c == closeBy {
			if letters == 0 || i == start {
				return nil
			}
			return b[d : i+1]
		}
		if closeBy == ':' && han >= 2 && han == n && f.gap(i) && gapLabelNext(b[i:]) {
			return b[d:i]
		}
		if c < 0x80 {
			if c >= 'a' && c <= 'z' {
				letters++
			} else if c != '-' && c != '_' {
				return nil
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if !isHan(r) {
			return nil
		}
		letters++
		han++
		i += size
	}
	return nil
}

func gapLabelNext(b []byte) bool {
	switch b[0] {
	case '<', '>', '[', '"', '|':
		return true
	}
	r, _ := decodeRune3b(b, 0)
	return isHan(r)
}

// labelFingerprint returns the fingerprint of the label of a folded line
// of at most maxLabelLine characters; none for a genre's own labels (问：,
// 主持人：, 做法：; see contentLabel).
func labelFingerprint(f *folder) (uint64, bool) {
	if f.runes > maxLabelLine {
		return 0, false
	}
	lb := labelOf(f)
	if lb == nil || contentLabel(lb) {
		return 0, false
	}
	fp, _ := fingerprint(lb)
	return fp ^ labelSalt, true
}

// NewLearner returns an empty Learner with the default settings.
func NewLearner() *Learner {
	return &Learner{tab: map[uint64]learnEntry{}, seen: map[uint64]struct{}{}}
}

const maxSample = 120

// Add learns the lines of one document, unless it copies a document
// learnt before: more than half of the lines of the two alike, but for
// those at its ends (a page crawled again, or reposted under another
// site's furniture; see Copies).
func (l *Learner) Add(doc string) {
	var sk sketch
	l.prints, sk = appendPrints(l.prints[:0], doc, &l.f)
	l.addPrints(l.prints, sk)
}

// Fingerprints are the fingerprints of the lines of one document, as a
// Learner counts them. Folding and hashing the lines is most of the work
// of learning, and needs nothing of the learner: a program can take the
// fingerprints of several documents at once (FingerprintDoc is safe for
// concurrent use) and add them to the learner in document order with
// AddFingerprints, which learns what Add learns.
type Fingerprints struct {
	prints []linePrint
	sketch sketch // of its lines, to tell copies (see learn_copies.go)
}

// linePrint is one fingerprint of a line (of the whole line or of its
// label): the fingerprint, whether the line is near the start or end of
// its document, and the line, for the template's sample.
type linePrint struct {
	fp   uint64
	edge bool
	line string
	// whole: the fingerprint of the whole line (lineFingerprint); phrase:
	// of a phrase glued after or before a paragraph (tailFingerprint,
	// headPhrases)
	whole, phrase bool
}

// FingerprintDoc returns the fingerprints of the lines of doc.
func FingerprintDoc(doc string) Fingerprints {
	f := folderPool.Get().(*folder)
	defer folderPool.Put(f)
	ps, sk := appendPrints(nil, doc, f)
	return Fingerprints{prints: ps, sketch: sk}
}

// AddFingerprints learns the lines of one document from its fingerprints
// (see FingerprintDoc): Add(doc) is AddFingerprints(FingerprintDoc(doc)).
func (l *Learner) AddFingerprints(fps Fingerprints) { l.addPrints(fps.prints, fps.sketch) }

// appendPrints appends the fingerprints of the lines of doc to ps, folding
// them with f, and returns them with the sketch of the document's lines.
func appendPrints(ps []linePrint, doc string, f *folder) ([]linePrint, sketch) {
	loadFold()
	whole, heads := f.whole[:0], f.headPrints[:0]
	total := strings.Count(doc, "\n") + 1
	edgeN := max(6, total/5)
	idx := -1
	for start := 0; start < len(doc); {
		end := strings.IndexByte(doc[start:], '\n')
		if end < 0 {
			end = len(doc)
		} else {
			end += start
		}
		line := doc[start:end]
		start = end + 1
		idx++
		if len(line) == 0 || len(line) > maxClassifyLine {
			continue
		}
		f.fold(line)
		edge := idx < edgeN || total-1-idx < edgeN
		if fp, ok := lineFingerprint(f); ok {
			ps = append(ps, linePrint{fp: fp, edge: edge, line: line, whole: true})
			whole = append(whole, fp)
		}
		if fp, ok := labelFingerprint(f); ok {
			ps = append(ps, linePrint{fp: fp, edge: edge, line: line})
		}
		if fp, ok := titleFingerprint(f); ok {
			ps = append(ps, linePrint{fp: fp, edge: edge, line: line})
		}
		if fp, ok := suffixFingerprint(f); ok {
			ps = append(ps, linePrint{fp: fp, edge: edge, line: line})
		}
		if fp, at, ok := tailFingerprint(f); ok {
			ps = append(ps, linePrint{fp: fp, edge: edge, line: line, phrase: true})
			var slot uint64
			if slot, f.slot, ok = tailSlotFingerprint(f, at, f.slot); ok {
				ps = append(ps, linePrint{fp: slot, edge: edge, line: line, phrase: true})
			}
		}
		f.heads = headPhrases(f.heads[:0], f, idx)
		for _, c := range f.heads {
			heads = append(heads, headPrint{c, line})
		}
	}
	f.whole, f.headPrints = whole, heads
	ps = appendHeadPrints(ps, heads)
	return ps, docSketch(whole)
}

// addPrints counts the fingerprints of one document whose lines have
// sketch sk, unless it copies a document learnt before.
func (l *Learner) addPrints(ps []linePrint, sk sketch) {
	if l.tab == nil {
		l.tab = map[uint64]learnEntry{}
		l.seen = map[uint64]struct{}{}
	}
	if l.pages.copied(sk, min(l.maxEntries(), maxPages)) {
		l.copies++
		return
	}
	l.docs++
	id := int32(l.docs)
	clear(l.seen)
	for _, p := range ps {
		l.count(p.fp, id, p.edge, p.line)
	}
	l.countSites(ps)
	if max := l.maxEntries(); len(l.tab) > max {
		l.prune(max)
	}
}

// count counts fingerprint fp once for document id.
func (l *Learner) count(fp uint64, id int32, edge bool, line string) {
	if _, dup := l.seen[fp]; dup {
		return
	}
	l.seen[fp] = struct{}{}
	e := l.tab[fp]
	if e.last == id {
		return
	}
	e.last = id
	e.docs++
	if edge {
		e.edge++
	}
	if e.docs >= 2 && e.sample == "" {
		e.sample = sampleOf(line)
	}
	l.tab[fp] = e
}

func (l *Learner) maxEntries() int {
	if l.MaxEntries > 0 {
		return l.MaxEntries
	}
	return 1 << 17
}

// prune drops the rarest templates until the table is at most half full.
func (l *Learner) prune(max int) {
	for len(l.tab) > max/2 {
		l.floor++
		for fp, e := range l.tab {
			if e.docs <= l.floor {
				delete(l.tab, fp)
				l.pruned++
			}
		}
	}
	l.floor-- // the next prune starts at the same level again
	if l.floor < 0 {
		l.floor = 0
	}
}

// Docs returns the number of documents learnt: those added but the copies
// of documents learnt before (see Copies).
func (l *Learner) Docs() int { return l.docs }

// Entries returns the number of templates in the table.
func (l *Learner) Entries() int { return len(l.tab) }

// Model returns the templates that reach the support settings. The model
// does not share memory with the Learner, which may go on learning.
func (l *Learner) Model() *SiteModel {
	m := &SiteModel{Docs: l.docs, MinDocs: l.MinDocs, MinShare: l.MinShare, templates: map[uint64]siteTemplate{}}
	if m.MinDocs <= 0 {
		m.MinDocs = 3
	}
	for fp, e := range l.tab {
		if !m.supports(int(e.docs)) {
			continue
		}
		t := siteTemplate{docs: int(e.docs), edge: int(e.edge), sample: e.sample}
		m.templates[fp] = t
	}
	l.markSitePhrases(m)
	return m
}

func sampleOf(line string) string {
	line = strings.TrimSpace(line)
	if len(line) <= maxSample {
		return line
	}
	i := maxSample
	for i > 0 && !utf8.RuneStart(line[i]) {
		i--
	}
	return line[:i]
}

// fingerprint hashes a folded line with digit runs as one wildcard (FNV-1a,
// 64 bits). ok is false for lines with fewer than two letters or Han
// characters.
//
// Every byte but those of digit runs goes into the hash as it is, so the
// hash needs no decoding; the letters are counted apart, and only until
// there are two.
func fingerprint(b []byte) (uint64, bool) {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	inDigits := false
	for i := 0; i < len(b); {
		// The bytes of a three-byte sequence, most of a Chinese line, are
		// no digits: read in one load with the byte after them (the last
		// three bytes of b go byte by byte), they go into the hash without
		// the test, a run of such sequences in a loop of its own.
		if k := i; k < len(b)-3 {
			for ; k < len(b)-3; k += 3 {
				w := uint32(b[k]) | uint32(b[k+1])<<8 | uint32(b[k+2])<<16 | uint32(b[k+3])<<24
				if w&0xC0C0F0 != 0x8080E0 {
					break
				}
				h = (h ^ uint64(w&0xFF)) * prime
				h = (h ^ uint64(w>>8&0xFF)) * prime
				h = (h ^ uint64(w>>16&0xFF)) * prime
			}
			if k > i {
				inDigits = false
				i = k
				continue
			}
		}
		if c := b[i]; c < '0' || c > '9' {
			inDigits = false
			h = (h ^ uint64(c)) * prime
		} else if !inDigits {
			h = (h ^ '#') * prime
			inDigits = true
		}
		i++
	}
	letters := 0
	for i := 0; i < len(b) && letters < 2; {
		if c := b[i]; c < 0x80 {
			if c >= 'a' && c <= 'z' {
				letters++
			}
			i++
			continue
		}
		r, size := decodeRune3b(b, i)
		if isHan(r) {
			letters++
		}
		i += size
	}
	return h, letters >= 2
}

// minTemplateRunes is the shortest line learned as a whole-line template:
// shorter lines are section headings ("描述", "NAME", "参见") as often as
// template lines, and the rules know the short template lines (分享到,
// 相关文章).
const minTemplateRunes = 5

// lineFingerprint is the fingerprint of a whole folded line of at least
// minTemplateRunes characters.
func lineFingerprint(f *folder) (uint64, bool) {
	if f.runes < minTemplateRunes {
		return 0, false
	}
	return fingerprint(f.b)
}

// GroupLearner learns one SiteModel per group (a site, a domain, any key).
// It is what the command line's -group option uses: feed every document
// of a run with its group, then clean each with the model of its group.
//
// In-run learning is two passes over the documents: pass 1 calls Add for
// each (it folds and hashes every line: about 100 MB per CPU second on one
// core, and keeps only the fingerprint table, not the documents), then
// Models; pass 2 cleans each document with normalize.Options.SiteModel set
// to its group's model (a model is read-only and safe for concurrent use,
// so one Normalizer per group serves all workers). Learn from pages of one
// site per group: a group that mixes unrelated documents shares few lines,
// and what it does share (a quotation, a man-page heading) is usually, not
// always, kept by the guards described at Learner.
type GroupLearner struct {
	// New makes the learner of a new group; nil means NewLearner.
	New      func() *Learner
	learners map[string]*Learner
	order    []string
}

// NewGroupLearner returns an empty GroupLearner.
func NewGroupLearner() *GroupLearner { return &GroupLearner{learners: map[string]*Learner{}} }

// Add learns doc as a page of group.
func (g *GroupLearner) Add(group, doc string) { g.learner(group).Add(doc) }

// learner returns the learner of group, making it on first use.
func (g *GroupLearner) learner(group string) *Learner {
	if g.learners == nil {
		g.learners = map[string]*Learner{}
	}
	l := g.learners[group]
	if l == nil {
		if g.New != nil {
			l = g.New()
		} else {
			l = NewLearner()
		}
		g.learners[group] = l
		g.order = append(g.order, group)
	}
	return l
}

// AddFingerprints learns a document of group from its fingerprints (see
// FingerprintDoc): Add(group, doc) is AddFingerprints(group,
// FingerprintDoc(doc)).
func (g *GroupLearner) AddFingerprints(group string, fps Fingerprints) {
	g.learner(group).AddFingerprints(fps)
}

// Copies returns the number of documents of all groups that copied a
// document of their group learnt before (see Learner.Copies).
func (g *GroupLearner) Copies() int {
	n := 0
	for _, l := range g.learners {
		n += l.Copies()
	}
	return n
}

// Models returns the model of every group.
func (g *GroupLearner) Models() SiteModels {
	out := SiteModels{}
	for _, k := range g.order {
		out[k] = g.learners[k].Model()
	}
	return out
}
