// Machine-conversion patches: the marks of a character-by-character
// converter that t2s leaves (著 for the particle 着, 臵 for 置).

package normalize

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"
)

// machineVariants are variant characters that a character-by-character
// Simplified → Traditional converter produces and t2s does not map back.
var machineVariants = map[rune]string{'臵': "置"}

// machineTargets are 著 and the characters of machineVariants, in UTF-8,
// with their replacements ("" for 著, which zheIsParticle decides).
var machineTargets = sync.OnceValue(func() [][2]string {
	ts := [][2]string{{"著", ""}}
	for r, v := range machineVariants {
		ts = append(ts, [2]string{string(r), v})
	}
	return ts
})

// zheWindow is how many runes of context on each side of 著 are given to
// tw2s to decide it: longer than any of OpenCC's phrases with 著.
const zheWindow = 6

// machinePatches returns the repairs of machine-converted text that t2s
// leaves to do, in text order: 著 → 着 where tw2s (which keeps 著 only in
// zhù words) makes it 着, and the variants of machineVariants.
func machinePatches(zhe *convert.Converter, text string, allowed func(int, int) bool) []Edit {
	var patches []Edit
	targets := machineTargets()
	// next[k] is where the next targets[k] is, len(text) when there is
	// none: each is looked for with strings.Index, which passes over the
	// many other characters with the same lead byte (all of U+8000–U+8FFF
	// for 著) faster than decoding them.
	var nextBuf [4]int
	next := nextBuf[:0]
	for _, t := range targets {
		next = append(next, indexFrom(text, 0, t[0]))
	}
	for {
		k := 0
		for x := range next {
			if next[x] < next[k] {
				k = x
			}
		}
		i := next[k]
		if i >= len(text) {
			break
		}
		from, to := targets[k][0], targets[k][1]
		switch {
		case k == 0:
			if allowed(i, i+len(from)) && zheIsParticle(zhe, text, i) {
				patches = append(patches, Edit{Start: i, End: i + len(from), After: "着"})
			}
		case allowed(i, i+len(from)):
			patches = append(patches, Edit{Start: i, End: i + len(from), After: to})
		}
		next[k] = indexFrom(text, i+len(from), from)
	}
	return patches
}

// indexFrom returns the offset of the first sub in s at or after from, or
// len(s) when there is none. The last byte of sub is looked for first: for
// a Han character it is a continuation byte, rarer in Han text than the
// lead byte strings.Index starts from.
func indexFrom(s string, from int, sub string) int {
	n := len(sub)
	if n == 0 {
		return from
	}
	for from+n <= len(s) {
		k := strings.IndexByte(s[from+n-1:], sub[n-1])
		if k < 0 {
			break
		}
		if s[from+k:from+k+n] == sub {
			return from + k
		}
		from += k + 1
	}
	return len(s)
}

// applyPatches applies the patches that fall inside the segments (t2s
// runs) to their replacements and adds the others as edits of their own,
// in text order. When segs has room for the patches (convertedRuns leaves
// it), the result is written into segs from the back, without allocating:
// the edit written at position w never overwrites a segment not yet read,
// as the result has at least as many edits as segs.
func applyPatches(text string, segs, patches []Edit) []Edit {
	if cap(segs) < len(segs)+len(patches) {
		out := make([]Edit, 0, len(segs)+len(patches))
		k := 0
		for _, e := range segs {
			for k < len(patches) && patches[k].Start < e.Start {
				out = append(out, patches[k])
				k++
			}
			if k < len(patches) && patches[k].Start < e.End {
				e.After = patchRunes(text[e.Start:e.End], e.After, e.Start, patches, &k)
			}
			out = append(out, e)
		}
		return append(out, patches[k:]...)
	}
	// The number of edits: the segments and the patches outside them.
	n, k := len(segs), 0
	for _, e := range segs {
		for k < len(patches) && patches[k].Start < e.Start {
			n++
			k++
		}
		for k < len(patches) && patches[k].Start < e.End {
			k++
		}
	}
	n += len(patches) - k
	out := segs[:n]
	w, k := n-1, len(patches)-1
	for i := len(segs) - 1; i >= 0; i-- {
		e := segs[i]
		for k >= 0 && patches[k].Start >= e.End {
			out[w] = patches[k]
			w--
			k--
		}
		first := k + 1 // the first patch inside e, if any
		for first > 0 && patches[first-1].Start >= e.Start {
			first--
		}
		if first <= k {
			p := first
			e.After = patchRunes(text[e.Start:e.End], e.After, e.Start, patches, &p)
			k = first - 1
		}
		out[w] = e
		w--
	}
	for ; k >= 0; k-- {
		out[w] = patches[k]
		w--
	}
	return out
}

// patchRunes replaces, in after (the conversion of src, which starts at
// offset base), the runes at the positions of the patches that fall in src,
// when src and after correspond rune for rune. It advances *k past them.
func patchRunes(src, after string, base int, patches []Edit, k *int) string {
	end := base + len(src)
	if utf8.RuneCountInString(src) != utf8.RuneCountInString(after) {
		for *k < len(patches) && patches[*k].Start < end {
			*k++
		}
		return after
	}
	b := make([]byte, 0, len(after)+3)
	j := 0
	for i := range src {
		_, size := utf8.DecodeRuneInString(after[j:])
		rs := after[j : j+size]
		j += size
		if *k < len(patches) && patches[*k].Start == base+i {
			rs = patches[*k].After
			*k++
		}
		b = append(b, rs...)
	}
	return string(b)
}

// zheIsParticle reports whether tw2s turns the 著 at byte i of text into
// 着, looking at zheWindow runes of context on each side.
func zheIsParticle(zhe *convert.Converter, text string, i int) bool {
	start := i
	for n := 0; n < zheWindow && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	end := i + len("著")
	for n := 0; n < zheWindow && end < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	win := text[start:end]
	conv := zhe.Convert(win)
	if conv == win || utf8.RuneCountInString(conv) != utf8.RuneCountInString(win) {
		return false
	}
	// The rune of conv at the rune index of 著 in win.
	k := utf8.RuneCountInString(win[:i-start])
	for _, q := range conv {
		if k == 0 {
			return q == '着'
		}
		k--
	}
	return false
}
