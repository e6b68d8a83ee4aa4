// Package devset reads hanfix's development set (../shared/devset beside
// the repository) for tests, and implements the metrics of its scorer,
// score.py, so that each package can assert the thresholds its issue sets
// without running the command-line tool.
//
// Tests that call Load skip when the set is absent, so that a plain clone
// passes go test; when it is present they always run.
package devset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// Case is one line of cases.jsonl.
type Case struct {
	ID       string            `json:"id"`
	Cat      string            `json:"cat"`
	Sub      string            `json:"sub"`
	Input    string            `json:"input"`
	Enc      string            `json:"enc"`
	Bytes    int               `json:"bytes"`
	Runs     map[string]string `json:"runs"`
	Labels   Labels            `json:"labels"`
	Readings []string          `json:"readings"`
	Legit    []string          `json:"legit"`
	Spans    []Span            `json:"spans"`
	Lines    []Line            `json:"lines"`
	Site     string            `json:"site"`
	Conv     string            `json:"conv"`
}

// Raw reports whether the case's input is raw bytes in Enc rather than
// UTF-8 text.
func (c Case) Raw() bool { return !strings.HasSuffix(c.Input, ".txt") }

// Labels are a case's expected detection results.
type Labels struct {
	Script           *string  `json:"script"`
	Encoding         string   `json:"encoding"`
	EncodingAccept   []string `json:"encoding_accept"`
	Size             int      `json:"size"`
	Annotations      int      `json:"annotations"`
	Mojibake         int      `json:"mojibake"`
	BoilerplateLines int      `json:"boilerplate_lines"`
}

// Span is a garbled span of a mojibake case.
type Span struct {
	Garbled  string            `json:"garbled"`
	OrigKeep string            `json:"orig_keep"`
	OrigSimp string            `json:"orig_simp"`
	Win      map[string]string `json:"win"`
	Whole    bool              `json:"whole"`
}

// Line is the label of one input line of a boilerplate or pipeline case.
type Line struct {
	T    string            `json:"t"` // content, boilerplate, blank or mixed
	Gold map[string]string `json:"gold"`
	Ref  map[string]string `json:"ref"`
}

// Set is the loaded development set.
type Set struct {
	Dir   string
	Cases []Case
	gold  map[string]string
}

// Load reads the development set, or skips t when it is absent.
func Load(t testing.TB) *Set {
	t.Helper()
	s, err := Read(testshared.Dir(t, "devset"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Read reads the development set in dir.
func Read(dir string) (*Set, error) {
	s := &Set{Dir: dir, gold: map[string]string{}}
	err := eachLine(filepath.Join(dir, "cases.jsonl"), func(b []byte) error {
		var c Case
		if err := json.Unmarshal(b, &c); err != nil {
			return err
		}
		s.Cases = append(s.Cases, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(filepath.Join(dir, "gold.jsonl"), func(b []byte) error {
		var g struct{ Key, Text string }
		if err := json.Unmarshal(b, &g); err != nil {
			return err
		}
		s.gold[g.Key] = g.Text
		return nil
	})
	return s, err
}

func eachLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// Category returns the cases of category cat (a–h).
func (s *Set) Category(cat string) []Case {
	var out []Case
	for _, c := range s.Cases {
		if c.Cat == cat {
			out = append(out, c)
		}
	}
	return out
}

// Input returns the input bytes of c.
func (s *Set) Input(t testing.TB, c Case) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Dir, c.Input))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Gold returns the expected output of c for target (keep, simp, trad or
// keep+kb).
func (s *Set) Gold(c Case, target string) (string, bool) {
	k, ok := c.Runs[target]
	if !ok {
		return "", false
	}
	g, ok := s.gold[k]
	return g, ok
}
