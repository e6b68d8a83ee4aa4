package lm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"testing"
)

// TestParseSameAsReference checks that Parse builds the very model that
// the straightforward decoder below builds from the embedded data: every
// table, the bigram filter and the triples, value for value. The
// reference is Parse as it was before its loops were tuned for start-up
// cost; it is kept so that further tuning can be checked the same way.
func TestParseSameAsReference(t *testing.T) {
	want, err := refParse(modelData)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(modelData)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("Parse and the reference decoder build different models")
	}
}

// TestParseErrorsSameAsReference checks that Parse rejects damaged models
// as the reference decoder does, with the same message: the embedded
// model cut short at several points, and with single bytes changed.
func TestParseErrorsSameAsReference(t *testing.T) {
	check := func(name string, data []byte) {
		t.Helper()
		_, err := Parse(data)
		_, want := refParse(data)
		if fmt.Sprint(err) != fmt.Sprint(want) {
			t.Errorf("%s: Parse: %v, reference: %v", name, err, want)
		}
	}
	for k := 0; k <= 16; k++ {
		check(fmt.Sprintf("cut at %d/16", k), modelData[:len(modelData)*k/16])
	}
	for k := 1; k < 8; k++ {
		for _, b := range []byte{0, 0xFF} {
			data := bytes.Clone(modelData)
			data[len(data)*k/8] = b
			check(fmt.Sprintf("byte %d/8 set to %#x", k, b), data)
		}
	}
}

// refParse is Parse as it was: it decodes every value through a closure
// and appends the successors.
func refParse(data []byte) (*Model, error) {
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
	m := refNewModel(int(n))
	r := rune(0)
	for i := 0; i < int(n); i++ {
		d, ok := next()
		if !ok || len(p) < 4 || d > 0x10FFFF || uint64(r)+d > 0x10FFFF || (i > 0 && d == 0) {
			return nil, fmt.Errorf("parse model: character %d: %w", i, errFormat)
		}
		r += rune(d)
		refAddRune(m, i, r, p[0], p[1], p[2], p[3])
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
	if uint64(len(m.succ)) != nb {
		return nil, fmt.Errorf("parse model: bigram count: %w", errFormat)
	}
	var err error
	if p, err = refParseTriples(m, n, p); err != nil {
		return nil, err
	}
	if len(p) != 0 {
		return nil, fmt.Errorf("parse model: %d trailing bytes: %w", len(p), errFormat)
	}
	m.stored = refNewPairFilter(m.rowStart, m.succ, m.back)
	return m, nil
}

func refParseTriples(m *Model, n uint64, p []byte) ([]byte, error) {
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
	refTriInit(t, int(nc))
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
		refTriAdd(t, uint32(key/n), uint32(key%n), uint32(total), uint32(end))
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

// refNewPairFilter builds the filter of each row in turn, hashing every
// successor in full.
func refNewPairFilter(rowStart []uint32, succ []uint16, back []float32) pairFilter {
	n := len(rowStart) - 1
	f := pairFilter{rows: make([]pairRow, n), words: make([]uint64, 1)}
	for a := 0; a < n; a++ {
		k := rowStart[a+1] - rowStart[a]
		f.rows[a] = pairRow{start: rowStart[a], back: back[a], n: uint16(k)}
		if k == 0 {
			continue
		}
		w := uint32(1)
		for w*64 < 16*k {
			w *= 2
		}
		off := uint32(len(f.words))
		f.rows[a].off, f.rows[a].mask = off, uint16(w-1)
		f.words = append(f.words, make([]uint64, w)...)
		for _, b := range succ[rowStart[a]:rowStart[a+1]] {
			i, m := pairHash(int(b))
			f.words[off+i%w] |= m
		}
	}
	f.words = f.words[:len(f.words):len(f.words)]
	return f
}

func refNewModel(n int) *Model {
	m := &Model{
		supp:     map[rune]uint16{},
		runes:    make([]rune, n),
		vuni:     make([]float32, n),
		simp:     make([]float32, n),
		trad:     make([]float32, n),
		back:     make([]float32, n),
		rowStart: make([]uint32, n+1),
	}
	for r := range m.bmp {
		m.bmp[r].uni = float32(floor(rune(r)))
	}
	return m
}

func refAddRune(m *Model, i int, r rune, qC, qS, qT, qB uint8) {
	m.runes[i] = r
	m.vuni[i] = qlp[qC]
	if qS != 0 {
		m.simp[i] = qprob[qS]
	}
	if qT != 0 {
		m.trad[i] = qprob[qT]
	}
	m.back[i] = -float32(qB) / backoffScale
	if r < 0x10000 {
		m.bmp[r] = runeEntry{uni: m.vuni[i], idx: uint16(i + 1)}
	} else {
		m.supp[r] = uint16(i + 1)
	}
}

func refTriInit(t *triples, n int) {
	size, bits := 16, uint32(4)
	for size < 2*n {
		size, bits = size*2, bits+1
	}
	t.slots, t.shift = make([]triSlot, size), 32-bits
	t.start = append(make([]uint32, 0, n+1), 0)
	t.logDen = make([]float32, 0, n)
	t.logEnd = make([]float32, 0, n)
}

func refTriAdd(t *triples, ia, ib, han, end uint32) {
	key := triKey(ia, ib)
	ctx := uint32(len(t.logDen)) + 1
	den := logPlusPrior(han + end)
	t.logDen = append(t.logDen, float32(den))
	t.logEnd = append(t.logEnd, float32(logPlusEnd(end)-den-logNonHanShare))
	mask := uint32(len(t.slots) - 1)
	for h := t.slot(key); ; h = (h + 1) & mask {
		if t.slots[h].ctx == 0 {
			t.slots[h] = triSlot{key, ctx}
			return
		}
	}
}
