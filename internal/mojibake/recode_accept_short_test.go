package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestGluedHan checks which lone ideographs read from windows-1252 count
// as European typography: those with a Latin letter right beside them.
func TestGluedHan(t *testing.T) {
	cp := []recoding{{"utf8", "cp1252"}}
	for _, tc := range []struct {
		name  string
		prev  rune
		rep   string
		next  rune
		chain []recoding
		want  bool
	}{
		{"after a letter", 't', "頻", ' ', cp, true},
		{"before a letter", ' ', "頻", 'x', cp, true},
		{"before a letter inside the repair", 'e', "\u00a0頻x", ' ', cp, true},
		{"caption before a no-break space", 0, "图\u00a01.2.\u00a0", 'A', cp, false},
		{"between no-break spaces", 'e', "\u00a0图\u00a0", 'x', cp, false},
		{"two ideographs", 'a', "中文", 'b', cp, false},
		{"no letter around", ' ', "頻", ' ', cp, false},
		{"CJK chain", 't', "頻", ' ', []recoding{{"utf8", "gbk"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, gluedHan(tc.prev, tc.rep, tc.next, tc.chain))
		})
	}
}

// TestFindCaptionIn1252 checks UTF-8 read as windows-1252 in English text
// with a few Chinese characters: a caption whose one ideograph is
// followed by a no-break space and a number, and a paragraph whose
// repaired runes are few among its ASCII.
func TestFindCaptionIn1252(t *testing.T) {
	for _, want := range []string{
		"The picture below shows the toolbox.\n图\u00a03.4.\u00a0Window with a toolbar\nClick on a tool to use it.\n",
		"Open the “Brushes” dialog from the menu; see\n第\u00a04.1\u00a0节 “Windows and Menus” for help with it.\nThe brushes are shown in a grid.\n",
	} {
		in := garble1252(want)
		assert.Equal(t, want, applySpans(in, Find(in)), "%q", in)
	}
}
