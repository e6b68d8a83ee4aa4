package detect

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/pinyin"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// Annotation is a pinyin reading flattened into the text right after the
// character it annotates: 建設(shè).
type Annotation struct {
	// Span covers the parenthesised reading, "(shè)"; the annotated
	// character before it is not part of the span. Readings of the
	// character that follow right after it, as a page flattened twice
	// writes them (發(fā)(fā)), are part of the span.
	Span Span `json:"span"`
	// Base is the annotated character.
	Base string `json:"base"`
	// Reading is the reading as written, without the parentheses.
	Reading string `json:"reading"`
	// Confidence is how sure it is that this group is an annotation, in
	// [0, 1]; it is the document-level confidence, lowered for groups that
	// do not fit the document's pattern.
	Confidence float64 `json:"confidence"`
}

// AnnotationResult is what Annotations found in a text.
type AnnotationResult struct {
	// Annotations lists every candidate: a Han character followed by a
	// parenthesised syllable that is one of its readings. Only the ones
	// with Confidence ≥ 0.5 fit the document's pattern.
	Annotations []Annotation `json:"annotations"`
	// Systematic reports whether the document shows the systematic pattern
	// of flattened ruby annotations, so that the annotations can be
	// removed. A lone reading in parentheses (a language-teaching example)
	// is not systematic.
	Systematic bool `json:"systematic"`
	// Confidence is how sure Systematic is, in [0, 1].
	Confidence float64 `json:"confidence"`
}

// Fitting returns the annotations that fit the document's pattern
// (Confidence ≥ 0.5), or nil when the result is not systematic.
func (r AnnotationResult) Fitting() []Annotation {
	if !r.Systematic {
		return nil
	}
	var out []Annotation
	for _, a := range r.Annotations {
		if a.Confidence >= 0.5 {
			out = append(out, a)
		}
	}
	return out
}

// readingBytes are the bytes a reading is made of: lower-case letters,
// tone numbers, ':' (u:) and the bytes of letters with tone marks.
var readingBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= '1' && c <= '5' || c == ':' || c >= 0x80
	}
	return t
}()

// maxReadingLen is the longest reading looked at, in bytes: six letters
// with one two-byte tone mark, or a tone number, with slack for "u:".
const maxReadingLen = 12

// Annotations finds pinyin readings flattened into s: a Han character
// followed immediately by "(reading)" or "（reading）" (the full-width
// parentheses of a page's ruby fallback), where the reading is a single valid
// syllable (tone marks, tone number or toneless; ü, v or u:) and one of the
// character's readings, heteronyms included. The reading is never checked
// against the context: flattened annotations carry the dictionary default,
// which is often wrong in context (協調(diào)).
//
// The document is Systematic when its candidates show the pattern of
// machine-inserted ruby: the annotated characters are Traditional-only
// characters (ones that t2s changes), each is annotated at every or nearly
// every occurrence and always with the same reading, and there are several
// of them. In a text of several pages that annotate different characters
// (pages saved one after the other, or an annotated article among bare
// comments), where a character annotated throughout one page is written
// bare in another, only the occurrences within a few KB of an annotated
// one count, provided each annotated character is annotated twice or more
// on average. In a systematic document, a character annotated at too few
// of its occurrences is judged again on the lines that hold readings: the
// furniture around an annotated article (title bar, related links) is
// written bare. A single candidate is accepted only when it carries a tone
// mark, is the character's default reading and is the only occurrence of
// that Traditional character. Groups such as (AI), (2010年), (一), (作者系…),
// (a), (GDP), (nǐ hǎo) are never candidates. A candidate takes in the
// readings of its character written again right after it (發(fā)(fā),
// 調(diào)(tiáo)), so that removing it leaves none behind.
//
// In a systematic document, a tone-marked reading right after a Latin
// capital or € (left by GBK mojibake that was not repaired: F(xiàn) for
// 現(xiàn)) is reported too, with confidence 0.6, when the document annotates
// some character with exactly that reading.
func Annotations(s string) AnnotationResult {
	var res AnnotationResult
	var cands, strays []annCand
	var known map[string]bool // "設(shè)" → pinyin.HasReading(設, shè)
	var last *[1 << 10]knownPair
	var scratch *annScratch // last and the candidates' room, once there is a reading
	defer func() {
		if scratch != nil {
			scratch.put(cands)
		}
	}()
	// A reading is in ASCII parentheses, or in full-width ones, as a
	// page's ruby fallback (<rp>（</rp>) writes it when the ruby is
	// flattened: fw is the next "（" at or after i, -1 when there is none.
	fw := strings.Index(s, "（")
	for i := 0; i < len(s); {
		j, open := indexByteFrom(s, i, '('), 1 // the parenthesis and its length
		if fw >= 0 && fw < i {
			fw = indexFrom(s, i, "（")
		}
		if fw >= 0 && (j < 0 || fw < j) {
			j, open = fw, len("（")
		}
		if j < 0 {
			break
		}
		i = j + open
		if j == 0 {
			continue
		}
		// The annotated character is mostly a three-byte one: decoded
		// inline (utf8x.Decode3), the rest by utf8.DecodeLastRuneInString.
		base, bsize := rune(0), 3
		if r, ok := utf8x.Decode3(s[:j], max(j-3, 0)); ok {
			base = r
		} else {
			base, bsize = utf8.DecodeLastRuneInString(s[:j])
		}
		han := isHanRune(base)
		if !han && !strayBase(base) {
			continue
		}
		end := readingEnd(s, j, open)
		if end < 0 {
			continue
		}
		reading := s[j+open : end]
		if !han {
			if hasToneMark(reading) && pinyin.IsSyllable(reading) {
				c := annCand{start: j, end: end + open, baseStart: j - bsize, base: base, rlen: uint8(len(reading))}
				if mayRepeat(s, c.end) {
					c.end = repeatsEnd(s, c.end, base, reading, false)
				}
				strays = append(strays, c)
			}
			continue
		}
		// The same character and reading come back all through an
		// annotated document: each pair is looked up once (known), and
		// the last pair of each character (by its low bits) is kept in
		// last, which nearly always answers without hashing the pair, as
		// the document gives a character the same reading throughout.
		pair := s[j-bsize : end]
		if last == nil {
			scratch = annScratchPool.Get().(*annScratch)
			last = &scratch.last
		}
		lp := &last[int(base)&(len(last)-1)]
		ok := lp.ok
		if lp.pair != pair {
			var seen bool
			if ok, seen = known[pair]; !seen {
				ok = pinyin.HasReading(base, reading)
				if known == nil {
					known = make(map[string]bool, 64)
				}
				known[pair] = ok
			}
			*lp = knownPair{pair, ok}
		}
		if !ok {
			continue
		}
		if cands == nil {
			// A document with a reading has, mostly, thousands: room for
			// one per parenthesis from here on (at most one per six
			// bytes, the shortest reading with its character), as
			// growing the candidates by appending would allocate twice
			// their size and copy them.
			n := strings.Count(s[j:], "(")
			if fw >= 0 {
				n += strings.Count(s[j:], "（")
			}
			cands = scratch.room(min(n, (len(s)-j)/6+1))
		}
		c := annCand{start: j, end: end + open, baseStart: j - bsize, base: base, rlen: uint8(len(reading))}
		if mayRepeat(s, c.end) {
			c.end = repeatsEnd(s, c.end, base, reading, true)
		}
		cands = append(cands, c)
		i = c.end
	}
	if len(cands) == 0 {
		return res
	}
	judge(s, cands, len(strays), &res)
	if res.Systematic && len(strays) > 0 {
		res.Annotations = addStrays(s, res.Annotations, strays, res.Confidence)
	}
	return res
}

// annScratch is what Annotations needs while it looks at a document with
// a reading, kept for the next one: the cache of the last pair of each
// character (24 KB) and the room of the candidates (an annotated document
// has thousands, 40 bytes each).
type annScratch struct {
	last  [1 << 10]knownPair
	cands []annCand
}

var annScratchPool = sync.Pool{New: func() any { return new(annScratch) }}

// room returns an empty slice of candidates with room for n.
func (sc *annScratch) room(n int) []annCand {
	if cap(sc.cands) >= n {
		return sc.cands[:0]
	}
	return make([]annCand, 0, n)
}

// put keeps cands, the candidates of the document done with, for their
// room, and clears the pairs (which hold the document's text) before it
// returns sc to the pool.
func (sc *annScratch) put(cands []annCand) {
	if cap(cands) > cap(sc.cands) {
		sc.cands = cands[:0]
	}
	clear(sc.last[:])
	annScratchPool.Put(sc)
}

// knownPair is a character and its reading, "設(shè)", and whether the
// reading is one of the character's.
type knownPair struct {
	pair string
	ok   bool
}

// strayBase reports whether r may stand before a reading whose annotated
// character was garbled by mojibake: a Latin capital, € or another symbol
// that is the second byte of a misread GBK pair (現 → F(xiàn)).
func strayBase(r rune) bool {
	return r >= 'A' && r <= 'Z' || r == '€' || r == '^' || r == ']'
}

func hasToneMark(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// maxStrayReadings is the most distinct stray readings that addStrays
// looks for by comparison; with more, it puts the annotations' readings in
// a set.
const maxStrayReadings = 16

// addStrays adds to the annotations of a systematic document the readings
// that follow a garbled character (F(xiàn)) when the document annotates
// some character with exactly that reading. They get a lower confidence.
func addStrays(s string, anns []Annotation, strays []annCand, conf float64) []Annotation {
	// The strays are few and their readings fewer: each fitting
	// annotation is compared with the readings not yet found, instead of
	// putting the readings of all annotations (thousands) in a set.
	var want []string // distinct readings of strays, until found
	for k := range strays {
		if r := strays[k].readingOf(s); !slices.Contains(want, r) {
			want = append(want, r)
		}
	}
	var used []string
	if len(want) > maxStrayReadings {
		set := map[string]bool{}
		for _, a := range anns {
			if a.Confidence >= 0.5 {
				set[a.Reading] = true
			}
		}
		for _, r := range want {
			if set[r] {
				used = append(used, r)
			}
		}
		want = nil
	}
	for _, a := range anns {
		if len(want) == 0 {
			break
		}
		if a.Confidence < 0.5 {
			continue
		}
		if k := slices.Index(want, a.Reading); k >= 0 {
			used = append(used, want[k])
			want = slices.Delete(want, k, k+1)
		}
	}
	var add []Annotation
	for _, c := range strays {
		if slices.Contains(used, c.readingOf(s)) {
			add = append(add, Annotation{Span: Span{c.start, c.end}, Base: s[c.baseStart:c.start], Reading: c.readingOf(s), Confidence: round2(min(conf, 0.6))})
		}
	}
	if len(add) == 0 {
		return anns
	}
	// Merged in place from the back (judge leaves room for the strays), an
	// added one before an annotation at the same offset.
	out := slices.Grow(anns, len(add))[:len(anns)+len(add)]
	i, k := len(anns)-1, len(add)-1
	for w := len(out) - 1; k >= 0; w-- {
		if i >= 0 && anns[i].Span.Start >= add[k].Span.Start {
			out[w] = anns[i]
			i--
		} else {
			out[w] = add[k]
			k--
		}
	}
	return out
}

// annCand is a candidate annotation. It holds offsets only, no strings,
// so that the candidates of an annotated document (thousands) are one
// small allocation that the garbage collector need not scan.
type annCand struct {
	start, end int // the "(reading)" group, and the repeats after it
	baseStart  int
	base       rune
	// reading is the index of the candidate's reading among the readings
	// of its character's charStat (see charStat.add).
	reading int32
	rlen    uint8 // the length of the first group's reading
	strong  bool  // base is a Traditional-only character
	fits    bool  // the reading is the one this character usually gets
	// readingFits is fits before the test of how many of the character's
	// occurrences are annotated (see fitOnAnnotatedLines).
	readingFits bool
}

// readingOf returns the reading of c in s, without the parentheses (ASCII
// or full-width ones).
func (c *annCand) readingOf(s string) string {
	n := 1
	if s[c.start] != '(' {
		n = len("（")
	}
	return s[c.start+n : c.start+n+int(c.rlen)]
}

// readingEnd returns the offset of the ')' or "）" that closes the reading
// in the parenthesis of length open (1 for '(', 3 for '（') at byte j of
// s, or -1 when no reading of at most maxReadingLen bytes follows it.
func readingEnd(s string, j, open int) int {
	if open != 1 {
		if end := fullWidthReadingEnd(s, j+open); end > j+open {
			return end
		}
		return -1
	}
	// The reading and its ')' are looked for in a window of the longest
	// reading: indexing the window needs no bounds checks.
	for k, c := range []byte(s[j+1 : min(len(s), j+2+maxReadingLen)]) {
		if c == ')' {
			if k == 0 {
				return -1
			}
			return j + 1 + k
		}
		if !readingBytes[c] {
			break
		}
	}
	return -1
}

// mayRepeat reports whether a parenthesis, '(' or "（", may start at byte
// i of s: nearly always none does, which is decided inline before
// repeatsEnd is called.
func mayRepeat(s string, i int) bool {
	return i < len(s) && (s[i] == '(' || s[i] == 0xEF)
}

// repeatsEnd returns the end of the readings that repeat, from byte i of
// s on, the reading of base just before i: flattening a page twice, or a
// page with two rubies, writes 發(fā)(fā). They belong to the annotation,
// so that removing it leaves no reading of base behind (which a second
// cleaning would remove). After a Han character (han) a repeat is any
// reading of base, after a stray one (F(xiàn)) the same reading as written.
func repeatsEnd(s string, i int, base rune, reading string, han bool) int {
	for i < len(s) {
		open := 1
		switch {
		case s[i] == '(':
		case strings.HasPrefix(s[i:], "（"):
			open = len("（")
		default:
			return i
		}
		end := readingEnd(s, i, open)
		if end < 0 {
			return i
		}
		r := s[i+open : end]
		if r != reading && (!han || !pinyin.HasReading(base, r)) {
			return i
		}
		i = end + open
	}
	return i
}

// fullWidthReadingEnd returns the offset of the "）" that closes a reading
// starting at byte i of s, after a "（", or -1 when the bytes from i are no
// reading of at most maxReadingLen bytes followed by it. (A tone mark is
// never a character from U+F000 on, as the full-width forms are.)
func fullWidthReadingEnd(s string, i int) int {
	for k := i; k < len(s) && k <= i+maxReadingLen; k++ {
		c := s[k]
		if c == 0xEF {
			if strings.HasPrefix(s[k:], "）") {
				return k
			}
			return -1
		}
		if !readingBytes[c] {
			return -1
		}
	}
	return -1
}

// charStat collects the candidates of one annotated character.
type charStat struct {
	r         rune // the character
	annotated int
	total     int
	// readings as written, with their counts; the canonical form decides
	// which are the same reading.
	readings []readingCount
	best     int // index into readings
}

type readingCount struct {
	canonical string
	// written is the last reading as written that counted for this one:
	// a document writes a character's reading the same way throughout,
	// so that comparing with it nearly always saves the parse of
	// sameReading.
	written string
	n       int
}

// add counts reading for st and returns the index of its entry in
// st.readings: the first whose canonical form is reading or reading's.
func (st *charStat) add(reading string) int {
	for k := range st.readings {
		rc := &st.readings[k]
		if rc.written == reading {
			rc.n++
			return k
		}
		if rc.canonical == reading || sameReading(rc.canonical, reading) {
			rc.n++
			rc.written = reading
			return k
		}
	}
	c, _ := pinyin.Canonical(reading)
	st.readings = append(st.readings, readingCount{canonical: c, written: reading, n: 1})
	return len(st.readings) - 1
}

func sameReading(canonical, reading string) bool {
	c, _ := pinyin.Canonical(reading)
	return c == canonical
}

// judge decides whether the candidates are systematic and sets the
// confidences. The annotations it makes have room for extra more, the
// strays that addStrays may merge in.
func judge(s string, cands []annCand, extra int, res *AnnotationResult) {
	var stats charStats
	classes := scriptClasses()
	// strongBase reports whether an annotation of r is strong evidence of
	// machine ruby: r is a character of Traditional script only. A
	// compatibility ideograph counts as the one it stands for, which a
	// conversion makes of it (U+FA2D as 鶴; pinyin.Unified).
	strongBase := func(r rune) bool { return classes.class(pinyin.Unified(r)) == classTrad }
	for k := range cands {
		c := &cands[k]
		c.strong = strongBase(c.base)
		st := &stats.list[stats.index(c.base)]
		st.annotated++
		c.reading = int32(st.add(c.readingOf(s)))
	}
	countTotals(s, &stats, nil)
	strongDistinct, strongAnn, strongTotal, consistent := 0, 0, 0, 0
	for i := range stats.list {
		st := &stats.list[i]
		for k, rc := range st.readings {
			if rc.n > st.readings[st.best].n {
				st.best = k
			}
		}
		if strongBase(st.r) {
			strongDistinct++
			strongAnn += st.annotated
			strongTotal += st.total
			consistent += st.readings[st.best].n
		}
	}
	if float64(strongAnn) < fullCoverage*float64(strongTotal) && strongAnn >= localMinStrong &&
		strongDistinct >= localMinDistinct && strongAnn >= localMinRepeat*strongDistinct {
		// Several pages in one text, each annotating its own characters:
		// a character that one page annotates throughout, another writes
		// bare. Each character's occurrences are then counted near its
		// annotated ones only (countNear), as a page would count them.
		countNear(s, cands, &stats)
		strongTotal = 0
		for i := range stats.list {
			if st := &stats.list[i]; strongBase(st.r) {
				strongTotal += st.total
			}
		}
	}
	nStrong := 0
	for k := range cands {
		c := &cands[k]
		if c.strong {
			nStrong++
			st := stats.lookup(c.base)
			// The document's reading for this character, and a character
			// annotated at most of its occurrences. A reading counted for
			// the best entry is the document's reading; one counted for
			// another entry is compared with it.
			fits := int(c.reading) == st.best
			if !fits {
				best, reading := st.readings[st.best].canonical, c.readingOf(s)
				fits = reading == best || sameReading(best, reading)
			}
			c.fits = fits && 2*st.annotated >= st.total
			c.readingFits = fits
		}
	}
	if nStrong == 0 {
		res.Annotations = toAnnotations(s, cands, 0.2)
		return
	}
	coverage := float64(strongAnn) / float64(strongTotal)
	consistency := float64(consistent) / float64(strongAnn)
	strongShare := float64(nStrong) / float64(len(cands))
	conf := 0.0
	switch {
	case strongDistinct >= 2 && nStrong >= 2:
		// Several distinct characters: the more, the surer.
		conf = 0.7 + 0.1*min(float64(strongDistinct-2), 3)
	case nStrong >= 2:
		// One character annotated at several occurrences.
		conf = 0.65
	default:
		// A single annotation: only a tone-marked default reading.
		c := cands[0]
		for _, x := range cands {
			if x.strong {
				c = x
			}
		}
		rs := pinyin.Readings(c.base)
		if len(rs) > 0 && rs[0] == c.readingOf(s) {
			conf = 0.6
		}
	}
	conf *= clamp01((coverage - 0.5) / (fullCoverage - 0.5))
	conf *= clamp01((consistency - 0.7) / 0.25)
	conf *= clamp01(strongShare / 0.6)
	res.Confidence = round2(conf)
	res.Systematic = conf >= 0.5
	if res.Systematic {
		fitOnAnnotatedLines(s, cands, &stats)
	}
	res.Annotations = make([]Annotation, len(cands), len(cands)+extra)
	// The candidates are read, and the annotations written, through
	// pointers, as in toAnnotations.
	for k := range cands {
		c, a := &cands[k], &res.Annotations[k]
		cc := res.Confidence
		if !c.strong || !c.fits {
			cc = min(cc, 0.3)
		}
		a.Span = Span{c.start, c.end}
		a.Base, a.Reading, a.Confidence = s[c.baseStart:c.start], c.readingOf(s), cc
	}
}

// fullCoverage is the share of the occurrences of the annotated
// Traditional characters that must be annotated for full confidence;
// half of them or fewer give none.
const fullCoverage = 0.9

// A text whose annotated characters are annotated at too few of their
// occurrences is looked at again with the occurrences near annotated ones
// only (countNear): a text of several pages, each annotating its own
// characters at every occurrence, or one whose annotated article sits
// among bare comments and links. It must show machine ruby's repetition
// for that: at least localMinStrong annotations of localMinDistinct
// Traditional characters, localMinRepeat per character on average (a
// vocabulary list, which gives each character its reading once, far from
// the text that uses them, is not looked at again). annotNear is how
// near, in bytes: about a screen of text.
const (
	localMinStrong   = 20
	localMinDistinct = 3
	localMinRepeat   = 2
	annotNear        = 4096
)

// countNear sets the total of each character of stats to the number of
// its occurrences in s within annotNear bytes of an annotated occurrence
// of it (the annotated ones included), the candidates cands being the
// annotated occurrences, in order. A character that one part of the text
// annotates throughout and another never does is then counted in the
// first part only, while one annotated here and there keeps most of its
// bare occurrences, which sit near annotated ones.
func countNear(s string, cands []annCand, stats *charStats) {
	nc := nearCounter{cands: cands, stats: stats, chars: make([]nearChar, len(stats.list))}
	for i := range stats.list {
		stats.list[i].total = 0
		nc.chars[i].lastA = -1
	}
	countTotals(s, stats, &nc)
}

// nearCounter is the state of countNear: the next candidate, and per
// character of stats its last annotated occurrence and the bare ones
// since that are not near it.
type nearCounter struct {
	cands []annCand
	k     int // the first candidate that does not start before the occurrence
	stats *charStats
	chars []nearChar
}

type nearChar struct {
	lastA int // the offset of the last annotated occurrence, or -1
	// pending[head:] are the bare occurrences since, not within
	// annotNear of it, that the next one may still be near: a queue,
	// compacted when half of it is spent, so that a character written
	// bare thousands of times costs no more per occurrence.
	pending []int
	head    int
}

// count counts the occurrence at i of the character stats.list[x].
func (nc *nearCounter) count(i int, x int32) {
	st, ch := &nc.stats.list[x], &nc.chars[x]
	for nc.k < len(nc.cands) && nc.cands[nc.k].baseStart < i {
		nc.k++
	}
	if nc.k < len(nc.cands) && nc.cands[nc.k].baseStart == i {
		// Annotated: it counts, and so do the bare occurrences before it
		// within annotNear.
		st.total++
		for _, u := range ch.pending[ch.head:] {
			if i-u <= annotNear {
				st.total++
			}
		}
		ch.pending, ch.head = ch.pending[:0], 0
		ch.lastA = i
		return
	}
	if ch.lastA >= 0 && i-ch.lastA <= annotNear {
		st.total++
		return
	}
	// Too far from the last annotated occurrence: it counts if the next
	// one comes within annotNear. Those already further than that from
	// this one never will.
	for ch.head < len(ch.pending) && i-ch.pending[ch.head] > annotNear {
		ch.head++
	}
	if ch.head > len(ch.pending)/2 {
		ch.pending, ch.head = ch.pending[:copy(ch.pending, ch.pending[ch.head:])], 0
	}
	ch.pending = append(ch.pending, i)
}

// countTotals counts the occurrences in s of the characters of stats, as
// ranging over s would decode them; with near, it passes them to near
// instead (countNear).
//
// The characters of stats are Han, valid UTF-8 of three or four bytes.
// Three bytes of the form 1110xxxx 10xxxxxx 10xxxxxx, read in one load
// with the byte after them, are passed over whole: valid, they are the
// character ranging decodes, whose low 12 bits (the payload of the
// continuation bytes, as they lie in w: see slotIndex) index stats.slot,
// so that most characters are passed over before they are decoded;
// overlong or a surrogate, they are what ranging decodes as three U+FFFD,
// which are not Han, and their bits make no character of stats either. A
// valid two-byte sequence is passed over; anything else, and the last
// three bytes of s, are decoded as ranging does.
func countTotals(s string, stats *charStats, near *nearCounter) {
	i := 0
	for i < len(s)-3 {
		w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
		switch {
		case w&0xC0C0F0 == 0x8080E0:
			if stats.slot[w>>8&0x3F3F] != 0 {
				r := rune(w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F)
				if x := stats.lookupIndex(r); x >= 0 {
					if near != nil {
						near.count(i, x)
					} else {
						stats.list[x].total++
					}
				}
			}
			i += 3
		case w&0x80 == 0:
			i++
		case w&0xC0E0 == 0x80C0 && byte(w) >= 0xC2:
			// A valid two-byte character (the tone marks of the
			// readings) is below U+0800: never an annotated character.
			i += 2
		default:
			i = countRune(s, i, stats, near)
		}
	}
	for i < len(s) {
		i = countRune(s, i, stats, near)
	}
}

// countRune is countTotals for the rune at s[i], decoded as ranging
// does; it returns the offset after it.
func countRune(s string, i int, stats *charStats, near *nearCounter) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if x := stats.lookupIndex(r); x >= 0 {
		if near != nil {
			near.count(i, x)
		} else {
			stats.list[x].total++
		}
	}
	return i + size
}

// toAnnotations returns the annotations of cands, all with confidence
// conf. The candidates are read, and the annotations written, through
// pointers: a document has thousands, and copying each of them costs more
// than the loop's work.
func toAnnotations(s string, cands []annCand, conf float64) []Annotation {
	out := make([]Annotation, len(cands))
	for k := range cands {
		c, a := &cands[k], &out[k]
		a.Span = Span{c.start, c.end}
		a.Base, a.Reading, a.Confidence = s[c.baseStart:c.start], c.readingOf(s), conf
	}
	return out
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

// indexFrom is strings.Index of sub in s from byte from on, as an offset
// in s.
func indexFrom(s string, from int, sub string) int {
	if k := strings.Index(s[from:], sub); k >= 0 {
		return from + k
	}
	return -1
}

func indexByteFrom(s string, from int, c byte) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return -1
}

// isHanRune reports whether r is a CJK unified or compatibility ideograph.
func isHanRune(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0x20000 && r <= 0x3134F || r >= 0xF900 && r <= 0xFAFF || r == 0x3007
}
