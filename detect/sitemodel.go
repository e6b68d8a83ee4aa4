package detect

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// SiteModel holds the line templates learned from pages of one site (see
// Learner). It is immutable once built and safe for concurrent use.
//
// # File format
//
// Models are saved as one JSON object (SiteModelFormat, version 1), several
// groups per file:
//
//	{
//	  "format": "hanfix-sitemodel",
//	  "version": 1,
//	  "groups": {
//	    "example.com": {
//	      "docs": 120,          // documents learned
//	      "min_docs": 3,        // support settings the model was built with
//	      "min_share": 0,
//	      "templates": [
//	        {"fp": "9f0c2a61d3b4e5f7", "docs": 118, "edge": 118, "sample": "版权所有 © 2019 …"}
//	      ]
//	    }
//	  }
//	}
//
// fp is the 64-bit FNV-1a fingerprint of the folded line with digit runs as
// one wildcard, in 16 lower-case hex digits, or for a label template (the
// start of a line up to its first ':' or a leading "[…]") the fingerprint
// of the label XOR 0x9e3779b97f4a7c15; docs is the number of documents
// that had it, edge how many of them had it within the first or last
// max(6, lines/5) lines; sample is one line that had it, for people reading
// the file. Other shapes (a title slot, a site suffix, a phrase glued after
// or before a paragraph) are fingerprinted likewise, each XOR a salt of its
// own; "site": true (absent from older files: false) marks a
// phrase that half the pages of one of the group's edge templates glue. A
// model written by SiteModel.WriteTo has one group named "". Readers reject
// other formats and versions, and unknown top-level fields are ignored so
// that later versions can add some.
type SiteModel struct {
	// Docs is the number of documents the model was learned from.
	Docs int
	// MinDocs and MinShare are the support a template needed.
	MinDocs  int
	MinShare float64

	templates map[uint64]siteTemplate
}

type siteTemplate struct {
	docs   int
	edge   int // documents where it was within the first or last lines
	sample string
	// site: a phrase glued to a paragraph that half the pages of a site's
	// template glue (see Learner.markSitePhrases)
	site bool
}

// atEdges reports whether the template was within the first or last lines
// of at least minLabelEdge of the documents that had it: a site's template
// sits at the edges of its pages, while a line that several pages share in
// their middle (a quotation, a paragraph two articles share, a sentence a
// manual repeats) is content wherever it happens to fall on one of them.
func (t siteTemplate) atEdges() bool {
	return float64(t.edge) >= minLabelEdge*float64(t.docs)
}

// inText reports whether the template was within the first or last lines
// of at most 1-minLabelEdge of the documents that had it: a notice that
// the site prints inside its texts (an app or paywall prompt), or content
// that the pages share.
func (t siteTemplate) inText() bool {
	return float64(t.edge) <= (1-minLabelEdge)*float64(t.docs)
}

// minCommonShare is the least share of a run's documents that a template
// must be in to be common (see SiteModel.common).
const minCommonShare = 0.15

// common reports whether template t was in minCommonShare of the documents
// the model learned from: a site's notice inside the text, or its phrase
// after a paragraph, is on most of its pages, while a heading or the start
// of a sentence that several documents share (参见, 例如, 如果 after a line
// broken mid-text) is on few documents of a large run.
func (m *SiteModel) common(t siteTemplate) bool {
	return float64(t.docs) >= minCommonShare*float64(m.Docs)
}

// commonPhrase reports whether a phrase glued to a paragraph, template t,
// is common (see common) or its site's: most pages of a site's template
// glue it, though the run holds other sites' pages too.
func (m *SiteModel) commonPhrase(t siteTemplate) bool {
	return t.site || m.common(t)
}

// SiteModelFormat is the "format" value of a site model file.
const SiteModelFormat = "hanfix-sitemodel"

// SiteModelVersion is the file format version this package writes and reads.
const SiteModelVersion = 1

// SiteTemplate is one learned template as it appears in a model file.
type SiteTemplate struct {
	Fingerprint string `json:"fp"`
	Docs        int    `json:"docs"`
	Edge        int    `json:"edge"`
	Sample      string `json:"sample,omitempty"`
	// Site marks a phrase glued to a paragraph that most pages of one of
	// the group's templates glue (a site's phrase in a run of many sites).
	Site bool `json:"site,omitempty"`
}

// Len returns the number of templates.
func (m *SiteModel) Len() int {
	if m == nil {
		return 0
	}
	return len(m.templates)
}

// Templates returns the templates, most frequent first.
func (m *SiteModel) Templates() []SiteTemplate {
	if m == nil {
		return nil
	}
	out := make([]SiteTemplate, 0, len(m.templates))
	for fp, t := range m.templates {
		out = append(out, SiteTemplate{Fingerprint: fpString(fp), Docs: t.docs, Edge: t.edge, Sample: t.sample, Site: t.site})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Docs != out[j].Docs {
			return out[i].Docs > out[j].Docs
		}
		return out[i].Fingerprint < out[j].Fingerprint
	})
	return out
}

func (m *SiteModel) supports(docs int) bool {
	if docs < m.MinDocs {
		return false
	}
	return m.MinShare <= 0 || m.Docs == 0 || float64(docs) >= m.MinShare*float64(m.Docs)
}

// lookup returns the rule name of the template a folded line matches: the
// whole line, or else its label (see labelOf), its title slot or its site
// suffix (see titleFingerprint), when it was seen at page edges in at
// least 80% of the documents that had it (atEdges). Failing those, mid
// reports a whole-line template that sat inside the text of nearly every
// page that had it (inText), which only a notice-like line may match (see
// midNotice). A numbered line (一、…, (二)…, 第三篇…) matches none: see
// enumerated; nor does the opening or closing of a speech or letter (同志们：,
// 谢谢大家！): see formula.
func (m *SiteModel) lookup(f *folder) (name string, mid, ok bool) {
	if m == nil || len(m.templates) == 0 {
		return "", false, false
	}
	name, mid, ok = m.lookupShape(f)
	if ok && (enumerated(f.b) || formula(f.b)) {
		return "", false, false
	}
	return name, mid, ok
}

// tailPhrase returns the rule name of a learned phrase that the folded line
// has after its last sentence (see tailPhrase) and the folded offset where
// it begins; the phrase must be common.
func (m *SiteModel) tailPhrase(f *folder) (string, int, bool) {
	if m == nil || len(m.templates) == 0 {
		return "", 0, false
	}
	fp, at, ok := tailFingerprint(f)
	if !ok {
		return "", 0, false
	}
	if t, ok := m.templates[fp]; ok && m.commonPhrase(t) {
		return "learned:" + fpString(fp), at, true
	}
	var slot uint64
	if slot, f.slot, ok = tailSlotFingerprint(f, at, f.slot); ok {
		if t, ok := m.templates[slot]; ok && m.commonPhrase(t) {
			return "learned:" + fpString(slot), at, true
		}
	}
	return "", 0, false
}

// headPhrase returns the rule name of a learned phrase that the folded
// line starts with, glued before its paragraph (see headPhrases), and the
// folded offset where the paragraph begins. Of the line's candidates that
// the model holds and that are common, it takes the longest: the phrase
// goes on as long as the site's pages share it.
func (m *SiteModel) headPhrase(f *folder) (string, int, bool) {
	if m == nil || len(m.templates) == 0 {
		return "", 0, false
	}
	f.heads = headPhrases(f.heads[:0], f, 0)
	for k := len(f.heads) - 1; k >= 0; k-- {
		c := f.heads[k]
		if t, ok := m.templates[c.fp]; ok && m.commonPhrase(t) {
			return "learned:" + fpString(c.fp), c.at, true
		}
	}
	return "", 0, false
}

// lookupShape is lookup without the test of numbered lines, which only
// lines that match a template need.
func (m *SiteModel) lookupShape(f *folder) (name string, mid, ok bool) {
	fp, whole := lineFingerprint(f)
	if whole {
		if t, ok := m.templates[fp]; ok && t.atEdges() {
			return "learned:" + fpString(fp), false, true
		}
	}
	for i, slot := range [...]func(*folder) (uint64, bool){labelFingerprint, titleFingerprint, suffixFingerprint} {
		if fp, ok := slot(f); ok {
			// A label template takes no text under its label (labelledText,
			// tested only for the lines that match one).
			if t, ok := m.templates[fp]; ok && t.atEdges() && (i > 0 || !labelledText(f.b)) {
				return "learned:" + fpString(fp), false, true
			}
		}
	}
	if whole {
		if t, ok := m.templates[fp]; ok && t.inText() && midNotice(f, m.common(t)) {
			return "learned:" + fpString(fp), true, true
		}
	}
	return "", false, false
}

// maxLabelledHan is the most Han characters of a line that a label template
// removes (see labelledText).
const maxLabelledHan = 40

// labelledText reports whether a folded line is text under a label rather
// than a site's labelled line: a sentence (最佳答案：…。, 导语：…。, 编者按：…。;
// see readsAsSentence), or more than maxLabelledHan Han characters. What a
// site puts after its labels is a title, a name, tags or a date (上一篇：…,
// 来源：…, 标签：…). A title that ends with ？ reads as a sentence too; the
// rules know the common labels of other pages' titles (上一篇, 下一篇). A
// version that took any line holding a 。 for text lost titles that hold
// one (boilerplate-probe.sh: 上一篇博文：通过对象名称创建索引条目。例).
func labelledText(b []byte) bool {
	return readsAsSentence(b) || hanCountBytes(b, maxLabelledHan+1) > maxLabelledHan
}

func fpString(fp uint64) string {
	s := strconv.FormatUint(fp, 16)
	for len(s) < 16 {
		s = "0" + s
	}
	return s
}

type siteModelJSON struct {
	Docs      int            `json:"docs"`
	MinDocs   int            `json:"min_docs"`
	MinShare  float64        `json:"min_share"`
	Templates []SiteTemplate `json:"templates"`
}

type siteModelFile struct {
	Format  string                    `json:"format"`
	Version int                       `json:"version"`
	Groups  map[string]*siteModelJSON `json:"groups"`
}

// SiteModels holds the models of several groups, keyed by group.
type SiteModels map[string]*SiteModel

// WriteTo writes the model as a file with one group named "".
func (m *SiteModel) WriteTo(w io.Writer) (int64, error) {
	return SiteModels{"": m}.WriteTo(w)
}

// WriteTo writes all models to one file (see SiteModel for the format).
func (ms SiteModels) WriteTo(w io.Writer) (int64, error) {
	f := siteModelFile{Format: SiteModelFormat, Version: SiteModelVersion, Groups: map[string]*siteModelJSON{}}
	for g, m := range ms {
		if m == nil {
			continue
		}
		f.Groups[g] = &siteModelJSON{Docs: m.Docs, MinDocs: m.MinDocs, MinShare: m.MinShare, Templates: m.Templates()}
	}
	data, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return 0, fmt.Errorf("site model: encode: %w", err)
	}
	data = append(data, '\n')
	n, err := w.Write(data)
	if err != nil {
		return int64(n), fmt.Errorf("site model: write: %w", err)
	}
	return int64(n), nil
}

// maxModelFile bounds the size of a model file that ReadSiteModels accepts.
const maxModelFile = 1 << 30

// ReadSiteModels reads a site model file with any number of groups.
func ReadSiteModels(r io.Reader) (SiteModels, error) {
	dec := json.NewDecoder(bufio.NewReader(io.LimitReader(r, maxModelFile)))
	var f siteModelFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("site model: decode: %w (want a JSON object with \"format\": %q)", err, SiteModelFormat)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("site model: data after the JSON object")
	}
	if f.Format != SiteModelFormat {
		return nil, fmt.Errorf("site model: format %q, want %q", f.Format, SiteModelFormat)
	}
	if f.Version != SiteModelVersion {
		return nil, fmt.Errorf("site model: version %d not supported (this hanfix reads version %d)", f.Version, SiteModelVersion)
	}
	out := SiteModels{}
	for g, j := range f.Groups {
		if j == nil {
			return nil, fmt.Errorf("site model: group %q is null", g)
		}
		m, err := modelFromJSON(j)
		if err != nil {
			return nil, fmt.Errorf("site model: group %q: %w", g, err)
		}
		out[g] = m
	}
	return out, nil
}

// ReadSiteModel reads a file with exactly one group, such as one written by
// SiteModel.WriteTo.
func ReadSiteModel(r io.Reader) (*SiteModel, error) {
	ms, err := ReadSiteModels(r)
	if err != nil {
		return nil, err
	}
	if len(ms) != 1 {
		return nil, fmt.Errorf("site model: file holds %d groups, want 1 (use ReadSiteModels)", len(ms))
	}
	for _, m := range ms {
		return m, nil
	}
	return nil, nil
}

func modelFromJSON(j *siteModelJSON) (*SiteModel, error) {
	if j.Docs < 0 || j.MinDocs < 1 || j.MinShare < 0 || j.MinShare > 1 {
		return nil, fmt.Errorf("bad settings: docs %d, min_docs %d, min_share %g (want docs ≥ 0, min_docs ≥ 1, 0 ≤ min_share ≤ 1)",
			j.Docs, j.MinDocs, j.MinShare)
	}
	m := &SiteModel{Docs: j.Docs, MinDocs: j.MinDocs, MinShare: j.MinShare, templates: make(map[uint64]siteTemplate, len(j.Templates))}
	for i, t := range j.Templates {
		if len(t.Fingerprint) != 16 {
			return nil, fmt.Errorf("template %d: fp %q: want 16 hex digits", i, t.Fingerprint)
		}
		fp, err := strconv.ParseUint(t.Fingerprint, 16, 64)
		if err != nil {
			return nil, fmt.Errorf("template %d: fp %q: want 16 hex digits", i, t.Fingerprint)
		}
		if t.Docs < 1 || t.Edge < 0 || t.Edge > t.Docs {
			return nil, fmt.Errorf("template %d: docs %d, edge %d: want docs ≥ 1 and 0 ≤ edge ≤ docs", i, t.Docs, t.Edge)
		}
		m.templates[fp] = siteTemplate{docs: t.Docs, edge: t.Edge, sample: t.Sample, site: t.Site}
	}
	return m, nil
}
