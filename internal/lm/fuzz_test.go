package lm

import (
	"math"
	"testing"
	"unicode/utf8"
)

func FuzzScore(f *testing.F) {
	for _, s := range []string{"", "中文", "鍙戝睍鎴樼暐", "abc def", "\xff\xfe", "\ue000\ufffd"} {
		f.Add(s)
	}
	m := Default()
	f.Fuzz(func(t *testing.T, s string) {
		lp := m.LogProb(s)
		sc := m.Score(s)
		if math.IsNaN(lp) || math.IsInf(lp, 0) || lp > 0 {
			t.Fatalf("LogProb(%q) = %v", s, lp)
		}
		if n := utf8.RuneCountInString(s); n > 0 && math.Abs(sc-lp/float64(n)) > 1e-9 {
			t.Fatalf("Score(%q) = %v, want %v", s, sc, lp/float64(n))
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add(modelData[:200])
	// Two characters, 一 and 丁, the pair 一丁, and the triple 一丁一 seen
	// 3 times.
	f.Add([]byte(magic + "\x02\x80\x9c\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
		"\x01\x01\x01\x05\x00" + "\x01\x01\x01\x01\x03\x00\x00\x00\x03"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err == nil {
			_ = m.Score("中文测试")
			_, _ = m.Trigram('一', '丁', '一')
			_, _ = m.Trigram('一', '丁', '。')
			_, _ = m.Trigram('中', '文', '测')
		}
	})
}

func FuzzParsePunct(f *testing.F) {
	f.Add(punctData[:300])
	f.Add([]byte(punctMagic + "，。\n吗\n1 -1 -1\nsrc\n\n\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	m := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePunct(data, m)
		if err != nil {
			return
		}
		for _, mark := range p.marks {
			if lp := p.Before('中', mark) + p.After(mark, '\n'); math.IsNaN(lp) || lp > 0 {
				t.Fatalf("mark %q: %v", mark, lp)
			}
		}
	})
}

func FuzzParseLatin(f *testing.F) {
	f.Add(latinData[:300])
	f.Add([]byte(latinMagic + "src\n\n\x01\xe4\x9c\x01\x05\x01\x00\x00\x00\x00\x00\x01\x02F9\x03\x01\xe4\x9c\x01\x02\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseLatin(data)
		if err != nil {
			return
		}
		for r := range s.chars {
			for _, w := range []string{"F9", "a", "0"} {
				if lp := s.Before(r, []byte(w)) + s.After([]byte(w), r); math.IsNaN(lp) || math.IsInf(lp, 0) {
					t.Fatalf("%q next to %q: %v", r, w, lp)
				}
			}
		}
	})
}
