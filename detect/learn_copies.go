package detect

// Copies of one page teach the learner nothing about a site's template:
// the same article crawled twice, reposted by another site under other
// furniture, or saved again with another view count shares all its lines
// with the first copy, and counted again, its sentences would reach the
// support of a template (three copies of a page are three documents that
// hold every one of its lines, near their edges when the page is short).
// So the learner learns a document that copies one it learnt before as no
// document at all. Its own furniture, when the copy sits under another
// site's, is not counted either: a loss of evidence, never of text.
//
// A document copies another when more than half of the distinct lines of
// the two (by fingerprint, the lines the learner takes as whole lines) are
// in both: their Jaccard similarity is over 1/2. The lines at the ends
// of a document are left out (see maxSigTrim): the furniture of a page
// sits there, so that two copies under other sites' furniture look alike,
// and two pages of one site with long notices and short texts do not. The
// similarity is estimated MinHash-wise, from a sketch of each document's
// smallest line hashes (see sketch), exact for documents of up to
// sketchLen lines. The learner remembers the sketches of the documents it
// learnt, and finds the candidates for a new document by its smallest
// hashes (see pageMemory).

// sketchLen is the number of line hashes in a document's sketch: the
// smallest. Measured with scripts/noharm-boilerplate.sh, whose 12,248
// documents are the Debian corpus cut into 30 lines: with DUP=3 REPOST=1
// (each three times, under three sites' furniture) the learner takes
// 24,490 documents for copies, of 24,496; without copies, 24 (a manual
// page's Traditional and Simplified translations cut at other lines, and
// pages of vec() examples that differ only in their digits). Of the 176
// pages of scripts/boilerplate-blind.sh, 1 (two sites' pages around the
// same lines of a manual).
const sketchLen = 16

// maxSigTrim is the most lines at each end of a document that its sketch
// leaves out (a quarter of them on a short one).
const maxSigTrim = 2

// maxPages bounds the documents whose sketches a learner remembers (see
// pageMemory.copied), MaxEntries if that is lower.
const maxPages = 1 << 16

// sigKeys is the number of a sketch's smallest hashes under which the
// learner files a document: two documents of similarity J share the
// smallest hash of both with probability J, so a copy (J > 1/2) nearly
// always shares one of three.
const sigKeys = 3

// sketch holds the smallest distinct hashes of a document's lines, in
// increasing order: the first n of h.
type sketch struct {
	h [sketchLen]uint32
	n int
}

// add takes the hash x of a line.
func (s *sketch) add(x uint32) {
	i := 0
	for i < s.n && s.h[i] < x {
		i++
	}
	if i < s.n && s.h[i] == x || i == sketchLen {
		return
	}
	if s.n < sketchLen {
		s.n++
	}
	copy(s.h[i+1:s.n], s.h[i:s.n-1])
	s.h[i] = x
}

// similar reports whether the documents of sketches a and b share more than
// half of their distinct lines: of the smallest hashes of both documents'
// lines (as many as a sketch holds), more than half are in both.
func similar(a, b *sketch) bool {
	i, j, m, shared := 0, 0, 0, 0
	for m < sketchLen && (i < a.n || j < b.n) {
		switch {
		case j == b.n || i < a.n && a.h[i] < b.h[j]:
			i++
		case i == a.n || b.h[j] < a.h[i]:
			j++
		default:
			shared++
			i++
			j++
		}
		m++
	}
	return m > 0 && 2*shared > m
}

// docSketch returns the sketch of a document whose lines have the
// fingerprints fps, in order.
func docSketch(fps []uint64) sketch {
	var s sketch
	trim := min(maxSigTrim, len(fps)/4)
	for _, fp := range fps[trim : len(fps)-trim] {
		s.add(uint32(fp >> 32))
	}
	return s
}

// pageMemory remembers the sketches of the documents a learner learnt,
// filed under each of their sigKeys smallest hashes. A hash keeps the last
// two documents filed under it (the document that a copy copies is most
// often one of the last learnt; pages that share a line without being
// copies would otherwise hide it).
type pageMemory struct {
	byHash   map[uint32][2]int32 // document numbers + 1, latest first; 0 for none
	sketches []sketch
}

// copied reports whether a document with sketch s copies one remembered,
// and remembers it if not. The memory is bounded: when it holds limit
// documents it starts again, so copies far apart in a long run may each
// be learnt.
func (p *pageMemory) copied(s sketch, limit int) bool {
	if s.n == 0 {
		return false
	}
	if p.byHash == nil {
		p.byHash = map[uint32][2]int32{}
	}
	keys := s.h[:min(sigKeys, s.n)]
	for _, k := range keys {
		for _, i := range p.byHash[k] {
			if i > 0 && similar(&s, &p.sketches[i-1]) {
				return true
			}
		}
	}
	if len(p.sketches) >= limit {
		clear(p.byHash)
		p.sketches = p.sketches[:0]
	}
	p.sketches = append(p.sketches, s)
	n := int32(len(p.sketches))
	for _, k := range keys {
		if was := p.byHash[k]; was[0] != n {
			p.byHash[k] = [2]int32{n, was[0]}
		}
	}
	return false
}

// Copies returns the number of documents added that copied a document
// learnt before (see Add), and so were not learnt.
func (l *Learner) Copies() int { return l.copies }
