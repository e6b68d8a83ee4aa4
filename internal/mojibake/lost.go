package mojibake

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// findLost reports damage that no mechanism can undo: runs of U+FFFD,
// 锟斤拷 (U+FFFD stored as UTF-8 and read as GBK), and runs of '?' after
// a Han character that stand for characters an encoder could not write
// (淡??). They are reported, never repaired.
func (a *analyzer) findLost() {
	text := a.text
	// The spans found so far, by start: the scan asks about offsets that
	// only grow, so a cursor over them answers (asking every span was
	// quadratic in a page of thousands of repairs and U+FFFD). The spans
	// this scan adds lie behind the offsets it asks about next.
	sorted := make([][2]int, len(a.spans)) // start, end
	for k, sp := range a.spans {
		sorted[k] = [2]int{sp.Start, sp.End}
	}
	slices.SortFunc(sorted, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
	k, maxEnd := 0, -1       // sorted[:k] start before the last offset asked; the largest end among them
	through := func(x int) { // take in the spans that start before x
		for ; k < len(sorted) && sorted[k][0] < x; k++ {
			maxEnd = max(maxEnd, sorted[k][1])
		}
	}
	inSpan := func(i int) bool {
		through(i + 1)
		return maxEnd > i
	}
	overlaps := func(i, j int) bool {
		through(j)
		return maxEnd > i
	}
	// Only U+FFFD, 锟 and '?' start a finding, so the scan jumps from one
	// to the next. None of them starts with a continuation byte: each is
	// met where a rune-by-rune walk meets it.
	var next [3]int // next U+FFFD, 锟, '?' at or after the last position asked, -1 before the first search
	next[0], next[1], next[2] = -1, -1, -1
	nextAt := func(i int) int {
		at := len(text)
		for k, pat := range [3]string{"\uFFFD", "锟", "?"} {
			if next[k] < i && next[k] != len(text) {
				if d := indexSeq(text[i:], pat); d >= 0 {
					next[k] = i + d
				} else {
					next[k] = len(text)
				}
			}
			at = min(at, next[k])
		}
		return at
	}
	for i := 0; i < len(text); {
		if i = nextAt(i); i >= len(text) {
			break
		}
		r, n := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else {
			r, n = decodeRune(text, i)
		}
		switch {
		case r == utf8.RuneError && n == 3 && !inSpan(i):
			j := i
			for j < len(text) && strings.HasPrefix(text[j:], "\uFFFD") && !inSpan(j) {
				j += 3
			}
			a.lost(i, j, "U+FFFD replacement characters: bytes that a decoder could not read are gone")
			i = j
			continue
		case r == '锟' && strings.HasPrefix(text[i:], "锟斤拷") && !inSpan(i):
			j := i
			for (strings.HasPrefix(text[j:], "锟斤拷") || strings.HasPrefix(text[j:], "锟")) && !inSpan(j) {
				if strings.HasPrefix(text[j:], "锟斤拷") {
					j += len("锟斤拷")
				} else {
					j += len("锟")
				}
			}
			a.lost(i, j, "锟斤拷: U+FFFD stored as UTF-8 and read as GBK; the original characters are gone")
			i = j
			continue
		case r == '?' && i > 0 && i+1 < len(text) && text[i+1] == '?' && !inSpan(i):
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if lm.Class(prev) == lm.Han {
				j := i
				for j < len(text) && text[j] == '?' {
					j++
				}
				if overlaps(i, j) {
					i = j
					continue
				}
				a.lost(i, j, "question marks after a Han character: characters an encoder could not write, or lost bytes that no GBK sequence explains")
				i = j
				continue
			}
		}
		i += n
	}
}

// indexSeq returns the index of the first instance of pat in s, or -1,
// like strings.Index. For a multi-byte pat it searches for the bytes after
// the first and checks the first byte behind each hit: U+FFFD's lead byte
// 0xEF also leads all full-width punctuation and 锟's 0xE9 leads a sixteenth
// of the Han block, so strings.Index on the whole needle meets so many
// false hits in Chinese text that it falls back to a slow byte-by-byte
// scan, while two continuation bytes in a row rarely repeat by chance.
func indexSeq(s, pat string) int {
	if len(pat) < 2 {
		return strings.Index(s, pat)
	}
	for off := 0; off < len(s); {
		d := strings.Index(s[off+1:], pat[1:])
		if d < 0 {
			return -1
		}
		if i := off + d; s[i] == pat[0] {
			return i
		}
		off += d + 1
	}
	return -1
}

func (a *analyzer) lost(start, end int, reason string) {
	a.spans = append(a.spans, Span{Start: start, End: end, Kind: KindLost, Garbled: a.text[start:end],
		Confidence: 0.9, Reason: reason})
}
