package mojibake

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/opencc"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// TestWriteAnnotMisaligned reads documents as JSON Lines ({"id", "text"})
// from ANNOT_MISALIGN_IN and writes to ANNOT_MISALIGN_OUT the damaged
// documents that scripts/annot-shift-heldout.sh scores: the damage of seed
// 001 and of the development set's categories c and c2 (ARTIFACTS.md §1
// and §2), built from the bytes up rather than from examples:
//
//   - the text is converted to Traditional (OpenCC s2t) and full-width
//     ASCII made ASCII;
//   - the Traditional-only characters (outside GB2312, which Simplified
//     text uses: 於 is both) that OpenCC t2s changes, ranked
//     by their frequency in all the documents, get their dictionary
//     reading glued after every occurrence (建設(shè)); each document cuts the
//     list at its own length, between 20 and 140;
//   - kind "shift": at up to three 。 before a Han character the text is
//     read one byte out of step from the 。's second byte on, as
//     misalignRun does (the straddling pair a full-width form made ASCII,
//     or a private-use pair dropped), until an ASCII-range byte
//     resynchronises;
//   - kind "annot": the reading is also inserted where the second byte of
//     one character and the first of the next spell an annotated character
//     (替|個 → 鎮, a byte-level search does that), which splits the next
//     character: "?" and the reading, then a run out of step.
//
// With ANNOT_ALL set, the "annot" documents annotate every character of
// the list, which makes far more straddling pairs.
//
// Each output line holds id, kind, the damaged text, "clean" (the
// annotated text without mojibake), "gold" (the Traditional text) and
// "runs", each run's dropped pairs and how it ended, in text order. It
// is skipped unless both variables are set.
func TestWriteAnnotMisaligned(t *testing.T) {
	in, out := writerPaths(t, "ANNOT_MISALIGN_IN", "ANNOT_MISALIGN_OUT")
	s2t, t2s := s2tAndT2S(t)

	docs := readHeldoutDocs(t, in)
	texts := make([]string, len(docs))
	for k := range docs {
		docs[k].Text = halfwidth(s2t.Convert(docs[k].Text))
		texts[k] = docs[k].Text
	}
	g := gbk()
	ranked := rubyRanking(g, t2s, texts)

	enc, flush := jsonlWriter(t, out)
	counts := map[string]int{}
	for _, d := range docs {
		reading := rubyReadings(ranked, d.ID)
		for _, kind := range []string{"shift", "annot"} {
			rd := reading
			if kind == "annot" && os.Getenv("ANNOT_ALL") != "" {
				rd = map[rune]string{}
				for _, r := range ranked {
					rd[r] = pinyin.Readings(r)[0]
				}
			}
			garbled, clean, info, ok := annotMisalign(g, d.Text, rd, kind, d.ID)
			if !ok || len(info) == 0 {
				continue
			}
			counts[kind]++
			require.NoError(t, enc.Encode(map[string]any{
				"id": d.ID, "kind": kind, "text": garbled, "clean": clean, "gold": d.Text, "runs": info,
			}))
		}
	}
	flush()
	t.Logf("%d documents read, garbled: %v", len(docs), counts)
}

// s2tAndT2S returns OpenCC's s2t and t2s converters, which the writers
// of machine-made ruby use.
func s2tAndT2S(t *testing.T) (s2t, t2s *opencc.Converter) {
	t.Helper()
	s2t, err := opencc.New("s2t", opencc.Options{IncludeTofu: true})
	require.NoError(t, err)
	t2s, err = opencc.New("t2s", opencc.Options{IncludeTofu: true})
	require.NoError(t, err)
	return s2t, t2s
}

// rubyRanking returns the characters that machine-made ruby annotates in
// texts, Traditional text: the Traditional-only characters (outside
// GB2312, which Simplified text uses: 於 is both) that t2s changes and
// that have a reading, ranked by their frequency in texts.
func rubyRanking(g *gbkTable, t2s *opencc.Converter, texts []string) []rune {
	freq := map[rune]int{}
	for _, s := range texts {
		for _, r := range s {
			freq[r]++
		}
	}
	var ranked []rune
	for r := range freq {
		if isBMPHan(r) && !gb2312(g, r) && t2s.Convert(string(r)) != string(r) && len(pinyin.Readings(r)) > 0 {
			ranked = append(ranked, r)
		}
	}
	sort.Slice(ranked, func(i, j int) bool {
		if freq[ranked[i]] != freq[ranked[j]] {
			return freq[ranked[i]] > freq[ranked[j]]
		}
		return ranked[i] < ranked[j]
	})
	return ranked
}

// rubyReadings returns the readings that document id glues on: those of
// the first characters of ranked, cut at a length between 20 and 140
// that id chooses.
func rubyReadings(ranked []rune, id int) map[rune]string {
	cut := 20 + int(uint32(id)*2654435761%121)
	reading := map[rune]string{}
	for _, r := range ranked[:min(cut, len(ranked))] {
		reading[r] = pinyin.Readings(r)[0]
	}
	return reading
}

// annotMisalign damages text as TestWriteAnnotMisaligned describes and
// returns the damaged text, the annotated text, and the number of runs.
// It reports false when the text has a character outside GBK.
func annotMisalign(g *gbkTable, text string, reading map[rune]string, kind string, seed int) (garbled, clean string, info []string, ok bool) {
	var units []rune // the annotated text
	var han []bool   // whether the unit is a character of the text, not of a reading
	for _, r := range text {
		units = append(units, r)
		han = append(han, true)
		if p, ok := reading[r]; ok {
			for _, c := range "(" + p + ")" {
				units = append(units, c)
				han = append(han, false)
			}
		}
	}
	bs, offs, ok := gbkBytes(g, units)
	if !ok {
		return "", "", nil, false
	}
	twoByte := func(k int) bool { return k < len(units) && units[k] >= 0x80 && offs[k+1]-offs[k] == 2 }

	rng := uint32(seed)*2246822519 + 374761393
	next := func() uint32 {
		rng ^= rng << 13
		rng ^= rng >> 17
		rng ^= rng << 5
		return rng
	}
	var b strings.Builder
	runs := 0
	// misalignFrom writes the run from byte j on and returns the unit at
	// which the text goes on in step.
	misalignFrom := func(j int) (int, bool) {
		runs++
		var st runStats
		k, ok := resyncRun(&b, bs, offs, misalignRunStats(g, &b, bs, j, &st))
		end := st.end
		if st.consumed != 0 {
			end += "+" + string(rune(st.consumed))
		}
		info = append(info, fmt.Sprintf("drops=%d end=%s", st.drops, end))
		return k, ok
	}
	for k := 0; k < len(units); {
		switch {
		case kind == "shift" && runs < 3 && units[k] == '。' && han[k] && k+1 < len(units) && isBMPHan(units[k+1]) &&
			twoByte(k+1) && next()%2 == 0:
			// The pair of the 。's second byte and the next lead byte is a
			// full-width form, made ASCII (or, before a lead byte under A1,
			// a private-use pair, dropped): the run starts one byte on.
			b.WriteByte('?')
			if k, ok = misalignFrom(offs[k] + 1); !ok {
				return "", "", nil, false
			}
		case kind == "annot" && k > 0 && twoByte(k-1) && twoByte(k) && han[k-1] && han[k] &&
			reading[g.decode2(bs[offs[k]-1], bs[offs[k]])] != "":
			// The straddling pair spells an annotated character: its
			// reading goes in after the lead byte of unit k, whose pair
			// with "(" becomes "?"; the second byte goes on out of step.
			b.WriteByte('?')
			b.WriteString(reading[g.decode2(bs[offs[k]-1], bs[offs[k]])] + ")")
			if k, ok = misalignFrom(offs[k] + 1); !ok {
				return "", "", nil, false
			}
		default:
			b.WriteRune(units[k])
			k++
		}
	}
	return b.String(), string(units), info, true
}

// gb2312 reports whether r is in GB2312, the part of GBK that Simplified
// text is written in: a Han character with both bytes from A1 up.
func gb2312(g *gbkTable, r rune) bool {
	b0, b1, n := g.encode(r)
	return n == 2 && b0 >= 0xB0 && b0 <= 0xF7 && b1 >= 0xA1
}

// TestAnnotMisalign checks the generator against the damage that
// ARTIFACTS.md §2 shows byte by byte (替|個 spells 鎮: 來代替?zhèn)€人述職) and
// against the runs this package repairs (。對(duì) read as ??duì)).
func TestAnnotMisalign(t *testing.T) {
	g := gbk()
	for _, tc := range []struct {
		name, kind, text string
		reading          map[rune]string
		want             string
		runs             []string
	}{
		{"straddle", "annot", "來代替個人述職。", map[rune]string{'鎮': "zhèn"}, "來代替?zhèn)€人述職。", []string{"drops=0 end=euro"}},
		{"stop, dropped pair, reading", "shift", "退出。對腳本", map[rune]string{'對': "duì"}, "退出??duì)腳本", []string{"drops=1 end=lost+("}},
		{"stop, full-width form, line end", "shift", "文件。如果\n下一行", nil, "文件?H绻?\n下一行", []string{"drops=0 end=lost-line"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The seed picks the 。 of a shift document; try a few.
			for seed := 0; seed < 8; seed++ {
				garbled, _, runs, ok := annotMisalign(g, tc.text, tc.reading, tc.kind, seed)
				require.True(t, ok)
				if len(runs) == 0 {
					continue
				}
				assert.Equal(t, tc.want, garbled)
				assert.Equal(t, tc.runs, runs)
				return
			}
			t.Fatal("no seed garbled the text")
		})
	}
}
