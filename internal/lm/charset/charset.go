// Package charset detects the character encoding of raw bytes by trial
// decoding scored with the character language model of package lm.
//
// It is the engine behind detect.Encoding and convert.DecodeAuto, which
// cannot import each other (detect imports convert); use those.
package charset

import (
	"bytes"
	"encoding/binary"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// Result is the answer of Detect; detect.EncodingResult documents the
// fields.
type Result struct {
	Encoding   string
	Confidence float64
	BOMLen     int
	Candidates []Candidate
	// ValidUTF8 reports that b, which has no byte order mark, was found to
	// be valid UTF-8 throughout (Encoding is then utf-8): a decoder need not
	// check it again.
	ValidUTF8 bool
}

// Candidate is one encoding Detect considered.
type Candidate struct {
	Encoding   string
	Confidence float64
}

// WHATWG encoding names returned by Detect.
const (
	encUTF8       = "utf-8"
	encUTF16LE    = "utf-16le"
	encUTF16BE    = "utf-16be"
	encUTF32LE    = "utf-32le"
	encUTF32BE    = "utf-32be"
	encGBK        = "gbk"
	encGB18030    = "gb18030"
	encBig5       = "big5"
	encHZ         = "hz-gb-2312"
	encISO2022JP  = "iso-2022-jp"
	encShiftJIS   = "shift_jis"
	encEUCJP      = "euc-jp"
	encEUCKR      = "euc-kr"
	encWindows125 = "windows-1252"
)

// Detect detects the character encoding of b. detect.Encoding documents the
// method (fast paths, trial decoding, calibration). The fast paths do not
// allocate. Detect is safe for concurrent use.
func Detect(b []byte) Result {
	if len(b) == 0 {
		return Result{Encoding: encUTF8}
	}
	if r, ok := bomEncoding(b); ok {
		return r
	}
	if len(b) >= 8 && (b[0] == 0 || b[1] == 0 || b[2] == 0 || b[3] == 0) {
		// Only UTF-16 and UTF-32 put NUL bytes among the first four.
		if enc, n := utf32Shape(b); n > 0 {
			return Result{Encoding: enc, Confidence: 1 - math.Pow(10, -float64(min(n, 12)))}
		}
	}
	if valid, controls := scanUTF8(b); !controls {
		if k, ok := validUTF8(b, valid); ok {
			if k >= minUTF8Sequences {
				return Result{Encoding: encUTF8, Confidence: 1 - math.Pow(10, -float64(k)), ValidUTF8: valid}
			}
			// Pure ASCII: UTF-8 unless it carries 7-bit CJK escapes.
			if k == 0 && b[len(b)-1] < 0x80 && bytes.IndexByte(b, 0x1B) < 0 && !bytes.Contains(b, hzOpen) {
				return Result{Encoding: encUTF8, Confidence: 1, ValidUTF8: valid}
			}
			// Few multi-byte sequences: short legacy text can be valid
			// UTF-8 by chance, so let the model decide.
		}
	}
	ascii := isASCII(b)
	r := trialEncoding(b, ascii)
	if r.Encoding == encUTF8 && bytes.Contains(b, gbFFFD) {
		r = promote(r, encGB18030)
	}
	return r
}

// promote returns r with enc, one of its candidates, put first, its
// confidence and the winner's swapped.
//
// Detect promotes GB18030 over UTF-8 where the input holds U+FFFD as
// GB18030 writes it (84 31 A4 37), which no UTF-8 text holds and only a
// GB18030 encoder writes: a GB18030 file, some of whose lines are UTF-8
// text that a GB18030 reader failed on and that was saved again, its
// failures as U+FFFD. Such lines read better as UTF-8 than the rest of
// the file reads as GB18030, but read as UTF-8 their lost bytes are U+FFFD
// and digits (有, E6 9C 89, is E6 9C 84 31 A4 37), where the mojibake
// stage, reading the file as GB18030, restores them.
func promote(r Result, enc string) Result {
	for i, c := range r.Candidates {
		if c.Encoding == enc && i > 0 {
			r.Candidates[0].Confidence, r.Candidates[i].Confidence = c.Confidence, r.Candidates[0].Confidence
			r.Candidates[0], r.Candidates[i] = r.Candidates[i], r.Candidates[0]
			r.Encoding, r.Confidence = enc, r.Candidates[0].Confidence
			break
		}
	}
	return r
}

// bomEncoding recognises a byte order mark.
func bomEncoding(b []byte) (Result, bool) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return Result{Encoding: encUTF8, Confidence: 1, BOMLen: 3}, true
	case len(b) >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0:
		// Before UTF-16LE, whose mark begins the same.
		return Result{Encoding: encUTF32LE, Confidence: 1, BOMLen: 4}, true
	case len(b) >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF:
		return Result{Encoding: encUTF32BE, Confidence: 1, BOMLen: 4}, true
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return Result{Encoding: encUTF16LE, Confidence: 1, BOMLen: 2}, true
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return Result{Encoding: encUTF16BE, Confidence: 1, BOMLen: 2}, true
	case len(b) >= 4 && b[0] == 0x84 && b[1] == 0x31 && b[2] == 0x95 && b[3] == 0x33:
		return Result{Encoding: encGB18030, Confidence: 1, BOMLen: 4}, true
	}
	return Result{}, false
}

var hzOpen = []byte("~{")

// minUTF8Sequences is how many multi-byte sequences valid UTF-8 needs for
// the fast path; with fewer, two GBK characters such as D4AA DC9B can pass
// for UTF-8 by chance.
const minUTF8Sequences = 4

// hasBinaryControls reports whether b has a C0 control byte other than tab,
// line feed, vertical tab, form feed, carriage return and escape: NUL and
// the like are what UTF-16 text looks like when read byte by byte.
func hasBinaryControls(b []byte) bool {
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		if (x-0x2020202020202020)&^x&0x8080808080808080 != 0 {
			for _, c := range b[:8] {
				if isBinaryControl(c) {
					return true
				}
			}
		}
		b = b[8:]
	}
	for _, c := range b {
		if isBinaryControl(c) {
			return true
		}
	}
	return false
}

func isBinaryControl(c byte) bool {
	return c < 0x20 && (c < '\t' || c > '\r') && c != 0x1B
}

// firstHigh returns the index of the first byte above 0x7F, or len(b).
func firstHigh(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= 0x80 {
			return i
		}
	}
	return i
}

// isASCII reports whether b has no byte above 0x7F.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// validUTF8 reports whether b is valid UTF-8 apart from an incomplete
// sequence at the very end, and how many multi-byte sequences (up to 4) it
// has; 0 means pure ASCII. full says that b is valid UTF-8 throughout (as
// scanUTF8 found), so that only the truncated end needs checking when it
// is not.
func validUTF8(b []byte, full bool) (multi int, ok bool) {
	if !full {
		// Allow a truncated final sequence: drop up to 3 trailing bytes
		// back to the last lead byte if they are an incomplete prefix.
		i := len(b) - 1
		for i > 0 && len(b)-i < utf8.UTFMax && b[i]&0xC0 == 0x80 {
			i--
		}
		if b[i] < 0xC0 || utf8.FullRune(b[i:]) || !validPrefix(b[:i]) {
			return 0, false
		}
		b = b[:i]
	}
	// Count multi-byte sequences, stopping at 4; skip ASCII quickly.
	for i := 0; i < len(b) && multi < 4; {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if b[i] >= 0xC0 {
			multi++
		}
		i++
	}
	return multi, true
}

// candidate is one trial decoding.
type candidate struct {
	enc   string
	score float64
}

// abortMargin is how far below the best complete score a candidate may
// fall before its trial decoding stops: its confidence would be below
// exp(-abortMargin/temperature).
const abortMargin = 20 * temperature

// trialEncoding scores every plausible encoding with the language model. The
// likeliest encodings go first so that the others can stop early.
func trialEncoding(b []byte, ascii bool) Result {
	return rank(trialScores(b, ascii))
}

// Trial-decoding limits: inputs longer than 2·probeBytes are first scored on
// their first probeBytes to order the candidates (and drop those already
// hopeless), and at most maxTrialBytes are scored at all, starting shortly
// before the first non-ASCII byte.
const (
	probeBytes    = 256
	maxTrialBytes = 16 << 10
)

// scorer is one encoding's trial decoder: it scores b, giving up below
// cutoff, and returns the label to report (GBK becomes GB18030 when four-byte
// sequences occur) or "" when the encoding does not apply.
type scorer struct {
	enc   string
	score func(m *lm.Model, cutoff float64, b []byte) (float64, string)
}

var (
	asciiScorers = []scorer{
		{encUTF8, func(m *lm.Model, c float64, b []byte) (float64, string) { return scoreASCII(m, c, b), encUTF8 }},
		{encHZ, func(m *lm.Model, c float64, b []byte) (float64, string) {
			if s, ok := scoreHZ(m, c, b); ok {
				return s, encHZ
			}
			return 0, ""
		}},
		{encISO2022JP, func(m *lm.Model, c float64, b []byte) (float64, string) {
			if s, ok := scoreISO2022JP(m, c, b); ok {
				return s, encISO2022JP
			}
			return 0, ""
		}},
	}
	legacyScorers = []scorer{
		{encGBK, func(m *lm.Model, c float64, b []byte) (float64, string) {
			s, four := scoreGBK(m, c, b)
			if four > 0 {
				return s, encGB18030
			}
			return s, encGBK
		}},
		{encBig5, func(m *lm.Model, c float64, b []byte) (float64, string) {
			return scoreDBCS(m, c, b, big5Table), encBig5
		}},
		{encUTF8, func(m *lm.Model, c float64, b []byte) (float64, string) { return scoreUTF8(m, c, b), encUTF8 }},
		{encShiftJIS, func(m *lm.Model, c float64, b []byte) (float64, string) {
			return scoreDBCS(m, c, b, sjisTable), encShiftJIS
		}},
		{encEUCKR, func(m *lm.Model, c float64, b []byte) (float64, string) {
			return scoreDBCS(m, c, b, euckrTable), encEUCKR
		}},
		{encEUCJP, func(m *lm.Model, c float64, b []byte) (float64, string) { return scoreEUCJP(m, c, b), encEUCJP }},
		{encWindows125, func(m *lm.Model, c float64, b []byte) (float64, string) {
			return scoreWindows1252(m, c, b), encWindows125
		}},
	}
	utf16LE = scorer{encUTF16LE, func(m *lm.Model, c float64, b []byte) (float64, string) {
		return scoreUTF16(m, c, b, false), encUTF16LE
	}}
	utf16BE = scorer{encUTF16BE, func(m *lm.Model, c float64, b []byte) (float64, string) {
		return scoreUTF16(m, c, b, true), encUTF16BE
	}}
)

// trialScores returns the scores of the candidates (aborted ones with the
// partial score at which they stopped).
func trialScores(b []byte, ascii bool) []candidate {
	return trialScoresAbort(b, ascii, true)
}

// trialScoresAbort is trialScores with early abort optional (off for
// calibration, which needs the full scores of the losers).
func trialScoresAbort(b []byte, ascii, abort bool) []candidate {
	loadTables()
	m := lm.Default()
	if len(b) > maxTrialBytes {
		// Score the window that starts a little before the first
		// non-ASCII byte (at an even offset, for UTF-16): a long ASCII
		// head says nothing about the encoding.
		start := 0
		if i := firstHigh(b); i > 64 {
			start = (i - 64) &^ 1
		}
		b = b[start:min(len(b), start+maxTrialBytes)]
	}
	var buf [12]scorer
	ss := buf[:0]
	// UTF-16 goes first when its high bytes look strongly like text, last
	// when only the Hangul range supports it, so that it either sets the
	// bar early or is cut off early.
	le, be, strongLE, strongBE := utf16Plausible(b)
	if strongLE {
		ss = append(ss, utf16LE)
	}
	if strongBE {
		ss = append(ss, utf16BE)
	}
	if ascii {
		ss = append(ss, asciiScorers...)
	} else {
		ss = append(ss, legacyScorers...)
	}
	if le && !strongLE {
		ss = append(ss, utf16LE)
	}
	if be && !strongBE {
		ss = append(ss, utf16BE)
	}
	if abort && len(b) > 2*probeBytes {
		// Probe: order by the score of the first bytes, best first, and
		// drop candidates hopeless already there.
		probe := score(m, ss, b[:probeBytes], true)
		order := make([]int, len(probe))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return probe[order[i]].score > probe[order[j]].score })
		best := probe[order[0]].score
		kept := make([]scorer, 0, len(ss))
		var dropped [4]scorer
		rescue := append(dropped[:0], ss[order[0]])
		for _, i := range order {
			switch {
			case probe[i].score >= best-2*abortMargin:
				kept = append(kept, ss[i])
			case ss[i].enc == encGBK || ss[i].enc == encBig5 || ss[i].enc == encUTF8:
				rescue = append(rescue, ss[i])
			}
		}
		// A page put together from parts in different encodings (a
		// UTF-8 head on a GBK body) starts in another encoding than most
		// of it is in: judged by its first bytes alone, GBK was dropped
		// and EUC-KR read the page. A Chinese encoding dropped there is
		// kept when it is not hopeless in the middle or at the end of
		// the window against the first bytes' best.
		if len(rescue) > 1 {
			var lead [2]float64 // the leader's score on each window
			offs := [...]int{(len(b)/2 - probeBytes/2) &^ 1, (len(b) - probeBytes) &^ 1}
			for w, off := range offs {
				lead[w], _ = rescue[0].score(m, math.Inf(-1), b[off:off+probeBytes])
			}
			for _, sc := range rescue[1:] {
				for w, off := range offs {
					if v, label := sc.score(m, math.Inf(-1), b[off:off+probeBytes]); label != "" && v >= lead[w]-2*abortMargin {
						kept = append(kept, sc)
						break
					}
				}
			}
		}
		ss = kept
	}
	return score(m, ss, b, abort)
}

// score runs the scorers in order, each with a cutoff below the best score
// so far when abort is set.
func score(m *lm.Model, ss []scorer, b []byte, abort bool) []candidate {
	cs := make([]candidate, 0, len(ss))
	best := math.Inf(-1)
	for _, s := range ss {
		cutoff := math.Inf(-1)
		if abort {
			cutoff = best - abortMargin
		}
		v, label := s.score(m, cutoff, b)
		if label == "" {
			// Not applicable: keep the slot (the probe indexes by
			// position) with the lowest score.
			cs = append(cs, candidate{s.enc, math.Inf(-1)})
			continue
		}
		v += prior(label)
		cs = append(cs, candidate{label, v})
		if v > best {
			best = v
		}
	}
	return cs
}

// rank turns candidate scores into calibrated confidences.
func rank(cs []candidate) Result {
	// Drop inapplicable candidates (7-bit encodings that did not decode).
	k := 0
	for _, c := range cs {
		if !math.IsInf(c.score, -1) {
			cs[k] = c
			k++
		}
	}
	cs = cs[:k]
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	best := cs[0].score
	var sum float64
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		p := math.Exp((c.score - best) / temperature)
		out[i] = Candidate{Encoding: c.enc, Confidence: p}
		sum += p
	}
	for i := range out {
		out[i].Confidence /= sum
	}
	return Result{Encoding: out[0].Encoding, Confidence: out[0].Confidence, Candidates: out}
}
