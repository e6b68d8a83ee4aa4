package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
)

// options tune the model; the defaults are what internal/lm embeds.
type options struct {
	// HanShare is P(class Han) in running Chinese text; the rest is left to
	// punctuation, digits, Latin and so on, whose floors live in package lm.
	HanShare float64
	// InWord is the weight of the within-word bigram estimate. Dictionary
	// words give no pairs across word boundaries, so about half of the
	// transitions in running text are better predicted by the unigram.
	InWord float64
	// MinPair is the minimum scaled count (per 1e8 characters) for a pair to
	// be stored.
	MinPair float64
	// MinGain is the minimum gain in log-probability over the back-off
	// estimate for a pair to be stored.
	MinGain float64
	// TextShare is the weight of the running-text model (counts of Han
	// characters and adjacent pairs in clean prose) in the mixture with
	// the dictionary model; 0 leaves it out. Dictionary words know
	// nothing of the pairs across word boundaries, and their frequencies
	// are those of general text: running text knows 默认值 and 字符串.
	TextShare float64
	// MinTextPair is the minimum count of a running-text pair for it to
	// be stored.
	MinTextPair float64
	// MinTriContext is how often two Han characters must stand before a
	// third in the running text for the triples they start to be stored
	// (all of them, however rare: a pair seen often and never before c
	// says that c is unlikely after it).
	MinTriContext int
}

var defaultOptions = options{HanShare: 0.85, InWord: 0.5, MinPair: 2, MinGain: 0.3, TextShare: 0.5, MinTextPair: 2, MinTriContext: 3}

// maxTriCount is the largest count of a triple the format keeps; larger
// counts are stored as it (the corpus's largest, 软件包, is 4,125).
const maxTriCount = 1<<16 - 1

// Quantisation scales; they must match internal/lm/format.go.
const (
	probScale    = 10  // log-probabilities: q = round(-lp*10), 1..255
	backoffScale = 100 // back-off weights: q = round(-log(w)*100)
	scaleTotal   = 1e8 // counts are rescaled so each dictionary has this many characters
)

type entry struct {
	r          rune
	qC, qS, qT uint8
	qBack      uint8
	succ       []succ
}

type succ struct {
	idx int
	q   uint8
}

type model struct {
	vocab    []entry
	nBigrams int
	// tris are the contexts of the running text's triples, by key.
	tris     []triContext
	nTriples int
}

// triContext is a pair of Han characters a b (key = a's index × the
// vocabulary size + b's), the Han characters seen after it in running
// text, by index, with their counts, the sum of those counts (han), and
// how often a run of Han characters ended after it (end).
type triContext struct {
	key      int
	next     []triNext
	han, end int
}

type triNext struct {
	idx, n int
}

func quant(lp float64, scale float64) uint8 {
	q := math.Round(-lp * scale)
	if q < 1 {
		q = 1
	}
	if q > 255 {
		q = 255
	}
	return uint8(q)
}

// build combines the Simplified and Traditional counts into one model. The
// combined distribution gives each dictionary half of the mass, so neither
// script dominates. With text (running-text counts, nil for none) and
// opt.TextShare > 0, the model is the mixture of that dictionary model,
// weighted 1-TextShare, and a model of the running text, weighted
// TextShare: unigrams, stored pairs and back-off weights alike (the
// back-off of the mixture is the mixture of the back-offs, exact where
// both unigram distributions agree). The Simplified and Traditional
// frequencies, which tell the scripts apart, stay the dictionaries'.
func build(s, t, text *counts, opt options) *model {
	beta := opt.TextShare
	if text == nil || text.total == 0 {
		beta = 0
	}
	sources := []*counts{s, t}
	if beta > 0 {
		sources = append(sources, text)
	}
	runes := make([]rune, 0, len(s.uni)+len(t.uni))
	seen := map[rune]bool{}
	for _, c := range sources {
		for r := range c.uni {
			if !seen[r] {
				seen[r] = true
				runes = append(runes, r)
			}
		}
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	index := make(map[rune]int, len(runes))
	for i, r := range runes {
		index[r] = i
	}

	pdict := make([]float64, len(runes)) // the dictionaries' P(r | Han)
	ptext := make([]float64, len(runes)) // the running text's P(r | Han)
	puni := make([]float64, len(runes))  // the mixture's P(r | Han)
	m := &model{vocab: make([]entry, len(runes))}
	for i, r := range runes {
		ps := s.uni[r] / s.total
		pt := t.uni[r] / t.total
		pdict[i] = 0.5*ps + 0.5*pt
		if beta > 0 {
			ptext[i] = text.uni[r] / text.total
		}
		puni[i] = (1-beta)*pdict[i] + beta*ptext[i]
		e := &m.vocab[i]
		e.r = r
		e.qC = quant(math.Log(opt.HanShare*puni[i]), probScale)
		if ps > 0 {
			e.qS = quant(math.Log(ps), probScale)
		}
		if pt > 0 {
			e.qT = quant(math.Log(pt), probScale)
		}
	}

	// Pair counts by first character: the dictionaries' scaled to
	// scaleTotal characters per dictionary, the running text's as counted.
	dictRows := pairRows(index, len(runes), s, t)
	var textRows [][]pairCount
	if beta > 0 {
		textRows = pairRows(index, len(runes), text)
	}
	for a := range runes {
		d := newRowEstimate(dictRows[a], opt.InWord)
		x := newRowEstimate(nil, 1)
		if beta > 0 {
			x = newRowEstimate(textRows[a], 1)
		}
		e := &m.vocab[a]
		back := (1-beta)*d.back + beta*x.back
		e.qBack = quant(math.Log(back), backoffScale)
		// The runtime back-off is exp(-qBack/backoffScale) * Unigram(b);
		// use the quantised value so stored pairs are compared fairly.
		lb := -float64(e.qBack) / backoffScale
		// The union of both rows, by successor.
		i, j := 0, 0
		for i < len(d.row) || j < len(x.row) {
			var b int
			var cd, cx float64
			switch {
			case j >= len(x.row) || (i < len(d.row) && d.row[i].b < x.row[j].b):
				b, cd = d.row[i].b, d.row[i].c
				i++
			case i >= len(d.row) || x.row[j].b < d.row[i].b:
				b, cx = x.row[j].b, x.row[j].c
				j++
			default:
				b, cd, cx = d.row[i].b, d.row[i].c, x.row[j].c
				i, j = i+1, j+1
			}
			if cd < opt.MinPair && cx < opt.MinTextPair {
				continue
			}
			p := (1 - beta) * d.prob(cd, opt.HanShare*pdict[b])
			if beta > 0 {
				p += beta * x.prob(cx, opt.HanShare*ptext[b])
			}
			lp := math.Log(p)
			uniQ := -float64(m.vocab[b].qC) / probScale
			if lp-(lb+uniQ) < opt.MinGain {
				continue
			}
			e.succ = append(e.succ, succ{b, quant(lp, probScale)})
		}
		m.nBigrams += len(e.succ)
	}
	if beta > 0 && text.tri != nil {
		m.tris, m.nTriples = triContexts(index, text.tri, text.triEnd, opt.MinTriContext)
	}
	return m
}

// triContexts groups the triples of running text by their first two
// characters, with the counts of the runs that end after them (end),
// keeps the contexts seen at least minContext times, and returns them
// sorted by key with their successors sorted by index.
func triContexts(index map[rune]int, tri map[[3]rune]int, end map[[2]rune]int, minContext int) ([]triContext, int) {
	n := len(index)
	byKey := map[int]*triContext{}
	context := func(a, b rune) *triContext {
		ia, oka := index[a]
		ib, okb := index[b]
		if !oka || !okb {
			return nil
		}
		key := ia*n + ib
		tc := byKey[key]
		if tc == nil {
			tc = &triContext{key: key}
			byKey[key] = tc
		}
		return tc
	}
	for t, c := range tri {
		ic, okc := index[t[2]]
		if !okc {
			continue
		}
		if tc := context(t[0], t[1]); tc != nil {
			x := triNext{ic, min(c, maxTriCount)}
			tc.next = append(tc.next, x)
			tc.han += x.n
		}
	}
	for p, c := range end {
		if tc := context(p[0], p[1]); tc != nil {
			tc.end = c
		}
	}
	var out []triContext
	nt := 0
	for _, tc := range byKey {
		if tc.han+tc.end < minContext {
			continue
		}
		sort.Slice(tc.next, func(i, j int) bool { return tc.next[i].idx < tc.next[j].idx })
		out = append(out, *tc)
		nt += len(tc.next)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out, nt
}

// pairCount is the count c of a pair whose second character has index b.
type pairCount struct {
	b int
	c float64
}

// pairRows returns the pair counts of the sources by first character,
// each row sorted by second character with duplicates merged. More than
// one source share scaleTotal characters equally; a single source keeps
// its counts.
func pairRows(index map[rune]int, n int, srcs ...*counts) [][]pairCount {
	rows := make([][]pairCount, n)
	for _, c := range srcs {
		k := 1.0
		if len(srcs) > 1 {
			k = scaleTotal / float64(len(srcs)) / c.total
		}
		for p, cnt := range c.bi {
			a := index[p[0]]
			rows[a] = append(rows[a], pairCount{index[p[1]], cnt * k})
		}
	}
	for a, row := range rows {
		sort.Slice(row, func(i, j int) bool { return row[i].b < row[j].b })
		merged := row[:0]
		for _, pc := range row {
			if n := len(merged); n > 0 && merged[n-1].b == pc.b {
				merged[n-1].c += pc.c
				continue
			}
			merged = append(merged, pc)
		}
		rows[a] = merged
	}
	return rows
}

// rowEstimate is the Witten-Bell estimate of P(b|a) from one row of pair
// counts: the more distinct successors per observation, the more mass goes
// to the back-off (the unigram).
type rowEstimate struct {
	row   []pairCount
	total float64
	w     float64 // weight of the maximum-likelihood estimate
	back  float64 // weight of the unigram
}

// newRowEstimate returns the estimate of row; inWord is the share of
// transitions the counts can predict at all (dictionary words give no
// pairs across word boundaries: 0.5; running text: 1).
func newRowEstimate(row []pairCount, inWord float64) rowEstimate {
	var total float64
	for _, pc := range row {
		total += pc.c
	}
	lambda := 0.0
	if total > 0 {
		lambda = total / (total + float64(len(row)))
	}
	w := inWord * lambda
	return rowEstimate{row: row, total: total, w: w, back: 1 - w}
}

// prob is the estimate of P(b|a) for a pair of count c and a second
// character of unigram probability pb.
func (r rowEstimate) prob(c, pb float64) float64 {
	p := r.back * pb
	if r.total > 0 {
		p += r.w * c / r.total
	}
	return p
}

// write encodes the model; see internal/lm/format.go for the layout.
func (m *model) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) {
		n := binary.PutUvarint(tmp[:], x)
		bw.Write(tmp[:n])
	}
	bw.WriteString("HFLM\x02")
	uv(uint64(len(m.vocab)))
	prev := rune(0)
	for _, e := range m.vocab {
		uv(uint64(e.r - prev))
		prev = e.r
		bw.Write([]byte{e.qC, e.qS, e.qT, e.qBack})
	}
	uv(uint64(m.nBigrams))
	for _, e := range m.vocab {
		uv(uint64(len(e.succ)))
		p := 0
		for _, s := range e.succ {
			uv(uint64(s.idx - p))
			p = s.idx
			bw.WriteByte(s.q)
		}
	}
	// The triples: the contexts' headers, then the successors of all of
	// them as little-endian uint16 indices, then their counts as bytes
	// (255: the count is the next uvarint of the large counts after
	// them), so that the reader copies arrays instead of decoding a
	// varint per triple.
	uv(uint64(len(m.tris)))
	uv(uint64(m.nTriples))
	pk := 0
	for _, tc := range m.tris {
		uv(uint64(tc.key - pk))
		pk = tc.key
		uv(uint64(len(tc.next)))
		uv(uint64(tc.han))
		uv(uint64(tc.end))
	}
	for _, tc := range m.tris {
		for _, x := range tc.next {
			bw.Write([]byte{byte(x.idx), byte(x.idx >> 8)})
		}
	}
	var large []int
	for _, tc := range m.tris {
		for _, x := range tc.next {
			if x.n >= 255 {
				bw.WriteByte(255)
				large = append(large, x.n)
			} else {
				bw.WriteByte(byte(x.n))
			}
		}
	}
	for _, n := range large {
		uv(uint64(n))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}
