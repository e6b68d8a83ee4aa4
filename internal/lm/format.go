package lm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The binary model format, written by tools/genlm:
//
//	"HFLM\x02"                          magic and version
//	uvarint n                           number of modelled characters
//	n × { uvarint Δrune; qC qS qT qB }   characters in increasing order, the
//	                                    rune as the difference to the previous one
//	uvarint m                           number of stored bigrams
//	n × { uvarint k; k × { uvarint Δidx; q } }
//	                                    successors of each character by
//	                                    increasing index, with log P(b|a)
//	uvarint t; uvarint u                number of triple contexts and of triples
//	t × { uvarint Δkey; uvarint k; uvarint s; uvarint e }
//	                                    pairs a b of running text (key =
//	                                    index(a)·n + index(b), increasing),
//	                                    each seen before k Han characters, s
//	                                    times in all (the sum of their
//	                                    counts), and e times at the end of a
//	                                    run of Han characters
//	u × uint16                          those characters by context, by
//	                                    increasing index (little-endian)
//	u × uint8                           their counts; 255 for one of 255 or
//	                                    more, which is the next of:
//	uvarint …                           the large counts, in order (≤ 65535)
//
// Log-probabilities are quantised as q = round(-lp·10) in 1..255 (qS and qT
// are 0 for characters absent from that dictionary); the back-off weight of
// a character is qB = round(-log w·100).
const (
	magic        = "HFLM\x02"
	probScale    = 10
	backoffScale = 100
	maxVocab     = 1<<16 - 1
)

var errFormat = errors.New("malformed model")

// Parse decodes a model in the format written by tools/genlm. Most callers
// want Default; Parse is for tests and for alternative models.
func Parse(data []byte) (*Model, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("parse model: bad magic: %w", errFormat)
	}
	p := data[len(magic):]
	next := func() (uint64, bool) {
		if len(p) > 0 && p[0] < 0x80 { // most values fit one byte
			v := uint64(p[0])
			p = p[1:]
			return v, true
		}
		v, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, false
		}
		p = p[n:]
		return v, true
	}
	n, ok := next()
	if !ok || n > maxVocab {
		return nil, fmt.Errorf("parse model: vocabulary size: %w", errFormat)
	}
	m := newModel(int(n))
	r := rune(0)
	for i := 0; i < int(n); i++ {
		d, ok := next()
		if !ok || len(p) < 4 || d > 0x10FFFF || uint64(r)+d > 0x10FFFF || (i > 0 && d == 0) {
			return nil, fmt.Errorf("parse model: character %d: %w", i, errFormat)
		}
		r += rune(d)
		m.addRune(i, r, p[0], p[1], p[2], p[3])
		p = p[4:]
	}
	nb, ok := next()
	if !ok || nb > uint64(len(p)) {
		return nil, fmt.Errorf("parse model: bigram count: %w", errFormat)
	}
	if err := parseRows(m, n, nb, &p); err != nil {
		return nil, err
	}
	var err error
	if p, err = parseTriples(m, n, p); err != nil {
		return nil, err
	}
	if len(p) != 0 {
		return nil, fmt.Errorf("parse model: %d trailing bytes: %w", len(p), errFormat)
	}
	m.stored = newPairFilter(m.rowStart, m.succ, m.back)
	return m, nil
}

// parseRows reads the successor rows of a model of n characters, nb
// successors in all, from *p into m and advances *p past them. Each row
// goes through fastRow, and only a row that fastRow cannot take (a delta
// of three bytes, or a damaged row) through the careful decoder, which
// says what is wrong as a decoder that appends every successor and
// compares the count at the end would.
func parseRows(m *Model, n, nb uint64, p *[]byte) error {
	data := *p
	succ := make([]uint16, nb)
	succQ := make([]uint8, nb)
	at, pos := 0, uint64(0) // the next byte of data, the next successor
	for i := uint64(0); i < n; i++ {
		m.rowStart[i] = uint32(pos)
		k, ok := uint64(0), false
		if at < len(data) && data[at] < 0x80 {
			k, ok = uint64(data[at]), true
			at++
		} else if v, w := binary.Uvarint(data[at:]); w > 0 {
			k, ok = v, true
			at += w
		}
		if !ok || k > uint64(len(data)-at) {
			return fmt.Errorf("parse model: row %d: %w", i, errFormat)
		}
		// (pos passes nb only in a damaged model, whose rows hold more
		// successors than it says: the careful decoder then counts on to
		// report it.)
		if pos <= nb && k <= nb-pos {
			if w, ok := fastRow(succ[pos:pos+k], succQ[pos:pos+k], data[at:], uint32(n)); ok {
				at += w
				pos += k
				continue
			}
		}
		idx := uint64(0)
		for j := uint64(0); j < k; j++ {
			d, w := binary.Uvarint(data[at:])
			if w <= 0 || at+w >= len(data) || (j > 0 && d == 0) {
				return fmt.Errorf("parse model: row %d: %w", i, errFormat)
			}
			idx += d
			if idx >= n {
				return fmt.Errorf("parse model: row %d: index out of range: %w", i, errFormat)
			}
			if pos < nb {
				succ[pos], succQ[pos] = uint16(idx), data[at+w]
			}
			at += w + 1
			pos++
		}
	}
	m.rowStart[n] = uint32(pos)
	if pos != nb {
		return fmt.Errorf("parse model: bigram count: %w", errFormat)
	}
	m.succ, m.succQ = succ, succQ
	*p = data[at:]
	return nil
}

// fastRow decodes a row of len(succ) successors from the start of src
// into succ and succQ (of the same length) when every delta takes one or
// two bytes and the indices increase strictly and stay below n, as in
// nearly every row of the embedded model. It returns the bytes the row
// took, or false when the row is not of that kind. Its loop holds few
// values and tests each byte once: with it, decoding the embedded
// model's 820,598 successors takes 16M fewer instructions than through a
// closure per value and an append per successor, as Parse did.
func fastRow(succ []uint16, succQ []uint8, src []byte, n uint32) (int, bool) {
	succQ = succQ[:len(succ)]
	at, idx := 0, uint32(0)
	for j := range succ {
		if len(src)-at < 3 {
			return 0, false
		}
		b0, b1 := src[at], src[at+1]
		d := uint32(b0)
		if b0 < 0x80 {
			succQ[j] = b1
			at += 2
		} else if b1 < 0x80 {
			d = d&0x7F | uint32(b1)<<7
			succQ[j] = src[at+2]
			at += 3
		} else {
			return 0, false
		}
		if d == 0 && j > 0 {
			return 0, false
		}
		idx += d
		if idx >= n {
			return 0, false
		}
		succ[j] = uint16(idx)
	}
	return at, true
}

// parseTriples reads the triple section at p of a model of n characters
// into m and returns what follows it. The successors and their counts
// are copied as they are stored and read where they are looked up: only
// the contexts are decoded (the embedded model has 97,626 of them, and
// 607,050 triples).
// The rows are not checked for order; a corrupt row gives wrong counts,
// never an out-of-range access.
func parseTriples(m *Model, n uint64, p []byte) ([]byte, error) {
	i := 0
	// uv decodes the uvarint at p[i:].
	uv := func() (uint64, bool) {
		if i < len(p) && p[i] < 0x80 { // most values fit one byte
			i++
			return uint64(p[i-1]), true
		}
		v, k := binary.Uvarint(p[i:])
		if k <= 0 {
			return 0, false
		}
		i += k
		return v, true
	}
	nc, ok1 := uv()
	nt, ok2 := uv()
	if !ok1 || !ok2 || nc > uint64(len(p))/4 || nt > uint64(len(p))/3 {
		return nil, fmt.Errorf("parse model: triple counts: %w", errFormat)
	}
	t := &m.tri
	t.init(int(nc))
	key, sum := uint64(0), uint64(0)
	for c := uint64(0); c < nc; c++ {
		d, ok1 := uv()
		k, ok2 := uv()
		total, ok3 := uv()
		end, ok4 := uv()
		if !ok1 || !ok2 || !ok3 || !ok4 || (c > 0 && d == 0) || d >= n*n-key || k > nt-sum || total > math.MaxUint32 || end > math.MaxUint32 {
			return nil, fmt.Errorf("parse model: triple context %d: %w", c, errFormat)
		}
		key += d
		sum += k
		t.start = append(t.start, uint32(sum))
		t.add(uint32(key/n), uint32(key%n), uint32(total), uint32(end))
	}
	if sum != nt || uint64(len(p)-i) < 3*nt {
		return nil, fmt.Errorf("parse model: triples: %w", errFormat)
	}
	t.idx = bytes.Clone(p[i : i+2*int(nt)])
	t.cnt = bytes.Clone(p[i+2*int(nt) : i+3*int(nt)])
	i += 3 * int(nt)
	for j := bytes.IndexByte(t.cnt, 255); j >= 0; {
		v, ok := uv()
		if !ok || v < 255 || v > 1<<16-1 {
			return nil, fmt.Errorf("parse model: large triple count: %w", errFormat)
		}
		if t.large == nil {
			t.large = map[uint32]uint16{}
		}
		t.large[uint32(j)] = uint16(v)
		k := bytes.IndexByte(t.cnt[j+1:], 255)
		if k < 0 {
			break
		}
		j += 1 + k
	}
	return p[i:], nil
}
