package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDebugShift(t *testing.T) {
	dir, cases, _ := readDevset(t)
	debugShift = true
	defer func() { debugShift = false }()
	for _, c := range cases {
		if c.Cat != "c" || c.ID != os.Getenv("DBG") && os.Getenv("DBG") != "all" {
			continue
		}
		raw, _ := os.ReadFile(filepath.Join(dir, c.Input))
		in := string(raw)
		for _, sp := range c.Spans {
			i := strings.Index(in, sp.Garbled)
			lo := max(0, i-12)
			for lo > 0 && in[lo]&0xC0 == 0x80 {
				lo--
			}
			hi := min(len(in), i+len(sp.Garbled)+12)
			for hi < len(in) && in[hi]&0xC0 == 0x80 {
				hi++
			}
			s := in[lo:hi]
			t.Logf("%s want %q", c.ID, sp.Win["keep_annotated"])
			Find(s)
		}
	}
}

func TestDebugOne(t *testing.T) {
	s := os.Getenv("ONE")
	if s == "" {
		t.Skip()
	}
	debugShift = true
	defer func() { debugShift = false }()
	t.Log(applySpans(s, Find(s)))
}
