package mojibake

import (
	"testing"
	"unicode/utf8"
)

func TestPlanRoundTrip(t *testing.T) {
	for _, s := range []string{
		"gbk-shift lead=A1 end=ascii",
		"gbk-shift lead=A1 drop@3=F9B5 end=ascii",
		"gbk-shift straddle=E682 end=euro",
		"gbk-shift lead=A1 drop@0=A38C drop@4=ACD5 end=lost:D8+20",
		"gbk-shift lead=B3 end=lost:DA",
		"gbk-shift lead=A1 end=absorbed",
		"utf8<-gbk",
		"utf8<-cp1252 utf8<-cp1252",
		"big5<-gbk",
		"gbk<-big5",
		"utf8<-latin1",
		"utf8<-cp1252 fill@3=8D fill@7=9D",
		"utf8<-gbk lost@4=80",
		"gbk<-big5 lost@0=C8 lost@9=A3",
		"utf8<-cp1252 lost@2=81 lost@7=9D",
	} {
		p, err := ParsePlan(s)
		if err != nil {
			t.Errorf("ParsePlan(%q): %v", s, err)
			continue
		}
		if got := p.String(); got != s {
			t.Errorf("String(ParsePlan(%q)) = %q", s, got)
		}
	}
	for _, bad := range []string{"", "gbk-shift", "gbk-shift lead=ZZ end=ascii", "gbk-shift lead=A1", "utf8<-utf8", "utf8<-koi8", "gbk-shift lead=A1 end=lost", "gbk-shift lead=A1 drop@x=A1A1 end=ascii",
		"utf8<-cp1252 lost@2=80", "utf8<-gbk lost@2=41", "utf8<-gbk lost@3=80 fill@4=81", "lost@1=80"} {
		if _, err := ParsePlan(bad); err == nil {
			t.Errorf("ParsePlan(%q) succeeded", bad)
		}
	}
}

func TestPlanApply(t *testing.T) {
	cases := []struct{ garbled, plan, want string }{
		{"?!秾嵤┮庖姟穼ψセ鶎狱h", "gbk-shift lead=A1 end=ascii", "。《實施意見》對抓基層黨"},
		{"?zhèn)€", "gbk-shift straddle=E682 end=euro", "個"},
		{"?;A", "gbk-shift lead=A1 drop@1=F9B5 end=ascii", "。基礎"},
		{"鍙戝睍", "utf8<-gbk", "发展"},
		{"ä¸\u00adæ–‡", "utf8<-cp1252", "中文"},
		{"cafÃ©", "utf8<-cp1252", "café"},
		{"Ã¥Â¯Â¹", "utf8<-cp1252 utf8<-cp1252", "对"},
	}
	for _, c := range cases {
		p, err := ParsePlan(c.plan)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Apply(c.garbled)
		if err != nil || got != c.want {
			t.Errorf("Apply(%q, %q) = %q, %v; want %q", c.garbled, c.plan, got, err, c.want)
		}
	}
	// A plan that does not fit.
	p, _ := ParsePlan("gbk-shift lead=A1 end=euro")
	if _, err := p.Apply("?abc"); err == nil {
		t.Error("mismatched terminator accepted")
	}
}

func FuzzParsePlan(f *testing.F) {
	for _, s := range []string{"gbk-shift lead=A1 drop@3=F9B5 end=ascii", "utf8<-gbk", "gbk-shift straddle=E682 end=lost:DA+20"} {
		f.Add(s, "?;A")
	}
	f.Fuzz(func(t *testing.T, plan, garbled string) {
		p, err := ParsePlan(plan)
		if err != nil {
			return
		}
		if q, err := ParsePlan(p.String()); err != nil || q.String() != p.String() {
			t.Fatalf("plan %q does not round-trip: %q %v", plan, q.String(), err)
		}
		_, _ = p.Apply(garbled)
	})
}

// TestNoCodecWritesRuneError checks what undoHops takes for granted: no
// codec has bytes for U+FFFD, which an invalid byte of the garbled text
// reads as, so that a hop fails on it.
func TestNoCodecWritesRuneError(t *testing.T) {
	for name, c := range codecs {
		if _, ok := c.appendRune(nil, utf8.RuneError); ok {
			t.Errorf("%s writes U+FFFD", name)
		}
	}
}

// TestUndoHopsInvalid checks that a plan's replay on text that is not
// valid UTF-8 fails as not valid UTF-8, with and without restored bytes,
// and that a valid text that does not decode fails as such.
func TestUndoHopsInvalid(t *testing.T) {
	for _, c := range []struct{ plan, garbled, want string }{
		{"utf8<-cp1252", "ä¸\xff", errGarbledUTF8.Error()},
		{"utf8<-cp1252 utf8<-cp1252", "Ã¥\xc3", errGarbledUTF8.Error()},
		{"utf8<-cp1252 fill@1=8D", "Ã\xe4", errGarbledUTF8.Error()},
		{"utf8<-gbk", "鍙\xff戝", errGarbledUTF8.Error()},
		{"utf8<-gbk lost@1=80", "鍙\xff戝", errGarbledUTF8.Error()},
		{"gbk<-big5", "\xa4\xa4", errGarbledUTF8.Error()},
		{"utf8<-latin1", "中", "mojibake: utf8<-latin1 does not decode \"中\""},
	} {
		p, err := ParsePlan(c.plan)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.undoHops(c.garbled); err == nil || err.Error() != c.want {
			t.Errorf("%q on %q: %v, want %s", c.plan, c.garbled, err, c.want)
		}
	}
}
