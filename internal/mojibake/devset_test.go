package mojibake

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
	"github.com/hanfix/hanfix/internal/testshared"
)

type devCase struct {
	ID    string            `json:"id"`
	Cat   string            `json:"cat"`
	Sub   string            `json:"sub"`
	Input string            `json:"input"`
	Runs  map[string]string `json:"runs"`
	Spans []struct {
		Garbled string            `json:"garbled"`
		Whole   bool              `json:"whole"`
		Win     map[string]string `json:"win"`
	} `json:"spans"`
}

func readDevset(t *testing.T) (string, []devCase, map[string]string) {
	dir := testshared.Dir(t, "devset")
	f, err := os.Open(filepath.Join(dir, "cases.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cs []devCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var c devCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	gold := map[string]string{}
	g, err := os.ReadFile(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(g), "\n") {
		if l == "" {
			continue
		}
		var e struct{ Key, Text string }
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		gold[e.Key] = e.Text
	}
	return dir, cs, gold
}

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
	dir, cases, gold := readDevset(t)
	type tally struct{ total, fixed int }
	per := map[string]*tally{}
	for _, c := range cases {
		if !strings.HasSuffix(c.Input, ".txt") || (c.Cat != "a" && c.Cat != "c" && c.Cat != "d") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, c.Input))
		if err != nil {
			t.Fatal(err)
		}
		in := string(raw)
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
		g := gold[c.ID+":keep"]
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
	for k, v := range per {
		t.Logf("%-28s %d/%d", k, v.fixed, v.total)
	}
}
