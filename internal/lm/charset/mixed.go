package charset

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
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
// punctuation). A double-byte character never straddles such a byte: the
// trail bytes of GBK and Big5 are 0x40 or above, and those of UTF-8 0x80
// or above (GB18030's four-byte sequences, whose second and fourth bytes
// are digits, are the exception; a unit that holds one reads badly in
// every encoding and is left as it is). A unit is read whole in the
// document's encoding and in each other one, and split in two, a part
// in either encoding on each side (标题： in UTF-8 glued to a GBK title).
// The character model scores each reading; the best one must read
// clearly better than the document's own (mixedMinGain, mixedPerRune)
// and than every other reading (mixedMargin), and its part in the other
// encoding must decode without error and hold at least two characters
// that are not ASCII. In a UTF-8 document that part must also hold two
// sequences that are not UTF-8: a UTF-8 character cut short is lost
// bytes, not a character of another encoding.

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

// dropLostLines drops from segs, in order, those on the lines of
// mu.lostLines: in a legacy document, a line with lost bytes is UTF-8
// text read as the legacy encoding and saved in it, its failures written
// as question marks (杞? for 转, E8 BD 3F) or as U+FFFD in GB18030
// (gbFFFD). Read unit by unit, its units without a lost byte would be
// UTF-8 and the others mojibake; the repair of package mojibake reads the
// whole line and restores the lost bytes. A line holds lost bytes where a
// unit holds U+FFFD, or question marks inside it or right before or
// after it that stand for lost bytes (lostAt).
func (mu *mixedUnits) dropLostLines(segs []Segment) []Segment {
	if len(mu.lostLines) == 0 {
		return segs
	}
	kept := segs[:0]
	ls := lines{b: mu.b}
	for _, s := range segs {
		if _, lost := slices.BinarySearch(mu.lostLines, ls.startOf(s.Start)); !lost {
			kept = append(kept, s)
		}
	}
	return kept
}

// gbFFFD is U+FFFD in GB18030.
var gbFFFD = []byte{0x84, 0x31, 0xA4, 0x37}

// lines finds the start of the line that holds a byte, for bytes in
// increasing order, reading each byte of b once in all.
type lines struct {
	b           []byte
	read, start int // b[:read] has been read; the last line in it starts at start
}

// startOf returns the offset of the line of b that holds b[i]; i must be
// at least the i of the call before.
func (l *lines) startOf(i int) int {
	if k := bytes.LastIndexByte(l.b[l.read:i], '\n'); k >= 0 {
		l.start = l.read + k + 1
	}
	l.read = max(l.read, i)
	return l.start
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

// unitEnd returns the end of the unit that goes on at b[j]: the next
// byte below 0x40, but for the second and fourth bytes of a GB18030
// four-byte sequence (digits after a lead byte) and for question marks
// before a byte of 0x80 or above, which may be a reader's for bytes it
// failed on; lost reports one that is (see lostAt).
func unitEnd(b []byte, j int) (end int, lost bool) {
	for j < len(b) {
		switch c := b[j]; {
		case c >= 0x40:
			j++
		case c >= '0' && c <= '9' && b[j-1] >= 0x81 && j+2 < len(b) && b[j+1] >= 0x81 && b[j+2] >= '0' && b[j+2] <= '9':
			j += 3
		case c == '?':
			k := j + 1
			for k < len(b) && b[k] == '?' {
				k++
			}
			if k == len(b) || b[k] < 0x80 {
				return j, lost
			}
			lost = lost || lostAt(b, j, k)
			j = k
		default:
			return j, lost
		}
	}
	return j, lost
}

// lostAt reports whether the question marks b[q:k] stand for bytes of
// UTF-8 text that a reader failed on: the UTF-8 sequence before them is
// cut short (杞? for 转, E8 BD 3F), or a continuation byte follows them.
// Between whole UTF-8 characters (活力?帶著) or legacy text they are
// question marks.
func lostAt(b []byte, q, k int) bool {
	if k < len(b) && b[k]&0xC0 == 0x80 {
		return true
	}
	// The last lead byte within three bytes before q, and whether the
	// bytes after it up to q are fewer than it needs.
	for p := q - 1; p >= 0 && p >= q-3; p-- {
		switch c := b[p]; {
		case c&0xC0 == 0x80:
			continue
		case c >= 0xC2 && c <= 0xF4:
			return q-p < utf8x.SeqLen(c)
		default:
			return false
		}
	}
	return false
}

// nextUnit returns the next unit at or after b[i], b[len(b):] when there
// is none; on the first pass over a legacy document it notes the lines
// with lost bytes (see dropLostLines).
func (mu *mixedUnits) nextUnit(i int) (start, end int) {
	b := mu.b
	for i < len(b) && b[i] < 0x80 {
		i++
	}
	if i == len(b) {
		return i, i
	}
	j, lost := unitEnd(b, i+1)
	if mu.enc != encUTF8 && i >= mu.scanned {
		mu.scanned = j
		// Question marks right before or after the unit.
		if q := i; q > 0 && b[q-1] == '?' {
			for q > 0 && b[q-1] == '?' {
				q--
			}
			lost = lost || lostAt(b, q, i)
		}
		if k := j; k < len(b) && b[k] == '?' {
			for k < len(b) && b[k] == '?' {
				k++
			}
			lost = lost || lostAt(b, j, k)
		}
		if lost || bytes.Contains(b[i:j], gbFFFD) {
			if ls := mu.lines.startOf(i); len(mu.lostLines) == 0 || mu.lostLines[len(mu.lostLines)-1] != ls {
				mu.lostLines = append(mu.lostLines, ls)
			}
		}
	}
	return i, j
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
		if r := rs[k]; r.split < len(u) && (!hasMulti(u[:r.split]) || !hasMulti(u[r.split:])) {
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
	if shown {
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

// splits holds the last mixedSplits split points added.
type splits struct {
	k [mixedSplits]int
	n int
}

// add adds k as the last point, dropping the first when full.
func (s *splits) add(k int) {
	if s.n == mixedSplits {
		copy(s.k[:], s.k[1:])
		s.n--
	}
	s.k[s.n] = k
	s.n++
}

// points returns the split points.
func (s *splits) points() []int { return s.k[:s.n] }

// utf8Prefixes returns the split points k, 0 < k < len(u), at the last
// mixedSplits character boundaries of the longest prefix of u that is
// valid UTF-8, of those after a multi-byte sequence.
func utf8Prefixes(u []byte) splits {
	var ks splits
	i, multi := 0, false
	for i < len(u) {
		r, n := utf8.DecodeRune(u[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
		multi = multi || n > 1
		if multi && i < len(u) {
			ks.add(i)
		}
	}
	return ks
}

// utf8Suffixes returns the split points k, 0 < k < len(u), at the first
// mixedSplits character boundaries of the longest suffix of u that is
// valid UTF-8, of those before a multi-byte sequence (in decreasing
// order).
func utf8Suffixes(u []byte) splits {
	var ks splits
	j, multi := len(u), false
	for j > 0 {
		r, n := utf8.DecodeLastRune(u[:j])
		if r == utf8.RuneError && n == 1 {
			break
		}
		j -= n
		multi = multi || n > 1
		if multi && j > 0 {
			ks.add(j)
		}
	}
	return ks
}

// scoreAs scores u read as r says with the character model. With
// lenient, each sequence that does not decode costs mixedLostCost, as a
// character that was lost; otherwise ok is false when there is one.
//
// The letters ctx before u are read first, the same in every reading:
// they tell a letter with a tone mark of a pinyin reading (the è of
// sh + è, C3 A8 in UTF-8, 猫 in GBK) from a Han character. The score is
// that of u after them.
func scoreAs(m *lm.Model, ctx, u []byte, r reading, lenient bool) (float64, bool) {
	a := newAcc(m, math.Inf(-1))
	for _, c := range ctx {
		a.add(rune(c))
	}
	lead := a.total()
	bad := readRunes(&a, u[:r.split], r.first)
	if r.split < len(u) {
		bad += readRunes(&a, u[r.split:], r.second)
	}
	if bad > 0 && !lenient {
		return 0, false
	}
	return a.total() - lead, true
}

// mixedPinyinBonus is added to the UTF-8 reading of a unit that makes a
// pinyin syllable with a tone mark with the letters before it
// (pinyinUnit): the Latin statistics of the character model know ì
// after zh no better than 矛, the same bytes in GBK.
const mixedPinyinBonus = 10.0

// pinyinUnit reports whether u, read as UTF-8, is a vowel of pinyin with
// a tone mark and the ending of a final after it (n, ng, r, i, o, u),
// after ctx, the letters of the word before it, an initial and a medial
// (sh + è, zh + ì, ji + é, zhu + àng). It is a check of the shape of a
// syllable, not of the syllable (package pinyin, which knows them,
// imports package convert, which imports this one).
func pinyinUnit(ctx, u []byte) bool {
	r, n := utf8.DecodeRune(u)
	if !strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", r) {
		return false
	}
	switch string(u[n:]) {
	case "", "n", "ng", "r", "i", "o", "u":
	default:
		return false
	}
	w := string(ctx)
	for _, m := range [...]string{"i", "u"} {
		if strings.HasSuffix(w, m) && !strings.ContainsRune("aeiou", r) {
			w = strings.TrimSuffix(w, m)
			break
		}
	}
	if len(ctx) == 0 && len(u) == n {
		return false // a letter alone (茅 in GBK is é in UTF-8)
	}
	switch w {
	case "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
		"zh", "ch", "sh", "r", "z", "c", "s", "y", "w":
		return true
	}
	return false
}

// lettersBefore returns the ASCII letters of the word right before b[i],
// if there are 3 or fewer, and nil otherwise.
func lettersBefore(b []byte, i int) []byte {
	k := i
	for k > 0 && k > i-4 && (b[k-1]|0x20 >= 'a' && b[k-1]|0x20 <= 'z') {
		k--
	}
	if i-k > 3 {
		return nil
	}
	return b[k:i]
}

// mixedLostCost is what a sequence that does not decode costs the
// document's own reading of a unit (nats): about a rare character, the
// one it stands for. (Trial decoding charges U+FFFD and invalidPenalty,
// about three times as much, which would let any reading without errors
// win, mojibake of the valid characters around a deleted byte included.)
const mixedLostCost = -12.0

// readRunes adds the runes of b in enc to a and returns the number of
// sequences that did not decode (a sequence cut short at the end counts),
// each charged mixedLostCost, the runes after it scored afresh. A UTF-8
// sequence that does not decode is a lead byte with the continuation
// bytes it could take, or a byte that starts none, as a UTF-8 decoder
// reads them.
func readRunes(a *acc, b []byte, enc string) int {
	bad := 0
	var t *dbcs
	switch enc {
	case encGBK, encGB18030:
		t = gbkTable
		a.kanaPen = kanaInChinese
	case encBig5:
		t = big5Table
		a.kanaPen = kanaInChinese
	}
	lost := func() {
		bad++
		total := a.c.LogProb() + mixedLostCost
		a.c.Reset()
		a.c.AddPenalty(total)
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			a.add(rune(c))
			i++
		case t == nil:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				n, _ = invalidUTF8(b[i:])
				lost()
			} else {
				a.add(r)
			}
			i += n
		case t.single[c-0x80] != 0:
			a.add(t.single[c-0x80])
			i++
		case t.lead[c-0x80] && i+1 < len(b) && t.lookup(c, b[i+1]) != 0:
			a.add(t.lookup(c, b[i+1]))
			i += 2
		default:
			lost()
			i++
		}
	}
	a.kanaPen = 0
	return bad
}

// invalidUTF8 returns the length of the sequence that does not decode at
// the start of b: a lead byte and the continuation bytes after it that it
// could take, or 1; lead reports the lead byte.
func invalidUTF8(b []byte) (n int, lead bool) {
	lead = b[0] >= 0xC2 && b[0] <= 0xF4
	need := 0
	if lead {
		need = utf8x.SeqLen(b[0]) - 1
	}
	n = 1
	for ; need > 0 && n < len(b) && b[n]&0xC0 == 0x80; need-- {
		n++
	}
	return n, lead
}

// nonASCIIRunes counts the characters of b in enc that are not ASCII.
func nonASCIIRunes(b []byte, enc string) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		n++
		if enc == encUTF8 {
			_, size := utf8.DecodeRune(b[i:])
			i += size
		} else {
			i += 2
		}
	}
	return n
}

// commonUTF8 returns the number of bytes of b in valid UTF-8 sequences
// of three bytes or more that decode to a common character (log-probability
// −9 or more, the 3,000 commonest Han characters or so). Legacy text
// makes a valid sequence of three bytes once in 170 characters, and
// it decodes to a common character once in seven.
func commonUTF8(m *lm.Model, b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if size >= 3 && r != utf8.RuneError && m.Unigram(r) >= -9 {
			n += size
		}
		i += size
	}
	return n
}

// allRunes counts the characters of b in enc, ASCII ones too.
func allRunes(b []byte, enc string) int {
	n := nonASCIIRunes(b, enc)
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n
}

// cutUTF8 reports whether the one sequence of b that is not UTF-8 is a
// lead byte with fewer continuation bytes than it needs (a UTF-8
// character cut short, lost bytes, where a legacy character makes two
// such sequences or one that starts with no lead byte: A9 4D, 和 in Big5).
func cutUTF8(b []byte) bool {
	n, cut := 0, false
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			n++
			size, cut = invalidUTF8(b[i:])
		}
		i += size
	}
	return n == 1 && cut
}

// hasMulti reports whether b holds a byte of 0x80 or above.
func hasMulti(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
