// The share of a site's pages that glue a phrase to a paragraph.

package detect

// sitePair is a phrase glued to a paragraph (see linePrint.phrase) and a
// whole line at the edges of the same document, and the number of
// documents that had both. Learner.sites holds them by pairKey.
type sitePair struct {
	phrase, edge uint64
	docs         int32
}

// pairKey returns the key of the pair of fingerprints phrase and edge: a
// 64-bit mix of both, as likely to tell two pairs apart as a fingerprint
// two lines.
func pairKey(phrase, edge uint64) uint64 {
	return (phrase^edge*0x9e3779b97f4a7c15)*0xbf58476d1ce4e5b9 ^ phrase>>29
}

// maxSitePrints bounds the phrases of a document, and its whole lines at
// its edges, that countSites pairs: a site's header and footer are a few
// lines.
const maxSitePrints = 16

// countSites counts, for each phrase of one document's fingerprints ps,
// the document once with each distinct whole line at its edges (the first
// and last maxSitePrints/2 of them).
func (l *Learner) countSites(ps []linePrint) {
	var phrases, edges [maxSitePrints]uint64
	np, ne, last := 0, 0, 0
	for _, p := range ps {
		switch {
		case p.phrase && np < len(phrases) && !hasFP(phrases[:np], p.fp):
			phrases[np] = p.fp
			np++
		case p.whole && p.edge && !hasFP(edges[:ne], p.fp):
			// The first half of the room keeps the first lines; the
			// second half is a ring of the last ones.
			if ne < len(edges) {
				edges[ne] = p.fp
				ne++
			} else {
				edges[len(edges)/2+last] = p.fp
				last = (last + 1) % (len(edges) / 2)
			}
		}
	}
	if np == 0 || ne == 0 {
		return
	}
	if l.sites == nil {
		l.sites = map[uint64]*sitePair{}
	}
	for _, ph := range phrases[:np] {
		for _, e := range edges[:ne] {
			k := pairKey(ph, e)
			if p := l.sites[k]; p != nil {
				p.docs++
			} else {
				l.sites[k] = &sitePair{phrase: ph, edge: e, docs: 1}
			}
		}
	}
	if limit := max(l.maxEntries()/4, 64); len(l.sites) > limit {
		l.pruneSites(limit)
	}
}

// hasFP reports whether fps holds fp.
func hasFP(fps []uint64, fp uint64) bool {
	for _, x := range fps {
		if x == fp {
			return true
		}
	}
	return false
}

// pruneSites drops the rarest pairs until the table is at most half full,
// as prune does the templates.
func (l *Learner) pruneSites(limit int) {
	for floor := int32(1); len(l.sites) > limit/2; floor++ {
		for k, p := range l.sites {
			if p.docs <= floor {
				delete(l.sites, k)
			}
		}
	}
}

// minSitePhraseShare is the least share of the pages of a site's template
// that must glue a phrase for the phrase to be the site's (see
// markSitePhrases).
const minSitePhraseShare = 0.5

// markSitePhrases marks the phrases of m that are their site's: glued to a
// paragraph in at least m.MinDocs documents and in at least
// minSitePhraseShare of the documents that print one of the templates of
// m at their edges (atEdges), together with it. A run of pages of many
// sites, where each site has a few pages, holds each site's phrase in
// fewer than 15% of its documents (SiteModel.common); the site's own
// template tells its pages.
func (l *Learner) markSitePhrases(m *SiteModel) {
	for _, p := range l.sites {
		if int(p.docs) < m.MinDocs {
			continue
		}
		ph, ok := m.templates[p.phrase]
		if !ok || ph.site {
			continue
		}
		e, ok := m.templates[p.edge]
		if !ok || !e.atEdges() || float64(p.docs) < minSitePhraseShare*float64(e.docs) {
			continue
		}
		ph.site = true
		m.templates[p.phrase] = ph
	}
}
