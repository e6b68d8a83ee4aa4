package detect

import (
	"encoding/binary"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// The boilerplate rules and the site learner match lines in a folded form,
// so that Simplified and Traditional text, full-width and half-width forms
// and text with or without spaces match alike:
//
//   - ASCII letters are lower-cased; full-width ASCII (Ａ, ：, （) becomes
//     ASCII;
//   - spaces, tabs, ideographic and no-break spaces, zero-width characters
//     and CR are dropped;
//   - brackets and quotes are unified: 【〔［ → [, 】〕］ → ], “”「」『』 → ",
//     ‘’ → ', dashes → -, » › 〉 → > → >, ・• → ·;
//   - Traditional characters become Simplified, one character at a time,
//     with the single-character mappings of OpenCC t2s (package convert);
//   - a flattened pinyin reading after a Han character (發(fā)) is dropped.
//
// The character table holds the Traditional characters that OpenCC t2s
// turns, each on its own, into one other BMP character. The pairs are
// generated (boilerplate_fold_table.go, by go generate; a test checks them
// against the converter), so that folding needs no converter at start-up:
// building t2s and converting every CJK character took some 50 million
// instructions. On first use the pairs fill a dense table (128 KiB), so
// that folding costs one array load per character.

//go:generate go test -run TestGeneratedTables -update

var (
	foldOnce sync.Once
	foldTab  *[0x10000]uint16 // Traditional BMP rune → Simplified rune, 0 if none
	foldHan  *hanFolds        // the folded UTF-8 of U+3400–U+9FFF (see hanFoldTable)
)

func loadFold() {
	foldOnce.Do(func() {
		foldTab = foldTable(foldPairs)
		foldHan = hanFoldTable(foldTab)
	})
}

// hanFolds holds, for each character of U+3400–U+9FFF, the UTF-8 of its
// folded form as a little-endian word (the three bytes in its low 24
// bits), or 0 when the folded form is no valid three-byte character or
// the character is outside U+3400–U+9FFF. It is indexed by utf8x.Index3 of the
// character's UTF-8 (1 MiB, of which the pages of lead bytes E3–E9 are
// written).
type hanFolds [utf8x.Index3Size]uint32

// hanFoldTable returns the hanFolds of the fold table tab: fold's loop
// over a run of Han characters reads the bytes to write with one load per
// character, instead of looking the character up in tab and encoding the
// result.
func hanFoldTable(tab *[0x10000]uint16) *hanFolds {
	t := new(hanFolds)
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		f := r
		if s := tab[uint16(r)]; s != 0 {
			f = rune(s)
		}
		if f >= 0x800 && (f < 0xD800 || f > 0xDFFF) {
			t[utf8x.Index3(utf8x.Word3(r))] = utf8x.Word3(f)
		}
	}
	return t
}

// foldTable returns the dense table of pairs, a string of Traditional and
// Simplified characters, alternately.
func foldTable(pairs string) *[0x10000]uint16 {
	tab := new([0x10000]uint16)
	for len(pairs) > 0 {
		r, n := utf8.DecodeRuneInString(pairs)
		s, m := utf8.DecodeRuneInString(pairs[n:])
		pairs = pairs[n+m:]
		tab[uint16(r)] = uint16(s)
	}
	return tab
}

// foldRune returns the folded form of r, or -1 when r is dropped.
func foldRune(r rune) rune {
	if r < 0x80 {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 32
		case r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v':
			return -1
		case r == '`':
			return '\''
		}
		return r
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
		if r >= 'A' && r <= 'Z' {
			r += 32
		}
		switch r {
		case '`':
			return '\''
		}
		return r
	}
	switch r {
	case 0x3000, 0xA0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x202F, 0x2002, 0x2003, 0x2009:
		return -1
	case '【', '〔', '〖', '［':
		return '['
	case '】', '〕', '〗', '］':
		return ']'
	case '“', '”', '「', '」', '『', '』', '„', '〝', '〞':
		return '"'
	case '‘', '’':
		return '\''
	case '—', '–', '‐', '‑', '－', '―':
		return '-'
	case '»', '›', '〉', '→', '＞':
		return '>'
	case '«', '‹', '〈', '←', '＜':
		return '<'
	case '・', '•', '‧', '･':
		return '·'
	case '｜':
		return '|'
	}
	if r < 0x10000 {
		if s := foldTab[uint16(r)]; s != 0 {
			return rune(s)
		}
	}
	return r
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x3134F)
}

// toneVowel reports whether r is a pinyin vowel with a tone mark.
func toneVowel(r rune) bool {
	switch r {
	case 'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ī', 'í', 'ǐ', 'ì',
		'ō', 'ó', 'ǒ', 'ò', 'ū', 'ú', 'ǔ', 'ù', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return true
	}
	return false
}

// readingLen returns the byte length of a flattened pinyin reading "(shè)"
// at the start of s, or 0. A reading has 1 to 7 lower-case letters with at
// least one tone mark. Its ASCII is looked at byte by byte, and its other
// letters (ü and the tone-marked vowels, all of two bytes) are decoded
// inline.
func readingLen(s string) int {
	if len(s) < 3 || s[0] != '(' {
		return 0
	}
	tone, n := false, 0
	for i := 1; i < len(s) && n <= 7; {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case c == ')':
				if tone && n > 0 {
					return i + 1
				}
				return 0
			case c < 'a' || c > 'z':
				return 0
			}
			n++
			i++
			continue
		}
		r, size := rune(0), 2
		if r2, ok := utf8x.Decode2(s, i); ok {
			r = r2
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == 'ü':
		case toneVowel(r):
			tone = true
		default:
			return 0
		}
		n++
		i += size
	}
	return 0
}

// folder folds lines into a reusable buffer.
type folder struct {
	b          []byte      // the folded line
	off        []int32     // off[i]: offset in the line of the rune that produced b[i]; off[len(b)] = len(line)
	runes      int         // runes in b
	line       string      // the line
	slot       []byte      // scratch for titleFingerprint
	whole      []uint64    // scratch: the fingerprints of a document's whole lines
	heads      []headCand  // scratch: the head phrases of a line (see headPhrases)
	headPrints []headPrint // scratch: those of a document's lines
	// titles: the line has a 《 (see titleFingerprint)
	titles bool
	// budget is what is left of the line's matching steps.
	budget int
}

// gap reports whether the line has white space right before folded byte i.
func (f *folder) gap(i int) bool {
	if i <= 0 || i >= len(f.b) {
		return false
	}
	o := f.off[i]
	if o == 0 {
		return false
	}
	switch c := f.line[o-1]; c {
	case ' ', '\t':
		return true
	case 0x80: // U+3000 is E3 80 80, U+00A0 is C2 A0
		return o >= 3 && f.line[o-3:o] == "\u3000"
	case 0xA0:
		return o >= 2 && f.line[o-2:o] == "\u00a0"
	}
	return false
}

// standsApart reports whether the match f.b[fs:fe] stands apart from the
// words around it, as a tool-bar label or a notice does: it is not glued
// to Han characters on both sides (服务器关闭窗口并且退出 is a sentence,
// 【关闭窗口】 and 打印本页 关闭窗口 are labels), and a match that ends in
// an ASCII letter is not followed by a Han character or, without a space,
// by a letter or '-' (copyright 中, --copyright-holder).
func (f *folder) standsApart(fs, fe int) bool {
	b := f.b
	if fe >= len(b) {
		return true
	}
	n, _ := decodeRune3b(b, fe)
	if c := b[fe-1]; c < utf8.RuneSelf && (c|0x20 >= 'a' && c|0x20 <= 'z') {
		if isHan(n) || !f.gap(fe) && (n == '-' || n < utf8.RuneSelf && n|0x20 >= 'a' && n|0x20 <= 'z') {
			return false
		}
	}
	if fs == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRune(b[:fs])
	return !(isHan(p) && isHan(n) && !f.gap(fs) && !f.gap(fe))
}

// hanBefore reports whether a Han character stands right before byte fs
// of the folded line, with no white space between (跳至|下一页, not
// 上一页 |下一页 or 。|阅读全文).
func (f *folder) hanBefore(fs int) bool {
	if fs == 0 || f.gap(fs) {
		return false
	}
	p, _ := utf8.DecodeLastRune(f.b[:fs])
	return isHan(p)
}

// hanAfter reports whether a Han character stands right after byte fe of
// the folded line, with no white space between (禁止转载|他人的作品, not
// 禁止转载|。).
func (f *folder) hanAfter(fe int) bool {
	if fe >= len(f.b) || f.gap(fe) {
		return false
	}
	n, _ := decodeRune3b(f.b, fe)
	return isHan(n)
}

// readsAsSentence reports whether a folded line reads as a sentence: it
// ends as one (。！？…) and holds minSentenceHan Han characters.
func readsAsSentence(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return sentenceEnd(r) && hanCountBytes(b, minSentenceHan) >= minSentenceHan
}

// fold folds line into f.b and f.off. The fold tables must be loaded
// (loadFold).
func (f *folder) fold(line string) {
	// The folded form is never longer than the line.
	if cap(f.b) < len(line) {
		f.b = make([]byte, 0, len(line)+len(line)/2)
		f.off = make([]int32, 0, len(line)+len(line)/2+1)
	}
	b, off := f.b[:len(line)], f.off[:len(line)+1]
	n, runes := 0, 0
	prevHan := false
	f.titles = false
	tab, hanTab := foldTab, foldHan
	// i never goes negative: compared as unsigned numbers, the loop test
	// also proves line[i] in bounds, which saves a check per character.
	for i := 0; uint(i) < uint(len(line)); {
		c := line[i]
		if c < 0x80 {
			if c == '(' && prevHan {
				if k := readingLen(line[i:]); k > 0 {
					i += k
					continue
				}
			}
			prevHan = false
			switch {
			case c >= 'A' && c <= 'Z':
				c += 32
			case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				i++
				continue
			case c == '`':
				c = '\''
			}
			b[n], off[n] = c, int32(i)
			n++
			runes++
			i++
			continue
		}
		// Most of the line is Han: a run of Han characters (U+3400–U+9FFF,
		// lead bytes E3–E9) is folded by a loop of its own, which does
		// what the general path below does for them with less to keep
		// track of. A character it does not handle ends the run.
		if c >= 0xE3 && c <= 0xE9 {
			// The three bytes of a character of U+0800–U+FFFF are
			// 1110xxxx 10xxxxxx 10xxxxxx, read in one load with the byte
			// after them (the last character of the line is left to the
			// general path), and the bytes of the folded character
			// (hanTab) are written in one store: the fourth byte written
			// is overwritten by the next or cut off, and lies inside b,
			// as the folded form is never longer than the line (n ≤ i).
			for i < len(line)-3 {
				w := uint32(line[i]) | uint32(line[i+1])<<8 | uint32(line[i+2])<<16 | uint32(line[i+3])<<24
				if w&0xC0C0F0 != 0x8080E0 {
					break
				}
				v := hanTab[utf8x.Index3(w)]
				if v == 0 {
					break // CJK punctuation, kana: the general path
				}
				binary.LittleEndian.PutUint32(b[n:n+4:n+4], v)
				o := int32(i)
				offs := off[n : n+3 : n+3]
				offs[0], offs[1], offs[2] = o, o, o
				n += 3
				runes++
				i += 3
				prevHan = true
			}
			if i >= len(line) || line[i] < 0x80 {
				continue
			}
		}
		r, ok := utf8x.Decode3(line, i)
		size := 3
		if !ok {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		han := r >= 0x3400 && r <= 0x9FFF
		var fr rune
		if han {
			fr = r
			// The table covers the BMP: indexing it with a uint16
			// needs no bounds check.
			if s := tab[uint16(r)]; s != 0 {
				fr = rune(s)
			}
		} else {
			fr = foldRune(r)
			if r == '《' {
				f.titles = true
			}
		}
		switch {
		case r == utf8.RuneError && size == 1:
			// A byte that is not UTF-8 stays as it is: the folded form
			// must not grow (U+FFFD would take three bytes), and no rule
			// matches it anyway.
			b[n], off[n] = line[i], int32(i)
			n++
			runes++
		case fr == r && size == 3:
			// Written byte by byte: copy would call memmove for every
			// Han character. The three-element slices cost one bounds
			// check each instead of one per byte.
			o := int32(i)
			src, dst, offs := line[i:i+3], b[n:n+3:n+3], off[n:n+3:n+3]
			dst[0], dst[1], dst[2] = src[0], src[1], src[2]
			offs[0], offs[1], offs[2] = o, o, o
			n += 3
			runes++
		case fr == r && r != utf8.RuneError:
			copy(b[n:], line[i:i+size])
			for k := 0; k < size; k++ {
				off[n+k] = int32(i)
			}
			n += size
			runes++
		case fr < 0:
		case fr < 0x80:
			b[n], off[n] = byte(fr), int32(i)
			n++
			runes++
		case fr >= 0x800 && fr < 0x10000 && (fr < 0xD800 || fr > 0xDFFF):
			o := int32(i)
			dst, offs := b[n:n+3:n+3], off[n:n+3:n+3]
			dst[0], dst[1], dst[2] = byte(0xE0|fr>>12), byte(0x80|fr>>6&0x3F), byte(0x80|fr&0x3F)
			offs[0], offs[1], offs[2] = o, o, o
			n += 3
			runes++
		default:
			m := utf8.EncodeRune(b[n:], fr)
			for k := 0; k < m; k++ {
				off[n+k] = int32(i)
			}
			n += m
			runes++
		}
		prevHan = han || isHan(r)
		i += size
	}
	off[n] = int32(len(line))
	f.b, f.off, f.runes, f.line = b[:n], off[:n+1], runes, line
	f.budget = matchBudget + matchBudgetPerByte*n
}

// decodeRune3b is utf8x.DecodeRune for byte slices.
func decodeRune3b(s []byte, i int) (rune, int) {
	if c := s[i]; c >= 0xE0 && c < 0xF0 && i < len(s)-2 {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	}
	return utf8.DecodeRune(s[i:])
}

// foldString returns the folded form of s (all lines).
func foldString(s string) string {
	loadFold()
	var f folder
	f.fold(s)
	return string(f.b)
}

// foldedSet is a set of words folded as lines are (see foldString), built
// on first use: the word lists of the learner's guards, written in
// Simplified, that folded Traditional lines must find.
type foldedSet struct {
	once  sync.Once
	words []string
	set   map[string]bool
}

// newFoldedSet returns the set of words.
func newFoldedSet(words ...string) *foldedSet { return &foldedSet{words: words} }

// has reports whether the folded text b is one of the words.
func (s *foldedSet) has(b []byte) bool {
	s.once.Do(func() {
		s.set = make(map[string]bool, len(s.words))
		for _, w := range s.words {
			s.set[foldString(w)] = true
		}
	})
	return s.set[string(b)]
}
