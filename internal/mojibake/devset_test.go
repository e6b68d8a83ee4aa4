package mojibake

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/hanfix/hanfix/internal/devset"
	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// stripAnnotations removes Han + "(pinyin)" readings, a stand-in for the
// annotation stage.
func stripAnnotations(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '(' && i > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			if syl, end := readPinyinClose(s, i+1); end > 0 && lm.Class(r) == lm.Han && pinyin.HasReading(r, syl) {
				i = end
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func TestDevsetMojibake(t *testing.T) {
	set := devset.Load(t)
	type tally struct{ total, fixed int }
	per := map[string]*tally{}
	for _, c := range set.Cases {
		if c.Raw() || (c.Cat != "a" && c.Cat != "c" && c.Cat != "d") {
			continue
		}
		in := string(set.Input(t, c))
		out := applySpans(in, Find(in))
		if c.Cat == "a" {
			if out != in {
				t.Errorf("%s: clean control changed", c.ID)
			}
			continue
		}
		k := c.Cat + ":" + c.Sub
		if per[k] == nil {
			per[k] = &tally{}
		}
		g, _ := set.Gold(c, "keep")
		stripped := stripAnnotations(out)
		for _, sp := range c.Spans {
			w := sp.Win["keep"]
			per[k].total++
			ok := false
			if sp.Whole {
				ok = strings.TrimRight(stripped, "\n") == strings.TrimRight(w, "\n")
			} else {
				ok = strings.Count(stripped, w) >= max(1, strings.Count(g, w))
				if wa := sp.Win["keep_annotated"]; !ok && wa != "" {
					ok = strings.Count(out, wa) > strings.Count(in, wa)
				}
			}
			if ok {
				per[k].fixed++
			} else if testing.Verbose() {
				t.Logf("%s: not fixed %q (want %q)", c.ID, sp.Garbled, w)
			}
		}
	}
	byCat := map[string]*tally{"c": {}, "d": {}}
	for k, v := range per {
		t.Logf("%-28s %d/%d", k, v.fixed, v.total)
		c := byCat[k[:1]]
		c.fixed += v.fixed
		c.total += v.total
	}
	// Regression floors, below the 0.95: what the repairs reach
	// today without guessing (the d spans still missed need a byte that
	// the model cannot choose: ？ or ： at a line end, 。 or 、 mid-line).
	// c was 44/48 with the dictionary-only character model and is 43/48
	// with its running-text share, which repairs 22–28% more held-out
	// runs exactly (scripts/shift-heldout.sh): 48 spans are too few to
	// choose a model by.
	for cat, floor := range map[string]float64{"c": 0.89, "d": 0.88} {
		v := byCat[cat]
		if v.total == 0 {
			continue
		}
		share := float64(v.fixed) / float64(v.total)
		t.Logf("%s spans fixed: %d/%d = %.3f", cat, v.fixed, v.total, share)
		assert.GreaterOrEqual(t, share, floor, "category %s spans fixed", cat)
	}
}
