// Phrases that a site glues after a paragraph, learned from the text after
// a line's last sentence.

package detect

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tailSalt separates the fingerprints of the phrases after a paragraph's
// last sentence (see tailPhrase).
const tailSalt = 0x510e527fade682d1

// Bounds of a phrase glued after a paragraph that the learner counts.
const (
	minTailRunes     = 4
	maxTailRunes     = 32
	minTailHan       = 2
	minTailParagraph = 8 // Han characters of the paragraph before it
)

// tailPhrase returns where, in the folded line, the text after the line's
// last sentence end begins (。!?, the full-width marks folded), when that
// text is a phrase a site may glue after a paragraph: minTailRunes to
// maxTailRunes characters, minTailHan of them Han characters, set apart
// (see setApart) or closed by a bracket, not ended by a clause mark, after
// a paragraph of at least minTailParagraph Han characters
// ("…的格式。（按此睇圖輯）", "…保持完整包裝。[已编辑于 2023-07-09]"). A
// line that ends as a sentence has no such text; one that a page broke
// in the middle of a sentence has the next sentence's start, which no
// other page shares.
func tailPhrase(f *folder) (int, bool) {
	b := f.b
	// Most lines end as sentences, or have no phrase after one within the
	// last maxTailRunes characters: only those bytes are searched.
	if len(b) == 0 || bytes.HasSuffix(b, []byte("。")) || b[len(b)-1] == '!' || b[len(b)-1] == '?' {
		return 0, false
	}
	lo := max(0, len(b)-maxTailRunes*utf8.UTFMax-len("。"))
	k, n := bytes.LastIndex(b[lo:], []byte("。")), len("。")
	if j := bytes.LastIndexAny(b[lo:], "!?"); j > k {
		k, n = j, 1
	}
	if k < 0 {
		return 0, false
	}
	k += lo
	t := b[k+n:]
	runes := utf8.RuneCount(t)
	if runes < minTailRunes || runes > maxTailRunes || hanCountBytes(t, minTailHan) < minTailHan ||
		hanCountBytes(b[:k], minTailParagraph) < minTailParagraph {
		return 0, false
	}
	// A lead-in or a clause goes on: 例如：, 但是，.
	last, _ := utf8.DecodeLastRune(t)
	switch last {
	case ',', ':', ';', '、', '，', '：', '；':
		return 0, false
	}
	// A site sets its phrase apart, in brackets or after a mark
	// ((按此睇图辑), [已编辑于 …], …展开全部, 点击下载附件(…)); the start of
	// the next sentence of a line broken mid-text (如果给出了) is bare text.
	first, _ := utf8.DecodeRune(t)
	if !setApart(first) && !strings.ContainsRune(")]）】〕」』>", last) {
		return 0, false
	}
	return k + n, true
}

// tailFingerprint returns the fingerprint of the phrase after the folded
// line's last sentence (see tailPhrase) and where the phrase begins.
func tailFingerprint(f *folder) (uint64, int, bool) {
	at, ok := tailPhrase(f)
	if !ok {
		return 0, 0, false
	}
	fp, _ := fingerprint(f.b[at:])
	return fp ^ tailSalt, at, true
}

// tailSlotSalt separates the fingerprints of tail phrases with their names
// left out (see tailSlotFingerprint).
const tailSlotSalt = 0x3c6ef372fe94f82b

// Bounds of a name after a label in a phrase glued after a paragraph (see
// tailSlotFingerprint), in Han characters.
const (
	minSlotHan = 2
	maxSlotHan = 4
)

// tailSlotFingerprint returns the fingerprint of the phrase after the
// folded line's last sentence that begins at at (see tailPhrase) with each
// name after a label left out: a run of minSlotHan to maxSlotHan Han
// characters right after a ':', up to the next mark, bracket or space
// ((滨江新闻网编辑:李娜) and (编辑:杨帆)2119 are (滨江新闻网编辑:) and
// (编辑:)# on every page of their sites). ok is false when the phrase has
// no such name.
func tailSlotFingerprint(f *folder, at int, buf []byte) (uint64, []byte, bool) {
	b := f.b
	buf = buf[:0]
	names := 0
	for i := at; i < len(b); {
		c := b[i]
		buf = append(buf, c)
		i++
		if c != ':' {
			continue
		}
		j, han := i, 0
		for j < len(b) && han <= maxSlotHan && (j == i || !f.gap(j)) {
			r, size := decodeRune3b(b, j)
			if !isHan(r) {
				break
			}
			j += size
			han++
		}
		if han >= minSlotHan && han <= maxSlotHan {
			buf = append(buf, '*')
			names++
			i = j
		}
	}
	if names == 0 {
		return 0, buf, false
	}
	fp, _ := fingerprint(buf)
	return fp ^ tailSlotSalt, buf, true
}

// setApart reports whether r, the first character of a phrase, sets the
// phrase apart from the text before it: an opening bracket or a mark, not
// a letter, digit or Han character.
func setApart(r rune) bool {
	return !isHan(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r)
}
