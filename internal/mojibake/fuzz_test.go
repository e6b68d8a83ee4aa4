package mojibake

import (
	"testing"
	"unicode/utf8"
)

func FuzzMojibake(f *testing.F) {
	for _, s := range []string{
		"文件?!秾嵤┮庖姟穼ψセ鶎狱h建責任", "來代替?zhèn)€人述職", "工作?;A(chǔ)臺帳", "淡??;", "鍙戝睍鎴樼暐",
		"ä¸\u00adæ–‡", "cafÃ©", "Ã¥Â¯Â¹", "锟斤拷锟斤拷", "\uFFFD\uFFFD", "活力?帶著這一問題", "clean text", "中文。",
		"ノ\ue6c8ヘ玡ゅンい", "祥湔婓腔趼睫﹝", "?", "??", "?a)", "?zhèn)", "\xff\xfe?", "â€œquotedâ€\u009d",
		"工作?;A!作?;A", // the second run passes only with the first one repaired
		// Lost bytes next to Latin words (Latin-context statistics, stretchCache).
		"猁載陔恅紫笢腔垀衄趼僇ㄛワ偌 F9 瑩ㄛ麼氪恁寁☆晤憮 - �巷﹛馳畏遣饇� F9 瑩﹝",
		"鏇挎偍鐨勭郴缁熸壘涓�涓� gcc鐨勬墽琛屾。 --鎶婄紪鍏� perl鐨� @INC",
		// Readers that write '?' for a byte they fail on (questionLost).
		"鍥哄畾鍛ㄦ湡.榛樿?ょ姸鎬佷笅鏄?娌℃湁鏃堕檺鐨勶紝涔熷氨鏄?鐩村埌瀹屾垚", "?蝜? file1 掀 file2 猁陔",
		"å¦‚æžœ file1 æ¯” file2 è¦?æ–°", "蚚誧褫眕婓饜离恅璃笢党蜊蘇?炵鹹倛炒珊??蝜堭欳",
		// Reports that the repairs of the rest change (searchedAgain,
		// TestFindMakesTheRepairsOfASecondCleaning).
		"蝜扢离賸庥挋皈 俴庥恞鍔﹝", "\uFFFD汗w\uFFFD]陪\uFFFD夹非\uFFFDw\uFFFD邯弧c6 \uFFFDn砰",
		// Big5 read by Python's gbk: a quarter U+FFFD, some in pairs
		// (pairLeads).
		"и\uFFFD歃aよ\uFFFDu\uFFFD@ぃ,\uFFFD@\uFFFD歃齑N修\uFFFDu\uFFFD@,硄琿\uFFFD氦u\uFFFD@и稰\uFFFD\uFFFD,玡иいみ\uFFFD\uFFFD",
		// GBK read by cp950, out of step: 十 from A2 CC (TestBig5WrongTen).
		"\u6a13\u0427\ufffd\u5231\u63ac\u9692\u7a97\u5341\u5ece\u847d\ufffd\u6622\u7a90\u8b1b\u311b\ufffd\u73b8\u7bcb\u9dc5\u880d\u689c\ufffd\u5cce\u8a98\u99b1\u91ec\ufe5d\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spans := Find(s)
		if !Suspicious(s) && len(spans) > 0 {
			t.Fatalf("gate passed %q as clean but Find reported %d spans", s, len(spans))
		}
		last := 0
		for _, sp := range spans {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span [%d,%d) after %d in %q", sp.Start, sp.End, last, s)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[sp.Start]) || sp.End < len(s) && !utf8.RuneStart(s[sp.End])) {
				t.Fatalf("span [%d,%d) splits a rune in %q", sp.Start, sp.End, s)
			}
			if sp.Garbled != s[sp.Start:sp.End] {
				t.Fatalf("Garbled %q != text %q", sp.Garbled, s[sp.Start:sp.End])
			}
			if sp.Repairable {
				if !utf8.ValidString(sp.Repair) {
					t.Fatalf("invalid repair %q", sp.Repair)
				}
				p, err := ParsePlan(sp.Plan)
				if err != nil {
					t.Fatalf("plan %q: %v", sp.Plan, err)
				}
				if got, err := p.Apply(sp.Garbled); err != nil || got != sp.Repair {
					t.Fatalf("plan %q on %q = %q, %v; want %q", sp.Plan, sp.Garbled, got, err, sp.Repair)
				}
			}
			last = sp.End
		}
		if !utf8.ValidString(s) {
			return
		}
		out := applySpans(s, spans)
		if out == s {
			return
		}
		if again := applySpans(out, Find(out)); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}

func FuzzGarbledRuns(f *testing.F) {
	for _, s := range []string{"文件?!秾嵤┮庖姟穼ψセ鶎狱h建", "x?┮y\n?┮z", "??┮?┮", "?", "a?b ┮", "\xff?\xfe┮", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, r := range GarbledRuns(s) {
			if r[0] < last || r[1] <= r[0] || r[1] > len(s) || s[r[0]] != '?' {
				t.Fatalf("bad run [%d,%d) after %d in %q", r[0], r[1], last, s)
			}
			last = r[1]
		}
	})
}
