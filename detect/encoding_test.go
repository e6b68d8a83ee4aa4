package detect_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/hanfix/hanfix/detect"
)

func encode(t *testing.T, enc, s string) []byte {
	t.Helper()
	e, err := htmlindex.Get(enc)
	require.NoError(t, err)
	b, err := e.NewEncoder().String(s)
	require.NoError(t, err)
	return []byte(b)
}

func TestEncodingFastPaths(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		enc  string
		bom  int
		conf float64
	}{
		{"empty", nil, "utf-8", 0, 0},
		{"ascii", []byte("plain ASCII text\n"), "utf-8", 0, 1},
		{"utf-8", []byte("中华人民共和国"), "utf-8", 0, 0.9999},
		{"utf-8 bom", []byte("\xef\xbb\xbf中"), "utf-8", 3, 1},
		{"utf-16le bom", []byte{0xff, 0xfe, 0x2d, 0x4e}, "utf-16le", 2, 1},
		{"utf-16be bom", []byte{0xfe, 0xff, 0x4e, 0x2d}, "utf-16be", 2, 1},
		{"gb18030 bom", []byte{0x84, 0x31, 0x95, 0x33, 0xd6, 0xd0}, "gb18030", 4, 1},
		{"utf-8 truncated", []byte("中华人民共和国\xe5\x9b"), "utf-8", 0, 0.9999},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := detect.Encoding(c.in)
			assert.Equal(t, c.enc, r.Encoding)
			assert.Equal(t, c.bom, r.BOMLen)
			assert.GreaterOrEqual(t, r.Confidence, c.conf)
			assert.Nil(t, r.Candidates)
		})
	}
}

func TestEncodingTrial(t *testing.T) {
	const (
		simp = "中华人民共和国成立以来，经济社会发展取得了巨大成就。"
		trad = "中華民國的經濟發展取得了顯著的成就，人民生活水準不斷提高。"
	)
	cases := []struct {
		name string
		in   []byte
		want []string
	}{
		{"gbk", encode(t, "gbk", simp), []string{"gbk"}},
		{"gbk 30 bytes", encode(t, "gbk", simp)[:30], []string{"gbk"}},
		{"gbk truncated", encode(t, "gbk", simp)[:31], []string{"gbk"}},
		{"big5", encode(t, "big5", trad), []string{"big5"}},
		{"big5 30 bytes", encode(t, "big5", trad)[:30], []string{"big5"}},
		{"big5 truncated", encode(t, "big5", trad)[:29], []string{"big5"}},
		{"traditional in gbk", encode(t, "gbk", trad), []string{"gbk"}},
		{"gb18030 four-byte", encode(t, "gb18030", "中文€ and 𠀀"+simp), []string{"gb18030"}},
		{"gb18030 U+FFFD only", encode(t, "gb18030", simp+"\ufffd"+simp), []string{"gb18030"}},
		{"utf-16le", encode(t, "utf-16le", simp), []string{"utf-16le"}},
		{"utf-16be", encode(t, "utf-16be", simp), []string{"utf-16be"}},
		{"utf-16le ascii", encode(t, "utf-16le", "hello world, this is text"), []string{"utf-16le"}},
		{"hz", []byte("~{VPND~} text"), []string{"hz-gb-2312"}},
		{"shift_jis", encode(t, "shift_jis", "日本語のテキストです。これはテストです。"), []string{"shift_jis"}},
		{"euc-jp", encode(t, "euc-jp", "日本語のテキストです。これはテストです。"), []string{"euc-jp"}},
		{"euc-kr", encode(t, "euc-kr", "한국어 텍스트입니다. 이것은 시험입니다."), []string{"euc-kr"}},
		{"windows-1252", encode(t, "windows-1252", "Le café était très animé à Noël."), []string{"windows-1252"}},
		{"utf-8 with a bad byte", []byte("中华人民共和国\xff成立以来"), []string{"utf-8"}},
		{"short utf-8", []byte("中文"), []string{"utf-8"}},
		{"ascii with a lone high byte at the end", []byte("abc\xe4"), []string{"utf-8", "gbk", "windows-1252", "big5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := detect.Encoding(c.in)
			assert.Contains(t, c.want, r.Encoding, "candidates %v", r.Candidates)
			assert.GreaterOrEqual(t, r.Confidence, 0.0)
			assert.LessOrEqual(t, r.Confidence, 1.0)
			if r.Candidates != nil {
				assert.Equal(t, r.Encoding, r.Candidates[0].Encoding)
				var sum float64
				for i, c := range r.Candidates {
					sum += c.Confidence
					if i > 0 {
						assert.LessOrEqual(t, c.Confidence, r.Candidates[i-1].Confidence)
					}
				}
				assert.InDelta(t, 1, sum, 1e-9)
			}
		})
	}
}

// TestEncodingTruncationStable checks that cutting the input inside its
// last character does not change the answer.
func TestEncodingTruncationStable(t *testing.T) {
	texts := map[string]string{
		"gbk":      "发展战略研究中心的报告指出，经济增长",
		"big5":     "發展戰略研究中心的報告指出，經濟增長",
		"utf-16le": "发展战略研究中心的报告指出，经济增长",
		"utf-8":    "发展战略研究中心的报告指出，经济增长",
	}
	for enc, s := range texts {
		var b []byte
		if enc == "utf-8" {
			b = []byte(s)
		} else {
			b = encode(t, enc, s)
		}
		for cut := 1; cut <= 3; cut++ {
			if cut >= len(b) {
				continue
			}
			r := detect.Encoding(b[:len(b)-cut])
			assert.Equal(t, enc, r.Encoding, "%s cut %d", enc, cut)
		}
	}
}

func TestEncodingUTF8FastPathNoAllocs(t *testing.T) {
	b := []byte("中华人民共和国成立以来，经济社会发展取得了巨大成就。plain ASCII too")
	assert.Zero(t, testing.AllocsPerRun(100, func() { detect.Encoding(b) }))
	a := []byte("plain ASCII text only")
	assert.Zero(t, testing.AllocsPerRun(100, func() { detect.Encoding(a) }))
}

func TestEncodingConcurrent(t *testing.T) {
	inputs := [][]byte{
		encode(t, "gbk", "中华人民共和国成立以来"),
		encode(t, "big5", "中華民國的經濟發展"),
		encode(t, "utf-16le", "经济社会发展"),
		[]byte("中华人民共和国成立以来"),
	}
	want := []string{"gbk", "big5", "utf-16le", "utf-8"}
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			ok := true
			for i := 0; i < 50; i++ {
				k := (g + i) % len(inputs)
				ok = ok && detect.Encoding(inputs[k]).Encoding == want[k]
			}
			done <- ok
		}()
	}
	for g := 0; g < 8; g++ {
		assert.True(t, <-done)
	}
}

// TestEncodingLongASCIIHead checks that a long ASCII head does not hide the
// encoding of what follows.
func TestEncodingLongASCIIHead(t *testing.T) {
	head := make([]byte, 100<<10)
	for i := range head {
		head[i] = "abc def\n"[i%8]
	}
	for _, enc := range []string{"gbk", "big5"} {
		b := append(append([]byte{}, head...), encode(t, enc, "中華民國的經濟發展取得了顯著的成就，人民生活水準不斷提高。")...)
		assert.Equal(t, enc, detect.Encoding(b).Encoding)
	}
}

// TestEncodingBadInput checks that odd input gets an answer, not a panic.
func TestEncodingBadInput(t *testing.T) {
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte(i*7919 + i>>8)
	}
	for name, b := range map[string][]byte{
		"nul":          {0, 0, 0, 0},
		"one nul":      {0},
		"all ff":       {0xff, 0xff, 0xff, 0xff, 0xff},
		"lone lead":    {0x81},
		"lone 80":      {0x80},
		"controls":     []byte("\x01\x02\x03\x04"),
		"random 1 MiB": big,
	} {
		r := detect.Encoding(b)
		assert.NotEmpty(t, r.Encoding, name)
		assert.True(t, r.Confidence >= 0 && r.Confidence <= 1, name)
	}
}

func TestEncodingASCIIWithCutTailIsNotCertain(t *testing.T) {
	r := detect.Encoding([]byte("abc\xe4"))
	assert.Less(t, r.Confidence, 1.0)
	assert.NotNil(t, r.Candidates)
}
