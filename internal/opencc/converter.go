package opencc

import (
	"strings"
	"sync"
	"unsafe"
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
	noIDS        bool // copy ideographic description sequences character by character
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
		if cap(t.v[i].frags) > maxPooledBuf/16 {
			t.v[i].frags = nil
		}
		if cap(t.v[i].spans) > maxPooledBuf/32 {
			t.v[i].spans = nil
		}
		clear(t.v[i].frags[:cap(t.v[i].frags)]) // drop references to input strings
	}
	c.tpool.Put(t)
}

// scratch holds the per-call buffers: one per normalization and
// conversion step, and the output.
type scratch struct {
	bufs [][]byte
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
func (c *Converter) convert(s string, sc *scratch) (string, bool) {
	cur, changed := s, false
	for k, m := range c.norm {
		out, ch := c.run(m, cur, sc.bufs[k][:0])
		if ch {
			sc.bufs[k] = out
			cur, changed = bytesString(out), true
		}
	}
	chainBufs := sc.bufs[len(c.norm) : len(c.norm)+len(c.chain)]
	if c.seg == nil {
		out, ch := c.runChain(cur, chainBufs)
		return out, changed || ch
	}
	outIdx := len(sc.bufs) - 1
	out := sc.bufs[outIdx][:0]
	segChanged := false
	last := 0 // cur[:last] is in out (when segChanged)
	flush := func(a, b int) {
		r, ch := c.runChain(cur[a:b], chainBufs)
		if ch {
			out = append(out, cur[last:a]...)
			out = append(out, r...)
			last = b
			segChanged = true
		}
	}
	runStart := 0
	for i := 0; i < len(cur); {
		n, v := c.seg.next(cur, i)
		if v == noValue {
			i += n
			continue
		}
		if runStart < i {
			flush(runStart, i)
		}
		flush(i, i+n)
		i += n
		runStart = i
	}
	if runStart < len(cur) {
		flush(runStart, len(cur))
	}
	if !segChanged {
		return cur, changed
	}
	out = append(out, cur[last:]...)
	sc.bufs[outIdx] = out
	return bytesString(out), true
}

// runChain applies the conversion chain to one segment.
func (c *Converter) runChain(x string, bufs [][]byte) (string, bool) {
	changed := false
	for k, m := range c.chain {
		out, ch := c.run(m, x, bufs[k][:0])
		if ch {
			bufs[k] = out
			x, changed = bytesString(out), true
		}
	}
	return x, changed
}

// run applies one conversion step to s. When the step changes nothing it
// returns (dst, false) without writing; otherwise dst holds the result.
func (c *Converter) run(m *matcher, s string, dst []byte) ([]byte, bool) {
	changed := false
	last := 0
	for i := 0; i < len(s); {
		n, v := m.next(s, i)
		if v == noValue {
			if c.noIDS && n > 3 && isIDSOperator(s, i) {
				n = 3
			}
			i += n
			continue
		}
		if c.conservative && m.candidates[v] != nil {
			i += n // ambiguous single character: leave it
			continue
		}
		val := m.vals[v]
		if val != s[i:i+n] {
			if !changed {
				if cap(dst) < len(s)+len(s)/4 {
					dst = make([]byte, 0, len(s)+len(s)/4+16)
				}
				changed = true
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, val...)
			last = i + n
		}
		i += n
	}
	if !changed {
		return dst, false
	}
	return append(dst, s[last:]...), true
}
