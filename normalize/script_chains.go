// Conversion chains: characters that a conversion converts to a character
// that it, or the target's other conversion, converts again.

package normalize

import (
	"slices"
	"strings"
	"unicode/utf8"
)

//go:generate go test -run TestConversionChainsGenerated -update

// keepChainHeads restores, in the conversion edits segs of text, the
// characters of heads (conversionChainHeads of the stage's target) to what
// the text has, and returns the edits left and a finding for each
// character restored.
//
// OpenCC's data holds a few chains: s2t converts 苎 (ramie) to 苧, and 苧
// (as in 苧烯, limonene) to 薴; for Taiwan, t2tw converts 幺 to 么, and
// s2tw 么 to 麼, and t2tw the compatibility ideograph U+F979 to 凉, which
// s2tw makes 涼. Where the converted text gives the stage more to convert
// (chainsAgain: 苎麻 becomes 苧麻, a text of no script, which a second
// cleaning converts whole, to 薴麻), the first step is the one left out,
// so that the character stays as written (苎 in Traditional text: a miss,
// never a wrong character), and cleaning twice changes nothing. Elsewhere
// the chain stops by itself (in a Traditional document, 苧 is no character
// of the other script) and the character is converted. The other
// characters of an edit are converted as before: OpenCC converts character
// for character, and an edit whose replacement has another number of
// characters is left out whole.
func keepChainHeads(text string, segs []Edit, heads runeSet, rule string) ([]Edit, []Finding) {
	var findings []Finding
	kept := segs[:0]
	for _, e := range segs {
		src := text[e.Start:e.End]
		if !heads.in(src) {
			kept = append(kept, e)
			continue
		}
		var b strings.Builder
		rest, ok, n := e.After, true, len(findings)
		for i, r := range src {
			if rest == "" {
				ok = false
				break
			}
			a, n := utf8.DecodeRuneInString(rest)
			rest = rest[n:]
			if heads.has(r) && a != r {
				findings = append(findings, Finding{Start: e.Start + i, End: e.Start + i + utf8.RuneLen(r), Text: string(r),
					Reason:     rule + " would convert " + string(r) + " to " + string(a) + ", which a second cleaning converts again: left unconverted",
					Confidence: 1})
				a = r
			}
			b.WriteRune(a)
		}
		if !ok || rest != "" {
			// Not character for character: the edit is left out.
			findings = append(findings[:n], Finding{Start: e.Start, End: e.End, Text: src,
				Reason:     rule + " would convert " + src + " to " + e.After + ", with a character that a second cleaning converts again: left unconverted",
				Confidence: 1})
			continue
		}
		if after := b.String(); after != src {
			e.After = after
			kept = append(kept, e)
		}
	}
	return kept, findings
}

// chainsAgain reports whether an edit of segs, the conversion edits of
// text, converts a chain head, and the stage, asked about the text that
// segs make of text, would convert again. The question is asked once: the
// stage's answer about its own output leaves chains alone.
func (st *Script) chainsAgain(text string, segs []Edit, doc *Doc) bool {
	if st.heads.second == nil || doc != nil && doc.chainProbe {
		return false
	}
	if !st.heads.inEdits(text, segs) {
		return false
	}
	probe := &Doc{validText: true, noReasons: true, noFindings: true, chainProbe: true}
	if doc != nil {
		probe.Opts = doc.Opts
	}
	edits, _ := st.edits(applyEdits(text, segs), probe, nil)
	return len(edits) > 0
}

// runeSet is a small set of runes of three or four bytes in UTF-8 (the
// chain heads are ideographs). Asking whether a text holds one costs a
// table lookup per lead byte: the conversion runs of a machine-converted
// document come every few characters.
type runeSet struct {
	runes []rune // sorted
	// second[b] has bit c&0x3F set for the second byte c of each rune of
	// the set whose first byte is b.
	second *[256]uint64
}

// newRuneSet returns the set of the runes of s, which must be of three
// or four bytes each.
func newRuneSet(s string) runeSet {
	if s == "" {
		return runeSet{}
	}
	rs := runeSet{runes: []rune(s), second: new([256]uint64)}
	slices.Sort(rs.runes)
	rs.runes = slices.Compact(rs.runes)
	for _, r := range rs.runes {
		var b [utf8.UTFMax]byte
		if utf8.EncodeRune(b[:], r) < 3 {
			panic("normalize: chain head " + string(r) + " below U+0800")
		}
		rs.second[b[0]] |= 1 << (b[1] & 0x3F)
	}
	return rs
}

// has reports whether r is in the set.
func (rs runeSet) has(r rune) bool {
	_, ok := slices.BinarySearch(rs.runes, r)
	return ok
}

// in reports whether s holds a rune of the set.
func (rs runeSet) in(s string) bool {
	if rs.second == nil {
		return false
	}
	for i := 0; i+1 < len(s); i++ {
		// Only a lead byte of three or four bytes can start a rune of the
		// set; continuation bytes are below 0xE0.
		if b := s[i]; b >= 0xE0 && rs.second[b]>>(s[i+1]&0x3F)&1 != 0 {
			if r, _ := utf8.DecodeRuneInString(s[i:]); rs.has(r) {
				return true
			}
		}
	}
	return false
}

// inEdits reports whether the text of an edit of segs, edits of text,
// holds a rune of the set.
func (rs runeSet) inEdits(text string, segs []Edit) bool {
	if rs.second == nil {
		return false
	}
	for i := range segs {
		if rs.in(text[segs[i].Start:segs[i].End]) {
			return true
		}
	}
	return false
}

// watch returns allowed, which also notes in *seen whether a conversion
// run it allows holds a rune of the set (allowed itself when the set is
// empty).
func (rs runeSet) watch(text string, allowed func(start, end int) bool) (func(start, end int) bool, *bool) {
	seen := new(bool)
	if rs.second == nil {
		return allowed, seen
	}
	return func(start, end int) bool {
		ok := allowed(start, end)
		if ok && !*seen && rs.in(text[start:end]) {
			*seen = true
		}
		return ok
	}, seen
}
