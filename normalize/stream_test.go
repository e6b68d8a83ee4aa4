package normalize

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"github.com/hanfix/hanfix/convert"
)

// stream runs n.Stream over raw and returns the output and the sections.
func stream(t *testing.T, n *Normalizer, raw []byte) (string, []Section, error) {
	t.Helper()
	var (
		out  strings.Builder
		secs []Section
	)
	err := n.Stream(&out, bytes.NewReader(raw), func(s *Section) error {
		secs = append(secs, *s)
		return nil
	})
	return out.String(), secs, err
}

// checkSections checks that secs tile raw and the decoded text (of textLen
// bytes, unless negative), in order, and that their reports' offsets lie in
// the whole text.
func checkSections(t *testing.T, secs []Section, rawLen, textLen int) {
	t.Helper()
	var raw, text int64
	for i, s := range secs {
		require.Equal(t, i, s.Index)
		require.Equal(t, raw, s.RawStart, "section %d", i)
		require.Equal(t, text, s.TextStart, "section %d", i)
		require.NotNil(t, s.Report)
		for _, c := range s.Report.Changes {
			require.True(t, s.TextStart <= int64(c.Start) && c.Start <= c.End && int64(c.End) <= s.TextStart+int64(s.TextLen), "%+v in section %+v", c, s)
		}
		for _, f := range s.Report.Findings {
			require.True(t, s.TextStart <= int64(f.Start) && f.Start <= f.End && int64(f.End) <= s.TextStart+int64(s.TextLen), "%+v in section %+v", f, s)
		}
		for _, e := range s.Report.DecodeErrors {
			require.True(t, s.RawStart <= int64(e.Offset) && int64(e.Offset+e.Len) <= s.RawStart+int64(s.RawLen), "%+v in section %+v", e, s)
		}
		raw += int64(s.RawLen)
		text += int64(s.TextLen)
	}
	require.Equal(t, int64(rawLen), raw)
	if textLen >= 0 {
		require.Equal(t, int64(textLen), text)
	}
}

// sameReports checks that the reports of secs, joined as runSections joins
// a document's, count, change and find what want does.
func sameReports(t *testing.T, want *Report, secs []Section) {
	t.Helper()
	rep := &Report{Counts: map[Kind]int{}}
	for _, s := range secs {
		for k, c := range s.Report.Counts {
			rep.Counts[k] += c
		}
		rep.Changes = append(rep.Changes, s.Report.Changes...)
		rep.Findings = append(rep.Findings, s.Report.Findings...)
	}
	assert.Equal(t, want.Counts, rep.Counts)
	sameList(t, changeFacts(want.Changes), changeFacts(rep.Changes))
	sameList(t, findingFacts(want.Findings), findingFacts(rep.Findings))
}

// TestStreamSameAsWhole streams the seeds joined four times over (1.2 MB)
// in two sections: as in TestSectionsSameAsWhole, the output and
// what was changed and found are those of the whole document, with
// offsets in the whole text.
func TestStreamSameAsWhole(t *testing.T) {
	text := seedsJoined(t, 4)
	whole, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	streamed, err := New(Options{Target: TargetSimplified, SectionSize: len(text)/2 + 1, SectionWorkers: 2})
	require.NoError(t, err)
	want, wantRep, err := whole.String(text)
	require.NoError(t, err)

	got, secs, err := stream(t, streamed, []byte(text))
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Len(t, secs, 2)
	checkSections(t, secs, len(text), len(text))
	sameReports(t, wantRep, secs)
	for _, s := range secs {
		assert.Equal(t, "utf-8", s.Report.Encoding)
		if s.Index < len(secs)-1 {
			assert.Equal(t, byte('\n'), text[s.RawStart+int64(s.RawLen)-1], "a section ends with a line")
		}
	}

	again, _, err := stream(t, streamed, []byte(got))
	require.NoError(t, err)
	assert.Equal(t, got, again, "idempotent")
}

// TestAnalyzeStream analyses the text of TestStreamSameAsWhole as a
// stream: the sections' counts add up to the whole document's, and the
// Normalizer's OmitChanges does not thin the reports the counts come from.
func TestAnalyzeStream(t *testing.T) {
	text := seedsJoined(t, 4)
	whole, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	want, err := whole.AnalyzeBytes([]byte(text))
	require.NoError(t, err)
	require.Positive(t, want.Annotations)
	require.Positive(t, want.Mojibake)
	require.Positive(t, want.BoilerplateLines)

	n, err := New(Options{Target: TargetSimplified, SectionSize: len(text)/2 + 1, OmitChanges: true, OmitFindings: true})
	require.NoError(t, err)
	var got Analysis
	var secs []Section
	require.NoError(t, n.AnalyzeStream(strings.NewReader(text), func(s *Section, a *Analysis) error {
		secs = append(secs, *s)
		assert.Equal(t, want.Script, a.Script)
		got.Annotations += a.Annotations
		got.Mojibake += a.Mojibake
		got.BoilerplateLines += a.BoilerplateLines
		return nil
	}))
	require.Len(t, secs, 2)
	checkSections(t, secs, len(text), len(text))
	assert.Equal(t, want.Annotations, got.Annotations)
	assert.Equal(t, want.Mojibake, got.Mojibake)
	assert.Equal(t, want.BoilerplateLines, got.BoilerplateLines)
	require.NoError(t, n.AnalyzeStream(strings.NewReader(text), nil), "each may be nil")
}

// TestStreamReport: the page of TestSectionsReport in sections of one page
// each: the same output and report as the whole text.
func TestStreamReport(t *testing.T) {
	const page = "主页>新闻\n機關黨建(jiàn)工作\n锟斤拷锟斤拷\n"
	text := strings.Repeat(page, 4)
	whole, err := New(Options{Target: TargetSimplified})
	require.NoError(t, err)
	want, wantRep, err := whole.String(text)
	require.NoError(t, err)
	n, err := New(Options{Target: TargetSimplified, SectionSize: len(page)})
	require.NoError(t, err)

	out, secs, err := stream(t, n, []byte(text))
	require.NoError(t, err)
	assert.Equal(t, want, out)
	require.Len(t, secs, 4)
	checkSections(t, secs, len(text), len(text))
	assert.Equal(t, map[Kind]int{KindBoilerplate: 1, KindScript: 4}, wantRep.Counts)
	sameReports(t, wantRep, secs)
}

// TestStreamEncodings streams text saved in other encodings, in sections
// of 16 KB: each comes out as Bytes decodes and cleans it whole, and the
// wide encodings are cut at their own line breaks.
func TestStreamEncodings(t *testing.T) {
	simp := cleanSample(200 << 10)
	trad := strings.Repeat("機關黨務幹部是機關黨建工作的策劃者、組織者和實施者，其素質的高低，直接關係到機關黨建活動的吸引力和實效性。\n", 2000)
	crlf := strings.ReplaceAll(simp, "\n", "\r\n")
	cr := strings.ReplaceAll(simp, "\n", "\r")
	enc := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}
	cases := []struct {
		name     string
		raw      []byte
		encoding string // Options.Encoding
		want     string // the encoding of every section
		text     string
		wholeEnc string // Bytes' Report.Encoding, when not want
	}{
		{"utf-8", []byte(simp), "", "utf-8", simp, ""},
		{"utf-8 bom", append([]byte("\ufeff"), simp...), "", "utf-8", simp, ""},
		{"gbk", enc(simplifiedchinese.GBK, simp), "", "gbk", simp, ""},
		{"gbk crlf", enc(simplifiedchinese.GBK, crlf), "", "gbk", crlf, ""},
		{"gbk cr", enc(simplifiedchinese.GBK, cr), "", "gbk", cr, ""},
		{"gbk named", enc(simplifiedchinese.GBK, simp), "gb2312", "gb2312", simp, ""},
		{"big5", enc(traditionalchinese.Big5, trad), "", "big5", trad, ""},
		{"utf-16le bom", enc(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), crlf), "", "utf-16le", crlf, ""},
		{"utf-16be", enc(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), simp), "", "utf-16be", simp, ""},
		{"utf-16le named", enc(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), cr), "utf-16le", "utf-16le", cr, ""},
		{"utf-32be bom", enc(utf32.UTF32(utf32.BigEndian, utf32.UseBOM), simp), "", "utf-32be", simp, ""},
		// Bytes reports the name it was given, though it decodes by the mark.
		{"bom over name", enc(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), simp), "gbk", "utf-16le", simp, "gbk"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			whole, err := New(Options{Encoding: tc.encoding})
			require.NoError(t, err)
			want, wantRep, err := whole.Bytes(tc.raw)
			require.NoError(t, err)
			require.Equal(t, cmp.Or(tc.wholeEnc, tc.want), wantRep.Encoding)
			n, err := New(Options{Encoding: tc.encoding, SectionSize: 16 << 10, SectionWorkers: 3})
			require.NoError(t, err)
			got, secs, err := stream(t, n, tc.raw)
			require.NoError(t, err)
			require.True(t, got == want, "the output differs from the whole document's")
			assert.GreaterOrEqual(t, len(secs), 9)
			checkSections(t, secs, len(tc.raw), len(tc.text))
			sameReports(t, wantRep, secs)
			for _, s := range secs {
				require.Equal(t, tc.want, s.Report.Encoding, "section %d", s.Index)
				require.Empty(t, s.Report.DecodeErrors, "section %d", s.Index)
			}
		})
	}
}

// TestStreamWideCuts streams UTF-16 and UTF-32 text with lines of many
// lengths, CR, LF and CRLF, in sections of 8 to 48 bytes: every cut falls
// on a code unit just after a line break, and the text comes out whole.
func TestStreamWideCuts(t *testing.T) {
	var b strings.Builder
	for i := range 60 {
		b.WriteString(strings.Repeat("字a", i%7))
		b.WriteString([]string{"\n", "\r\n", "\r"}[i%3])
	}
	text := b.String()
	for _, e := range []encoding.Encoding{
		unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
		utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM),
	} {
		raw, err := e.NewEncoder().Bytes([]byte(text))
		require.NoError(t, err)
		for size := 8; size <= 48; size++ { // a line of UTF-32 is up to 56 bytes: 8 sections
			n, err := New(Options{Fixes: FixAnnotations, SectionSize: size, SectionWorkers: 2})
			require.NoError(t, err)
			out, secs, err := stream(t, n, raw)
			require.NoError(t, err, "%v size %d", e, size)
			require.Equal(t, text, out, "%v size %d", e, size)
			checkSections(t, secs, len(raw), len(text))
			for _, s := range secs {
				require.Empty(t, s.Report.DecodeErrors, "%v size %d section %d", e, size, s.Index)
			}
		}
	}
}

// TestStreamTinySections: the encoding is chosen on the input's first
// bytes, not on a first section too short to show a byte order mark.
func TestStreamTinySections(t *testing.T) {
	text := strings.Repeat("a\n字\n", 20)
	raw, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	require.NoError(t, err)
	for size := 1; size <= 4; size++ {
		n, err := New(Options{Fixes: FixAnnotations, SectionSize: size})
		require.NoError(t, err)
		out, secs, err := stream(t, n, raw)
		require.NoError(t, err, "size %d", size)
		require.Equal(t, text, out, "size %d", size)
		checkSections(t, secs, len(raw), len(text))
		for _, s := range secs {
			require.Equal(t, "utf-16le", s.Report.Encoding)
		}
	}
}

// TestStreamDecodeErrors: bytes that do not decode are listed with their
// offsets in the whole input, a truncated character at its end too.
func TestStreamDecodeErrors(t *testing.T) {
	line := "\xd6\xd0\xce\xc4\xd0\xc5\xcf\xa2\xb4\xa6\xc0\xed\xa1\xa3\n" // 中文信息处理。 in GBK
	raw := []byte(strings.Repeat(line, 30) + "\xd6\xd0\xff\xce\xc4\n" + strings.Repeat(line, 30) + "\xd6")
	bad, end := 30*len(line)+2, len(raw)-1
	n, err := New(Options{Encoding: "gbk", SectionSize: 64})
	require.NoError(t, err)
	_, secs, err := stream(t, n, raw)
	require.NoError(t, err)
	checkSections(t, secs, len(raw), -1)
	var errs []convert.DecodeError
	for _, s := range secs {
		errs = append(errs, s.Report.DecodeErrors...)
	}
	require.Len(t, errs, 2)
	assert.Equal(t, bad, errs[0].Offset)
	assert.Equal(t, end, errs[1].Offset)
	assert.True(t, errs[1].Truncated)
}

// TestStreamCuts: where the sections end, for inputs of a few lines.
func TestStreamCuts(t *testing.T) {
	cases := []struct {
		name string
		in   string
		size int
		lens []int // the sections' lengths
	}{
		{"empty", "", 4, []int{0}},
		{"short", "ab\n", 4, []int{3}},
		{"exact", "abc\n", 4, []int{4}},
		{"exact twice", "abc\ndef\n", 4, []int{4, 4}},
		{"last line without a break", "a\nb\ncdef", 4, []int{8}},
		{"last line without a break, short", "abc\nde", 4, []int{6}},
		{"last line with a break", "abc\nde\n", 4, []int{4, 3}},
		{"long line grows", "abcdefghij\nk\n", 4, []int{11, 2}},
		{"crlf kept whole", "abc\r\ndef\r\n", 4, []int{5, 5}},
		{"cr alone", "ab\rcd\ref\rg", 4, []int{3, 3, 4}},
		{"cr after lf", "a\nb\rcd\ne\n", 4, []int{2, 2, 3, 2}},
		{"cr at the end of a read", "abc\rd\nefgh\n", 4, []int{6, 5}},
		{"cr before lf at the end of a read", "abc\r\nd\nefg\n", 4, []int{7, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := New(Options{Fixes: FixAnnotations, SectionSize: tc.size})
			require.NoError(t, err)
			out, secs, err := stream(t, n, []byte(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.in, out)
			var lens []int
			for _, s := range secs {
				lens = append(lens, s.RawLen)
			}
			assert.Equal(t, tc.lens, lens)
			checkSections(t, secs, len(tc.in), len(tc.in))
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestStreamErrors: what stops a stream, and what it has written by then.
func TestStreamErrors(t *testing.T) {
	text := strings.Repeat("第一行。\n", 100) // 1,300 bytes
	n, err := New(Options{SectionSize: 100, SectionWorkers: 2})
	require.NoError(t, err)
	before := runtime.NumGoroutine()

	t.Run("no line break", func(t *testing.T) {
		var out strings.Builder
		// More than a read buffer (64 KB) after the line break, so that
		// the input does not end within sight of it.
		err := n.Stream(&out, strings.NewReader("第一行。\n"+strings.Repeat("x", 70000)), nil)
		require.ErrorIs(t, err, ErrNoLineBreak)
		assert.ErrorContains(t, err, "normalize: stream: no line break in 800 bytes")
		assert.ErrorContains(t, err, "raise Options.SectionSize")
	})
	t.Run("a line of 8 sections", func(t *testing.T) {
		var out strings.Builder
		in := strings.Repeat("x", 799) + "\n"
		require.NoError(t, n.Stream(&out, strings.NewReader(in), nil))
		assert.Equal(t, in, out.String())
	})
	t.Run("read", func(t *testing.T) {
		var out strings.Builder
		bad := errors.New("connection reset")
		err := n.Stream(&out, io.MultiReader(strings.NewReader(text), iotest.ErrReader(bad)), nil)
		require.ErrorIs(t, err, bad)
		assert.ErrorContains(t, err, "normalize: stream: read: connection reset")
		assert.True(t, strings.HasPrefix(text, out.String()), "the sections before the error are written")
		assert.NotEmpty(t, out.String())
	})
	t.Run("truncated", func(t *testing.T) {
		// A decompressor's io.ErrUnexpectedEOF is an error, not the end.
		var out strings.Builder
		err := n.Stream(&out, io.MultiReader(strings.NewReader(text), iotest.ErrReader(io.ErrUnexpectedEOF)), nil)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF)
		assert.ErrorContains(t, err, "normalize: stream: read: unexpected EOF")
	})
	t.Run("binary section", func(t *testing.T) {
		var out strings.Builder
		in := text + strings.Repeat("\x00\x01\x02\n", 10) + text
		err := n.Stream(&out, strings.NewReader(in), nil)
		require.ErrorIs(t, err, ErrBinary)
		assert.Regexp(t, `^normalize: stream: section 1[0-9] at byte 1[0-9]{3}: input is binary`, err.Error())
		assert.True(t, strings.HasPrefix(text, out.String()))
	})
	t.Run("write", func(t *testing.T) {
		err := n.Stream(failWriter{}, strings.NewReader(text), nil)
		assert.EqualError(t, err, "normalize: stream: write: disk full")
	})
	t.Run("each", func(t *testing.T) {
		var out strings.Builder
		stop := errors.New("enough")
		calls := 0
		err := n.Stream(&out, strings.NewReader(text), func(s *Section) error {
			calls++
			if s.Index == 2 {
				return stop
			}
			return nil
		})
		require.ErrorIs(t, err, stop)
		assert.Equal(t, 3, calls)
	})
	// Every goroutine of the streams above has ended.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before)
}

// TestStreamPanic: a panic while a section is cleaned reaches the caller's
// goroutine, once the stream's goroutines are done.
func TestStreamPanic(t *testing.T) {
	n := &Normalizer{opts: Options{SectionSize: 4, SectionWorkers: 2}, stages: []Stage{panicStage{}}}
	require.PanicsWithValue(t, "stage failed on bbb\n", func() {
		_ = n.Stream(io.Discard, strings.NewReader("aaa\nbbb\nccc\nddd\n"), nil)
	})
}

// TestStreamPanicInEach: a panic in each goes up to the caller, and the
// stream's goroutines end.
func TestStreamPanicInEach(t *testing.T) {
	n, err := New(Options{SectionSize: 16, SectionWorkers: 2})
	require.NoError(t, err)
	before := runtime.NumGoroutine()
	require.PanicsWithValue(t, "each failed", func() {
		_ = n.Stream(io.Discard, strings.NewReader(strings.Repeat("第一行。\n", 100)), func(*Section) error { panic("each failed") })
	})
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before)
}

// FuzzStream streams bytes in sections of 1 to 64 bytes: no panic; either
// an error or valid UTF-8 out, with sections that tile the input and
// reports inside them; and a piece of clean text comes out as it went in.
func FuzzStream(f *testing.F) {
	f.Add([]byte("建設(shè)發(fā)展(zhǎn)\n文件?!秾嵤┮庖姟穼ψセ鶎狱h建\n鍙戝睍\n"), uint8(8), uint(0), uint(200))
	f.Add([]byte("\xff\xfea\x00\r\x00\n\x00b\x00"), uint8(2), uint(1), uint(300))
	f.Add([]byte("\xd6\xd0\xce\xc4\r\n\xb9\xfa\xbc\xd2\n\x00\n"), uint8(3), uint(2), uint(1<<20))
	f.Add([]byte("\xff\xfe\x00\x00a\x00\x00\x00b\x00\x00\x00c\x00\x00\x00\r\x00\x00\x00\n\x00\x00\x00d\x00\x00\x00\r\x00\x00\x00e\x00\x00\x00"), uint8(6), uint(3), uint(7))
	f.Fuzz(func(t *testing.T, raw []byte, size uint8, off, k uint) {
		n, err := New(Options{Target: TargetSimplified, SectionSize: int(size%64) + 1, SectionWorkers: 2})
		require.NoError(t, err)
		out, secs, err := stream(t, n, raw)
		if err != nil {
			if errors.Is(err, ErrNoLineBreak) || errors.Is(err, ErrBinary) {
				return
			}
			t.Fatalf("%q: %v", raw, err)
		}
		require.True(t, utf8.ValidString(out), "%q", out)
		textLen := 0
		for _, s := range secs {
			textLen += s.TextLen
			counts := map[Kind]int{}
			for _, c := range s.Report.Changes {
				counts[c.Kind]++
			}
			for kind, c := range s.Report.Counts {
				if kind != KindDecode {
					require.Equal(t, c, counts[kind], "%s in %q", kind, raw)
				}
			}
		}
		checkSections(t, secs, len(raw), textLen)

		clean := cleanTexts[off%uint(len(cleanTexts))]
		end := min(len(clean), int(k%uint(len(clean)+1)))
		for end > 0 && end < len(clean) && !utf8.RuneStart(clean[end]) {
			end--
		}
		clean = clean[:end]
		n, err = New(Options{Target: TargetAuto, SectionSize: int(size%64) + 1, SectionWorkers: 2})
		require.NoError(t, err)
		got, _, err := stream(t, n, []byte(clean))
		if errors.Is(err, ErrNoLineBreak) {
			return
		}
		require.NoError(t, err)
		require.Equal(t, clean, got)
	})
}
