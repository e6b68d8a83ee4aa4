package detect

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAnnotationsFurniture(t *testing.T) {
	body := "網(wǎng)上發(fā)布的每個(gè)文件，\n" + strings.Repeat("網(wǎng)上發(fā)布的說明，\n", 5)
	fitting := []string{"網", "發", "個"}
	for range 5 {
		fitting = append(fitting, "網", "發")
	}
	for _, tc := range []struct {
		name       string
		in         string
		systematic bool
		fitting    []string // the bases of the fitting annotations, in order
	}{
		{"article alone", body, true, fitting},
		// The title bar and the related links repeat 每個 bare: three
		// of 個's four occurrences, none on a line with a reading.
		{"bare title and links around the article",
			"每個文件的說明\n" + body + "此分類上一篇：每個文件\n個人分類：學習資料\n",
			true, fitting},
		// Written bare on the article's own lines, 個 is a character the
		// ruby skips, as before.
		{"bare on the annotated lines",
			"網(wǎng)上發(fā)布的每個(gè)文件，每個人\n網(wǎng)上發(fā)布的每個說明，\n網(wǎng)上發(fā)布的檔案。\n",
			true, []string{"網", "發", "網", "發", "網", "發"}},
		// Only the test of each character changes: a text whose
		// readings cover too few occurrences stays unsystematic.
		{"partial coverage on separate lines", "設計設計設計設計設計設計\n網絡網絡\n設(shè)網(wǎng)\n", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Annotations(tc.in)
			assert.Equal(t, tc.systematic, r.Systematic, "confidence %v", r.Confidence)
			var got []string
			for _, a := range r.Fitting() {
				got = append(got, a.Base)
			}
			assert.Equal(t, tc.fitting, got)
		})
	}
}
