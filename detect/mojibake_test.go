package detect_test

import (
	"fmt"
	"testing"

	"github.com/hanfix/hanfix/detect"
)

func TestMojibake(t *testing.T) {
	cases := []struct {
		in, kind, garbled, repair string
		repairable                bool
	}{
		{"文件?!秾嵤┮庖姟穼ψセ鶎狱h建責任", "gbk-shift", "?!秾嵤┮庖姟穼ψセ鶎狱h", "。《實施意見》對抓基層黨", true},
		{"它的名字是ä¸\u00adæ–‡ã€‚", "utf8-as-cp1252", "ä¸\u00adæ–‡ã€‚", "中文。", true},
		{"Le cafÃ© est chaud.", "utf8-as-cp1252", "Ã©", "é", true},
		{"黨員意識淡??;強化", "lost", "??", "", false},
		{"锟斤拷锟斤拷", "lost", "锟斤拷锟斤拷", "", false},
	}
	for _, c := range cases {
		spans := detect.Mojibake(c.in)
		if len(spans) != 1 {
			t.Errorf("%q: %d spans, want 1: %+v", c.in, len(spans), spans)
			continue
		}
		s := spans[0]
		if s.Kind != c.kind || s.Garbled != c.garbled || s.Repair != c.repair || s.Repairable != c.repairable {
			t.Errorf("%q: got %+v", c.in, s)
		}
		if c.in[s.Span.Start:s.Span.End] != s.Garbled {
			t.Errorf("%q: span %v does not cover %q", c.in, s.Span, s.Garbled)
		}
	}
	for _, clean := range []string{"中华人民共和国成立以来，经济社会发展取得了巨大成就。", "加強和改進機關黨建工作呢?", "It costs £5 at 25 °C.", ""} {
		if spans := detect.Mojibake(clean); len(spans) != 0 {
			t.Errorf("clean %q: %+v", clean, spans)
		}
	}
}

func ExampleMojibake() {
	for _, s := range detect.Mojibake("來代替?zhèn)€人述職,鍙戝睍鎴樼暐和cafÃ©") {
		fmt.Printf("%s %q → %q (%s)\n", s.Kind, s.Garbled, s.Repair, s.Plan)
	}
	// Output:
	// gbk-shift "?zhèn)€" → "個" (gbk-shift straddle=E682 end=euro)
	// utf8-as-gbk "鍙戝睍鎴樼暐" → "发展战略" (utf8<-gbk)
	// utf8-as-cp1252 "Ã©" → "é" (utf8<-cp1252)
}
