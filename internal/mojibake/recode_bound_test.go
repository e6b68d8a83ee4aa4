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

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/testshared"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBigramNotPositive checks what gainBound's proof takes of the
// model: Bigram is never positive. Bigram's own scores (quantised
// log-probabilities, back-off weights) are not positive by construction;
// the others (Unigram and the floors, the bonuses of classAdjust, the
// scores of ASCII and Latin letters) depend on the runes' classes, which
// the runes before and after here cover, each with every rune.
func TestBigramNotPositive(t *testing.T) {
	m := lm.Default()
	sides := []rune{-1, 0, '\t', '\n', ' ', '!', '.', '0', 'a', 'q', 'A', 'Z', 0x80, 0xA0, 'é', 'ß', 'ő', 'ɐ',
		'α', 'Я', '·', '—', '“', '…', '、', '。', '「', 'あ', 'ア', 'ー', '・', '丂', '中', '的', '龥', 0x3400,
		'가', '한', 'ㄱ', 0xE000, 0xF900, '，', 0xFFFD, 0x20000, 0x2A6D6, 0xF0000, 0x10FFFF}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0x10000 && r%16 != 0 {
			continue // a rune of each sixteen past the BMP
		}
		for _, s := range sides {
			if lp := m.Bigram(s, r); lp > 0 {
				t.Fatalf("Bigram(%U, %U) = %v", s, r, lp)
			}
			if lp := m.Bigram(r, s); lp > 0 {
				t.Fatalf("Bigram(%U, %U) = %v", r, s, lp)
			}
		}
	}
}

// recodeBoundTexts returns the inputs of the development set and 200
// random mixtures of randomPieces.
func recodeBoundTexts(t *testing.T) []string {
	ins, _ := filepath.Glob(filepath.Join(testshared.Dir(t, "devset"), "in", "*.txt"))
	var texts []string
	for _, p := range ins {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	rng := rand.New(rand.NewSource(3))
	for try := 0; try < 200; try++ {
		texts = append(texts, randomPieces(rng))
	}
	return texts
}

// TestRecodeGainBound checks gainBound against the gains of the
// candidates that recodeStretch finds in every stretch of the development
// set and of random text, for every recoding (the CJK ones on every
// region, dense or not).
func TestRecodeGainBound(t *testing.T) {
	cands, closest := 0, 0.0
	for _, text := range recodeBoundTexts(t) {
		if !Suspicious(text) {
			continue
		}
		a, release := shiftedAnalyzer(text)
		sc := new(recodeScratch)
		cov := coverCursor{spans: a.spans}
		var sts codecStretches
		for _, cl := range a.clusters(&cov) {
			a.stretches(cl, true, &cov, &sts)
			for _, rc := range recodings {
				list := map[string][]stretch{"cp1252": sts.cp1252, "gbk": sts.gbk, "big5": sts.big5}[rc.Wrong]
				for _, st := range list {
					bound, ok := a.gainBound(st.i, st.j)
					if !ok {
						continue
					}
					for _, c := range a.recodeStretch(st.i, st.j, rc, sc) {
						cands++
						if c.gain > bound {
							t.Errorf("%q %v: gain %v over the bound %v", text[st.i:st.j], rc, c.gain, bound)
						}
						closest = max(closest, c.gain/bound)
					}
				}
			}
		}
		release()
	}
	if cands < 50 {
		t.Fatalf("only %d candidates", cands)
	}
	t.Logf("%d candidates, the largest gain %.2f of its bound", cands, closest)
}

// TestFindRecodesSkipping checks that findRecodes finds what it finds
// without skipping the stretches that candidates dominate, on the
// development set and random text.
func TestFindRecodesSkipping(t *testing.T) {
	for _, text := range recodeBoundTexts(t) {
		checkFindRecodesSkipping(t, text)
	}
}

// FuzzFindRecodesSkipping is TestFindRecodesSkipping on any text.
func FuzzFindRecodesSkipping(f *testing.F) {
	for _, s := range []string{
		"鍙戝睍鎴樼暐锛屽ぇ閮芥湁璇︾粏鐨勮鏄庛\uFFFD\uFFFD\n",
		"鍙戝睍鎴樼暐鏄庛\uFFFD\uFFFD\n\n如果",
		"ä¸\u00adæ–‡ä¸\u00adæ–‡?\n",
		"翩\uFFFD庠げ\uFFFD蚰奪燴﹝膘蕾翩",
	} {
		f.Add(s)
	}
	f.Fuzz(checkFindRecodesSkipping)
}

// checkFindRecodesSkipping checks that findRecodes finds in text what it
// finds without skipping dominated stretches.
func checkFindRecodesSkipping(t *testing.T, text string) {
	if !Suspicious(text) {
		return
	}
	var got, want *analyzer
	for _, skip := range []bool{true, false} {
		a, release := shiftedAnalyzer(text)
		a.findRecodesSkipping(skip)
		release()
		if skip {
			got = a
		} else {
			want = a
		}
	}
	if !reflect.DeepEqual(got.spans, want.spans) || !reflect.DeepEqual(got.recoded, want.recoded) || got.unsure != want.unsure {
		t.Fatalf("%q: skipping found %+v, without %+v", text, got.spans, want.spans)
	}
}

// A candidate meets every candidate of a stretch when what of the
// stretch lies outside it is ASCII other than '?'.
func TestMeetsEveryCand(t *testing.T) {
	text := "ab鏄庛\uFFFD\uFFFD\n\n如果?x"
	a := &analyzer{text: text}
	i := strings.Index(text, "鏄")
	nl := strings.Index(text, "\n")
	ru := strings.Index(text, "如")
	q := strings.Index(text, "?")
	for _, tc := range []struct {
		name  string
		c, st stretch
		want  bool
	}{
		{"contains", stretch{0, len(text)}, stretch{i, nl}, true},
		{"leaves ASCII out at both ends", stretch{i, nl}, stretch{0, nl + 2}, true},
		{"leaves a line end out", stretch{i, nl}, stretch{i, nl + 1}, true},
		{"leaves Han out", stretch{i, nl}, stretch{i, ru + 3}, false},
		{"leaves a question mark out", stretch{ru, q}, stretch{ru, q + 1}, false},
		{"no overlap", stretch{0, 2}, stretch{i, nl}, false},
		{"touches only", stretch{0, i}, stretch{i, nl}, false},
	} {
		c := recodeCand{start: tc.c.i, end: tc.c.j}
		assert.Equal(t, tc.want, a.meetsEveryCand(&c, tc.st), tc.name)
	}
}

// TestSelectRecodesRuns checks that selectRecodes runs a skipped job
// whose dominating candidate it does not keep: the candidates it then
// keeps are those of running every job.
func TestSelectRecodesRuns(t *testing.T) {
	text := string(readTestInput(t, "d-utf8_as_cp1252-span-001.txt"))
	a, release := shiftedAnalyzer(text)
	defer release()
	sc := new(recodeScratch)
	// The stretch of the input's repair, and a dominating candidate
	// before it that a better one overlaps.
	var d recodeJob
	cov := coverCursor{spans: a.spans}
	var sts codecStretches
	for _, cl := range a.clusters(&cov) {
		a.stretches(cl, false, &cov, &sts)
		for _, st := range sts.cp1252 {
			j := recodeJob{st: st, rc: recodings[0], dom: -1}
			if j.run(a, sc); len(j.cands) > 0 && st.i >= 10 {
				d = j
			}
		}
	}
	if len(d.cands) == 0 {
		t.Fatal("no candidate")
	}
	fake := func(start, end int, gain float64) recodeJob {
		c := recodeCand{start: start, end: end, repair: "x", chain: recodings[:1], gain: gain}
		return recodeJob{st: stretch{start, end}, rc: recodings[0], cands: []recodeCand{c}, dom: -1}
	}
	dom, over := fake(d.st.i-10, d.st.j, 1e6), fake(d.st.i-10, d.st.i, 2e6)
	skipped := recodeJob{st: d.st, rc: d.rc, dom: 0, domCand: 0}
	var spans [2][]Span
	for k, jobs := range [][]recodeJob{{dom, over, skipped}, {dom, over, d}} {
		b := *a
		b.spans = append([]Span(nil), a.spans...)
		b.selectRecodes(jobs, sc)
		spans[k] = b.spans
		if k == 0 && len(jobs[2].cands) == 0 {
			t.Fatal("the skipped job did not run")
		}
	}
	if !reflect.DeepEqual(spans[0], spans[1]) || len(spans[0]) != len(a.spans)+2 {
		t.Fatalf("kept %+v, want %+v", spans[0], spans[1])
	}
}

// readTestInput returns the development set's input name.
func readTestInput(t *testing.T, name string) []byte {
	raw, err := os.ReadFile(filepath.Join(testshared.Dir(t, "devset"), "in", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestPickRecodes compares pickRecodes with taking the best candidate
// left (the first of equal ones) that overlaps no span, one at a time, as
// findRecodes once did, on random candidates with many equal gains and
// random spans found before them.
func TestPickRecodes(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	sc := new(recodeScratch)
	for try := 0; try < 2000; try++ {
		a := &analyzer{}
		for range rng.Intn(3) {
			s := rng.Intn(200)
			a.spans = append(a.spans, Span{Start: s, End: s + 1 + rng.Intn(10)})
		}
		found := make([]recodeCand, rng.Intn(40))
		for k := range found {
			s := rng.Intn(200)
			found[k] = recodeCand{start: s, end: s + 1 + rng.Intn(30), gain: float64(rng.Intn(8))}
		}
		var want []recodeCand
		left := slices.Clone(found)
		spans := slices.Clone(a.spans)
		for len(left) > 0 {
			bi := 0
			for k, c := range left {
				if c.gain > left[bi].gain {
					bi = k
				}
			}
			c := left[bi]
			left = append(left[:bi], left[bi+1:]...)
			if slices.ContainsFunc(spans, func(s Span) bool { return c.start < s.End && s.Start < c.end }) {
				continue
			}
			spans = append(spans, Span{Start: c.start, End: c.end})
			want = append(want, c)
		}
		var got []recodeCand
		for _, k := range a.pickRecodes(found, sc) {
			got = append(got, found[k])
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("candidates %v, spans %v: kept %v, want %v", found, a.spans, got, want)
		}
	}
}

// BenchmarkFindManyRecodes is Find on text with thousands of short
// stretches read as windows-1252 in one region, each with a candidate:
// the selection of the candidates and the look for dominating ones must
// not be quadratic in them.
func BenchmarkFindManyRecodes(b *testing.B) {
	benchFind(b, strings.Repeat("cafÃ© 中文", 5000))
}

// BenchmarkFindManyShortCJK is Find on 16,000 lines "item N 資料 = N" of GBK
// read as Big5 (about 400 KB, thousands of short segments in text the
// codecs read end to end): finding the segments of a stretch must stay
// linear in the text (maxStretch).
func BenchmarkFindManyShortCJK(b *testing.B) {
	words := []string{"資料", "欄位", "選項", "檔案", "系統", "程式"}
	var sb strings.Builder
	for k := 0; k < 16000; k++ {
		fmt.Fprintf(&sb, "item %d %s = %d\n", k, words[k%len(words)], k)
	}
	benchFind(b, readFailing(b, big5HKSCSReader, encodeAll(b, "gbk", sb.String())))
}

// dominating finds, through the candidates sorted by start, the candidate
// that a look at every candidate of the containing jobs finds: random
// jobs with disjoint candidates (sorted), overlapping ones (every one
// looked at), ties of gain and stretches anywhere.
func TestDominating(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	text := strings.Repeat("ab", 200) // ASCII: a candidate that overlaps meets every one
	a := &analyzer{text: text}
	for n := range 3000 {
		var jobs []recodeJob
		var bounds [len(recodings) + 1]int
		for r := range recodings {
			bounds[r] = len(jobs)
			at := 0
			for at < len(text)-20 && rng.Intn(3) > 0 {
				st := stretch{at, min(len(text), at+10+rng.Intn(150))}
				jb := recodeJob{st: st, rc: recodings[r], dom: -1}
				// Up to 40 candidates: more than linearCands, which are
				// sorted, or fewer, looked at one by one.
				for c := st.i; c < st.j-1 && len(jb.cands) < 40; c += 1 + rng.Intn(3) {
					e := min(st.j, c+1+rng.Intn(4))
					jb.cands = append(jb.cands, recodeCand{start: c, end: e, gain: float64(rng.Intn(6))})
					if n%5 != 0 {
						c = e // disjoint
					}
				}
				rng.Shuffle(len(jb.cands), func(x, y int) { jb.cands[x], jb.cands[y] = jb.cands[y], jb.cands[x] })
				jobs = append(jobs, jb)
				at = st.j + rng.Intn(20)
			}
		}
		bounds[len(recodings)] = len(jobs)
		i := rng.Intn(len(text) - 1)
		j := &recodeJob{st: stretch{i, i + 1 + rng.Intn(min(60, len(text)-i-1)+1)}}
		// Every candidate of the job that contains j's stretch, in order.
		want, wj, wc := math.Inf(-1), -1, -1
		for r := range recodings {
			for k := bounds[r]; k < bounds[r+1]; k++ {
				if jobs[k].st.i > j.st.i || jobs[k].st.j < j.st.j {
					continue
				}
				for ci := range jobs[k].cands {
					if c := &jobs[k].cands[ci]; c.gain > want && a.meetsEveryCand(c, j.st) {
						want, wj, wc = c.gain, k, ci
					}
				}
			}
		}
		got, gj, gc := a.dominating(jobs, &bounds, j)
		require.Equal(t, []any{want, wj, wc}, []any{got, gj, gc}, "case %d: stretch %v", n, j.st)
	}
}
