package mojibake

import (
	"strings"
	"testing"
)

// A short repair that the character model alone finds only slightly more
// probable than the garbled text is accepted when the document uses its
// character pairs elsewhere, and not otherwise.
func TestAcceptDocEvidence(t *testing.T) {
	const run = "裝入時可能顯示的是錯誤和警告信息?7粗?裝入文件正確的話,程序會"
	alone := run
	withDoc := "反之亦然。反之則不行。反之,如果。\n" + run
	repaired := func(text string) bool {
		for _, sp := range Find(text) {
			if sp.Kind == KindGBKShift && sp.Garbled == "?7粗?" && sp.Repairable && sp.Repair == "。反之," {
				return true
			}
		}
		return false
	}
	if repaired(alone) {
		t.Errorf("repaired without document evidence: the test no longer shows the evidence at work")
	}
	if !repaired(withDoc) {
		t.Errorf("not repaired although the document uses 反之 throughout")
	}
}

// The garbled text's own pairs count for it only from their other
// occurrences: a run that occurs twice gets no evidence from itself.
func TestGarbledCacheExcludesItself(t *testing.T) {
	text := "文件?!秾嵤┮庖姟穼ψセ鶎狱h建"
	s := &shiftScorer{ev: collectEvidence(text)}
	if b := s.garbledCache(text, strings.Index(text, "?"), len(text)); b != 0 {
		t.Errorf("single run: garbled cache %.1f, want 0", b)
	}
	twice := text + "\n" + text
	s = &shiftScorer{ev: collectEvidence(twice)}
	if b := s.garbledCache(twice, strings.Index(twice, "?"), len(text)); b == 0 {
		t.Errorf("repeated run: garbled cache 0, want > 0")
	}
}

// A document that writes ASCII commas after Han characters ranks the comma
// first among the bytes a lost lead can swallow before Han text; before
// ASCII text the space it uses there ranks first.
func TestConsumedPrior(t *testing.T) {
	text := "如果需要,可以修改配置。默认情况下,程序会读取 config 文件,然后运行 make 命令。\n"
	s := &shiftScorer{ev: collectEvidence(text)}
	if c, sp := s.consumedPrior(',', 0xE5), s.consumedPrior(' ', 0xE5); c <= sp {
		t.Errorf("before Han: comma %.2f, space %.2f; want the comma first", c, sp)
	}
	if c, sp := s.consumedPrior(',', 'm'), s.consumedPrior(' ', 'm'); sp <= c {
		t.Errorf("before ASCII: comma %.2f, space %.2f; want the space first", c, sp)
	}
	empty := &shiftScorer{ev: collectEvidence("没有标点")}
	if p := empty.consumedPrior(',', 0xE5); p != 0 {
		t.Errorf("no evidence: prior %.2f, want 0", p)
	}
}

// A "?" that swallowed nothing costs rank only where in-phase Han text
// follows it.
func TestUnswallowedCost(t *testing.T) {
	for _, tc := range []struct {
		after string
		free  bool
	}{
		{"比如", false},
		{"。然后", true},
		{"、以及", true},
		{"\n下一行", true},
		{"", true},
		{"Linux", true},
		{"蛘呤", true}, // garbled again: another misaligned segment
	} {
		text := "字符?" + tc.after
		c := unswallowedCost(text, len("字符?"))
		if (c == 0) != tc.free {
			t.Errorf("%q: cost %.1f, want free=%v", tc.after, c, tc.free)
		}
	}
}

// The document's own pairs of a CJK punctuation mark and what follows it
// rank a repair that ends in the mark.
func TestPunctJunction(t *testing.T) {
	text := "第一行结束。\n第二行也结束。\n列举甲、乙、丙。\n"
	s := &shiftScorer{ev: collectEvidence(text)}
	if a, b := s.punctJunction('。', '\n'), s.punctJunction('、', '\n'); a <= b || b != 0 {
		t.Errorf("。 before a newline %.2f, 、 %.2f; want 。 ahead and 、 0", a, b)
	}
	if p := s.punctJunction('他', '\n'); p != 0 {
		t.Errorf("Han character: %.2f, want 0", p)
	}
}

func TestWordList(t *testing.T) {
	ws := wordList()
	if ws.Len() != 85654 {
		t.Errorf("%d words, want 85654 (regenerate with go generate and update the doc comment)", ws.Len())
	}
	for _, w := range []string{"您", "也", "可以", "字符串", "名稱"} {
		if _, ok := ws.Get(wordKey([]rune(w))); !ok {
			t.Errorf("%s missing", w)
		}
	}
	if parseWords("HWS1\x02", nil).Len() != 0 || parseWords("junk", nil).Len() != 0 {
		t.Error("malformed lists must decode to nothing")
	}
}

// TestWordTablesSameAsMapWalk checks that the filter and wordOne, filled
// while the list is decoded, are those a walk over the decoded map makes.
func TestWordTablesSameAsMapWalk(t *testing.T) {
	ws := wordList()
	var bits wordFilter
	var one [0x9FFF - 0x4E00 + 1]float32
	for i := range one {
		one[i] = 1
	}
	for k, lp := range ws.All {
		bits.add(k)
		if r := rune(k & 0xFFFF); k>>16 == 1<<46 && isBMPHan(r) {
			one[r-0x4E00] = lp
		}
	}
	if bits != *wordBits {
		t.Error("word filter differs from the map walk's")
	}
	if one != *wordOne {
		t.Error("wordOne differs from the map walk's")
	}
}

// A character that makes a word with the characters before it, or is a
// common one-character word, ranks better than the character model alone
// says; a rare character that makes no word does not.
func TestWordRankDelta(t *testing.T) {
	chain := func(s string) *outNode {
		var o *outNode
		for _, r := range s {
			o = &outNode{r: r, parent: o}
		}
		return o
	}
	if d := wordRankDelta(chain("字符"), '串'); d <= 0 {
		t.Errorf("字符+串: %.2f, want > 0", d)
	}
	if d := wordRankDelta(nil, '她'); d <= 0 {
		t.Errorf("她: %.2f, want > 0", d)
	}
	if d := wordRankDelta(chain("字符"), 'A'); d != 0 {
		t.Errorf("Latin letter: %.2f, want 0", d)
	}
	if a, b := wordRankDelta(chain("。"), '她'), wordRankDelta(chain("。"), '牟'); a <= b {
		t.Errorf("她 %.2f, 牟 %.2f after 。: want 她 ahead", a, b)
	}
}
