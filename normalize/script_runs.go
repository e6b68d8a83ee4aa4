// Conversion runs: the runs of characters a conversion changes, traced by
// the converter or found by aligning its result with the text.

package normalize

import (
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/opencc"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// convertedRuns returns the runs of text that conv, lc's converter,
// changes and allowed accepts, with their replacements. For valid UTF-8
// text the conversion reports the runs itself where it can (tracedRuns).
// Otherwise conversion is one Convert call (fast, and free when nothing
// changes); when the result has as many characters as text, as OpenCC's
// conversions almost always do, the runs are found by comparing the two
// character by character, and otherwise they come from conv.Segments,
// which traces the conversion but is an order of magnitude slower. Either
// way the phrase context of the whole text decides. valid says that text
// is known to be valid UTF-8. The runs found by tracing or comparison come
// with room for extra more edits (see applyPatches).
func convertedRuns(lc *lazyConverter, conv *convert.Converter, text string, valid bool, allowed func(start, end int) bool, extra int) []Edit {
	if valid || utf8.ValidString(text) {
		if segs, ok := tracedRuns(lc, text, allowed, extra); ok {
			return segs
		}
		valid = true
	}
	out := conv.Convert(text)
	if out == text {
		return nil
	}
	return runsOf(text, out, valid, allowed, extra, func() []Edit {
		var segs []Edit
		conv.Segments(text, func(start, end int, repl string) {
			// The pipeline's text is valid UTF-8; a segment that is not
			// (Apply on arbitrary bytes) is left alone.
			if allowed(start, end) && utf8.ValidString(repl) {
				segs = append(segs, Edit{Start: start, End: end, After: repl})
			}
		})
		return segs
	})
}

// tracedRuns is convertedRuns for valid UTF-8 text when lc's converter
// traces the runs it changes (see traceConversion): they are the runs that
// comparing its result with text finds, without the comparison, which
// cost as much as the conversion. The replacements of the runs that
// allowed accepts are copied into one string, back to back, instead of
// keeping the whole converted text. ok is false when the converter cannot
// trace the runs.
func tracedRuns(lc *lazyConverter, text string, allowed func(start, end int) bool, extra int) ([]Edit, bool) {
	tb := traceBufPool.Get().(*traceBuf)
	defer putTraceBuf(tb)
	out, ok := traceConversion(lc, text, tb)
	if !ok {
		return nil, false
	}
	// The accepted runs, in place, and the size of their replacements.
	runs, size := tb.runs[:0], 0
	for _, r := range tb.runs {
		if allowed(int(r.Start), int(r.End)) {
			runs = append(runs, r)
			size += int(r.OutEnd - r.OutStart)
		}
	}
	if len(runs) == 0 {
		return nil, true
	}
	var b strings.Builder
	b.Grow(size)
	for _, r := range runs {
		b.WriteString(out[r.OutStart:r.OutEnd])
	}
	repl := b.String()
	segs := make([]Edit, len(runs), len(runs)+extra)
	at := 0
	for k, r := range runs {
		n := int(r.OutEnd - r.OutStart)
		segs[k] = Edit{Start: int(r.Start), End: int(r.End), After: repl[at : at+n]}
		at += n
	}
	return segs, true
}

// runsOf returns the runs in which out, the conversion of text, differs
// from it (see convertedRuns); segments traces the conversion instead when
// the two have different numbers of characters.
func runsOf(text, out string, valid bool, allowed func(start, end int) bool, extra int, segments func() []Edit) []Edit {
	if valid || utf8.ValidString(text) {
		switch segs, res := alignedRuns(text, out, allowed, extra); res {
		case aligned:
			return segs
		case misaligned:
			return segments()
		}
		// out is not valid UTF-8: compare rune by rune.
	}
	if utf8.RuneCountInString(out) == utf8.RuneCountInString(text) {
		return alignedRunsRunes(text, out, allowed)
	}
	return segments()
}

// The outcomes of alignedRuns.
const (
	aligned    = iota // the runs are found
	misaligned        // text and out have different numbers of characters
	invalidOut        // out is not valid UTF-8
)

// alignedRuns compares text, valid UTF-8, with out character by character
// and returns the runs of differing characters that allowed accepts, with
// their replacements. Equal stretches are skipped byte by byte: in valid
// UTF-8, equal bytes from a character boundary on are equal characters
// (so out is valid there too); in the runs that differ, the characters of
// out are decoded and checked.
func alignedRuns(text, out string, allowed func(start, end int) bool, extra int) ([]Edit, int) {
	// The runs are collected as offsets in a pooled buffer, and the edits
	// allocated once at their number: machine-converted text has a run
	// every few characters, and growing the edits would allocate (and give
	// the garbage collector to scan) several times their size.
	bp := runBufPool.Get().(*[]run)
	runs, res := findRuns(text, out, allowed, (*bp)[:0], false)
	defer putRuns(bp, runs)
	if res != aligned || len(runs) == 0 {
		return nil, res
	}
	segs := make([]Edit, len(runs), len(runs)+extra)
	for k, r := range runs {
		segs[k] = Edit{Start: r.start, End: r.end, After: out[r.outStart:r.outEnd]}
	}
	return segs, aligned
}

// putRuns returns a run buffer to runBufPool, unless it grew too large.
func putRuns(bp *[]run, runs []run) {
	if cap(runs) <= maxPooledRuns {
		*bp = runs[:0]
		runBufPool.Put(bp)
	}
}

// findRuns appends to runs the runs of alignedRuns, as offsets, and
// returns them with the outcome. With withDropped, it appends the runs
// that allowed refuses too, marked dropped.
func findRuns(text, out string, allowed func(start, end int) bool, runs []run, withDropped bool) ([]run, int) {
	i, j := 0, 0
	for {
		// Equal bytes, eight at a time where possible; in the word that
		// differs, the first differing byte is the lowest non-zero byte
		// of the two words' XOR.
		for i+8 <= len(text) && j+8 <= len(out) {
			if x := load64(text, i) ^ load64(out, j); x != 0 {
				k := bits.TrailingZeros64(x) >> 3
				i += k
				j += k
				break
			}
			i += 8
			j += 8
		}
		for i < len(text) && j < len(out) && text[i] == out[j] {
			i++
			j++
		}
		if i == len(text) || j == len(out) {
			break
		}
		// Back to the start of the character that differs.
		for !utf8.RuneStart(text[i]) {
			i--
			j--
		}
		runStart, outStart := i, j
		for i < len(text) && j < len(out) {
			// The character of text, equal in out, ends the run; bytes
			// equal to a whole character of valid text are that
			// character, so only a character of out that differs needs
			// checking.
			n := utf8x.SeqLen(text[i])
			if n == 3 {
				// Han: three byte compares, not a call.
				if j < len(out)-2 && text[i] == out[j] && text[i+1] == out[j+1] && text[i+2] == out[j+2] {
					break
				}
			} else if j+n <= len(out) && text[i:i+n] == out[j:j+n] {
				break
			}
			m := valid3(out, j)
			if m == 0 {
				q, size := utf8.DecodeRuneInString(out[j:])
				if q == utf8.RuneError && size == 1 {
					return runs, invalidOut
				}
				m = size
			}
			i += n
			j += m
		}
		if ok := allowed(runStart, i); ok || withDropped {
			runs = append(runs, run{runStart, i, outStart, j, !ok})
		}
	}
	if i != len(text) || j != len(out) {
		return runs, misaligned
	}
	return runs, aligned
}

// traceConversion converts text, valid UTF-8, with lc's converter, which
// records in tb.runs the runs of characters it changes (see
// opencc.Converter.ConvertRuns), and returns the converted text: text
// itself when nothing changes, otherwise a view of tb's buffer. ok is
// false when the converter cannot trace the runs.
func traceConversion(lc *lazyConverter, text string, tb *traceBuf) (out string, ok bool) {
	core, err := lc.core()
	if err != nil {
		return "", false
	}
	var changed bool
	if n := len(text) / bytesPerRun; cap(tb.runs) < n && len(text) >= 1<<20 {
		// A large document: its runs would outgrow the pooled buffer
		// many times over, each time copied to a larger one.
		tb.runs = make([]opencc.Run, 0, n)
	}
	tb.out, tb.runs, changed, ok = core.ConvertRuns(tb.out, text, tb.runs[:0])
	switch {
	case !ok:
		return "", false
	case !changed:
		return text, true
	}
	return unsafe.String(unsafe.SliceData(tb.out), len(tb.out)), true
}

// bytesPerRun is fewer bytes than machine-converted Traditional text holds
// per run that t2s changes (the seeds concatenated: 397,500 runs in 6.0 MB,
// one per 15.2 bytes); traceConversion makes room for that many runs in a
// large document at once, so that even a denser one seldom outgrows it (a
// 30 MB document whose runs outgrew a reserve of one per 16 bytes spent 6%
// of its time copying them). Text with fewer changes leaves the room
// unused: 1.3 bytes per byte of text, for the time of the conversion.
const bytesPerRun = 12

// traceBuf holds the buffers of traceConversion: the converted text and
// the runs as the converter reports them.
type traceBuf struct {
	out  []byte
	runs []opencc.Run
}

// traceBufPool holds the buffers of traceConversion.
var traceBufPool = sync.Pool{New: func() any { return new(traceBuf) }}

// putTraceBuf returns tb to traceBufPool, dropping buffers that grew too
// large to keep.
func putTraceBuf(tb *traceBuf) {
	if cap(tb.out) > maxPooledOut {
		tb.out = nil
	}
	if cap(tb.runs) > maxPooledRuns {
		tb.runs = nil
	}
	traceBufPool.Put(tb)
}

// maxPooledOut bounds the conversion buffers kept for reuse (4 MB).
const maxPooledOut = 4 << 20

// run is a run of characters text[start:end] that a conversion turns into
// out[outStart:outEnd]; dropped says that allowed refused it.
type run struct {
	start, end, outStart, outEnd int
	dropped                      bool
}

// maxPooledRuns bounds the buffers kept for reuse (2 MB), so that one huge
// document does not pin its buffer.
const maxPooledRuns = 1 << 16

// runBufPool holds the buffers alignedRuns collects runs in.
var runBufPool = sync.Pool{New: func() any { return new([]run) }}

// load64 returns the eight bytes of s at i as a little-endian integer.
func load64(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// valid3 returns 3 when s has a valid three-byte UTF-8 sequence at i (Han
// text is made of them), and 0 otherwise.
func valid3(s string, i int) int {
	if i >= len(s)-2 {
		return 0
	}
	c, c1, c2 := s[i], s[i+1], s[i+2]
	if c < 0xE0 || c > 0xEF || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 ||
		c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0 {
		return 0
	}
	return 3
}

// alignedRunsRunes is alignedRuns for text that is not valid UTF-8 (Apply
// on arbitrary bytes), whose result has as many characters as text.
func alignedRunsRunes(text, out string, allowed func(start, end int) bool) []Edit {
	// Count the runs first, so that the edits are allocated once.
	runs, inRun := 0, false
	for i, j := 0, 0; i < len(text) && j < len(out); {
		r, n := utf8.DecodeRuneInString(text[i:])
		q, m := utf8.DecodeRuneInString(out[j:])
		same := r == q && n == m
		if !same && !inRun {
			runs++
		}
		inRun = !same
		i += n
		j += m
	}
	segs := make([]Edit, 0, runs)
	runStart, outStart := -1, 0
	flush := func(end, outEnd int) {
		if runStart >= 0 {
			if repl := out[outStart:outEnd]; allowed(runStart, end) && utf8.ValidString(repl) {
				segs = append(segs, Edit{Start: runStart, End: end, After: repl})
			}
			runStart = -1
		}
	}
	i, j := 0, 0
	for i < len(text) && j < len(out) {
		r, n := utf8.DecodeRuneInString(text[i:])
		q, m := utf8.DecodeRuneInString(out[j:])
		if r == q && n == m {
			flush(i, j)
		} else if runStart < 0 {
			runStart, outStart = i, j
		}
		i += n
		j += m
	}
	flush(i, j)
	return segs
}

// mergeDisjoint merges two sorted edit lists, dropping an edit of b that
// overlaps one of a.
func mergeDisjoint(a, b []Edit) []Edit {
	if len(b) == 0 {
		return a
	}
	out := make([]Edit, 0, len(a)+len(b))
	i := 0
	lastEnd := 0
	for _, e := range b {
		for i < len(a) && a[i].Start < e.End {
			out = append(out, a[i])
			lastEnd = a[i].End
			i++
		}
		if e.Start >= lastEnd && (i == len(a) || e.End <= a[i].Start) {
			out = append(out, e)
			lastEnd = e.End
		}
	}
	return append(out, a[i:]...)
}

// mergeRuns merges adjacent segments into one edit per run and sets rule,
// reason and confidence.
func mergeRuns(segs []Edit, rule, reason string, conf float64) []Edit {
	if len(segs) == 0 {
		return nil
	}
	if conf < 0.5 {
		conf = 0.5 // the target was asked for; confidence is that of the detection
	}
	out := segs[:0] // merged in place: run k is written at or before segs[k]
	var b strings.Builder
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && segs[j].Start == segs[j-1].End {
			j++
		}
		// The change records what was replaced and by what; the reason, the
		// same for every run, costs nothing per edit.
		e := Edit{Start: segs[i].Start, End: segs[j-1].End, Rule: rule, Reason: reason, Confidence: conf}
		if j == i+1 {
			e.After = segs[i].After
		} else {
			b.Reset()
			for _, s := range segs[i:j] {
				b.WriteString(s.After)
			}
			e.After = b.String()
		}
		out = append(out, e)
		i = j
	}
	return out
}
