package lm

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The binary model format, written by tools/genlm:
//
//	"HFLM\x01"                          magic and version
//	uvarint n                           number of modelled characters
//	n × { uvarint Δrune; qC qS qT qB }   characters in increasing order, the
//	                                    rune as the difference to the previous one
//	uvarint m                           number of stored bigrams
//	n × { uvarint k; k × { uvarint Δidx; q } }
//	                                    successors of each character by
//	                                    increasing index, with log P(b|a)
//
// Log-probabilities are quantised as q = round(-lp·10) in 1..255 (qS and qT
// are 0 for characters absent from that dictionary); the back-off weight of
// a character is qB = round(-log w·100).
const (
	magic        = "HFLM\x01"
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
	m.succ = make([]uint16, 0, nb)
	m.succQ = make([]uint8, 0, nb)
	for i := 0; i < int(n); i++ {
		m.rowStart[i] = uint32(len(m.succ))
		k, ok := next()
		if !ok || k > uint64(len(p)) {
			return nil, fmt.Errorf("parse model: row %d: %w", i, errFormat)
		}
		idx := uint64(0)
		for j := uint64(0); j < k; j++ {
			d, ok := next()
			if !ok || len(p) < 1 || (j > 0 && d == 0) {
				return nil, fmt.Errorf("parse model: row %d: %w", i, errFormat)
			}
			idx += d
			if idx >= n {
				return nil, fmt.Errorf("parse model: row %d: index out of range: %w", i, errFormat)
			}
			m.succ = append(m.succ, uint16(idx))
			m.succQ = append(m.succQ, p[0])
			p = p[1:]
		}
	}
	m.rowStart[n] = uint32(len(m.succ))
	if len(p) != 0 || uint64(len(m.succ)) != nb {
		return nil, fmt.Errorf("parse model: %d trailing bytes: %w", len(p), errFormat)
	}
	m.stored = newPairFilter(m.rowStart, m.succ)
	return m, nil
}
