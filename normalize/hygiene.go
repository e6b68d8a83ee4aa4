package normalize

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// Hygiene is the text hygiene stage. It removes what no clean text needs:
//
//   - a byte order mark, and U+FEFF, U+200B and U+2060 anywhere;
//   - U+200C and U+200D, except between two letters or symbols of scripts
//     that use them (emoji sequences, Arabic, Indic), where they are part of
//     the text;
//   - C0 and C1 control characters other than tab and newline, and DEL;
//     an ESC that starts a terminal control sequence (ESC [ 3 3 m) goes
//     with the whole sequence;
//   - CRLF and CR line ends, which become LF.
//
// It also applies Unicode NFC to lines that are not in NFC, leaving CJK
// compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F) as they are:
// NFC would replace them with their unified counterparts, which changes
// the text of Big5 and KS X 1001 sources.
//
// The pipeline runs it twice: before the mojibake stage without C1
// controls and NFC (a control inside garbled text, as in Ã\x0e©, would
// hide the mojibake from the first cleaning and not from a second), and
// after it in full (C1 controls are the evidence of UTF-8 read as
// ISO-8859-1, â\u0080\u0094). When the first pass finds nothing that
// either would change, the second reads only the lines that the stages in
// between wrote (see hygienic.go).
type Hygiene struct {
	// beforeMojibake leaves C1 controls and NFC to the full pass.
	beforeMojibake bool
}

// Kind returns KindHygiene.
func (Hygiene) Kind() Kind { return KindHygiene }

// Edits returns the hygiene edits for text.
func (h Hygiene) Edits(text string, doc *Doc) ([]Edit, []Finding) {
	// In valid UTF-8 a lead byte E4–E9 begins a three-byte character;
	// otherwise (Apply on arbitrary bytes) its continuation bytes are
	// checked.
	valid := doc != nil && doc.validText
	if !h.beforeMojibake && doc != nil && doc.hygienic != "" && text == doc.hygienic {
		// The pass before the mojibake stage found this text clean for
		// this pass too, but for the spans the stages since have written.
		return h.dirtyLines(text, valid, doc.takeDirty())
	}
	edits, findings, more := h.scan(text, valid, 0, len(text), nil, nil)
	if h.beforeMojibake && doc != nil {
		doc.hygienic, doc.dirty = "", nil
		if len(edits) == 0 && len(findings) == 0 && !more {
			// Every character the full pass would look at has been
			// looked at here, to the same effect: no edit, no finding.
			doc.hygienic = text
		}
	}
	sortEdits(edits)
	return edits, findings
}

// scan appends to edits and findings those of the lines of text from from
// to to, which are a line start (0 or after a newline) and a line end
// (after a newline, or len(text)). more says that a character was passed
// over that the full pass (not beforeMojibake) would look at: a C1
// control, or one that NFC may change.
func (h Hygiene) scan(text string, valid bool, from, to int, edits []Edit, findings []Finding) (_ []Edit, _ []Finding, more bool) {
	lineStart := from
	normal := true // the current line needs no NFC check so far
	skip := &hygieneSkip[0]
	if valid {
		skip = &hygieneSkip[1]
	}
	// head is the text up to to: indexing it below i < len(head) needs no
	// bounds check.
	head := text[:to]
	for i := from; i < to; {
		// Printable ASCII and, in valid UTF-8, Han (lead bytes E4–E9,
		// U+4000–U+9FFF) are most of the text and need nothing: a loop
		// of their own passes over them without the bookkeeping of the
		// loop below. (i is never negative: compared as unsigned numbers,
		// the loop test also proves head[i] in bounds.)
		for uint(i) < uint(len(head)) {
			k := skip[head[i]]
			if k == 0 {
				break
			}
			i += int(k)
		}
		if i >= to {
			break
		}
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				if !normal {
					edits = nfcEdits(edits, text, lineStart, i)
				}
				lineStart, normal = i+1, true
			case c == '\r':
				if i < len(text)-1 && text[i+1] == '\n' {
					edits = append(edits, Edit{Start: i, End: i + 1, Reason: "CRLF line end to LF", Rule: "crlf", Confidence: 1})
				} else {
					if !normal {
						edits = nfcEdits(edits, text, lineStart, i)
					}
					edits = append(edits, Edit{Start: i, End: i + 1, After: "\n", Reason: "CR line end to LF", Rule: "cr", Confidence: 1})
					lineStart, normal = i+1, true
				}
			case c == '\t':
			case c == 0x1b:
				if end := csiEnd(text, i); end > 0 {
					// A terminal colour or cursor sequence (text piped
					// from a terminal, Debian's fortunes): removing the
					// ESC alone would leave "[33m" in the text.
					edits = append(edits, Edit{Start: i, End: end, Reason: "terminal escape sequence removed", Rule: "control", Confidence: 1})
					i = end
					continue
				}
				edits = append(edits, Edit{Start: i, End: i + 1, Reason: "control character removed", Rule: "control", Confidence: 1})
			case c < 0x20 || c == 0x7f:
				edits = append(edits, Edit{Start: i, End: i + 1, Reason: "control character removed", Rule: "control", Confidence: 1})
			}
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xE9 && (valid || i < len(text)-2 && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80) {
			i += 3 // U+4000–U+9FFF: Han and hexagrams, nothing to do
			continue
		}
		if (c == 0xE3 || c == 0xEF) && i < len(text)-2 {
			// CJK punctuation and kana (U+3000–U+30FF but the combining
			// marks U+3099 and U+309A) and full-width forms (U+FF00–
			// U+FF7F): none is removed, and nfcStable accepts them all.
			c1, c2 := text[i+1], text[i+2]
			if c2&0xC0 == 0x80 && (c == 0xE3 && c1 >= 0x80 && c1 <= 0x83 && !(c1 == 0x82 && (c2 == 0x99 || c2 == 0x9A)) ||
				c == 0xEF && (c1 == 0xBC || c1 == 0xBD)) {
				i += 3
				continue
			}
		}
		// CJK punctuation and full-width forms are three bytes too:
		// decoded inline (utf8x.DecodeRune is not inlined).
		// So are the two-byte letters with tone marks of pinyin readings.
		r, size := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else if c >= 0xC2 && c <= 0xDF && i < len(text)-1 && text[i+1]&0xC0 == 0x80 {
			r, size = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == 0xFEFF:
			reason := "zero-width no-break space removed"
			if i == 0 {
				reason = "byte order mark removed"
			}
			edits = append(edits, Edit{Start: i, End: i + size, Reason: reason, Rule: "bom", Confidence: 1})
		case r == 0x200B || r == 0x2060:
			edits = append(edits, Edit{Start: i, End: i + size, Reason: "zero-width character removed", Rule: "zero-width", Confidence: 1})
		case (r == 0x200C || r == 0x200D) && !joinerInUse(text, i, i+size):
			edits = append(edits, Edit{Start: i, End: i + size, Reason: "zero-width joiner outside a joining script removed", Rule: "zero-width", Confidence: 1})
		case h.beforeMojibake:
			if r >= 0x80 && r <= 0x9F || !nfcStable(r, text[i:i+size]) {
				more = true
			}
		case r >= 0x80 && r <= 0x9F:
			// A run of C1 controls next to a Latin-1 character is what is
			// left of UTF-8 read as ISO-8859-1 that the mojibake stage could
			// not repair (Ã\u0083©): without the controls it would read as
			// a repairable Ã©, and a second cleaning would repair what the
			// first did not. It stays, reported.
			end := c1RunEnd(text, i)
			if latin1Before(text, i) || latin1At(text, end) {
				findings = append(findings, Finding{Kind: KindHygiene, Start: i, End: end, Text: text[i:end],
					Reason: "C1 control characters next to Latin-1 text: what is left of mojibake the mojibake stage could not repair; left in place", Confidence: 0.5})
				i = end
				continue
			}
			for j := i; j < end; j += 2 {
				edits = append(edits, Edit{Start: j, End: j + 2, Reason: "C1 control character removed", Rule: "control", Confidence: 1})
			}
			i = end
			continue
		case normal && !nfcStable(r, text[i:i+size]):
			normal = false
		}
		i += size
	}
	if !normal {
		edits = nfcEdits(edits, text, lineStart, to)
	}
	return edits, findings, more
}

// hygieneSkip gives, for the first byte of a character, its length when the
// hygiene stage has nothing to do with the character, and 0 otherwise:
// printable ASCII and, in valid UTF-8 only (hygieneSkip[1]), the lead
// bytes E4–E9 of U+4000–U+9FFF and C3–CB of U+00C0–U+02FF, the Latin
// letters (the tone-marked vowels of pinyin readings, one in each reading
// of an annotated text) and spacing modifiers, all in NFC whatever comes
// before them (TestHygieneSkipTwoByte).
var hygieneSkip = func() (t [2][256]uint8) {
	for c := 0x20; c < 0x7f; c++ {
		t[0][c], t[1][c] = 1, 1
	}
	for c := 0xC3; c <= 0xCB; c++ {
		t[1][c] = 2
	}
	for c := 0xE4; c <= 0xE9; c++ {
		t[1][c] = 3
	}
	return t
}()

// c1RunEnd returns the end of the run of C1 controls (U+0080–U+009F, two
// bytes each in UTF-8) that starts at text[i].
func c1RunEnd(text string, i int) int {
	for i < len(text)-1 && text[i] == 0xC2 && text[i+1] >= 0x80 && text[i+1] <= 0x9F {
		i += 2
	}
	return i
}

// latin1Before and latin1At report whether the rune before text[i], or at
// it, is in U+00A0–U+00FF, the characters UTF-8 read as ISO-8859-1 is
// made of.
func latin1Before(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r >= 0xA0 && r <= 0xFF
}

func latin1At(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r >= 0xA0 && r <= 0xFF
}

// csiEnd returns the end of the ECMA-48 control sequence (CSI) that starts
// with the ESC at text[i]: ESC, '[', parameter bytes 0x30–0x3F,
// intermediate bytes 0x20–0x2F and a final byte 0x40–0x7E, at most
// maxCSI bytes in all; 0 when there is none.
func csiEnd(text string, i int) int {
	if i >= len(text)-2 || text[i+1] != '[' {
		return 0
	}
	j := i + 2
	for j < len(text) && j-i < maxCSI && text[j] >= 0x30 && text[j] <= 0x3F {
		j++
	}
	for j < len(text) && j-i < maxCSI && text[j] >= 0x20 && text[j] <= 0x2F {
		j++
	}
	if j < len(text) && j-i < maxCSI && text[j] >= 0x40 && text[j] <= 0x7E {
		return j + 1
	}
	return 0
}

// maxCSI bounds a control sequence: real ones are a few bytes long.
const maxCSI = 32

// joinerInUse reports whether the ZWNJ/ZWJ at text[i:j] stands between two
// characters that are not Han, kana, hangul, ASCII or punctuation, as in an
// emoji sequence or Arabic and Indic text.
func joinerInUse(text string, i, j int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[j:])
	ok := func(r rune) bool {
		if r < 0x80 || r == utf8.RuneError || unicode.Is(unicode.Han, r) ||
			unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.P) {
			return false
		}
		return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r)
	}
	return ok(prev) && ok(next)
}

// nfcEdits appends the edit that puts text[start:end] into NFC, if any. The
// edits already made inside the line are folded into that edit, so that the
// edits never overlap.
func nfcEdits(edits []Edit, text string, start, end int) []Edit {
	line := text[start:end]
	k := len(edits)
	for k > 0 && edits[k-1].Start >= start {
		k--
	}
	inLine := edits[k:]
	cleaned := line
	if len(inLine) > 0 {
		shifted := make([]Edit, len(inLine))
		for i, e := range inLine {
			e.Start -= start
			e.End -= start
			shifted[i] = e
		}
		cleaned = applyEdits(line, shifted)
	}
	if norm.NFC.IsNormalString(cleaned) {
		return edits
	}
	// Normalise the pieces between CJK compatibility ideographs.
	var out []byte
	last := 0
	for i, r := range cleaned {
		if isCompatIdeograph(r) {
			// Append each piece on its own: AppendString would let a
			// piece combine with the ideograph before it.
			out = append(out, norm.NFC.String(cleaned[last:i])...)
			out = utf8.AppendRune(out, r)
			last = i + utf8.RuneLen(r)
		}
	}
	out = append(out, norm.NFC.String(cleaned[last:])...)
	after := string(out)
	if after == cleaned {
		return edits
	}
	edits = edits[:k]
	// Trim the common prefix and suffix, on rune boundaries.
	p := 0
	for p < len(line) && p < len(after) && line[p] == after[p] {
		p++
	}
	for p > 0 && ((p < len(line) && !utf8.RuneStart(line[p])) || (p < len(after) && !utf8.RuneStart(after[p]))) {
		p--
	}
	q := 0
	for q < len(line)-p && q < len(after)-p && line[len(line)-1-q] == after[len(after)-1-q] {
		q++
	}
	for q > 0 && (!utf8.RuneStart(line[len(line)-q]) || !utf8.RuneStart(after[len(after)-q])) {
		q--
	}
	reason := "Unicode NFC"
	if len(inLine) > 0 {
		reason = "Unicode NFC; control and zero-width characters removed"
	}
	return append(edits, Edit{Start: start + p, End: end - q, After: after[p : len(after)-q],
		Reason: reason, Rule: "nfc", Confidence: 1})
}

func isCompatIdeograph(r rune) bool {
	return (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x2F800 && r <= 0x2FA1F)
}

// nfcStable reports whether the rune r, encoded as enc, can neither change
// under NFC nor combine with the rune before it. Han, kana, CJK and general
// punctuation and full-width forms are answered without a table look-up.
func nfcStable(r rune, enc string) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF,
		r >= 0x3000 && r <= 0x3098, r >= 0x309B && r <= 0x30FF,
		r >= 0xFF00 && r <= 0xFFEF, r >= 0x2010 && r <= 0x2027:
		return true
	}
	if r < nfcLowLimit {
		return nfcStableLow()[r>>6]&(1<<(r&63)) != 0
	}
	return nfcStableSlow(enc) || isCompatIdeograph(r)
}

func nfcStableSlow(enc string) bool {
	p := norm.NFC.PropertiesString(enc)
	return p.BoundaryBefore() && p.Decomposition() == nil
}

// nfcLowLimit bounds the runes whose NFC stability is kept in a table.
const nfcLowLimit = 0x3000

// nfcStableLow is a bit set of the runes below nfcLowLimit that cannot
// change under NFC nor combine with the rune before them. Besides the runes
// that nfcStableSlow accepts, it holds the precomposed letters that are in
// NFC (canonical combining class 0, NFC quick check Yes: é, ǎ, ü), which
// therefore cannot make a line leave NFC: a line in which every rune is
// such a rune is in NFC. Pinyin's tone-marked vowels are among them, so a
// line with readings is not checked as a whole.
var nfcStableLow = sync.OnceValue(func() *[nfcLowLimit / 64]uint64 {
	var t [nfcLowLimit / 64]uint64
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < nfcLowLimit; r++ {
		enc := string(buf[:utf8.EncodeRune(buf[:], r)])
		if nfcStableSlow(enc) || norm.NFC.PropertiesString(enc).BoundaryBefore() && norm.NFC.IsNormalString(enc) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return &t
})
