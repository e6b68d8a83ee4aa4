// The text of a misaligned run: its tokens, the pinyin reading after a
// "?" and the Latin word after a lost byte.

package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// shiftToken is one element of the text after the leading "?".
type shiftToken struct {
	r        rune
	u, v     byte // GBK pair when the rune can be a token
	tok      bool
	pos, end int // byte offsets in the text
}

// shiftTokens splits the text after a "?" into shift tokens as a search
// asks for them: most searches stop after a few of their up to
// maxShiftTokens tokens.
type shiftTokens struct {
	g     *gbkTable
	text  string
	start int          // where the first token starts
	ts    []shiftToken // the tokens made so far
	next  int          // where the token after ts starts
	done  bool         // ts are all the tokens
}

// reset readies tk for the tokens of text at pos, in the memory of the
// tokens before.
func (tk *shiftTokens) reset(g *gbkTable, text string, pos int) {
	tk.g, tk.text, tk.start, tk.ts, tk.next, tk.done = g, text, pos, tk.ts[:0], pos, false
}

// has reports whether there is a token i, making the tokens up to it.
func (tk *shiftTokens) has(i int) bool {
	for len(tk.ts) <= i && !tk.done {
		tk.add()
	}
	return i < len(tk.ts)
}

// add makes the next token, or finds that there is none.
func (tk *shiftTokens) add() {
	text, i := tk.text, tk.next
	if i >= len(text) || len(tk.ts) >= maxShiftTokens {
		tk.done = true
		return
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	t := shiftToken{r: r, pos: i, end: i + n}
	switch {
	case r == '(' && readsPinyinParen(text, i):
		// A reading glued to the character before it (繪 read as its
		// ASCII second byte L, then (huì)), not a full-width parenthesis
		// made ASCII: the run ends before it.
	case r > 0x20 && r < 0x7F:
		t.u, t.v, t.tok = 0xA3, byte(r)+0x80, true
	case r >= 0x80:
		if b0, b1, k := tk.g.encode(r); k == 2 && !tk.g.isPUA(r) {
			t.u, t.v, t.tok = b0, b1, true
		}
	}
	ts := append(tk.ts, t)
	tk.ts, tk.next = ts, i+n
	switch {
	case !t.tok && r != '€':
		tk.done = true // the token ends the run
	case r == '?' && len(ts) >= 3 && ts[len(ts)-2].r == '?' && ts[len(ts)-3].r == '?':
		// Three question marks in a row are lost characters, not a run.
		tk.done = true
	}
}

// readPinyinClose returns the end of "pinyin)" at pos, or -1.
func readPinyinClose(text string, pos int) (string, int) {
	i := pos
	for i < len(text) && i-pos < 12 {
		c := text[i]
		if c == ')' {
			break
		}
		// No syllable has an ASCII byte other than a-z, nor a character
		// from U+2000 on (Han, CJK punctuation) or a byte that starts
		// no UTF-8 (pinyin.IsSyllable): the first such byte settles it.
		if c < 0x80 && (c < 'a' || c > 'z') || c >= 0xE2 {
			return "", -1
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	if i >= len(text) || text[i] != ')' || i == pos {
		return "", -1
	}
	syl := text[pos:i]
	if !pinyin.IsSyllable(syl) {
		return "", -1
	}
	return syl, i + 1
}

// readsPinyinParen reports whether "(pinyin)" starts at pos.
func readsPinyinParen(text string, pos int) bool {
	_, end := readPinyinParen(text, pos)
	return end > 0
}

// readPinyinParen returns the syllable of "(pinyin)" at pos, or -1.
func readPinyinParen(text string, pos int) (string, int) {
	if pos >= len(text) || text[pos] != '(' {
		return "", -1
	}
	return readPinyinClose(text, pos+1)
}

// latinWordAt returns the Latin word (letters, digits and '_', at most
// maxLatinWord bytes) at text[j:], after one space, or "" when there is
// none, as lostWindow.wordAt reads it.
func latinWordAt(text string, j int) string {
	j, k := latinWord(text, j)
	return text[j:k]
}

// latinWord returns the bounds [j, k) of the Latin word at s[j:], after
// one space; k == j when there is none or it is longer than maxLatinWord.
func latinWord[S ~string | ~[]byte](s S, j int) (int, int) {
	if j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for k < len(s) && k-j <= maxLatinWord && lm.IsLatinWordByte(s[k]) {
		k++
	}
	if k-j > maxLatinWord {
		return j, j
	}
	return j, k
}
