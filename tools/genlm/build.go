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
}

var defaultOptions = options{HanShare: 0.85, InWord: 0.5, MinPair: 2, MinGain: 0.3}

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
// script dominates.
func build(s, t *counts, opt options) *model {
	runes := make([]rune, 0, len(s.uni)+len(t.uni))
	seen := map[rune]bool{}
	for _, c := range []*counts{s, t} {
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

	puni := make([]float64, len(runes)) // combined P(r | Han)
	m := &model{vocab: make([]entry, len(runes))}
	for i, r := range runes {
		ps := s.uni[r] / s.total
		pt := t.uni[r] / t.total
		puni[i] = 0.5*ps + 0.5*pt
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

	// Combined pair counts, scaled to scaleTotal characters per dictionary.
	type pairCount struct {
		b int
		c float64
	}
	rows := make([][]pairCount, len(runes))
	add := func(c *counts) {
		k := 0.5 * scaleTotal / c.total
		for p, n := range c.bi {
			a := index[p[0]]
			rows[a] = append(rows[a], pairCount{index[p[1]], n * k})
		}
	}
	add(s)
	add(t)
	for a, row := range rows {
		// Merge duplicates (the same pair from both dictionaries).
		sort.Slice(row, func(i, j int) bool { return row[i].b < row[j].b })
		merged := row[:0]
		for _, pc := range row {
			if n := len(merged); n > 0 && merged[n-1].b == pc.b {
				merged[n-1].c += pc.c
				continue
			}
			merged = append(merged, pc)
		}
		var total float64
		for _, pc := range merged {
			total += pc.c
		}
		e := &m.vocab[a]
		lambda := 0.0
		if total > 0 {
			// Witten-Bell: the more distinct successors per observation,
			// the more mass goes to unseen pairs.
			lambda = total / (total + float64(len(merged)))
		}
		w := opt.InWord * lambda
		back := 1 - w
		e.qBack = quant(math.Log(back), backoffScale)
		// The runtime back-off is exp(-qBack/backoffScale) * Unigram(b);
		// use the quantised value so stored pairs are compared fairly.
		lb := -float64(e.qBack) / backoffScale
		for _, pc := range merged {
			if pc.c < opt.MinPair {
				continue
			}
			pml := pc.c / total
			pb := puni[pc.b] * opt.HanShare
			lp := math.Log(w*pml + back*pb)
			uniQ := -float64(m.vocab[pc.b].qC) / probScale
			if lp-(lb+uniQ) < opt.MinGain {
				continue
			}
			e.succ = append(e.succ, succ{pc.b, quant(lp, probScale)})
		}
		m.nBigrams += len(e.succ)
	}
	return m
}

// write encodes the model; see internal/lm/format.go for the layout.
func (m *model) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) {
		n := binary.PutUvarint(tmp[:], x)
		bw.Write(tmp[:n])
	}
	bw.WriteString("HFLM\x01")
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
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}
