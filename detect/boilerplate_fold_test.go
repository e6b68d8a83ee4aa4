package detect

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// TestFoldHanRun checks fold, with its loop for runs of Han characters,
// against foldRef on random lines of Han (folding and not), CJK
// punctuation, kana, ASCII and readings.
func TestFoldHanRun(t *testing.T) {
	loadFold()
	pieces := []string{"發", "设", "國", "的", "㐀", "鿿", "　", "，", "「", "あ", "ア", "(fā)", "(", "a", "B", " ", "\t",
		"é", "𠀀", "Ａ", "—", "\u200b", "1", "»", "·", "發(fā)", "丟"}
	rng := rand.New(rand.NewPCG(8, 9))
	var got, want folder
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line := b.String()
		got.fold(line)
		want.foldRef(line)
		require.Equal(t, want.b, got.b, "%q", line)
		require.Equal(t, want.off, got.off, "%q", line)
		require.Equal(t, want.runes, got.runes, "%q", line)
		require.Equal(t, want.budget, got.budget, "%q", line)
	}
}

// foldRef is fold as it was before its Han fast path, the reference
// TestFoldHanRun compares it with.
func (f *folder) foldRef(line string) {
	// The folded form is never longer than the line.
	if cap(f.b) < len(line) {
		f.b = make([]byte, 0, len(line)+len(line)/2)
		f.off = make([]int32, 0, len(line)+len(line)/2+1)
	}
	b, off := f.b[:len(line)], f.off[:len(line)+1]
	n, runes := 0, 0
	prevHan := false
	tab := foldTab
	for i := 0; i < len(line); {
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
		// Most of the line is Han: the inlined fast path first.
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
		}
		switch {
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
