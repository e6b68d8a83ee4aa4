package mojibake

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// TestGoldenDump writes every span Find reports on a fixed set of inputs to
// the file named by MOJIBAKE_GOLDEN, for byte-for-byte comparison of the
// results before and after a change that must not alter them (performance
// work). It is skipped unless the variable is set.
//
//	MOJIBAKE_GOLDEN=/tmp/golden.txt go test -run GoldenDump ./internal/mojibake/
func TestGoldenDump(t *testing.T) {
	out := os.Getenv("MOJIBAKE_GOLDEN")
	if out == "" {
		t.Skip("MOJIBAKE_GOLDEN not set")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	dump := func(name, text string) {
		spans := Find(text)
		fmt.Fprintf(w, "== %s (%d bytes, %d spans)\n", name, len(text), len(spans))
		for _, sp := range spans {
			fmt.Fprintf(w, "%d %d %s %q %q %q %v %.9f %q\n", sp.Start, sp.End, sp.Kind, sp.Garbled, sp.Repair,
				sp.Plan, sp.Repairable, math.Round(sp.Confidence*1e9)/1e9, sp.Reason)
		}
	}

	// The development set, one Find per input file, and the damaged
	// categories joined as BenchmarkFindDamaged joins them.
	dev := testshared.Dir(t, "devset")
	ins, _ := filepath.Glob(filepath.Join(dev, "in", "*.txt"))
	sort.Strings(ins)
	var damaged []string
	for _, p := range ins {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		dump("devset/"+filepath.Base(p), string(raw))
		if b := filepath.Base(p); b[0] == 'c' || b[0] == 'd' {
			damaged = append(damaged, string(raw))
		}
	}
	dump("devset c+d joined", strings.Join(damaged, "\n"))

	// The seeds and gold files, whole and line by line.
	corpus := testshared.Dir(t, "corpus")
	for _, sub := range []string{"seeds", "gold"} {
		ps, _ := filepath.Glob(filepath.Join(corpus, sub, "*.txt"))
		sort.Strings(ps)
		for _, p := range ps {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			dump(sub+"/"+filepath.Base(p), string(raw))
			for i, l := range strings.Split(string(raw), "\n") {
				if Suspicious(l) {
					dump(fmt.Sprintf("%s/%s:%d", sub, filepath.Base(p), i+1), l)
				}
			}
		}
	}

	// Synthetic misalignment, as TestShiftSynthetic builds it.
	synthRuns(t, func(id, target string, i int, _, doc, _ string) {
		dump(fmt.Sprintf("synth %s %s:%d", id, target, i), doc)
	})

	// Chains, Latin-1 and the fuzz seeds.
	for _, plan := range []string{"utf8<-gbk", "utf8<-cp1252", "utf8<-latin1", "big5<-gbk", "gbk<-big5",
		"utf8<-cp1252 utf8<-cp1252", "utf8<-cp1252 utf8<-gbk"} {
		for _, script := range []string{"simp", "trad"} {
			for _, s := range kindSentences[script] {
				if gs, ok := garble(t, s, plan); ok {
					dump("chain "+plan, gs)
					dump("chain ctx "+plan, "第一段。\n"+gs+"\n最后一段。")
				}
			}
		}
	}
	for _, s := range append(append([]string(nil), latinPositive...), latinNegative...) {
		dump("latin", garble1252(s))
		dump("latin2", garble1252(garble1252(s)))
		dump("latin literal", s)
	}
	for _, s := range []string{
		"文件?!秾嵤┮庖姟穼ψセ鶎狱h建責任", "來代替?zhèn)€人述職", "工作?;A(chǔ)臺帳", "淡??;", "鍙戝睍鎴樼暐",
		"ä¸\u00adæ–‡", "cafÃ©", "Ã¥Â¯Â¹", "锟斤拷锟斤拷", "\uFFFD\uFFFD", "活力?帶著這一問題", "clean text", "中文。",
		"ノ\ue6c8ヘ玡ゅンい", "祥湔婓腔趼睫﹝", "?", "??", "?a)", "?zhèn)", "\xff\xfe?", "â€œquotedâ€\u009d",
		strings.Repeat("字?秾", 300) + strings.Repeat("字?zhèn)", 200) + strings.Repeat("Ã©", 500) + strings.Repeat("?a", 500),
	} {
		dump("fuzz seed", s)
	}
}
