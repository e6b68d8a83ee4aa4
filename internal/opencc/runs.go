package opencc

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// A Run is a run of characters s[Start:End] that a conversion of s turns
// into out[OutStart:OutEnd], character for character: every character of
// the run differs from its counterpart, and the characters on either side
// of the run are their own counterparts.
//
// The offsets are int32, half the memory of a machine-converted document's
// runs (one every 15 bytes or so); ConvertRuns does not trace a text of
// maxTracedLen bytes or more.
type Run struct {
	Start, End, OutStart, OutEnd int32
}

// maxTracedLen bounds the texts that ConvertRuns traces, so that every
// offset of the text and of its conversion (a replacement is at most a
// few times longer than what it replaces) fits a Run's int32. It is a
// variable for the test of the bound only.
var maxTracedLen = 1 << 28

// ConvertRuns converts s, which must be valid UTF-8, as Convert does,
// writing the result into dst[:0] (grown as needed) instead of a new
// string, and appends to runs the runs of characters that the conversion
// changes, in order. It is for callers that want to know what changed
// without comparing the result with s character by character: when every
// replacement has as many characters as what it replaces, as OpenCC's
// nearly always do, the runs are those of that comparison.
//
// changed reports whether the result differs from s; when it is false,
// out is not written and runs gets nothing. ok is false when the runs
// cannot be traced that way, and out, changed and runs are then not
// meaningful: for a configuration of several conversion steps or with
// segmentation, a normalization step that changes s, a conversion step
// that is not dense (see run), or a replacement with another number of
// characters than what it replaces.
func (c *Converter) ConvertRuns(dst []byte, s string, runs []Run) (out []byte, _ []Run, changed, ok bool) {
	if len(c.chain) != 1 || c.segmented || c.fused || c.seg != nil {
		return dst, runs, false, false
	}
	m := c.chain[0]
	if m.leads != nil || m.sparse {
		return dst, runs, false, false
	}
	if len(s) == 0 {
		return dst[:0], runs, false, true
	}
	if len(s) >= maxTracedLen {
		return dst, runs, false, false
	}
	if len(c.norm) > 0 {
		sc := c.getScratch()
		ch := false
		for k, nm := range c.norm {
			var b []byte
			if b, ch = c.run(nm, s, sc.bufs[k][:0]); ch {
				sc.bufs[k] = b
				break
			}
		}
		c.putScratch(sc)
		if ch {
			return dst, runs, false, false
		}
	}
	n := len(runs)
	out, runs, changed, ok = c.runDenseTraced(m, s, dst[:0], true, runs)
	if !ok || !changed {
		return out, runs[:n], false, ok
	}
	return out, runs, true, true
}

// traceRuns appends to runs the characters of the match key, at offset
// start of the text, that the replacement val, at offset outStart of the
// output, changes, extending the last run when it ends where they begin.
// It reports false when val has another number of characters than key
// or is not valid UTF-8. key is valid UTF-8.
func traceRuns(rs []Run, key string, start int, val string, outStart int) ([]Run, bool) {
	p, q := 0, 0
	for p < len(key) {
		if q >= len(val) {
			return rs, false
		}
		a := utf8x.SeqLen(key[p])
		b := 0
		if c := val[q]; c < utf8.RuneSelf {
			b = 1
		} else if r, size := decodeRune(val, q); r != utf8.RuneError || size > 1 {
			b = size
		} else {
			return rs, false
		}
		if key[p:p+a] != val[q:q+b] {
			if k := len(rs) - 1; k >= 0 && int(rs[k].End) == start+p {
				rs[k].End, rs[k].OutEnd = int32(start+p+a), int32(outStart+q+b)
			} else {
				rs = append(rs, Run{int32(start + p), int32(start + p + a), int32(outStart + q), int32(outStart + q + b)})
			}
		}
		p += a
		q += b
	}
	return rs, q == len(val)
}

// valid3 reports whether s is one valid three-byte UTF-8 sequence.
func valid3(s string) bool {
	c, c1, c2 := s[0], s[1], s[2]
	return c&0xF0 == 0xE0 && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 &&
		!(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0)
}
