package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/devset"
)

// Synthetic misalignment runs: the development set's forward model applied
// to its clean texts (controls and the originals of the annotation cases),
// one run per document, so that scoring changes are judged on far more runs
// than the set's own 48. The runs are mostly longer than the set's, since
// many of these texts have little ASCII to resynchronise the decoder.

// halfwidth maps full-width ASCII to ASCII, as the forward model does
// before the text is misaligned.
func halfwidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// misalign garbles line from its first 。 followed by a Han character: the
// 。's first byte becomes "?", the following bytes are decoded one byte out
// of step (private-use pairs dropped, full-width ASCII made ASCII) until an
// ASCII-range byte resynchronises (a second byte read as ASCII, or an
// ASCII character that a pair absorbs); a lead byte before a byte that cannot
// follow it becomes one "?" with that byte. It reports false when the line
// has no such 。 or a character outside GBK.
func misalign(g *gbkTable, line string) (string, bool) {
	rs := []rune(line)
	bs, offs, ok := gbkBytes(g, rs)
	if !ok {
		return "", false
	}
	start := -1
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '。' && isBMPHan(rs[i+1]) {
			start = i
			break
		}
	}
	if start < 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString(string(rs[:start]))
	b.WriteByte('?')
	k, ok := resyncRun(&b, bs, offs, misalignRun(g, &b, bs, offs[start]+1))
	if !ok {
		return "", false
	}
	b.WriteString(string(rs[k:]))
	return b.String(), true
}

// gbkBytes returns the GBK bytes of rs and the offset of each rune in them,
// with len(bs) at the end, or false when a rune is outside GBK.
func gbkBytes(g *gbkTable, rs []rune) (bs []byte, offs []int, ok bool) {
	offs = make([]int, 0, len(rs)+1)
	for _, r := range rs {
		offs = append(offs, len(bs))
		if r < 0x80 {
			bs = append(bs, byte(r))
			continue
		}
		b0, b1, n := g.encode(r)
		if n != 2 {
			return nil, nil, false
		}
		bs = append(bs, b0, b1)
	}
	return bs, append(offs, len(bs)), true
}

// misalignRun writes to b the bytes of bs from j on decoded one byte out
// of step, as misalign describes, and returns where the run ends: the
// offset of the first byte read in step again.
func misalignRun(g *gbkTable, b *strings.Builder, bs []byte, j int) int {
	return misalignRunStats(g, b, bs, j, nil)
}

// runStats describes a misaligned run: how many private-use pairs it
// dropped and how it ended (ascii: a second byte in the ASCII range;
// lost: a lead byte before a byte that cannot follow it, with that byte,
// consumed; lost-line: before a line end; undefined; euro; end).
type runStats struct {
	drops    int
	end      string
	consumed byte
}

// misalignRunStats is misalignRun, describing the run in st when st is not
// nil.
func misalignRunStats(g *gbkTable, b *strings.Builder, bs []byte, j int, st *runStats) int {
	note := func(end string, consumed byte) {
		if st != nil {
			st.end, st.consumed = end, consumed
		}
	}
	note("end", 0)
loop:
	for j < len(bs) && bs[j] >= 0x80 {
		if bs[j] == 0x80 {
			b.WriteRune('€')
			j++
			note("euro", 0)
			break
		}
		if j+1 >= len(bs) {
			b.WriteByte('?')
			j++
			break
		}
		c := bs[j+1]
		if c == '\n' {
			// A line end is not absorbed: lines stay lines.
			b.WriteByte('?')
			j++
			note("lost-line", 0)
			break
		}
		if c < 0x40 || c == 0x7F || c == 0xFF {
			b.WriteByte('?')
			j += 2
			note("lost", c)
			break
		}
		r := g.decode2(bs[j], c)
		switch {
		case r == 0:
			b.WriteByte('?')
			j++
			note("undefined", 0)
			break loop
		case !g.isPUA(r):
			b.WriteString(halfwidth(string(r)))
		case st != nil:
			st.drops++
		}
		j += 2
		if c < 0x80 {
			note("ascii", 0)
			break
		}
	}
	return j
}

// resyncRun finds the character at which the text goes on in step after a
// run that ended at byte j (offs maps character index to byte offset, with
// len(bs) at the end) and returns its index; an ASCII-range second byte
// that the run's last pair left over is written to b first. It reports
// false when j falls inside a character.
func resyncRun(b *strings.Builder, bs []byte, offs []int, j int) (int, bool) {
	for k, o := range offs {
		if o == j {
			return k, true
		}
		// An ASCII-range second byte resynchronises the decoder: it is
		// read as the ASCII character it is, and the next character is
		// in phase.
		if o == j+1 && bs[j] < 0x80 {
			b.WriteByte(bs[j])
			return k, true
		}
	}
	return 0, false
}

// synthRuns calls fn for each synthetic run: a clean text of the
// development set's controls and annotation originals (half-width, as the
// forward model makes it) with one line misaligned, text being the clean
// text and line the misaligned line. A Simplified gold equal to the kept
// one is not run twice.
func synthRuns(t *testing.T, fn func(id, target string, i int, line, doc, text string)) {
	set := devset.Load(t)
	g := gbk()
	for _, c := range set.Cases {
		if c.Cat != "a" && c.Cat != "b" {
			continue
		}
		keep, _ := set.Gold(c, "keep")
		for _, target := range []string{"keep", "simp"} {
			gt, _ := set.Gold(c, target)
			text := halfwidth(gt)
			if text == "" || (target == "simp" && text == halfwidth(keep)) {
				continue
			}
			lines := strings.Split(text, "\n")
			for i, l := range lines {
				gl, ok := misalign(g, l)
				if !ok {
					continue
				}
				doc := strings.Join(append(append(append([]string(nil), lines[:i]...), gl), lines[i+1:]...), "\n")
				fn(c.ID, target, i, gl, doc, text)
			}
		}
	}
}

func TestShiftSynthetic(t *testing.T) {
	var total, exact, wrong int
	synthRuns(t, func(_, _ string, _ int, gl, doc, text string) {
		total++
		switch out := applySpans(doc, Find(doc)); out {
		case text:
			exact++
		case doc:
		default:
			wrong++
			if testing.Verbose() && wrong <= 25 {
				t.Logf("wrong: %q\n   got %q\n  want %q", gl, firstDiffLine(out, text), firstDiffLine(text, out))
			}
		}
	})
	t.Logf("synthetic runs: %d, repaired exactly %d (%.3f), repaired wrongly %d, left alone %d",
		total, exact, float64(exact)/float64(max(total, 1)), wrong, total-exact-wrong)
	// 77 of 175 exact at the last change of the shift scoring (50 before
	// the scoring of the swallowed byte, the punctuation junction, the
	// word evidence and the document cache for a lost last byte); the
	// floor guards against regressions.
	if total > 0 && float64(exact)/float64(total) < synthFloor {
		t.Errorf("exact repairs %.3f below %.2f", float64(exact)/float64(total), synthFloor)
	}
}

const synthFloor = 0.42

// firstDiffLine returns the first line of a that differs from b.
func firstDiffLine(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i, l := range al {
		if i >= len(bl) || l != bl[i] {
			return l
		}
	}
	return ""
}

// A misaligned run next to further damage, after non-Chinese text, or
// whose repair reads as no Chinese writer writes, is reported and left
// alone; the same run in clean surroundings is repaired.
func TestShiftRunVetoes(t *testing.T) {
	g := gbk()
	line := "请先保存当前的工作。然后再关闭这个窗口 now"
	garbled, ok := misalign(g, line)
	require.True(t, ok)
	q := strings.Index(garbled, "?")
	require.GreaterOrEqual(t, q, 0)
	// The run ends at the first ASCII byte or the end of the line; find
	// it from the repair of the intact case.
	spans := Find(garbled)
	require.NotEmpty(t, spans, "the intact run must be found")
	sp := spans[0]
	require.True(t, sp.Repairable, "%+v", sp)
	assert.Equal(t, line, applySpans(garbled, spans))

	runes := []rune(sp.Garbled)
	mid := len(string(runes[:len(runes)/2]))
	for name, doc := range map[string]string{
		"question mark inside":   garbled[:sp.Start+mid] + "?" + garbled[sp.Start+mid:],
		"question mark after":    garbled[:sp.End] + "?" + garbled[sp.End:],
		"replacement char after": garbled[:sp.End] + "\uFFFD" + garbled[sp.End:],
	} {
		assert.Equal(t, doc, applySpans(doc, Find(doc)), name)
	}
	assert.False(t, plausibleShiftRepair('的', "类型，。框者", false), "two clause marks in a row")
	assert.True(t, plausibleShiftRepair('的', "。类型，框者", false))
	assert.False(t, plausibleShiftRepair('{', "。些o", false), "short repair after ASCII")
	assert.True(t, plausibleShiftRepair('{', "。些(", true), "short repair after ASCII, named by the reading after it")
	assert.True(t, plausibleShiftRepair(')', "。使用光標(", false))
	assert.True(t, plausibleShiftRepair('\n', "。些", false))
	assert.Equal(t, '礎', beforeReading("基礎(chǔ)?!按", len("基礎(chǔ)")))
	assert.Equal(t, ')', beforeReading("(x1)?!按", len("(x1)")))
}
