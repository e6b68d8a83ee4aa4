// Accepting a segment: the checks a codec-chain repair must pass before it
// becomes a candidate.

package mojibake

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// recodeSegment checks one segment, the units lo to hi of the stretch
// that decodeUnits cut last (sc.units), and extends its chain.
func (a *analyzer) recodeSegment(lo, hi int, sc *recodeScratch, rc recoding) (recodeCand, bool) {
	us, ts := sc.units[lo:hi], sc.terms[lo:hi]
	start, end := us[0].gs, us[len(us)-1].ge
	garbled := a.text[start:end]
	if !cjkHopFits(garbled, rc) {
		return recodeCand{}, false
	}
	rep := sc.repOf(lo, hi)
	// A chain that reads bytes as GBK or Big5 needs a repair of
	// cjkMinRunes(rc) runes or more (acceptRecode), and no further hop
	// gives more runes than it reads: with fewer, nothing comes of the
	// segment, and the further hops are not tried. (Through
	// windows-1252 or ISO-8859-1 each rune becomes one byte, and each
	// rune read back takes one at least; between GBK and Big5 each
	// character keeps its bytes, read back as one character, since
	// neither codec has a two-byte character that starts below 0x81;
	// and UTF-8 read back from GBK takes two bytes or more for a rune
	// that is not ASCII, where each GBK character gives two, or one and
	// an ASCII trail byte, which no UTF-8 sequence spans.
	// TestHopRunes checks it.)
	if cjkWrong(rc.Wrong) && !hasRunes(rep, a.minRunes(rc)) {
		return recodeCand{}, false
	}
	var fills []Fill
	// A fill's At counts the runes of the garbled text before it. The
	// fills come in order, at the starts of garbled runes, so each count
	// goes on from the one before (counting from a rune start is counting
	// the runes before it again, even with invalid bytes); a long
	// windows-1252 span has many fills, and counting each from the start
	// was quadratic.
	at, runes := start, 0
	runesTo := func(i int) int {
		if i < at {
			at, runes = start, 0
		}
		runes += runeCount(a.text[at:i])
		at = i
		return runes
	}
	for _, u := range us {
		if u.fill != 0 {
			fills = append(fills, Fill{At: runesTo(u.fillAt), B: u.fill})
		}
	}
	for _, f := range sc.lost {
		if f.at >= start && f.at < end {
			fills = append(fills, Fill{At: runesTo(f.at), B: f.b, Lost: true})
		}
	}
	// The chain grows in an array of its own; an accepted candidate
	// takes a copy (most segments are rejected).
	var hops [maxChainHops]recoding
	hops[0] = rc
	chain := hops[:1]
	if rc.Wrong == "cp1252" && isLatin1Reading(garbled) {
		chain[0].Wrong = "latin1"
	}
	// gainOf(start, end, ·) with the garbled text scored once; repGain is
	// the gain of rep, computed when first needed. The garbled text and
	// the first rep are the units', whose runes unitGains scored.
	prev, next := lastRune(a.text[:start]), firstRune(a.text[end:])
	lg := a.segmentLP(us, ts, sc, prev, next, false)
	gainOf := func(rep string) float64 {
		if rep == garbled {
			// A hop back (big5<-gbk after gbk<-big5): lg is lpText of the
			// garbled text, the same terms added in the same order.
			return 0
		}
		lr, _ := lpText(a.sc, prev, rep, next)
		return lr - lg
	}
	unitsGain := func() float64 { return a.segmentLP(us, ts, sc, prev, next, true) - lg }
	repGain, haveGain := 0.0, false
	// Further hops while they apply to the whole repair and improve it.
	for hop := 1; hop < maxChainHops; hop++ {
		improved := false
		for _, rc2 := range recodings {
			if rc2.Wrong == "cp950" || !cjkHopFits(rep, rc2) {
				continue // cp950: a first hop only
			}
			r2, ok := recodeString(rep, rc2)
			if !ok || r2 == rep {
				continue
			}
			if !haveGain {
				repGain, haveGain = unitsGain(), true
			}
			if g2 := gainOf(r2); g2-repGain >= minRecodeGain/2 && !symbolsToHan(rep, r2, rc2) {
				if rc2.Wrong == "cp1252" && isLatin1Reading(rep) {
					rc2.Wrong = "latin1"
				}
				chain = append(chain, rc2)
				rep, repGain = r2, g2
				improved = true
				break
			}
		}
		if !improved {
			break
		}
	}
	if !haveGain {
		repGain = unitsGain()
	}
	gain := repGain
	n := runeCount(rep)
	if debugShift {
		fmt.Printf("recode %q -> %q chain=%v gain=%.1f n=%d\n", trunc(garbled), trunc(rep), slices.Clone(chain), gain, n)
	}
	if !acceptRecode(garbled, rep, chain, gain, n, a.priorAt(start, end, rc.Orig != "utf8" && len(sc.lostRunes) > 0)) || gluedHan(prev, rep, next, chain) {
		return recodeCand{}, false
	}
	// Lossless: the inverse chain reproduces the garbled text.
	if !reproduces(rep, garbled, chain, fills) {
		if debugShift {
			fmt.Printf("not lossless %q fills=%v\n", trunc(garbled), fills)
		}
		return recodeCand{}, false
	}
	// The repair of one hop is a substring of the repairs of the whole
	// stretch: copy it rather than keep them all.
	return recodeCand{start: start, end: end, repair: strings.Clone(rep), chain: slices.Clone(chain), fills: fills, gain: gain}, true
}

// isLatin1Reading reports whether s was decoded as ISO-8859-1 rather than
// windows-1252: it has C1 controls where windows-1252 has characters.
//
// It looks for the bytes of the C1 controls, C2 80 to C2 9F, instead of
// decoding every rune: C2 is no continuation byte, so every decoder of s
// reads the pair as that control, valid UTF-8 or not.
func isLatin1Reading(s string) bool {
	for {
		i := strings.IndexByte(s, 0xC2)
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if c := s[i+1]; c >= 0x80 && c <= 0x9F && c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D {
			return true
		}
		s = s[i+1:]
	}
}

// reproduces reports whether re-applying the mechanism of chain (with the
// restored bytes fills) to rep gives back garbled exactly.
func reproduces(rep, garbled string, chain []recoding, fills []Fill) bool {
	if len(chain) == 1 && chain[0] == (recoding{"utf8", "cp1252"}) && (len(fills) == 0 || !fills[0].Lost) {
		return readsAs1252(rep, garbled, fills)
	}
	if len(fills) == 0 || !fills[0].Lost {
		back, ok := invertFilled(rep, chain, fills)
		return ok && back == garbled
	}
	// Bytes behind U+FFFD: undo the later hops, encode with the first
	// hop's original codec, and read the bytes as its wrong reader does.
	s, ok := invertChain(rep, chain[1:])
	if !ok {
		return false
	}
	orig := codecs[chain[0].Orig]
	bs := make([]byte, 0, len(s))
	for _, r := range s {
		if bs, ok = orig.appendRune(bs, r); !ok {
			return false
		}
	}
	return readsAs(codecs[chain[0].Wrong], bs, garbled)
}

// readsAs1252 is reproduces for the one hop utf8<-cp1252 with dropped
// bytes restored (fills, none lost), the repair of most long spans: it
// reads the UTF-8 bytes of rep as windows-1252, one rune a byte, drops
// the fills and compares the runes with garbled as it goes, instead of
// building the text invertFilled would compare.
func readsAs1252(rep, garbled string, fills []Fill) bool {
	// invertChain: the UTF-8 bytes of rep are rep, when it has no
	// invalid byte and no U+FFFD (recodeFilled).
	if !utf8x.ValidString(rep) || strings.Contains(rep, "\uFFFD") {
		return false
	}
	cp1252Tables()
	g, k := 0, 0
	for i := 0; i < len(rep); i++ {
		r := cp1252Dec[rep[i]]
		// invertFilled: rune i of the decoded text is fill k when
		// i == fills[k].At+k, and must be its byte.
		if k < len(fills) && i == fills[k].At+k {
			if r != rune(fills[k].B) {
				return false
			}
			k++
			continue
		}
		if g >= len(garbled) {
			return false
		}
		// The decoded text is the UTF-8 of its runes: garbled matches it
		// where it decodes to the same rune from as many bytes (an
		// invalid byte decodes to U+FFFD from one).
		gr, n := decodeRune(garbled, g)
		if gr != r || n != utf8.RuneLen(r) {
			return false
		}
		g += n
	}
	return k == len(fills) && g == len(garbled)
}

// invertFilled re-applies the mechanism and drops the restored bytes again
// (they decode to C1 controls under the wrong codec).
func invertFilled(s string, chain []recoding, fills []Fill) (string, bool) {
	back, ok := invertChain(s, chain)
	if !ok || len(fills) == 0 {
		return back, ok
	}
	rs := []rune(back)
	out := make([]rune, 0, len(rs))
	k := 0
	for i, r := range rs {
		if k < len(fills) && i == fills[k].At+k {
			if r != rune(fills[k].B) {
				return "", false
			}
			k++
			continue
		}
		out = append(out, r)
	}
	if k != len(fills) {
		return "", false
	}
	return string(out), true
}

// invertChain re-applies the mechanism: for each hop from the last, encode
// with the original codec and decode with the wrong one.
func invertChain(s string, chain []recoding) (string, bool) {
	for i := len(chain) - 1; i >= 0; i-- {
		var ok bool
		if s, ok = undoString(s, recoding{Orig: chain[i].Wrong, Wrong: chain[i].Orig}); !ok {
			return "", false
		}
	}
	return s, true
}

// cjkHopFits reports whether a hop through a CJK codec can apply to s:
// GBK and Big5 misreadings produce CJK characters, so s must have some.
func cjkHopFits(s string, rc recoding) bool {
	if !cjkWrong(rc.Wrong) {
		return true
	}
	n := 0
	for _, r := range s {
		if cjkRune(r) {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// symbolsToHan reports whether the further hop rc between GBK and Big5
// takes rep, a repair already, to r2 by turning most of its symbols that
// text in Latin letters writes (westernSymbol: ─, →, –) into other
// characters, two of them at least: a repair that reads as a table of
// ├── lines is text, not text misread again (念岸岸 is no reading of it,
// though the model, which knows little of box drawing, prefers it).
func symbolsToHan(rep, r2 string, rc recoding) bool {
	if rc.Orig == "utf8" {
		return false
	}
	n1 := westernSymbols(rep)
	return n1 >= 2 && 2*westernSymbols(r2) < n1
}

// westernSymbols counts the runes of s that are westernSymbol.
func westernSymbols(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf && westernSymbol(r) {
			n++
		}
	}
	return n
}

// cjkRune reports whether r counts as CJK for cjkHopFits: from the CJK
// radicals (U+2E80) up, U+FFFD included.
func cjkRune(r rune) bool { return r >= 0x2E80 }

// acceptRecode decides whether a lossless codec-chain repair is clearly
// better than the garbled text. Prior is the document's recoding where
// the segment lies (analyzer.priorAt; the zero recoding for none), by
// which a repair of one hop needs only priorPerRune and priorMinGain.
func acceptRecode(garbled, rep string, chain []recoding, gain float64, n int, prior recoding) bool {
	if len(chain) == 1 && chain[0] == prior {
		// The document was misread so (codecPrior): a short word needs
		// only the ordinary gain per rune.
		m := nonASCIIRunes(rep)
		return m >= 1 && gain >= priorMinGain && gain >= priorPerRune*float64(m) && chineseRepair(rep)
	}
	if cjkChain(chain) {
		// GBK, Big5 and UTF-8 misread as each other turn Chinese into
		// Chinese-looking text; only a clearly longer stretch with a clear
		// gain per character, whose repair reads as Chinese, is evidence
		// (classical verse is full of rare characters too).
		// GBK and Big5 keep ASCII as it was: in a segment that takes
		// in ASCII words (a synopsis, a format string: 恁砐 \|] [\|
		// 梒誹 for 选项 ... 章节) the gain comes from the runes that are
		// not ASCII, and only those count (cjkRunes).
		m, perRune := cjkRunes(garbled, rep, chain[0])
		n = min(n, m)
		return n >= cjkMinRunes(chain[0]) && gain >= minRecodeGain && gain >= perRune*float64(n) && chineseRepair(rep)
	}
	if hasHan(rep) {
		// UTF-8 read as windows-1252 or ISO-8859-1 leaves ASCII as it
		// was: the gain comes from the runes repaired, the ones that are
		// not ASCII, and the bound per rune counts only those. (Counting
		// every rune, a page of English with a Chinese caption and curly
		// quotes read as windows-1252 was refused: 198 runes, 15 of them
		// repaired, gain 218 nats. recode-heldout.sh: 3 more documents
		// exact alone, 21 of 984 with gluedHan's test; noharm unchanged.)
		return gain >= minRecodeGain && gain >= minRecodePerRune*float64(nonASCIIRunes(rep))
	}
	// UTF-8 read as windows-1252 or ISO-8859-1 in European text: the byte
	// pattern is the evidence (every multi-byte sequence became one
	// plausible character), the model only must not object strongly.
	return latinRepair(garbled, rep) && gain >= -2
}

// cjkMinRunes is the fewest runes acceptRecode takes in the repair of a
// chain through GBK or Big5 whose first hop is first: 3 for UTF-8 read
// as GBK, 4 between GBK and Big5, whose repairs of 4 and 5 runes must
// gain more per rune (cjkPerRune).
func cjkMinRunes(first recoding) int {
	if first == (recoding{"utf8", "gbk"}) {
		return 3
	}
	return 4
}

// cjkRunes returns the number of runes of a repair rep through GBK or
// Big5 whose first hop is first that acceptRecode counts, and the least
// gain per rune it asks of them: those that are not ASCII, at
// cjkPerRune's rate, unless a rune of the garbled text from the CJK
// radicals (U+2E80) up touches an ASCII letter or digit. A lead byte of
// GBK takes an ASCII trail byte, so that UTF-8 read as GBK glues the
// characters it makes to the ASCII around them (鈹俛rmel, a box-drawing
// line and armel), and the ASCII there is part of the misreading;
// Chinese words in ASCII text stand apart, between spaces and
// punctuation. There, when the first hop reads bytes as GBK, all of
// rep's runes count. Measured with recode-heldout.sh (tuned on the even
// half): 14 more spans (5 in the even half, 9 in the odd), bad documents
// unchanged (one worse, a U+FFFD now restored as 。 for 、, one better);
// counting the runes that are not ASCII everywhere finds 2 more but
// repairs a box-drawing line read as GBK as Big5 read as GBK (筫烷rmel).
//
// GBK read as Big5 (the first hop reads bytes as Big5) glues Chinese to
// ASCII words too, since the writer did (进入setup菜单, 设置TLS): there
// the runes that are not ASCII count, each at gluedBig5PerRune at least.
// Counting every rune, a manual's line of 37 runes, 10 of them not
// ASCII, gaining 75 nats, was refused (2.5 nats for each of the 37);
// UTF-8 read as GBK read as Big5 (鈹俛rmel as 筫烷rmel: 6 runes that are
// not ASCII, 15.7 nats) stays refused.
func cjkRunes(garbled, rep string, first recoding) (int, float64) {
	if !glued(garbled) {
		n := nonASCIIRunes(rep)
		return n, cjkPerRune(first, n)
	}
	if big5Reader(first.Wrong) {
		n := nonASCIIRunes(rep)
		return n, max(cjkPerRune(first, n), gluedBig5PerRune)
	}
	// Line by line (the codecs keep line ends where they are, so that
	// garbled and rep have the same lines): all the runes of the lines
	// glued, the runes that are not ASCII of the others. A segment of
	// many lines, most of them ASCII (a page of "item N 資料 = N" after a
	// misread paragraph, 4,695 runes of which 1,100 are not ASCII), was
	// refused for the ASCII of lines with nothing glued.
	n := 0
	for garbled != "" {
		gl, gr, _ := strings.Cut(garbled, "\n")
		rl, rr, _ := strings.Cut(rep, "\n")
		if glued(gl) {
			n += runeCount(rl)
		} else {
			n += nonASCIIRunes(rl)
		}
		garbled, rep = gr, rr
	}
	return n, cjkPerRune(first, n)
}

// glued reports whether a rune of s from the CJK radicals (U+2E80) up
// touches an ASCII letter or digit (see cjkRunes).
func glued(s string) bool {
	prev := rune(0)
	for _, r := range s {
		if r >= 0x2E80 && asciiAlnum(prev) || prev >= 0x2E80 && asciiAlnum(r) {
			return true
		}
		prev = r
	}
	return false
}

// gluedBig5PerRune is the least gain per rune that is not ASCII, in nats,
// that acceptRecode asks of a repair of GBK read as Big5 whose garbled
// text glues CJK to ASCII letters or digits (cjkRunes). Measured on the
// even half of recode-heldout.sh's GBK-read-as-Big5 documents: the 157
// such segments that reach acceptRecode gain 5.2 to 5.3 nats per rune in
// a table of box-drawing frames and package names, 7.3 and more
// elsewhere (median 9.2); UTF-8 read as GBK read back this way gains 2.6
// (鈹俛rmel as 筫烷rmel, above). On the clean text of scripts/noharm.sh
// no such segment reaches acceptRecode. 4 lies between the two.
const gluedBig5PerRune = 4

// asciiAlnum reports whether r is an ASCII letter or digit.
func asciiAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// cjkFullRunes is the length from which a repair between GBK and Big5
// needs only the ordinary gain per rune.
const cjkFullRunes = 6

// cjkPerRune is the least gain per rune, in nats, that acceptRecode asks
// of a repair of n runes through GBK or Big5 whose first hop is first:
// 2.5, and 8 for the repairs of fewer than cjkFullRunes runes between
// GBK and Big5. Each of those codecs reads the other's two-byte
// characters as two-byte characters, so that any short run of clean
// Chinese text has a reading, and clean classical verse, rare characters
// in pairs, can read as more probable text. Measured with the character
// model on the runs those readings repair (lossless, reading as Chinese):
// on the 21 MB of clean text of scripts/noharm.sh the best gain per rune
// is 9.8 for 2 runes, 5.8 for 3 and 3.5 for 4; on the even half of
// recode-heldout.sh's documents, the true repairs of 4 runes gain 6.4 to
// 12.1 per rune (median 9.6), of 5 runes median 9.8. With 4 runes at 8
// per rune, recode-heldout.sh repairs 30 more spans read between GBK and
// Big5 (15 in each half), noharm changes nothing; 3 runes at 8 would add
// 2 more, at a margin of 2 over clean verse.
func cjkPerRune(first recoding, n int) float64 {
	if first != (recoding{"utf8", "gbk"}) && n < cjkFullRunes {
		return 8
	}
	return 2.5
}

// gluedHan reports whether rep, read from European text misread as
// windows-1252 or ISO-8859-1, is a single Han character glued to a Latin
// letter: prev or next is one, and so is the rune before the ideograph or
// the one after it (in rep, or prev or next at its ends). UTF-8 Chinese
// misread that way comes in words of several characters; a lone ideograph
// inside a Latin word is French or Czech typography read as bytes:
// « commité » holds é, a no-break space and », which are the bytes of 頻. A lone ideograph between a space, a digit or
// punctuation and the rest of rep is not glued: a Chinese caption in a
// page of English (图 and a no-break space before "15.11. Representation"
// read as windows-1252) was refused when only prev and next were looked
// at, the whole segment's neighbours. Looking at the ideograph's own,
// recode-heldout.sh repairs 14 more of 984 documents read as
// windows-1252, ISO-8859-1 or double UTF-8 (with the per-rune bound of
// acceptRecode counting repaired runes only, all 984), and noharm changes
// nothing.
func gluedHan(prev rune, rep string, next rune, chain []recoding) bool {
	if cjkChain(chain) || lm.Class(prev) != lm.Latin && lm.Class(next) != lm.Latin {
		return false
	}
	han, glued := 0, false
	before := prev
	for i, r := range rep {
		if lm.Class(r) == lm.Han {
			if han++; han > 1 {
				return false
			}
			after := next
			if j := i + utf8.RuneLen(r); j < len(rep) {
				after, _ = utf8.DecodeRuneInString(rep[j:])
			}
			glued = lm.Class(before) == lm.Latin || lm.Class(after) == lm.Latin
		}
		before = r
	}
	return glued
}

// cjkChain reports whether a hop reads bytes as GBK or Big5.
func cjkChain(chain []recoding) bool {
	for _, h := range chain {
		if cjkWrong(h.Wrong) {
			return true
		}
	}
	return false
}

// chineseRepair reports whether a repair reads as Chinese text: mostly Han,
// with ordinary punctuation, digits and Latin, and at most a trace of
// other scripts (kana, Hangul, Cyrillic, box drawing …). ASCII is never
// odd: the codecs keep it as it is, so it is no sign of a wrong
// recoding (the groff escapes \| and = of a manual page, 38 of them
// against 190 Han characters, held a whole GBK page read as Big5 back).
// Nor are the box-drawing lines (U+2500 to U+257F), which GBK and Big5
// both have: the frames of the tables of Chinese manuals (a package
// table of GBK read as Big5, 84 frame runes against 66 Han characters,
// was held back).
func chineseRepair(s string) bool {
	han, odd := 0, 0
	for _, r := range s {
		switch lm.Class(r) {
		case lm.Han:
			han++
		case lm.Punct, lm.Digit, lm.Space:
		default:
			if r >= 0x80 && !(r >= 0x2500 && r <= 0x257F) {
				odd++
			}
		}
	}
	return han > 0 && odd*10 <= han
}

// nonASCIIRunes returns the number of runes of s that are not ASCII.
func nonASCIIRunes(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

// hasHan reports whether s has a Han character.
func hasHan(s string) bool {
	for _, r := range s {
		if lm.Class(r) == lm.Han {
			return true
		}
	}
	return false
}

// latinRepair reports whether a repair of Latin-script mojibake is clear on
// its own: every garbled sequence became one plausible character (ftfy's
// test), so that the character model, which knows little of European
// languages, need not be trusted with it.
func latinRepair(garbled, rep string) bool {
	if utf8.RuneCountInString(rep) >= utf8.RuneCountInString(garbled) {
		return false
	}
	other := 0
	for _, r := range rep {
		switch c := lm.Class(r); {
		case r < 0x80:
		case c == lm.Control, c == lm.PrivateUse, c == lm.Other, c == lm.Replacement:
			return false
		case r >= 0x80 && r < 0xA0:
			return false
		case c == lm.Digit:
			// Digits other than ASCII (Mongolian ᠖ is the bytes of á, a
			// no-break space and –, Czech typography) are no repair of
			// European text.
			return false
		case c == lm.Letter, c == lm.Hangul, c == lm.Kana, r >= 0x250 && r <= 0x2FF:
			// Greek, Cyrillic, Hangul, IPA and modifier letters …: only as
			// words, not as one odd letter (ɠ is the bytes of É and a
			// no-break space: French « DÉCONSEILLÉ : »).
			other++
		}
	}
	return other == 0 || other >= 3
}
