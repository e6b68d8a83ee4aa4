package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/cer"
	"github.com/hanfix/hanfix/internal/devset"
	"github.com/hanfix/hanfix/internal/testshared"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The brief's targets. The tests assert the floors the stage reaches today
// (so that a regression fails) and log the targets beside the measurement.
const (
	targetCSpans = 0.95
	targetCCER   = 0.003
	targetDSpans = 0.95

	floorCSpans = 0.85
	floorCCER   = 0.02
	floorDSpans = 0.88
)

func mojibakeEdits(t testing.TB, text string) ([]Edit, []Finding) {
	st, err := NewMojibake(Options{Target: TargetKeep})
	if err != nil {
		t.Fatal(err)
	}
	edits, findings := st.Edits(text, &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}})
	if err := checkEdits(text, edits); err != nil {
		t.Fatalf("invalid edits: %v", err)
	}
	return edits, findings
}

func TestMojibakeSeed001(t *testing.T) {
	dir := testshared.Dir(t, "corpus")
	in, err := os.ReadFile(filepath.Join(dir, "seeds", "001_a8a28db1f456a665.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := os.ReadFile(filepath.Join(dir, "reference", "001_mojibake_repaired.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(in)
	edits, findings := mojibakeEdits(t, text)
	out := applyEdits(text, edits)
	// Each edit is one run; a run is exact when its line comes out as in the
	// reference, and nothing outside the edits may differ.
	gotL, refL := strings.Split(out, "\n"), strings.Split(string(ref), "\n")
	if len(gotL) != len(refL) {
		t.Fatalf("%d lines, reference has %d", len(gotL), len(refL))
	}
	lineOf := func(pos int) int { return strings.Count(text[:pos], "\n") }
	perLine := map[int]int{}
	for _, e := range edits {
		perLine[lineOf(e.Start)]++
	}
	exact := len(edits)
	for i := range refL {
		if gotL[i] == refL[i] {
			continue
		}
		exact -= perLine[i]
		if perLine[i] == 0 {
			t.Errorf("line %d changed or left garbled without an edit:\n got %s\nwant %s", i+1, gotL[i], refL[i])
		} else {
			t.Logf("line %d: a run is not repaired exactly", i+1)
		}
	}
	lostReported := false
	for _, f := range findings {
		if f.Text == "??" && strings.HasSuffix(text[:f.Start], "淡") {
			lostReported = true
		}
	}
	t.Logf("seed 001: %d runs repaired (%d exactly as the reference), %d findings", len(edits), exact, len(findings))
	if len(edits) != 33 {
		t.Errorf("%d runs repaired, want 33", len(edits))
	}
	if exact < 32 {
		t.Errorf("%d runs exact, want at least 32", exact)
	}
	if !lostReported {
		t.Error("淡?? not reported")
	}
	// Every plan replays.
	for _, e := range edits {
		if got, err := ReplayPlan(text[e.Start:e.End], e.Rule); err != nil || got != e.After {
			t.Errorf("ReplayPlan(%q, %q) = %q, %v; want %q", text[e.Start:e.End], e.Rule, got, err, e.After)
		}
	}
}

func TestMojibakeOtherSeedsUnchanged(t *testing.T) {
	dir := testshared.Dir(t, "corpus")
	for _, name := range []string{"000_a5d9b8ec73973a47.txt", "002_58a5659c598ff0e5.txt", "003_19cbcc717df6b98e.txt", "004_ca7ee976e50d1c96.txt"} {
		in, err := os.ReadFile(filepath.Join(dir, "seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		if edits, _ := mojibakeEdits(t, string(in)); len(edits) > 0 {
			t.Errorf("%s: %d edits, want none (first: %q → %q)", name, len(edits), string(in)[edits[0].Start:edits[0].End], edits[0].After)
		}
	}
}

// TestMojibakeDevset measures the stage on the development set the way
// score.py's span_stats does: a span is fixed when its original text with
// context occurs in the output at least as often as in the gold, or (keep)
// when the annotated window occurs more often than in the input. For c the
// output is taken after this stage and the annotation stage; d after this
// stage alone. Clean controls (a) must come out byte-identical.
func TestMojibakeDevset(t *testing.T) {
	set := devset.Load(t)
	ann, err := NewAnnotations(Options{Target: TargetKeep})
	if err != nil {
		t.Fatal(err)
	}
	var cTot, cFix, dTot, dFix, nC int
	var cerSum float64
	for _, c := range set.Cases {
		if c.Raw() || !strings.Contains("acd", c.Cat) {
			continue
		}
		in := string(set.Input(t, c))
		edits, _ := mojibakeEdits(t, in)
		out := applyEdits(in, edits)
		for _, e := range edits {
			if got, err := ReplayPlan(in[e.Start:e.End], e.Rule); err != nil || got != e.After {
				t.Errorf("%s: ReplayPlan(%q, %q) = %q, %v; want %q", c.ID, in[e.Start:e.End], e.Rule, got, err, e.After)
			}
		}
		if c.Cat == "a" {
			if out != in {
				t.Errorf("%s: clean control changed by %d edits (first %q → %q)", c.ID, len(edits), in[edits[0].Start:edits[0].End], edits[0].After)
			}
			continue
		}
		final := out
		if c.Cat == "c" {
			final, _ = Apply(ann, out, Options{Target: TargetKeep})
			nC++
			g, _ := set.Gold(c, "keep")
			cerSum += cer.Rate(strings.TrimRight(final, "\n"), strings.TrimRight(g, "\n"))
		}
		g, _ := set.Gold(c, "keep")
		for _, sp := range c.Spans {
			w, ok := sp.Win["keep"]
			if !ok {
				continue
			}
			var fixed bool
			if sp.Whole {
				fixed = strings.TrimRight(final, "\n") == strings.TrimRight(w, "\n")
			} else {
				fixed = strings.Count(final, w) >= max(1, strings.Count(g, w))
				if wa := sp.Win["keep_annotated"]; !fixed && wa != "" {
					fixed = strings.Count(out, wa) > strings.Count(in, wa)
				}
			}
			if c.Cat == "c" {
				cTot++
				if fixed {
					cFix++
				}
			} else {
				dTot++
				if fixed {
					dFix++
				}
			}
			if !fixed && testing.Verbose() {
				t.Logf("%s (%s): not fixed: %.60q", c.ID, c.Sub, sp.Garbled)
			}
		}
	}
	cRate, dRate := float64(cFix)/float64(max(1, cTot)), float64(dFix)/float64(max(1, dTot))
	cCER := cerSum / float64(max(1, nC))
	t.Logf("c: spans fixed %d/%d = %.3f (target %.2f), CER %.4f (target ≤ %.3f); d: spans fixed %d/%d = %.3f (target %.2f)",
		cFix, cTot, cRate, targetCSpans, cCER, targetCCER, dFix, dTot, dRate, targetDSpans)
	if cRate < floorCSpans || cCER > floorCCER || dRate < floorDSpans {
		t.Errorf("below the floors: c %.3f (≥ %.2f), CER %.4f (≤ %.3f), d %.3f (≥ %.2f)", cRate, floorCSpans, cCER, floorCCER, dRate, floorDSpans)
	}
}

// In conservative mode a repair is applied only when the bytes it had to
// guess are clear choices (confidence ≥ 0.95); the close calls become
// findings that say what the repair would have read.
func TestMojibakeConservative(t *testing.T) {
	set := devset.Load(t)
	st, err := NewMojibake(Options{Target: TargetKeep, Conservative: true})
	if err != nil {
		t.Fatal(err)
	}
	applied, held := 0, 0
	for _, c := range set.Cases {
		if c.Cat != "c" {
			continue
		}
		text := string(set.Input(t, c))
		edits, findings := st.Edits(text, &Doc{Report: &Report{Counts: map[Kind]int{}}, Opts: &Options{}})
		for _, e := range edits {
			applied++
			if e.Confidence < 0.95 {
				t.Errorf("%s: close call applied in conservative mode: %+v", c.ID, e)
			}
		}
		for _, f := range findings {
			if strings.Contains(f.Reason, "conservative mode") {
				held++
			}
		}
	}
	t.Logf("conservative: %d repairs applied, %d close calls reported", applied, held)
	if applied == 0 || held == 0 {
		t.Errorf("want both applied repairs and held close calls, got %d and %d", applied, held)
	}
}

// TestMojibakeThenReadings checks the order of the stages on runs whose
// reading survives the repair: the repair gives the character back its
// "(" (。對( before duì)), and the annotation stage then removes the
// reading with the document's others.
func TestMojibakeThenReadings(t *testing.T) {
	n, err := New(Options{Target: TargetKeep})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"顯示列表然後退出??duì)腳本編(biān)程很有用。對(duì)於設(shè)置的說明。\n", "顯示列表然後退出。對腳本編程很有用。對於設置的說明。\n"},
		{"最大值爲 256?U?qǐng)注意:「函數(shù)」的值。請(qǐng)參閱說明。\n", "最大值爲 256。請注意:「函數」的值。請參閱說明。\n"},
	} {
		got, _, err := n.String(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// A caller of Stage.Edits may pass no Doc.
func TestMojibakeEditsWithoutDoc(t *testing.T) {
	st, err := NewMojibake(Options{})
	require.NoError(t, err)
	edits, _ := st.Edits("鍙戝睍鎴樼暐", nil)
	require.Len(t, edits, 1)
	assert.Equal(t, "发展战略", edits[0].After)
}
