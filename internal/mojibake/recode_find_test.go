package mojibake

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/testshared"
	"github.com/stretchr/testify/assert"
)

// TestClusters checks the regions of the scan of the whole text against
// those of a plain scan of every rune (clustersOne) on the development
// set and on random mixtures of suspicious and clean runes.
func TestClusters(t *testing.T) {
	forTestTexts(t, checkClusters)
}

// forTestTexts calls check with each input of the development set and
// with 3,000 random mixtures of randomPieces.
func forTestTexts(t *testing.T, check func(*testing.T, string)) {
	ins, _ := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "*.txt"))
	for _, p := range ins {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		check(t, string(raw))
	}
	rng := rand.New(rand.NewSource(1))
	for try := 0; try < 3000; try++ {
		check(t, randomPieces(rng))
	}
}

// shiftedAnalyzer returns an analyzer of text with its misaligned runs
// found (the codec analysis steps over them), and the function that
// releases it.
func shiftedAnalyzer(text string) (*analyzer, func()) {
	a := newAnalyzer(text, nil)
	a.sc.ev = collectEvidence(text)
	a.shiftRuns()
	return a, a.sc.release
}

func FuzzClusters(f *testing.F) {
	for _, s := range []string{"文件?!秾嵤┮庖姟穼ψセ鶎狱h建責任", "ä¸\u00adæ–‡", "鍙戝睍鎴樼暐\uFFFD\xff", "建設(shè)?zhèn)Ã©"} {
		f.Add(s)
	}
	f.Fuzz(checkClusters)
}

// checkClusters compares clusters with clustersOne on text, outside its
// misaligned runs.
func checkClusters(t *testing.T, text string) {
	if !Suspicious(text) {
		return
	}
	a, release := shiftedAnalyzer(text)
	defer release()
	got := a.clusters(&coverCursor{spans: a.spans})
	want := clustersOne(a, &coverCursor{spans: a.spans})
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: clusters %v, want %v", text, got, want)
	}
}

// clustersOne is clusters as a plain scan of every rune outside the spans
// and readings.
func clustersOne(a *analyzer, cov *coverCursor) []cluster {
	text, parens := a.text, a.sc.ev.parens
	var out []cluster
	lastSusp := -1
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			if text[i] == '(' {
				for len(parens) > 0 && parens[0].lo < i {
					parens = parens[1:]
				}
				if len(parens) > 0 && parens[0].lo == i {
					i = parens[0].hi
					continue
				}
			}
			i++
			continue
		}
		if e, ok := cov.covered(i); ok {
			i = e
			continue
		}
		r, n := decodeRune(text, i)
		if suspiciousRune(r) || r == utf8.RuneError {
			s, e := runeStart(text, i-clusterPad), runeStart(text, i+n+clusterPad)
			if k := len(out) - 1; k >= 0 && s <= out[k].end {
				out[k].end = max(out[k].end, e)
				out[k].n++
				if i == lastSusp {
					out[k].adj++
				}
			} else {
				out = append(out, cluster{start: s, end: e, n: 1})
			}
			lastSusp = i + n
		}
		i += n
	}
	return out
}

// randomPieces returns a random mixture of the runes that decide where
// clusters and stretches end.
func randomPieces(rng *rand.Rand) string {
	pieces := []string{
		"中文", "這個", "钻", "锟斤拷", "ä¸\u00adæ–‡", "Ã©", "â€œ", "cafÃ©", "xiàn", "\uFFFD", "\xff", "\xe4\xb8", "\xc3",
		"?", "?zhèn)", "(gè)", "建設(shè)", "a", " ", "\n", "€", "𠀀", "𪚥", "\ue000", "ノ", "ヘ", "╗", "─", "é", "Ā", "\u0080", "\u009d",
		strings.Repeat("平均範圍", 20),
	}
	var b strings.Builder
	for k := rng.Intn(80); k >= 0; k-- {
		b.WriteString(pieces[rng.Intn(len(pieces))])
	}
	return b.String()
}

// TestStretches checks stretches against a scan of each codec on its own
// (stretchesOne) on the development set and on random mixtures of the
// runes that decide where the runs end.
func TestStretches(t *testing.T) {
	forTestTexts(t, checkStretches)
}

func FuzzStretches(f *testing.F) {
	for _, s := range []string{"文件?!秾嵤┮庖姟穼ψセ鶎狱h建責任", "ä¸\u00adæ–‡", "鍙戝睍鎴樼暐\uFFFD\xff", "â€œquotedâ€\u009d"} {
		f.Add(s)
	}
	f.Fuzz(checkStretches)
}

// checkStretches compares the stretches of each cluster of text, outside
// its misaligned runs, with those of stretchesOne.
func checkStretches(t *testing.T, text string) {
	if !Suspicious(text) {
		return
	}
	a, release := shiftedAnalyzer(text)
	defer release()
	cov := coverCursor{spans: a.spans}
	var sts codecStretches
	for _, cl := range a.clusters(&cov) {
		for _, cjk := range []bool{false, true} {
			a.stretches(cl, cjk, &cov, &sts)
			for _, c := range []struct {
				wrong string
				got   []stretch
			}{{"cp1252", sts.cp1252}, {"gbk", sts.gbk}, {"big5", sts.big5}} {
				var want []stretch
				if cjk || c.wrong == "cp1252" {
					want = stretchesOne(a, cl, c.wrong, &cov, nil)
				}
				if len(c.got) != 0 || len(want) != 0 {
					if !reflect.DeepEqual(c.got, want) {
						t.Fatalf("%q, cluster %v, %s (cjk %v): stretches %v, want %v", text, cl, c.wrong, cjk, c.got, want)
					}
				}
			}
		}
	}
}

// stretchesOne is stretches of one codec, scanned on its own: for each
// place outside the spans, it skips the runes the codec cannot encode and
// reads on while it can.
func stretchesOne(a *analyzer, cl cluster, wrong string, cov *coverCursor, dst []stretch) []stretch {
	text := a.text
	latin, isGBK := wrong == "cp1252", wrong == "gbk"
	g, b5 := gbk(), big5()
	cp1252Tables()
	encodes := func(r rune) (byte, bool) {
		if r == utf8.RuneError {
			return 0xFF, true
		}
		if latin {
			return cp1252Byte(r)
		}
		return 0, cjkEncodes(isGBK, g, b5, r)
	}
	for i := cl.start; i < cl.end; {
		if e, ok := cov.covered(i); ok {
			i = e
			continue
		}
		end := cl.end
		if cov.k < len(cov.spans) {
			end = min(end, cov.spans[cov.k].Start)
		}
		for i < end {
			r, n := decodeRune(text, i)
			if _, ok := encodes(r); ok {
				break
			}
			i += n
		}
		if i >= end {
			continue
		}
		j, susp, viable, cjk, prevB := i, false, !latin, 0, byte(0)
		for j < end {
			r, n := decodeRune(text, j)
			b, ok := encodes(r)
			if !ok {
				break
			}
			if latin && (b >= 0xC2 && b <= 0xDF || prevB >= 0xC2 && prevB <= 0xF4 && b >= 0x80 && b <= 0xBF) {
				viable = true
			}
			prevB = b
			susp = susp || suspiciousRune(r)
			if cjkRune(r) {
				cjk++
			}
			j += n
			if stretchEnds(r, j-i) {
				break
			}
		}
		if susp && viable && (latin || cjk >= 2) {
			dst = append(dst, stretch{i, j})
		}
		i = j
	}
	return dst
}

// TestSegmentLP checks that segmentLP of the garbled text of units is
// lpText of that text, to the bit, as recodeSegment takes it to be (a hop
// back to the garbled text gains 0), and that of their repairs what
// adding up the scores unit by unit gives, for runs of units of the
// stretches of the development set and of random text.
func TestSegmentLP(t *testing.T) {
	ins, _ := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "*.txt"))
	rng := rand.New(rand.NewSource(1))
	var texts []string
	for _, p := range ins {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	for try := 0; try < 300; try++ {
		texts = append(texts, randomPieces(rng))
	}
	for _, text := range texts {
		if !Suspicious(text) {
			continue
		}
		a := newAnalyzer(text, nil)
		a.sc.ev = collectEvidence(text)
		sc := new(recodeScratch)
		cov := coverCursor{}
		var sts codecStretches
		for _, cl := range a.clusters(&cov) {
			a.stretches(cl, true, &cov, &sts)
			for _, rc := range recodings {
				list := map[string][]stretch{"cp1252": sts.cp1252, "gbk": sts.gbk, "big5": sts.big5}[rc.Wrong]
				for _, st := range list {
					encodeWrong(text, st.i, st.j, rc, sc)
					units := sc.decodeUnits(text, rc)
					for _, restore := range []bool{false, true} {
						if restore {
							if !sc.restoreUnits(text, st.j, rc) {
								continue
							}
							units = sc.units
						}
						a.unitGains(units, st.i, sc)
						for k := 0; k < 20; k++ {
							lo := rng.Intn(len(units))
							hi := lo + 1 + rng.Intn(len(units)-lo)
							start, end := units[lo].gs, units[hi-1].ge
							prev, next := lastRune(text[:start]), firstRune(text[end:])
							got := a.segmentLP(units[lo:hi], sc.terms[lo:hi], sc, prev, next, false)
							want, _ := lpText(a.sc, prev, text[start:end], next)
							if got != want {
								t.Fatalf("%q %v: segmentLP %v, lpText %v", text[start:end], rc, got, want)
							}
							got = a.segmentLP(units[lo:hi], sc.terms[lo:hi], sc, prev, next, true)
							if want := a.segmentLPUnitByUnit(units[lo:hi], sc.terms[lo:hi], sc, prev, next, true); math.Float64bits(got) != math.Float64bits(want) {
								t.Fatalf("%q %v: segmentLP of the repair %v, unit by unit %v", text[start:end], rc, got, want)
							}
						}
					}
				}
			}
		}
		a.sc.release()
	}
}

// segmentLPUnitByUnit is segmentLP adding up the scores of each unit in
// a loop of its own, as it once did.
func (a *analyzer) segmentLPUnitByUnit(us []unit, ts []unitTerms, sc *recodeScratch, prev, next rune, rep bool) float64 {
	lp, p := 0.0, prev
	for k := range us {
		u, t := &us[k], &ts[k]
		if !t.ok {
			s := a.text[u.gs:u.ge]
			if rep {
				s = u.rep(sc.all)
			}
			lp, p, _ = lpAdd(a.sc, lp, p, s, nil)
			continue
		}
		terms, last := sc.gTerms[t.g0:t.g1], t.lastG
		if rep {
			terms, last = sc.rTerms[t.r0:t.r1], t.lastR
			if k == 0 {
				rep := u.rep(sc.all)
				_, n := utf8.DecodeRuneInString(rep)
				lp, _, _ = lpAdd(a.sc, lp, p, rep[:n], nil)
				terms = terms[1:]
			}
		}
		for _, x := range terms {
			lp += x
		}
		p = last
	}
	return lp + a.sc.bg.Bigram(p, next)
}

// TestRestoreUnits checks that the units and scores restoreUnits and
// unitGains take over from the first cut of a stretch are, to the bit,
// those of cutting and scoring the restored stretch afresh, for the
// stretches of the development set and of random text.
func TestRestoreUnits(t *testing.T) {
	ins, _ := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "*.txt"))
	rng := rand.New(rand.NewSource(2))
	var texts []string
	for _, p := range ins {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	for try := 0; try < 300; try++ {
		texts = append(texts, randomPieces(rng))
	}
	restored, reused := 0, 0
	for _, text := range texts {
		if !Suspicious(text) {
			continue
		}
		a := newAnalyzer(text, nil)
		a.sc.ev = collectEvidence(text)
		sc, fresh := new(recodeScratch), new(recodeScratch)
		cov := coverCursor{}
		var sts codecStretches
		for _, cl := range a.clusters(&cov) {
			a.stretches(cl, true, &cov, &sts)
			for _, rc := range recodings {
				list := map[string][]stretch{"cp1252": sts.cp1252, "gbk": sts.gbk, "big5": sts.big5}[rc.Wrong]
				for _, st := range list {
					encodeWrong(text, st.i, st.j, rc, sc)
					a.unitGains(sc.decodeUnits(text, rc), st.i, sc)
					if !sc.restoreUnits(text, st.j, rc) {
						continue
					}
					restored++
					for _, o := range sc.from {
						if o >= 0 {
							reused++
						}
					}
					units := slices.Clone(sc.units)
					gains := slices.Clone(a.unitGains(units, st.i, sc))
					// The restored bytes, cut and scored afresh.
					encodeWrong(text, st.i, st.j, rc, fresh)
					copy(fresh.bs, sc.bs)
					fresh.lost = append(fresh.lost[:0], sc.lost...)
					want := fresh.decode(text, rc, nil, "")
					wantGains := a.unitGains(want, st.i, fresh)
					if len(units) != len(want) {
						t.Fatalf("%q %v: %d units, want %d", text[st.i:st.j], rc, len(units), len(want))
					}
					for k := range want {
						if units[k] != want[k] || units[k].rep(sc.all) != want[k].rep(fresh.all) || math.Float64bits(gains[k]) != math.Float64bits(wantGains[k]) {
							t.Fatalf("%q %v: unit %d %+v gain %v, want %+v gain %v", text[st.i:st.j], rc, k, units[k], gains[k], want[k], wantGains[k])
						}
						got, w := sc.terms[k], fresh.terms[k]
						if got.ok != w.ok || got.lastG != w.lastG || got.lastR != w.lastR ||
							!slices.Equal(sc.gTerms[got.g0:got.g1], fresh.gTerms[w.g0:w.g1]) ||
							!slices.Equal(sc.rTerms[got.r0:got.r1], fresh.rTerms[w.r0:w.r1]) {
							t.Fatalf("%q %v: unit %d scores differ", text[st.i:st.j], rc, k)
						}
					}
					// Scored again, the units are scored afresh.
					if again := a.unitGains(units, st.i, sc); !slices.Equal(again, gains) {
						t.Fatalf("%q %v: unitGains again gives %v, want %v", text[st.i:st.j], rc, again, gains)
					}
				}
			}
		}
		a.sc.release()
	}
	if restored == 0 {
		t.Fatal("no stretch had bytes restored")
	}
	t.Logf("%d stretches with restored bytes, %d units taken over", restored, reused)
}

// TestRuneCount compares runeCount with utf8.RuneCountInString on random
// text and on random bytes.
func TestRuneCount(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for try := 0; try < 3000; try++ {
		s := randomPieces(rng)
		if try%2 == 1 {
			b := make([]byte, rng.Intn(40))
			for i := range b {
				b[i] = byte(rng.Intn(256))
			}
			s = string(b)
		}
		for i := 0; i <= len(s); i += 1 + rng.Intn(4) {
			if got, want := runeCount(s[i:]), utf8.RuneCountInString(s[i:]); got != want {
				t.Fatalf("runeCount(%q) = %d, want %d", s[i:], got, want)
			}
		}
	}
}

// A run of text the codecs read that is longer than maxStretch makes
// several stretches, each ended at a line end, so that finding the
// segments of each stays linear in the text: 16,000 lines "item N 資料 =
// N" of GBK read as Big5 (400 KB) took 6 seconds as one stretch.
func TestStretchesEndAtLongLines(t *testing.T) {
	words := []string{"资料", "字段", "选项", "文件", "系统", "程序"}
	var b strings.Builder
	for k := 0; b.Len() < 3*maxStretch; k++ {
		fmt.Fprintf(&b, "item %d %s = %d\n", k, words[k%len(words)], k)
	}
	text := readFailing(t, big5HKSCSReader, encodeAll(t, "gbk", b.String()))
	sts := allStretches(text)
	for _, st := range sts {
		assert.LessOrEqual(t, st.j-st.i, maxStretch+64, "stretch %v", st)
		if st.j-st.i >= maxStretch {
			assert.Less(t, text[st.j-1], byte(0x40), "a long stretch ends at a line end, a space, a digit or a mark")
		}
	}
	assert.Greater(t, len(sts), 3, "the text makes several stretches")
	checkStretches(t, text)
}

// allStretches returns the stretches of every codec in every cluster of
// text, after its misaligned runs are found.
func allStretches(text string) []stretch {
	a, release := shiftedAnalyzer(text)
	defer release()
	cov := coverCursor{spans: a.spans}
	var sts codecStretches
	var out []stretch
	for _, cl := range a.clusters(&cov) {
		a.stretches(cl, true, &cov, &sts)
		out = append(append(append(out, sts.cp1252...), sts.gbk...), sts.big5...)
	}
	return out
}

// A line with no line end and no byte a long stretch ends at (CJK text
// read with a '?' for each failed byte) is cut at maxStretchHard: 400 KB
// of ?蝜 took 4.9 seconds as one stretch.
func TestStretchesEndInLongLines(t *testing.T) {
	text := strings.Repeat("?蝜", 3*maxStretch/4)
	sts := allStretches(text)
	for _, st := range sts {
		assert.LessOrEqual(t, st.j-st.i, maxStretchHard+4, "stretch %v", st)
	}
	assert.Greater(t, len(sts), 1, "the text makes several stretches")
	checkStretches(t, text)
}
