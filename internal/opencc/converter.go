package opencc

import (
	"strings"
	"sync"
	"unsafe"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// A Converter applies one OpenCC configuration: the normalization chain on
// the whole text, then maximal-matching segmentation, then the conversion
// chain on each segment, every step by longest match at each position.
// It is safe for concurrent use.
type Converter struct {
	name         string
	norm         []*matcher
	seg          *matcher
	chain        []*matcher
	conservative bool
	noIDS        bool      // copy ideographic description sequences character by character
	segmented    bool      // the configuration segments (by seg, or fused)
	fused        bool      // the first conversion step does the segmentation (see convert)
	pool         sync.Pool // *scratch
	tpool        sync.Pool // *tracer
	assembled    assembledCache
}

func (c *Converter) getTracer() *tracer {
	if t, ok := c.tpool.Get().(*tracer); ok {
		return t
	}
	return &tracer{}
}

func (c *Converter) putTracer(t *tracer) {
	for i, b := range t.buf {
		if cap(b) > maxPooledBuf {
			t.buf[i] = nil
		}
	}
	for i := range t.v {
		t.v[i].text = ""
		if cap(t.v[i].frags) > 4*maxPooledBuf/24 {
			t.v[i].frags = nil
		}
		if cap(t.v[i].spans) > 4*maxPooledBuf/40 {
			t.v[i].spans = nil
		}
		clear(t.v[i].frags[:cap(t.v[i].frags)]) // drop references to input strings
	}
	if cap(t.step) > 4*maxPooledBuf/40 {
		t.step = nil
	}
	if cap(t.ambs) > maxPooledBuf/48 {
		t.ambs = nil
	}
	c.tpool.Put(t)
}

// scratch holds the per-call buffers: one per normalization and
// conversion step, and the output.
type scratch struct {
	bufs [][]byte
	bars []int // segment boundaries
}

// maxPooledBuf bounds the buffers kept between calls.
const maxPooledBuf = 1 << 20

func (c *Converter) getScratch() *scratch { return c.pool.Get().(*scratch) }

func (c *Converter) putScratch(sc *scratch) {
	for i, b := range sc.bufs {
		if cap(b) > maxPooledBuf {
			sc.bufs[i] = nil
		}
	}
	if cap(sc.bars) > maxPooledBuf/8 {
		sc.bars = nil
	}
	c.pool.Put(sc)
}

// Name returns the configuration name the converter was built for.
func (c *Converter) Name() string { return c.name }

// Conservative reports whether the converter leaves ambiguous characters
// unconverted.
func (c *Converter) Conservative() bool { return c.conservative }

// bytesString views b as a string without copying; b must not change while
// the string is in use.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Convert converts s. It returns s itself, without allocating, when the
// conversion changes nothing; otherwise it allocates only the result.
func (c *Converter) Convert(s string) string {
	if len(s) == 0 {
		return s
	}
	sc := c.getScratch()
	cur, changed := c.convert(s, sc)
	if changed {
		cur = strings.Clone(cur) // copy out of the scratch buffers
	} else {
		cur = s
	}
	c.putScratch(sc)
	return cur
}

// convert runs the whole pipeline; the result may live in sc's buffers.
//
// Segmentation is applied as barriers: offsets of the text that no match of
// the conversion steps may cross, which is what converting each segment on
// its own amounts to. When the segmentation dictionary is the first level
// of the first step and the step's other levels hold single characters only
// (s2tw, s2hk, s2twp, s2hkp), the first step finds the same phrases as the
// segmentation would, so it runs on the whole text and records the
// barriers itself (fused).
func (c *Converter) convert(s string, sc *scratch) (string, bool) {
	cur, changed := s, false
	for k, m := range c.norm {
		out, ch := c.run(m, cur, sc.bufs[k][:0])
		if ch {
			sc.bufs[k] = out
			cur, changed = bytesString(out), true
		}
	}
	bars := sc.bars[:0]
	if c.seg != nil && !c.fused {
		bars = c.segBarriers(cur, bars)
	}
	for k, m := range c.chain {
		b := len(c.norm) + k
		var out []byte
		var ch bool
		switch {
		case k == 0 && c.fused:
			out, ch, bars = c.runFused(m, cur, sc.bufs[b][:0], bars)
		case c.segmented:
			out, ch = c.runLimited(m, cur, sc.bufs[b][:0], bars, k+1 < len(c.chain))
		default:
			out, ch = c.run(m, cur, sc.bufs[b][:0])
		}
		if ch {
			sc.bufs[b] = out
			cur, changed = bytesString(out), true
		}
	}
	sc.bars = bars
	return cur, changed
}

// segBarriers appends the segment boundaries of s (the starts and ends of
// segmentation matches, without 0) to bars.
func (c *Converter) segBarriers(s string, bars []int) []int {
	for i := 0; i < len(s); {
		if c.seg.sparse {
			if i = c.seg.skip(s, i); i >= len(s) {
				break
			}
		}
		n, v := c.seg.next(s, i)
		if v != noValue {
			if i > 0 && (len(bars) == 0 || bars[len(bars)-1] != i) {
				bars = append(bars, i)
			}
			bars = append(bars, i+n)
		}
		i += n
	}
	return bars
}

// runFused is run that also records, as barriers in its output, the
// boundaries of every level-0 match.
func (c *Converter) runFused(m *matcher, s string, dst []byte, bars []int) ([]byte, bool, []int) {
	changed := false
	last, delta := 0, 0 // output offset of input offset i is i+delta
	for i := 0; i < len(s); {
		var n int
		var v int32
		// The commonest case, a valid three-byte character, inline; see next.
		if c0 := s[i]; c0&0xF0 == 0xE0 && i < len(s)-2 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r := rune(c0&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x800 && uint32(r-0x2FF0) >= 0x10 && uint32(r-0xD800) >= 0x800 {
				cur := uint32(m.bmp[uint16(r)])
				if cur == 0 {
					i += 3
					continue
				}
				if nd := &m.nodes[cur]; nd.mask == 0 || i+3 == len(s) ||
					i < len(s)-5 && s[i+3]&0xF0 == 0xE0 && nd.mask&bytesBit(s[i+4], s[i+5]) == 0 {
					// No key continues with the next character (the walk's
					// first test, done here to save the call).
					n, v = 3, nd.val
				} else if n, v = m.walk(s, i, i+3, cur); v == noValue {
					n = 3
				}
			} else {
				n, v = m.next(s, i)
			}
		} else {
			n, v = m.next(s, i)
		}
		if v == noValue {
			i += n
			continue
		}
		level0 := m.levels[v] == 0
		if level0 && i > 0 && (len(bars) == 0 || bars[len(bars)-1] != i+delta) {
			bars = append(bars, i+delta)
		}
		if !(c.conservative && m.isAmbiguous(v)) {
			if !m.isIdentity(v) {
				val := m.vals[v]
				if !changed {
					if cap(dst) < len(s)+len(s)/4 {
						dst = make([]byte, 0, len(s)+len(s)/4+16)
					}
					changed = true
				}
				dst = appendPiece(dst, s[last:i], val)
				last = i + n
				delta += len(val) - n
			}
		}
		i += n
		if level0 {
			bars = append(bars, i+delta)
		}
	}
	if !changed {
		return dst, false, bars
	}
	return append(dst, s[last:]...), true, bars
}

// runLimited is run with barriers that no match crosses. With mapBars it
// rewrites the barriers as offsets of its output.
func (c *Converter) runLimited(m *matcher, s string, dst []byte, bars []int, mapBars bool) ([]byte, bool) {
	changed := false
	last, delta := 0, 0
	bi := 0
	for i := 0; i < len(s); {
		if m.sparse {
			// Skipping matches nothing, so it may pass barriers; they are
			// mapped below.
			if i = m.skip(s, i); i >= len(s) {
				break
			}
		}
		for bi < len(bars) && bars[bi] <= i {
			if mapBars {
				bars[bi] += delta
			}
			bi++
		}
		sl := s // matches end at the next barrier
		if bi < len(bars) {
			sl = s[:bars[bi]]
		}
		var n int
		var v int32
		// The commonest case, a valid three-byte character, inline; see next.
		if c0 := sl[i]; c0&0xF0 == 0xE0 && i < len(sl)-2 && sl[i+1]&0xC0 == 0x80 && sl[i+2]&0xC0 == 0x80 {
			r := rune(c0&0x0F)<<12 | rune(sl[i+1]&0x3F)<<6 | rune(sl[i+2]&0x3F)
			if r >= 0x800 && uint32(r-0x2FF0) >= 0x10 && uint32(r-0xD800) >= 0x800 {
				cur := uint32(m.bmp[uint16(r)])
				if cur == 0 {
					i += 3
					continue
				}
				if nd := &m.nodes[cur]; nd.mask == 0 || i+3 == len(sl) ||
					i < len(sl)-5 && sl[i+3]&0xF0 == 0xE0 && nd.mask&bytesBit(sl[i+4], sl[i+5]) == 0 {
					n, v = 3, nd.val
				} else if n, v = m.walk(sl, i, i+3, cur); v == noValue {
					n = 3
				}
			} else {
				n, v = m.next(sl, i)
			}
		} else {
			n, v = m.next(sl, i)
		}
		if v == noValue {
			if c.noIDS && n > 3 && isIDSOperator(s, i) {
				n = 3
			}
			i += n
			continue
		}
		if c.conservative && m.isAmbiguous(v) {
			i += n
			continue
		}
		if !m.isIdentity(v) {
			val := m.vals[v]
			if !changed {
				if cap(dst) < len(s)+len(s)/4 {
					dst = make([]byte, 0, len(s)+len(s)/4+16)
				}
				changed = true
			}
			dst = appendPiece(dst, s[last:i], val)
			last = i + n
			delta += len(val) - n
		}
		i += n
	}
	if mapBars {
		for ; bi < len(bars); bi++ {
			bars[bi] += delta
		}
	}
	if !changed {
		return dst, false
	}
	return append(dst, s[last:]...), true
}

// run applies one conversion step to s. When the step changes nothing it
// returns (dst, false) without writing; otherwise dst holds the result.
func (c *Converter) run(m *matcher, s string, dst []byte) ([]byte, bool) {
	if m.leads == nil && !m.sparse {
		return c.runDense(m, s, dst)
	}
	changed := false
	last := 0
	var ls leadScan
	for i := 0; i < len(s); {
		if m.leads != nil {
			if i = m.skipLeads(s, i, &ls); i >= len(s) {
				break
			}
		} else if m.sparse {
			if i = m.skip(s, i); i >= len(s) {
				break
			}
		}
		var n int
		var v int32
		// The commonest case, a valid three-byte character, inline; see next.
		if c0 := s[i]; c0&0xF0 == 0xE0 && i < len(s)-2 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r := rune(c0&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x800 && uint32(r-0x2FF0) >= 0x10 && uint32(r-0xD800) >= 0x800 {
				cur := uint32(m.bmp[uint16(r)])
				if cur == 0 {
					i += 3
					continue
				}
				if nd := &m.nodes[cur]; nd.mask == 0 || i+3 == len(s) ||
					i < len(s)-5 && s[i+3]&0xF0 == 0xE0 && nd.mask&bytesBit(s[i+4], s[i+5]) == 0 {
					// No key continues with the next character (the walk's
					// first test, done here to save the call).
					n, v = 3, nd.val
				} else if n, v = m.walk(s, i, i+3, cur); v == noValue {
					n = 3
				}
			} else {
				n, v = m.next(s, i)
			}
		} else {
			n, v = m.next(s, i)
		}
		if v == noValue {
			if c.noIDS && n > 3 && isIDSOperator(s, i) {
				n = 3
			}
			i += n
			continue
		}
		if c.conservative && m.isAmbiguous(v) {
			i += n // ambiguous single character: leave it
			continue
		}
		if !m.isIdentity(v) {
			val := m.vals[v]
			if !changed {
				if cap(dst) < len(s)+len(s)/4 {
					dst = make([]byte, 0, len(s)+len(s)/4+16)
				}
				changed = true
			}
			dst = appendPiece(dst, s[last:i], val)
			last = i + n
		}
		i += n
	}
	if !changed {
		return dst, false
	}
	return append(dst, s[last:]...), true
}

// runDense is run for a matcher that most characters start keys of.
func (c *Converter) runDense(m *matcher, s string, dst []byte) ([]byte, bool) {
	out, _, changed, _ := c.runDenseTraced(m, s, dst, false, nil)
	return out, changed
}

// runDenseTraced is runDense that, with trace set, also appends to runs
// the runs of characters that the step changes (see ConvertRuns). It
// reports false, with the conversion unfinished, when it cannot trace
// them.
//
// Most replacements keep the length of what they replace (燈 → 灯), so
// the result is first a copy of s with the replacements written over it
// (replaceInPlace); from the first replacement of another length on, it
// is built piece by piece.
func (c *Converter) runDenseTraced(m *matcher, s string, dst []byte, trace bool, runs []Run) ([]byte, []Run, bool, bool) {
	ok := true
	noIDS, conservative := c.noIDS, c.conservative
	i, n, v := m.nextChange(s, 0, noIDS, conservative)
	if n == 0 {
		return dst, runs, false, true
	}
	if cap(dst) < len(s)+len(s)/4 {
		dst = make([]byte, 0, len(s)+len(s)/4+16)
	}
	ip := inPlace{dst: append(dst[:0], s...), runs: runs, trace: trace}
	for n > 0 {
		val := m.vals[v]
		if len(val) != n {
			break
		}
		copy(ip.dst[i:], val)
		if trace {
			if ip.runs, ok = traceRuns(ip.runs, s[i:i+n], i, val, i); !ok {
				return ip.dst, ip.runs, true, false
			}
		}
		i, n, v = m.replaceInPlace(s, i+n, &ip, noIDS, conservative)
	}
	dst, runs = ip.dst, ip.runs
	if n == 0 {
		return dst, runs, true, true
	}
	// s[:i] is converted in dst[:i]; the rest piece by piece.
	dst = dst[:i]
	last := i
	for n > 0 {
		val := m.vals[v]
		dst = appendPiece(dst, s[last:i], val)
		last = i + n
		if trace {
			// The commonest replacement, one three-byte character by
			// another, here; the others by traceRuns.
			if m.isChar3(v) {
				if k := len(runs) - 1; k >= 0 && int(runs[k].End) == i {
					runs[k].End, runs[k].OutEnd = int32(i+3), int32(len(dst))
				} else {
					runs = append(runs, Run{int32(i), int32(i + 3), int32(len(dst) - 3), int32(len(dst))})
				}
			} else if runs, ok = traceRuns(runs, s[i:i+n], i, val, len(dst)-len(val)); !ok {
				return dst, runs, true, false
			}
		}
		i, n, v = m.nextChange(s, i+n, noIDS, conservative)
	}
	return append(dst, s[last:]...), runs, true, true
}

// inPlace is the state of an in-place conversion (see replaceInPlace).
// It is passed by pointer, so that the scan loop, which sees every
// character, holds few variables and keeps them in registers.
type inPlace struct {
	dst   []byte // the text with the replacements so far written over it
	runs  []Run  // the runs traced so far
	trace bool   // trace the runs
}

// replaceInPlace goes on with runDenseTraced's conversion of s from i
// while it can be done in place: ip.dst holds s with the replacements
// before i written over it, each as long as what it replaces. It writes
// over ip.dst each further replacement of one three-byte character by
// another (char3), tracing it in ip.runs when ip.trace is set, and stops
// at the first other change, which it returns as nextChange does: its
// offset, length and value, or a length of 0 at the end of s. It is
// nextChange's scan with the commonest change done in its loop, so that a
// document in the other script, which changes every few characters, is
// converted without a call per change.
func (m *matcher) replaceInPlace(s string, i int, ip *inPlace, noIDS, conservative bool) (int, int, int32) {
	dense := m.dense3 // loaded once, not from m for every character
	// i is never negative: compared as unsigned numbers, the loop test
	// also proves s[i] in bounds, which saves a check per character.
	for uint(i) < uint(len(s)) {
		var n int
		var v int32
		// The commonest case, a three-byte character of a lead byte that
		// dense3 covers (most of the text), inline; see next. Its bytes,
		// 1110xxxx 10xxxxxx 10xxxxxx, are read in one load with the byte
		// after them (the character that ends s is left to next), and
		// they index dense3 without being decoded.
		if i < len(s)-3 {
			w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
			if w&0xC0C0F0 == 0x8080E0 && dense3Leads>>(w&0x0F)&1 != 0 {
				cur := uint32(dense[utf8x.Index3(w)])
				if cur == 0 {
					i += 3
					continue
				}
				if nd := &m.nodes[cur]; nd.mask == 0 ||
					i < len(s)-5 && w>>24&0xF0 == 0xE0 && nd.mask&bytesBit(s[i+4], s[i+5]) == 0 {
					// No key continues with the next character (the walk's
					// first test, done here to save the call).
					n, v = 3, nd.val
				} else if n, v = m.walk(s, i, i+3, cur); v == noValue {
					n = 3
				}
			} else {
				n, v = m.next(s, i)
			}
		} else {
			n, v = m.next(s, i)
		}
		switch {
		case v == noValue:
			if noIDS && n > 3 && isIDSOperator(s, i) {
				n = 3
			}
		case conservative && m.isAmbiguous(v):
			// An ambiguous single character: left as it is.
		case m.isChar3(v):
			val := m.vals[v][:3] // one bounds check for the three bytes
			w := ip.dst[i : i+3]
			w[0], w[1], w[2] = val[0], val[1], val[2]
			if ip.trace {
				if k := len(ip.runs) - 1; k >= 0 && int(ip.runs[k].End) == i {
					ip.runs[k].End, ip.runs[k].OutEnd = int32(i+3), int32(i+3)
				} else {
					ip.runs = append(ip.runs, Run{int32(i), int32(i + 3), int32(i), int32(i + 3)})
				}
			}
		case !m.isIdentity(v):
			return i, n, v
		}
		i += n
	}
	return len(s), 0, noValue
}

// nextChange returns the first match of a dense matcher at or after i
// that changes s: its offset, its length and its value, or (len(s), 0,
// noValue) when there is none. Matches are found at each position as run
// finds them; a position without a match (noValue) passes one character
// or ideographic description sequence, and so does, with noIDS, an
// unmatched sequence, as run does; identity matches, and with
// conservative ambiguous characters, change nothing and are passed. It
// is runDenseTraced's scan, kept apart so that its loop, which sees every
// character, holds its few variables in registers (inside runDenseTraced
// they were spilled to the stack on every character).
func (m *matcher) nextChange(s string, i int, noIDS, conservative bool) (int, int, int32) {
	dense := m.dense3 // see replaceInPlace
	for i < len(s) {
		var n int
		var v int32
		// The commonest case, a three-byte character of a lead byte that
		// dense3 covers, inline; see next and replaceInPlace, whose loop
		// has the same block: keep the two in step. (A function for it
		// would be too large to inline, and a call per character is what
		// these loops avoid.)
		if i < len(s)-3 {
			w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
			if w&0xC0C0F0 == 0x8080E0 && dense3Leads>>(w&0x0F)&1 != 0 {
				cur := uint32(dense[utf8x.Index3(w)])
				if cur == 0 {
					i += 3
					continue
				}
				if nd := &m.nodes[cur]; nd.mask == 0 ||
					i < len(s)-5 && w>>24&0xF0 == 0xE0 && nd.mask&bytesBit(s[i+4], s[i+5]) == 0 {
					// No key continues with the next character (the walk's
					// first test, done here to save the call).
					n, v = 3, nd.val
				} else if n, v = m.walk(s, i, i+3, cur); v == noValue {
					n = 3
				}
			} else {
				n, v = m.next(s, i)
			}
		} else {
			n, v = m.next(s, i)
		}
		switch {
		case v == noValue:
			if noIDS && n > 3 && isIDSOperator(s, i) {
				n = 3
			}
		case conservative && m.isAmbiguous(v):
			// An ambiguous single character: left as it is.
		case !m.isIdentity(v):
			return i, n, v
		}
		i += n
	}
	return len(s), 0, noValue
}

// appendPiece appends an unchanged gap and a replacement, copying the
// common three-byte replacement without a call to memmove.
func appendPiece(dst []byte, gap, val string) []byte {
	switch len(gap) {
	case 0:
	case 3: // one character between two replacements
		dst = append(dst, gap[0], gap[1], gap[2])
	default:
		dst = append(dst, gap...)
	}
	if len(val) == 3 {
		return append(dst, val[0], val[1], val[2])
	}
	return append(dst, val...)
}
