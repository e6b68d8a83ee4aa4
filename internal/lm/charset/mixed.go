package charset

import (
	"math"
	"slices"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// Documents in two encodings.
//
// A scraped file is often put together from parts written in different
// encodings: a UTF-8 page template around a GBK forum post, a GBK file
// with a UTF-8 footer pasted in, a UTF-8 export with one Big5 record.
// Decoded with the document's encoding, the other parts come out as
// U+FFFD (legacy bytes read as UTF-8, the bytes lost) or as mojibake
// (UTF-8 read as GBK or Big5). Mixed finds them in the raw bytes, where
// nothing is lost yet, so that a decoder can read each with its own
// encoding.
//
// It looks at units: the runs of bytes from a byte of 0x80 or above up to
// the next byte below 0x40 (a line end, a space, a digit, ASCII
// punctuation). No character of these encodings straddles such a byte:
// the trail bytes of GBK and Big5 are 0x40 or above, and those of UTF-8
// 0x80 or above. The units run on across the digits of GB18030's
// four-byte sequences and across question marks before a byte of 0x80 or
// above, which may be a reader's for bytes it failed on (mixed_units.go).
// A unit is read whole in the document's encoding and in each other one,
// and split in two, a part in either encoding on each side (标题： in UTF-8
// glued to a GBK title). The character model scores each reading
// (mixed_read.go); judge says which part, if any, reads clearly better in
// another encoding.

// Segment is a stretch of a document's bytes that reads as another
// encoding than the document's.
type Segment struct {
	// Start and End are byte offsets in the input.
	Start, End int
	// Encoding is the WHATWG name of the stretch's encoding.
	Encoding string
	// Gain is how much better (nats) the unit that holds the stretch reads
	// with it in Encoding than all in the document's encoding, and Margin
	// how much better than with the next best reading.
	Gain, Margin float64
	// Confidence is the lesser of what Gain and Margin say, in [0, 1],
	// as for the mojibake repairs: 1-exp(-Gain/10) and the logistic of
	// Margin.
	Confidence float64
}

// Thresholds of Mixed, in nats (the codec-chain repairs of package
// mojibake ask the same of a repair).
const (
	mixedMinGain = 8.0
	mixedPerRune = 1.5
	mixedMargin  = 3.0
	// mixedShownGain is mixedMinGain in a document that has shown the
	// encoding (see Mixed): 同 in GBK (CD AC) reads 7.6 nats better than
	// U+036C, which it is in UTF-8. The characters of two UTF-8 bytes
	// that read 6 nats worse than their GBK reading are rare letters
	// (Ԫ, ֮, ʹ), none of Latin-1 (é, °, ×, ü read better than 4).
	mixedShownGain = 6.0
)

// verdict is judge's answer on a unit.
type verdict uint8

const (
	none  verdict = iota // nothing to read otherwise
	weak                 // one character that reads better otherwise
	taken                // a segment to read otherwise
)

// mixedWeakUnits is how many weak units (one character each) show an
// encoding as a unit of two characters does.
const mixedWeakUnits = 3

// mixedPlausible is the least log-probability per character (nats) of
// the reading of a part of mixedShort characters or fewer: of single GBK
// characters of Debian's Chinese documentation, 1% read worse alone; of
// random byte pairs that are GBK characters, 8% read better.
const (
	mixedPlausible = -10.5
	mixedShort     = 2
)

// mixedSplits is how many split points Mixed tries on each side of a
// unit: the last (or first) character boundaries of the longest prefix
// (or suffix) that is valid UTF-8, for a few legacy bytes can read as
// UTF-8 by chance.
const mixedSplits = 3

// Mixed returns the stretches of b, a document in the encoding enc
// (utf-8, gbk, gb18030 or big5; Mixed returns nil for any other), that
// read as another of those encodings, in order: GBK or Big5 in a UTF-8
// document, UTF-8 in a GBK or Big5 one. b is the document without its
// byte order mark. Mixed is safe for concurrent use.
//
// It judges each unit on its own first. Once a unit has shown an
// encoding, the document is known to hold it, and a second pass takes
// the units that read better in that encoding on weaker evidence: a
// single character (年 and 月 of 2009年8月 in GBK, each alone between
// digits), and in a UTF-8 document a unit that happens to be valid UTF-8
// (同, CD AC in GBK, is ͬ in UTF-8).
func Mixed(b []byte, enc string) []Segment {
	var others []string
	switch enc {
	case encUTF8:
		others = []string{encGBK, encBig5}
	case encGBK, encGB18030, encBig5:
		others = []string{encUTF8}
	default:
		return nil
	}
	loadTables()
	mu := mixedUnits{m: lm.Default(), b: b, enc: enc, lines: lines{b: b}}
	var out []Segment
	// shown counts the weak units of each of others, and is
	// mixedWeakUnits for one that a unit showed.
	var shown [2]int
	for i, j := mu.nextUnit(0); i < len(b); i, j = mu.nextUnit(j) {
		seg, v := mu.judge(i, j, others, false)
		if v == none {
			continue
		}
		k := slices.Index(others, seg.Encoding)
		if v == weak {
			shown[k]++
			continue
		}
		out = append(out, seg)
		shown[k] = mixedWeakUnits
	}
	var buf [2]string
	shownList := buf[:0]
	for k, o := range others {
		if shown[k] >= mixedWeakUnits {
			shownList = append(shownList, o)
		}
	}
	if len(shownList) > 0 {
		// The second pass, over the units the first did not take.
		n, next := len(out), 0
		for i, j := mu.nextUnit(0); i < len(b); i, j = mu.nextUnit(j) {
			for next < n && out[next].End <= i {
				next++
			}
			if next < n && out[next].Start < j {
				continue
			}
			if seg, v := mu.judge(i, j, shownList, true); v == taken {
				out = append(out, seg)
			}
		}
		if len(out) > n {
			slices.SortFunc(out, func(x, y Segment) int { return x.Start - y.Start })
		}
	}
	return mu.dropLostLines(out)
}

// mixedUnits judges the units of one document.
type mixedUnits struct {
	m   *lm.Model
	b   []byte
	enc string
	// scanned is how far nextUnit has looked for lost bytes, and lines
	// finds their lines.
	scanned int
	lines   lines
	// lostLines are the starts of the lines of a legacy document that
	// hold a unit with lost bytes (see dropLostLines), increasing.
	lostLines []int
}

// reading is one way of reading a unit: u[:split] in first, the rest in
// second (split == len(u): all in first).
type reading struct {
	first, second string
	split         int
	score         float64
}

// judge decides whether a part of the unit b[i:j] reads better in one of
// others, on the weaker evidence of the second pass with shown (see
// Mixed). A weak verdict comes with the segment it would have taken.
func (mu *mixedUnits) judge(i, j int, others []string, shown bool) (Segment, verdict) {
	u, enc, m := mu.b[i:j], mu.enc, mu.m
	valid := utf8.Valid(u)
	if enc == encUTF8 && valid && !shown {
		return Segment{}, none
	}
	prefixes, suffixes := utf8Prefixes(u), utf8Suffixes(u)
	if enc != encUTF8 && prefixes.n == 0 && suffixes.n == 0 && !valid {
		return Segment{}, none // no UTF-8 text to read otherwise
	}
	// The document's own reading may hold errors: U+FFFD for legacy
	// bytes in UTF-8, the odd pair in GBK that UTF-8 bytes make.
	ctx := lettersBefore(mu.b, i)
	baseScore, _ := scoreAs(m, ctx, u, reading{first: enc, split: len(u)}, true)
	pinyinU := pinyinUnit(ctx, u)
	if pinyinU && enc == encUTF8 {
		baseScore += mixedPinyinBonus
	}
	var cands [2 * (1 + 2*mixedSplits)]reading
	rs := cands[:0]
	for _, o := range others {
		rs = append(rs, reading{first: o, split: len(u)})
		// The UTF-8 part of a split is before or after the legacy part.
		utf, leg := o, enc
		if enc == encUTF8 {
			utf, leg = enc, o
		}
		for _, k := range prefixes.points() {
			rs = append(rs, reading{first: utf, second: leg, split: k})
		}
		for _, k := range suffixes.points() {
			rs = append(rs, reading{first: leg, second: utf, split: k})
		}
	}
	best, second := -1, math.Inf(-1)
	for k := range rs {
		if r := rs[k]; r.split < len(u) && (isASCII(u[:r.split]) || isASCII(u[r.split:])) {
			continue // a part of ASCII only reads the same in both
		}
		s, ok := scoreAs(m, ctx, u, rs[k], false)
		if !ok {
			continue
		}
		if pinyinU && rs[k].first == encUTF8 && rs[k].split == len(u) {
			s += mixedPinyinBonus
		}
		rs[k].score = s
		if best < 0 || s > rs[best].score {
			if best >= 0 {
				second = rs[best].score
			}
			best = k
		} else if s > second {
			second = s
		}
	}
	if best < 0 {
		return Segment{}, none
	}
	r := rs[best]
	gain := r.score - baseScore
	margin := r.score - max(second, baseScore)
	// The part in the other encoding.
	s, e, other := 0, len(u), r.first
	switch {
	case r.split == len(u):
	case r.first == enc:
		s, other = r.split, r.second
	default:
		e = r.split
	}
	part := u[s:e]
	runes := nonASCIIRunes(part, other)
	least := 2
	if shown && (enc == encUTF8 || len(part) == len(u) || cjkUTF8(part)) {
		// In a legacy document, a single character of UTF-8 glued to
		// legacy text must be Chinese: the misaligned runs of GBK text
		// hold valid UTF-8 of two bytes by chance (茖W, C6 8C 57, is ƌW)
		// right after their question marks.
		least = 1
	}
	need := mixedMinGain
	if shown {
		need = mixedShownGain
	}
	if gain < need || margin < mixedMargin || runes == 0 || gain < mixedPerRune*float64(runes) {
		return Segment{}, none
	}
	if enc == encUTF8 && !valid && (cutUTF8(part) || 4*commonUTF8(m, part) >= len(part)) {
		// A UTF-8 character cut short, or UTF-8 text with stray bytes.
		return Segment{}, none
	}
	if runes <= mixedShort {
		// Few characters: they must read as text on their own.
		pctx := ctx
		if s > 0 {
			pctx = nil // a part after the split: its context is not letters
		}
		if ps, _ := scoreAs(m, pctx, part, reading{first: other, split: len(part)}, false); ps < mixedPlausible*float64(allRunes(part, other)) {
			return Segment{}, none
		}
	}
	conf := min(1-math.Exp(-gain/10), 1/(1+math.Exp(-margin)))
	seg := Segment{Start: i + s, End: i + e, Encoding: other, Gain: gain, Margin: margin, Confidence: math.Round(conf*1e4) / 1e4}
	if runes < least {
		return seg, weak
	}
	return seg, taken
}
