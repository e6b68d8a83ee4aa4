package charset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// calSample is one generated test input with its true encoding.
type calSample struct {
	b     []byte
	truth string
	lang  string
	size  int
}

// calTexts gathers UTF-8 source texts: x/text's test data always, and the
// gold texts of ../shared when present (read only, nothing copied).
func calTexts(t testing.TB) []string {
	// HANFIX_CAL_TEXTS replaces the sources with other UTF-8 files
	// (comma-separated), to check on text the detector was not tuned on.
	if v := os.Getenv("HANFIX_CAL_TEXTS"); v != "" {
		var texts []string
		for _, p := range strings.Split(v, ",") {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			texts = append(texts, strings.Split(string(b), "\n\n")...)
		}
		return texts
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/text").Output()
	require.NoError(t, err)
	dir := filepath.Join(strings.TrimSpace(string(out)), "encoding", "testdata")
	var texts []string
	for _, f := range []string{"candide-utf-8.txt", "rashomon-utf-8.txt", "sunzi-bingfa-simplified-utf-8.txt",
		"sunzi-bingfa-traditional-utf-8.txt", "unsu-joh-eun-nal-utf-8.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		s := string(b)
		if i := strings.Index(s, "\n\n"); i > 0 {
			s = s[i:]
		}
		texts = append(texts, s)
	}
	if shared := calSharedDir(); shared != "" {
		if f, err := os.Open(filepath.Join(shared, "devset", "gold.jsonl")); err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<26)
			for sc.Scan() {
				var g struct{ Text string }
				if json.Unmarshal(sc.Bytes(), &g) == nil {
					texts = append(texts, g.Text)
				}
			}
			f.Close()
		}
		files, _ := filepath.Glob(filepath.Join(shared, "corpus", "gold", "*.txt"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	return texts
}

// calSharedDir finds ../shared next to the repository root, or "".
func calSharedDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/hanfix/hanfix\n") {
			p := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(p); err == nil {
				return p
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// calLang classifies a window of text.
func calLang(s string) string {
	var han, kana, hangul, latin1 int
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Han, r):
			han++
		case r >= 0xC0 && r <= 0xFF:
			latin1++
		}
	}
	switch {
	case kana > 0:
		return "ja"
	case hangul > 0:
		return "ko"
	case han >= 3:
		return "zh"
	case latin1 > 0:
		return "fr"
	}
	return ""
}

var calEncodings = map[string][]string{
	"zh": {"gbk", "big5", "gb18030", "hz-gb-2312", "utf-16le", "utf-16be"},
	"ja": {"shift_jis", "euc-jp", "utf-16le"},
	"ko": {"euc-kr", "utf-16be"},
	"fr": {"windows-1252", "gb18030"},
}

func calEncoding(name string) encoding.Encoding {
	if name == "hz-gb-2312" {
		return simplifiedchinese.HZGB2312
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		panic(err)
	}
	return e
}

// calSamples cuts windows of the given byte sizes out of the texts, encodes
// them in each encoding their language uses (when they can be), and cuts
// the encoded bytes to size, possibly inside a character.
func calSamples(t testing.TB, sizes []int, perText int) []calSample {
	rng := rand.New(rand.NewPCG(1, 2))
	var out []calSample
	for _, text := range calTexts(t) {
		rs := []rune(text)
		if len(rs) < 40 {
			continue
		}
		for k := 0; k < perText; k++ {
			for _, size := range sizes {
				start := rng.IntN(len(rs))
				end := min(len(rs), start+size)
				win := strings.TrimSpace(string(rs[start:end]))
				lang := calLang(win)
				if lang == "" {
					continue
				}
				for _, enc := range calEncodings[lang] {
					b, err := calEncoding(enc).NewEncoder().String(win)
					if err != nil || len(b) < size/2 {
						continue
					}
					if len(b) > size {
						b = b[:size]
					}
					out = append(out, calSample{[]byte(b), enc, lang, size})
				}
			}
		}
	}
	return out
}

// calCorrect reports whether got decodes b to the same text as truth (up to
// a cut last character).
func calCorrect(b []byte, truth, got string) bool {
	if got == truth {
		return true
	}
	if _, err := htmlindex.Get(got); err != nil && got != "hz-gb-2312" {
		return false
	}
	trim := func(e encoding.Encoding) string {
		o, _ := e.NewDecoder().Bytes(b)
		return strings.TrimRight(string(o), "\ufffd")
	}
	return trim(calEncoding(truth)) == trim(calEncoding(got))
}

// TestCalibration measures accuracy on generated samples by size and
// encoding, fits the softmax temperature by maximum likelihood and prints
// the reliability table of the confidences with the committed temperature.
func TestCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("generates thousands of samples")
	}
	// HANFIX_CAL_SIZES (e.g. "10,16,24") and HANFIX_CAL_PER (windows per
	// text and size) widen the run, for refitting the temperature.
	sizes := []int{16, 30, 64, 128, 300, 1000}
	if v := os.Getenv("HANFIX_CAL_SIZES"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			require.NoError(t, err)
			sizes = append(sizes, n)
		}
	}
	per := 4
	if v := os.Getenv("HANFIX_CAL_PER"); v != "" {
		var err error
		per, err = strconv.Atoi(v)
		require.NoError(t, err)
	}
	samples := calSamples(t, sizes, per)
	require.NotEmpty(t, samples)

	type tally struct{ n, ok int }
	acc := map[string]map[int]*tally{}
	conf := map[string]int{}
	type obs struct {
		conf float64
		ok   bool
	}
	var rel []obs
	// For the temperature fit: score margins of every candidate against
	// the true one, for samples that reached trial decoding.
	var margins [][]float64
	for _, s := range samples {
		r := Detect(s.b)
		ok := calCorrect(s.b, s.truth, r.Encoding)
		if acc[s.truth] == nil {
			acc[s.truth] = map[int]*tally{}
		}
		tl := acc[s.truth][s.size]
		if tl == nil {
			tl = &tally{}
			acc[s.truth][s.size] = tl
		}
		tl.n++
		if ok {
			tl.ok++
		} else {
			conf[s.truth+"→"+r.Encoding]++
		}
		rel = append(rel, obs{r.Confidence, ok})
		if r.Candidates != nil {
			cs := trialScoresAbort(s.b, isASCII(s.b), false)
			var truthScore = math.Inf(-1)
			for _, c := range cs {
				if calCorrect(s.b, s.truth, c.enc) && c.score > truthScore {
					truthScore = c.score
				}
			}
			if !math.IsInf(truthScore, -1) {
				var m []float64
				for _, c := range cs {
					m = append(m, c.score-truthScore)
				}
				margins = append(margins, m)
			}
		}
	}

	var sb strings.Builder
	encs := make([]string, 0, len(acc))
	for e := range acc {
		encs = append(encs, e)
	}
	sort.Strings(encs)
	fmt.Fprintf(&sb, "\naccuracy by encoding and window size (bytes), %d samples\n%-13s", len(samples), "encoding")
	for _, n := range sizes {
		fmt.Fprintf(&sb, " %11d", n)
	}
	sb.WriteString("\n")
	tot := map[int]*tally{}
	for _, e := range encs {
		fmt.Fprintf(&sb, "%-13s", e)
		for _, n := range sizes {
			tl := acc[e][n]
			if tl == nil {
				fmt.Fprintf(&sb, " %11s", "-")
				continue
			}
			fmt.Fprintf(&sb, " %5.3f/%-5d", float64(tl.ok)/float64(tl.n), tl.n)
			if tot[n] == nil {
				tot[n] = &tally{}
			}
			tot[n].n += tl.n
			tot[n].ok += tl.ok
		}
		sb.WriteString("\n")
	}
	fmt.Fprintf(&sb, "%-13s", "all")
	for _, n := range sizes {
		fmt.Fprintf(&sb, " %5.3f/%-5d", float64(tot[n].ok)/float64(tot[n].n), tot[n].n)
	}
	sb.WriteString("\n\nconfusions (truth→answer): ")
	keys := make([]string, 0, len(conf))
	for k := range conf {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return conf[keys[i]] > conf[keys[j]] })
	for _, k := range keys {
		fmt.Fprintf(&sb, "%s %d; ", k, conf[k])
	}

	// Temperature: maximise the mean log-probability of the true answer.
	nll := func(T float64) float64 {
		var s float64
		for _, m := range margins {
			var z float64
			for _, d := range m {
				z += math.Exp(d / T)
			}
			s += math.Log(z)
		}
		return s / float64(len(margins))
	}
	bestT, bestNLL := 0.0, math.Inf(1)
	for T := 0.25; T <= 12; T += 0.25 {
		if v := nll(T); v < bestNLL {
			bestT, bestNLL = T, v
		}
	}
	fmt.Fprintf(&sb, "\n\ntemperature: fitted %.2f (NLL %.4f), committed %.2f (NLL %.4f), %d trial-decoded samples\n",
		bestT, bestNLL, temperature, nll(temperature), len(margins))
	sb.WriteString("(the committed value was fitted with HANFIX_CAL_SIZES=8,10,12,16,20 HANFIX_CAL_PER=10,\n" +
		"where errors are frequent enough to fit; with almost no errors the fit runs to the grid's edge)\n")

	// Reliability table.
	bins := []float64{0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0001}
	fmt.Fprintf(&sb, "\nreliability (all samples, fast paths included)\n%-15s %6s %9s %9s\n", "confidence", "n", "mean conf", "accuracy")
	for i := 0; i+1 < len(bins); i++ {
		var n, ok int
		var sum float64
		for _, o := range rel {
			if o.conf >= bins[i] && o.conf < bins[i+1] {
				n++
				sum += o.conf
				if o.ok {
					ok++
				}
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(&sb, "[%.3f, %.3f) %6d %9.3f %9.3f\n", bins[i], math.Min(bins[i+1], 1), n, sum/float64(n), float64(ok)/float64(n))
	}
	t.Log(sb.String())
	for _, n := range sizes {
		if n >= 30 {
			require.GreaterOrEqual(t, float64(tot[n].ok)/float64(tot[n].n), 0.9, "accuracy at %d bytes", n)
		}
	}
}
