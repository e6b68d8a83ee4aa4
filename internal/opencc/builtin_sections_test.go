package opencc

import (
	"maps"
	"strings"
	"testing"
)

// refSplitSections is splitSections as it was, looking for "\n=".
func refSplitSections(data string) map[string]string {
	sections := map[string]string{}
	name, start := "", -1
	for off := 0; off < len(data); {
		j := strings.Index(data[off:], "\n=")
		if j < 0 {
			break
		}
		h := off + j + 1 // the '='
		if start >= 0 {
			sections[name] = data[start:h]
		}
		e := strings.IndexByte(data[h:], '\n')
		if e < 0 {
			e = len(data) - h
		}
		name, start = data[h+1:h+e], min(h+e+1, len(data))
		off = h + e
	}
	if start >= 0 {
		sections[name] = data[start:]
	}
	return sections
}

// TestSplitSections compares splitSections with the search for "\n=" on
// the embedded dictionaries and on headers in odd places.
func TestSplitSections(t *testing.T) {
	for _, data := range []string{
		dictsData, "", "=", "=a\nx", "x\n=a", "x\n=a\n", "x\n=a\n=b\ny=z\n=c=d\n\n=\n", "x\n=a\ny\n=", "==\n=\n=x",
	} {
		if got, want := splitSections(data), refSplitSections(data); !maps.Equal(got, want) {
			t.Errorf("%.40q: %d sections, want %d", data, len(got), len(want))
		}
	}
}
