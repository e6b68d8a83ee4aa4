package opencc

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// This file follows a conversion through its steps to tell which span of
// the input became which output (Segments) and where ambiguous characters
// are (Ambiguous).
//
// Every step maps its input text to its output text as a list of spans
// (span): identity spans copy text byte for byte, so any character
// boundary inside them maps across; other spans replace their input as a
// whole. The map from the original input to the current text is the
// composition of the steps' span lists (compose). Output text is kept both
// as bytes (to match the next step against) and as fragments of immutable
// strings — the input and dictionary values — so that a replacement can be
// handed out as a substring, without allocating.

// span maps the input bytes [in0, in1) to the output bytes [out0, out1).
type span struct {
	in0, in1, out0, out1 int
	id                   bool // identity: the bytes are equal and align character by character
}

// frag says that text[off:off+len(src)] == src, an immutable string.
type frag struct {
	off int
	src string
}

// version is one text in the chain of steps: its bytes, its fragments, and
// the spans mapping the original input onto it.
type version struct {
	text  string
	frags []frag
	spans []span
}

// tracer holds the buffers of one traced conversion.
type tracer struct {
	v        [2]version
	buf      [2][]byte
	step     []span
	barriers []int
	nextB    []int
	ambs     []ambiguity
}

// ambiguity is one ambiguous character found by a conversion step, with
// offsets in the input.
type ambiguity struct {
	start, end, step int
	candidates       []string
}

// ambiguousFn receives an ambiguous character at [start, end) of the text
// given to the step, and its candidates.
type ambiguousFn func(start, end int, candidates []string)

// traceStep applies m to cur, limited by barriers (no match crosses one),
// writing the result into next and buf. It maps the barriers to the output.
// amb, if not nil, is called for ambiguous characters.
//
// With fused (see Converter.convert), the step records the boundaries of
// its level-0 matches as the barriers of the next steps.
func (c *Converter) traceStep(m *matcher, cur, next *version, buf []byte, tr *tracer, amb ambiguousFn, fused bool) []byte {
	s := cur.text
	buf = buf[:0]
	step := tr.step[:0]
	next.frags = next.frags[:0]
	fi := 0 // fragment of cur covering the copy position
	copyText := func(a, b int) {
		if a == b {
			return
		}
		out := len(buf)
		buf = append(buf, s[a:b]...)
		for fi < len(cur.frags) && cur.frags[fi].off+len(cur.frags[fi].src) <= a {
			fi++
		}
		for k := fi; k < len(cur.frags) && cur.frags[k].off < b; k++ {
			f := cur.frags[k]
			lo, hi := max(a, f.off), min(b, f.off+len(f.src))
			next.frags = append(next.frags, frag{out + lo - a, f.src[lo-f.off : hi-f.off]})
		}
		step = appendSpan(step, span{a, b, out, out + b - a, true})
	}
	bi := 0
	tr.nextB = tr.nextB[:0]
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
		// s[last:i] will be copied as it is: a barrier there maps across.
		for bi < len(tr.barriers) && tr.barriers[bi] <= i {
			tr.nextB = append(tr.nextB, len(buf)+tr.barriers[bi]-last)
			bi++
		}
		limit := len(s)
		if bi < len(tr.barriers) {
			limit = tr.barriers[bi]
		}
		n, v := m.next(s[:limit], i)
		if v == noValue {
			if c.noIDS && n > 3 && isIDSOperator(s, i) {
				n = 3
			}
			i += n
			continue
		}
		level0 := fused && m.levels[v] == 0
		if b := len(buf) + i - last; level0 && i > 0 && (len(tr.nextB) == 0 || tr.nextB[len(tr.nextB)-1] != b) {
			tr.nextB = append(tr.nextB, b)
		}
		convert := true
		if m.isAmbiguous(v) {
			if amb != nil {
				amb(i, i+n, m.candidates[v])
			}
			convert = !c.conservative
		}
		if convert && !m.isIdentity(v) {
			val := m.vals[v]
			copyText(last, i)
			out := len(buf)
			buf = append(buf, val...)
			next.frags = append(next.frags, frag{out, val})
			step = appendSpan(step, span{i, i + n, out, len(buf), false})
			last = i + n
		}
		i += n
		if level0 {
			tr.nextB = append(tr.nextB, len(buf)+i-last)
		}
	}
	for ; bi < len(tr.barriers); bi++ {
		tr.nextB = append(tr.nextB, len(buf)+tr.barriers[bi]-last)
	}
	copyText(last, len(s))
	tr.barriers, tr.nextB = tr.nextB, tr.barriers
	tr.step = step
	if len(s) == 0 {
		next.spans = append(next.spans[:0], cur.spans...)
	} else {
		next.spans = compose(cur.spans, step, s, next.spans[:0])
	}
	next.text = bytesString(buf)
	return buf
}

// appendSpan appends sp, merging it into a previous identity span.
func appendSpan(dst []span, sp span) []span {
	if sp.id && len(dst) > 0 {
		p := &dst[len(dst)-1]
		if p.id && p.in1 == sp.in0 && p.out1 == sp.out0 {
			p.in1, p.out1 = sp.in1, sp.out1
			return dst
		}
	}
	return append(dst, sp)
}

// compose maps a (x → t) and b (t → y), both covering t contiguously, to
// x → y. Spans that cannot be cut apart become one non-identity span.
func compose(a, b []span, t string, dst []span) []span {
	// Whole-text identities, as when a step changes nothing.
	if len(a) == 1 && a[0].id {
		for _, sb := range b {
			sb.in0, sb.in1 = sb.in0+a[0].in0-a[0].out0, sb.in1+a[0].in0-a[0].out0
			dst = append(dst, sb)
		}
		return dst
	}
	if len(b) == 1 && b[0].id {
		for _, sa := range a {
			sa.out0, sa.out1 = sa.out0+b[0].out0-b[0].in0, sa.out1+b[0].out0-b[0].in0
			dst = append(dst, sa)
		}
		return dst
	}
	ca := cutter{spans: a, t: t, inSide: false}
	cb := cutter{spans: b, t: t, inSide: true}
	p := 0
	for p < len(t) {
		sa, sb := ca.at(p), cb.at(p)
		switch {
		case sa.id && sb.id:
			q := min(sa.out1, sb.in1)
			dst = appendSpan(dst, span{
				sa.in0 + p - sa.out0, sa.in0 + q - sa.out0,
				sb.out0 + p - sb.in0, sb.out0 + q - sb.in0, true})
			p = q
			continue
		// The common cases of a replaced span: inside an identity span of
		// the other list, or with the same bounds in both.
		case !sb.id && p == sb.in0 && sa.id && sb.in1 <= sa.out1:
			dst = append(dst, span{sa.in0 + sb.in0 - sa.out0, sa.in0 + sb.in1 - sa.out0, sb.out0, sb.out1, false})
			p = sb.in1
			continue
		case !sa.id && p == sa.out0 && sb.id && sb.in0 <= p && sa.out1 <= sb.in1:
			dst = append(dst, span{sa.in0, sa.in1, sb.out0 + sa.out0 - sb.in0, sb.out0 + sa.out1 - sb.in0, false})
			p = sa.out1
			continue
		case !sa.id && !sb.id && p == sa.out0 && p == sb.in0 && sa.out1 == sb.in1:
			dst = append(dst, span{sa.in0, sa.in1, sb.out0, sb.out1, false})
			p = sa.out1
			continue
		}
		in0, out0 := mapIn(sa, p), mapOut(sb, p)
		q := max(ca.next(p), cb.next(p))
		for q < len(t) {
			if !ca.allowed(q) {
				q = ca.next(q)
			} else if !cb.allowed(q) {
				q = cb.next(q)
			} else {
				break
			}
		}
		var in1, out1 int
		if q >= len(t) {
			in1, out1 = a[len(a)-1].in1, b[len(b)-1].out1
		} else {
			in1, out1 = mapIn(ca.at(q), q), mapOut(cb.at(q), q)
		}
		dst = append(dst, span{in0, in1, out0, out1, false})
		p = q
	}
	return dst
}

// cutter answers where a span list over t may be cut.
type cutter struct {
	spans  []span
	t      string
	inSide bool // the list's t range is [in0, in1) rather than [out0, out1)
	i      int  // cursor
}

func (c *cutter) rng(s span) (int, int) {
	if c.inSide {
		return s.in0, s.in1
	}
	return s.out0, s.out1
}

// at returns the span containing t offset x (x < len(t)); x only grows.
func (c *cutter) at(x int) span {
	for c.i+1 < len(c.spans) {
		if _, r1 := c.rng(c.spans[c.i]); r1 > x {
			break
		}
		c.i++
	}
	return c.spans[c.i]
}

// allowed reports whether the list may be cut at x.
func (c *cutter) allowed(x int) bool {
	if x >= len(c.t) {
		return true
	}
	s := c.at(x)
	r0, _ := c.rng(s)
	return x == r0 || s.id && utf8.RuneStart(c.t[x])
}

// next returns the first place after x where the list may be cut.
func (c *cutter) next(x int) int {
	if x >= len(c.t) {
		return len(c.t)
	}
	s := c.at(x)
	_, r1 := c.rng(s)
	if s.id {
		return nextBoundary(c.t, x, r1)
	}
	return r1
}

// mapIn maps the t offset x, a cut point of span s (x → t), to x.
func mapIn(s span, x int) int {
	switch {
	case x <= s.out0:
		return s.in0
	case x >= s.out1:
		return s.in1
	case s.id:
		return s.in0 + x - s.out0
	}
	return s.in1
}

// mapOut maps the t offset x, a cut point of span s (t → y), to y.
func mapOut(s span, x int) int {
	switch {
	case x <= s.in0:
		return s.out0
	case x >= s.in1:
		return s.out1
	case s.id:
		return s.out0 + x - s.in0
	}
	return s.out1
}

// nextBoundary returns the first character boundary of t after p, at most
// limit.
func nextBoundary(t string, p, limit int) int {
	q := p + 1
	for q < limit && !utf8.RuneStart(t[q]) {
		q++
	}
	return min(q, limit)
}

// trace runs the converter over s, recording spans, and returns the final
// version. amb, if not nil, receives ambiguous characters with offsets in s
// and the index of the conversion step, step by step.
func (c *Converter) trace(s string, tr *tracer, amb func(start, end, step int, cands []string)) *version {
	cur, next := &tr.v[0], &tr.v[1]
	cur.text = s
	cur.frags = append(cur.frags[:0], frag{0, s})
	cur.spans = append(cur.spans[:0], span{0, len(s), 0, len(s), true})
	bi := 0
	swap := func() {
		cur, next = next, cur
		bi ^= 1
	}
	tr.barriers = tr.barriers[:0]
	for _, m := range c.norm {
		tr.buf[bi^1] = c.traceStep(m, cur, next, tr.buf[bi^1], tr, nil, false)
		swap()
	}
	tr.barriers = tr.barriers[:0]
	if c.seg != nil && !c.fused {
		tr.barriers = c.segBarriers(cur.text, tr.barriers)
	}
	for k, m := range c.chain {
		var stepAmb ambiguousFn
		if amb != nil {
			spans := cur.spans
			stepAmb = func(start, end int, cand []string) {
				in0, in1, ok := inputRange(spans, start, end)
				if ok {
					amb(in0, in1, k, cand)
				}
			}
		}
		tr.buf[bi^1] = c.traceStep(m, cur, next, tr.buf[bi^1], tr, stepAmb, k == 0 && c.fused)
		swap()
	}
	return cur
}

// inputRange maps [start, end) of a text back to the input through spans;
// ok is false when it falls inside a replaced span.
func inputRange(spans []span, start, end int) (int, int, bool) {
	lo, hi := 0, len(spans)
	for lo < hi {
		mid := (lo + hi) / 2
		if spans[mid].out1 <= start {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == len(spans) {
		return 0, 0, false
	}
	sp := spans[lo]
	if !sp.id || end > sp.out1 {
		return 0, 0, false
	}
	return sp.in0 + start - sp.out0, sp.in0 + end - sp.out0, true
}

// Segments calls fn for every span of s that the conversion replaces, in
// order, with byte offsets in s and the replacement. Writing s with every
// span replaced gives Convert(s). Replacements are substrings of
// dictionary values or of s, or, when a multi-step conversion assembled
// one from several values, kept in a per-converter cache (up to 65536
// strings): in steady state Segments does not allocate.
func (c *Converter) Segments(s string, fn func(start, end int, repl string)) {
	if len(s) == 0 {
		return
	}
	tr := c.getTracer()
	v := c.trace(s, tr, nil)
	fi := 0
	for _, sp := range v.spans {
		if sp.id {
			continue
		}
		repl := v.text[sp.out0:sp.out1]
		if repl == s[sp.in0:sp.in1] {
			continue
		}
		fn(sp.in0, sp.in1, c.fragString(v, &fi, sp.out0, sp.out1))
	}
	c.putTracer(tr)
}

// fragString returns v.text[a:b] as an immutable string, from the fragments
// when they cover it, from the converter's cache of assembled replacements
// otherwise. *fi is a cursor over v.frags.
func (c *Converter) fragString(v *version, fi *int, a, b int) string {
	for *fi < len(v.frags) && v.frags[*fi].off+len(v.frags[*fi].src) <= a {
		*fi++
	}
	k := *fi
	if k < len(v.frags) {
		f := v.frags[k]
		if f.off <= a && b <= f.off+len(f.src) {
			return f.src[a-f.off : b-f.off]
		}
		// Adjacent fragments may continue each other in memory.
		start := unsafe.StringData(f.src)
		end := f.off + len(f.src)
		p := unsafe.Add(unsafe.Pointer(start), len(f.src))
		for j := k + 1; j < len(v.frags) && end < b; j++ {
			g := v.frags[j]
			if g.off != end || unsafe.Pointer(unsafe.StringData(g.src)) != p {
				break
			}
			end += len(g.src)
			p = unsafe.Add(p, len(g.src))
		}
		if f.off <= a && b <= end {
			return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(start), a-f.off)), b-a)
		}
	}
	return c.assembled.get(v.text[a:b])
}

// maxAssembled bounds the cache of assembled replacements.
const maxAssembled = 1 << 16

// assembledCache keeps replacements that a multi-step conversion assembles
// from several dictionary values (这里 → 這裏 → 這裡), so that Segments
// allocates each only once.
type assembledCache struct {
	mu sync.RWMutex
	m  map[string]string
}

// get returns an immutable copy of s, which may be a view of a buffer.
func (a *assembledCache) get(s string) string {
	a.mu.RLock()
	r, ok := a.m[s]
	a.mu.RUnlock()
	if ok {
		return r
	}
	r = strings.Clone(s)
	a.mu.Lock()
	if a.m == nil {
		a.m = map[string]string{}
	}
	if len(a.m) < maxAssembled {
		a.m[r] = r
	}
	a.mu.Unlock()
	return r
}

// Ambiguous calls fn for every character of s that a dictionary would
// convert by a single-character entry listing several candidates (干 → 幹
// 乾 干), in order, with byte offsets in s and the candidates, default
// first. A conservative converter leaves these characters unchanged; any
// other converts them to the default. Characters inside a matched phrase
// are not reported: the phrase decides them. The candidates slice is
// shared and must not be modified.
//
// In a multi-step configuration a character may be ambiguous in several
// steps (s2hk: 只 in STCharacters, then in HKVariants); it is reported
// once, with the candidates of the first step.
func (c *Converter) Ambiguous(s string, fn func(start, end int, candidates []string)) {
	if len(s) == 0 {
		return
	}
	tr := c.getTracer()
	tr.ambs = tr.ambs[:0]
	c.trace(s, tr, func(start, end, step int, cands []string) {
		tr.ambs = append(tr.ambs, ambiguity{start, end, step, cands})
	})
	// Steps report in their own order; merge them.
	slices.SortStableFunc(tr.ambs, func(a, b ambiguity) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.step - b.step
	})
	last := 0
	for _, a := range tr.ambs {
		if a.start < last {
			continue // already reported by an earlier step
		}
		fn(a.start, a.end, a.candidates)
		last = a.end
	}
	clear(tr.ambs)
	c.putTracer(tr)
}
