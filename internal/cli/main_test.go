package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/normalize"
	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// result is what one Main call produced.
type result struct {
	stdout, stderr string
	code           int
}

func runMain(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// oneLineMsg checks that stderr is one "hanfix: " line containing want.
func oneLineMsg(t *testing.T, r result, want string) {
	t.Helper()
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "stderr must be one line: %q", r.stderr)
	assert.True(t, strings.HasPrefix(r.stderr, "hanfix: "), "stderr: %q", r.stderr)
	assert.Contains(t, r.stderr, want)
}

const clean = "中文信息处理是人工智能的一个分支。它研究如何让计算机理解自然语言。\n"

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte(clean))
	bad := writeFile(t, dir, "bad.jsonl", []byte("{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\": \"c\"\n"))
	big := writeFile(t, dir, "big.txt", []byte(strings.Repeat(clean, 20)))
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"missing file", "", []string{filepath.Join(dir, "does-not-exist.txt")}, 1, "does-not-exist.txt: no such file"},
		{"missing file after a good one", "", []string{good, filepath.Join(dir, "nope")}, 1, "nope: no such file"},
		{"directory", "", []string{dir}, 1, "is a directory"},
		{"malformed JSON on stdin", "{\"text\": \"ok\"}\n{not json\n", []string{"-jsonl", "-to", "keep"}, 1, "stdin:2: malformed JSON: invalid character 'n'"},
		{"malformed JSON in a FILE", "", []string{"-jsonl", bad}, 1, bad + ":3: malformed JSON"},
		{"not an object", "[1,2]\n", []string{"-jsonl"}, 1, "stdin:1: line is not a JSON object"},
		{"text is a number", "{\"id\":1,\"text\":5}\n", []string{"-jsonl"}, 1, `stdin:1: field "text" is not a string but a number (5)`},
		{"text is null", "{\"text\":null}\n", []string{"-jsonl"}, 1, `field "text" is not a string but null`},
		{"other field is not a string", "{\"body\":[1]}\n", []string{"-jsonl", "-field", "body"}, 1, `field "body" is not a string but an array`},
		{"raw invalid UTF-8 outside the text", "{\"id\":\"\xff\",\"text\":\"a\"}\n", []string{"-jsonl"}, 1, "stdin:1: malformed JSON: invalid UTF-8"},
		{"raw control character", "{\"text\":\"a\x01\"}\n", []string{"-jsonl"}, 1, "stdin:1: malformed JSON"},
		{"line too long", "{\"text\":\"" + strings.Repeat("x", 2000) + "\"}\n", []string{"-jsonl", "-max-line", "1K"}, 1, "stdin:1: line too long: line is longer than -max-line 1K"},
		{"document too large to analyse whole", strings.Repeat("x", 2000), []string{"-max-doc", "1K", "-detect", "-section", "0"}, 1, "stdin: document is larger than -max-doc 1K"},
		{"file too large to clean whole", "", []string{"-max-doc", "1K", "-section", "0", big}, 1, "big.txt: document is larger than -max-doc 1K"},
		{"document too large to clean whole", strings.Repeat("x", 2000), []string{"-max-doc", "1K", "-section", "0"}, 1, "stdin: document is larger than -max-doc 1K (raise -max-doc, or split it)"},
		{"streamed line too long", "a\n" + strings.Repeat("x", 70000), []string{"-max-doc", "1K", "-section", "1K"}, 1, "stdin: normalize: stream: no line break in 8192 bytes"},
		{"detect without the field", "{\"id\":1}\n", []string{"-jsonl", "-detect"}, 1, `stdin:1: no field "text" to analyse`},
		{"truncated gzip", string(gzipBytes(t, strings.Repeat(clean, 50))[:40]), nil, 1, "gzip"},
		{"truncated gzip, streamed", string(gzipBytes(t, strings.Repeat(clean, 50))[:60]), []string{"-max-doc", "16", "-section", "16"}, 1, "stdin: normalize: stream: read: gzip: truncated stream: unexpected EOF"},
		{"unknown -to", "", []string{"-to", "no-such-script", good}, 2, `-to: unknown target script "no-such-script"`},
		{"unknown -convert", "", []string{"-convert", "xyz"}, 2, `-convert "xyz": unknown configuration`},
		{"-j 0", "", []string{"-j", "0"}, 2, "-j 0: want at least 1 worker"},
		{"-j -3", "", []string{"-j", "-3"}, 2, "want at least 1 worker"},
		{"-j not a number", "", []string{"-j", "many"}, 2, `invalid value "many" for flag -j`},
		{"unknown flag", "", []string{"-frobnicate"}, 2, "flag provided but not defined: -frobnicate"},
		{"unknown fix", "", []string{"-fix", "sparkle"}, 2, `-fix: unknown fix "sparkle"`},
		{"unknown encoding", "", []string{"-encoding", "klingon"}, 2, `-encoding "klingon": not a WHATWG encoding label`},
		{"bad size", "", []string{"-max-line", "lots"}, 2, "want a positive size"},
		{"zero -max-line", "", []string{"-max-line", "0"}, 2, "want a positive size"},
		{"bad -mem-limit", "", []string{"-mem-limit", "-5"}, 2, "want a positive size"},
		{"bad -section", "", []string{"-section", "half"}, 2, "want a positive size"},
		{"convert with -to", "", []string{"-convert", "s2t", "-to", "simp"}, 2, "-convert cannot be combined with -to"},
		{"empty -field", "", []string{"-jsonl", "-field", ""}, 2, "-field: want a field name"},
		{"-model file missing", "", []string{"-jsonl", "-model", filepath.Join(dir, "no.model")}, 1, "no.model: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runMain(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, r.code, "stderr: %s", r.stderr)
			oneLineMsg(t, r, tt.msg)
			if tt.code == 2 {
				assert.Empty(t, r.stdout)
			}
		})
	}
}

func TestMalformedKeepsEarlierOutput(t *testing.T) {
	r := runMain(t, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{oops\n{\"text\":\"d\"}\n", "-jsonl", "-j", "3")
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", r.stdout, "the lines before the bad one are written, none after")
	oneLineMsg(t, r, "stdin:3: malformed JSON")
}

func TestSkipBad(t *testing.T) {
	in := "{\"id\":1,\"text\":\"a\"}\n{oops\n{\"id\":3,\"text\":7}\n{\"id\":4,\"text\":\"" + strings.Repeat("y", 3000) + "\"}\n{\"id\":5,\"text\":\"e\"}\n"
	r := runMain(t, in, "-jsonl", "-skip-bad", "-max-line", "2K", "-stats")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "{\"id\":1,\"text\":\"a\"}\n{\"id\":5,\"text\":\"e\"}\n", r.stdout)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	require.Len(t, lines, 4, r.stderr)
	assert.Contains(t, lines[0], "stdin:2: malformed JSON")
	assert.Contains(t, lines[1], `stdin:3: field "text" is not a string`)
	assert.Contains(t, lines[2], "stdin:4: line too long")
	for _, l := range lines[:3] {
		assert.Contains(t, l, "(line skipped)")
	}
	var st stats
	require.NoError(t, json.Unmarshal([]byte(lines[3]), &st))
	assert.EqualValues(t, 3, st.Skipped)
	assert.EqualValues(t, 3, st.Errors)
	assert.EqualValues(t, 2, st.Documents)
}

func TestSkipBadLongLines(t *testing.T) {
	// Lines longer than the read buffer and than -max-line are skipped
	// whole, and the line numbers after them stay right.
	long := "{\"id\":2,\"text\":\"" + strings.Repeat("长", 1<<20) + "\"}\n"
	in := "{\"id\":1,\"text\":\"a\"}\n" + long + long + "{\"id\":4,\"text\":\"d\"}\n{oops\n"
	r := runMain(t, in, "-jsonl", "-skip-bad", "-max-line", "2M", "-to", "keep")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "{\"id\":1,\"text\":\"a\"}\n{\"id\":4,\"text\":\"d\"}\n", r.stdout)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	require.Len(t, lines, 3, r.stderr)
	assert.Contains(t, lines[0], "stdin:2: line too long")
	assert.Contains(t, lines[1], "stdin:3: line too long")
	assert.Contains(t, lines[2], "stdin:5: malformed JSON")
}

func TestUsage(t *testing.T) {
	r := runMain(t, "", "-h")
	assert.Equal(t, 0, r.code)
	var c config
	fs := newFlagSet(&c)
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		assert.Contains(t, r.stdout, "  -"+f.Name, "usage lists -%s", f.Name)
	})
	assert.Greater(t, n, 20)
	for _, want := range []string{"usage: hanfix [flags] [FILE ...]", "auto|simp|trad|tw|hk|keep", "s2twp", "gzip or zstd"} {
		assert.Contains(t, r.stdout, want)
	}

	r = runMain(t, "", "-version")
	assert.Equal(t, 0, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "hanfix "), r.stdout)
}

func TestTextMode(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(clean))
	b := writeFile(t, dir, "b.txt", []byte("第二篇。\n"))

	t.Run("stdin clean control unchanged", func(t *testing.T) {
		r := runMain(t, clean, "-to", "keep")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, clean, r.stdout)
		assert.Empty(t, r.stderr)
	})
	t.Run("stdin as -", func(t *testing.T) {
		r := runMain(t, clean, "-to", "keep", "-")
		assert.Equal(t, clean, r.stdout)
	})
	t.Run("files in order, flags after files", func(t *testing.T) {
		r := runMain(t, "", a, b, "-to", "keep", "-j", "2")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, clean+"第二篇。\n", r.stdout)
	})
	t.Run("-- ends the flags", func(t *testing.T) {
		dash := writeFile(t, dir, "-odd.txt", []byte("x\n"))
		r := runMain(t, "", "-to", "keep", "--", dash)
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "x\n", r.stdout)
	})
	t.Run("empty input", func(t *testing.T) {
		r := runMain(t, "")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Empty(t, r.stdout)
	})
	t.Run("NUL bytes", func(t *testing.T) {
		// A NUL in text: cleaned (hygiene drops it) …
		r := runMain(t, clean+"\x00"+clean, "-to", "keep")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.True(t, utf8.ValidString(r.stdout))
		assert.Contains(t, r.stdout, "中文信息")
		assert.NotContains(t, r.stdout, "\x00")
		// … many NULs: binary input, refused with a message.
		r = runMain(t, "前\x00\x00\x00后\x00\n", "-to", "keep")
		if r.code != 0 {
			assert.Equal(t, 1, r.code)
			oneLineMsg(t, r, "stdin: ")
		}
		// In JSON Lines, an escaped NUL is text like any other.
		r = runMain(t, "{\"text\":\"前\\u0000后\"}\n", "-jsonl", "-to", "keep")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.True(t, json.Valid([]byte(r.stdout)), r.stdout)
	})
	t.Run("truncated multi-byte sequence at EOF", func(t *testing.T) {
		r := runMain(t, "你好\xe4\xbd", "-to", "keep")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "你好\uFFFD", r.stdout)
		r = runMain(t, "你好\xe4\xbd", "-to", "keep", "-report")
		assert.Contains(t, r.stderr, `"decode":1`, "the lost bytes are counted in the report")
	})
	t.Run("report on stderr", func(t *testing.T) {
		r := runMain(t, "", "-to", "keep", "-report", a, b)
		assert.Equal(t, 0, r.code, r.stderr)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		require.Len(t, lines, 2)
		for i, want := range []string{a, b} {
			var rep map[string]any
			require.NoError(t, json.Unmarshal([]byte(lines[i]), &rep))
			assert.Equal(t, want, rep["file"])
			for _, k := range []string{"encoding", "encoding_confidence", "script", "counts", "changes", "findings"} {
				assert.Contains(t, rep, k)
			}
		}
	})
	t.Run("stats", func(t *testing.T) {
		r := runMain(t, clean, "-stats")
		assert.Equal(t, 0, r.code, r.stderr)
		var st map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stderr), &st))
		for _, k := range []string{"documents", "bytes_in", "bytes_out", "seconds", "mb_per_s", "counts", "errors", "skipped"} {
			assert.Contains(t, st, k)
		}
		assert.EqualValues(t, 1, st["documents"])
		assert.EqualValues(t, len(clean), st["bytes_in"])
	})
	t.Run("progress", func(t *testing.T) {
		r := runMain(t, clean, "-progress")
		assert.Equal(t, 0, r.code)
		assert.Contains(t, r.stderr, "hanfix: 1 documents")
		r = runMain(t, clean)
		assert.Empty(t, r.stderr, "progress is off when stderr is not a terminal")
	})
	t.Run("options accepted", func(t *testing.T) {
		for _, args := range [][]string{
			{"-keep-boilerplate"}, {"-conservative"}, {"-fix", "fullwidth-ascii,cjk-punct,space-comma"},
			{"-fix", "-annotations,+hygiene"}, {"-encoding", "utf-8"}, {"-to", "simp"}, {"-to", "trad"},
			{"-to", "tw"}, {"-to", "hk"}, {"-to", "auto"}, {"-learn-run=false"}, {"-mem-limit", "0"}, {"-mem-limit", "1G"},
			{"-section", "0"}, {"-section", "64K"},
		} {
			r := runMain(t, clean, args...)
			assert.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
			assert.True(t, utf8.ValidString(r.stdout))
		}
	})
}

// TestSections: a document over -section is cleaned in sections, each
// on its own: the output is the same as when it is cleaned whole (for the
// text below, whose sections judge alike), and -report gives the offsets
// of the changes in the whole document.
func TestSections(t *testing.T) {
	page := "機關黨建工作\n" + clean
	doc := strings.Repeat(page, 40)
	whole := runMain(t, doc, "-to", "simp", "-section", "0", "-report")
	require.Equal(t, 0, whole.code, whole.stderr)
	var wholeRep reportJSON
	require.NoError(t, json.Unmarshal([]byte(whole.stderr), &wholeRep), whole.stderr)
	for _, args := range [][]string{{"-section", "512"}, {"-section", "512", "-j", "1"}, {"-section", "1K", "-j", "3"}} {
		r := runMain(t, doc, append([]string{"-to", "simp", "-report"}, args...)...)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, whole.stdout, r.stdout, "%v", args)
		var rep reportJSON
		require.NoError(t, json.Unmarshal([]byte(r.stderr), &rep), r.stderr)
		require.Len(t, rep.Changes, 40, "%v", args)
		for i, c := range rep.Changes {
			assert.Equal(t, c.Before, doc[c.Start:c.End], "change %d", i)
		}
		assert.Equal(t, wholeRep.Script, rep.Script)
		assert.Equal(t, wholeRep.Counts, rep.Counts)
	}
}

// TestStream: a document over -max-doc is cleaned as it is read, in
// sections of -section, from stdin, a file or a compressed file, with as
// many workers as -j: the output and what the report says are those of
// the document cleaned whole, and -report gives a line per section.
func TestStream(t *testing.T) {
	page := "機關黨建工作\n" + clean
	doc := strings.Repeat(page, 40) // 4.4 KB
	whole := runMain(t, doc, "-to", "simp", "-section", "0", "-report")
	require.Equal(t, 0, whole.code, whole.stderr)
	var wholeRep reportJSON
	require.NoError(t, json.Unmarshal([]byte(whole.stderr), &wholeRep), whole.stderr)
	dir := t.TempDir()
	file := writeFile(t, dir, "doc.txt", []byte(doc))
	gz := writeFile(t, dir, "doc.txt.gz", gzipBytes(t, doc))
	for _, args := range [][]string{
		{"-max-doc", "1K", "-section", "512"},
		{"-max-doc", "1K", "-section", "512", file},
		{"-max-doc", "1K", "-section", "512", gz},
		{"-max-doc", "1K", "-section", "512", "-j", "1"},
		{"-max-doc", "4K", "-section", "1K", "-j", "3"},
	} {
		r := runMain(t, doc, append([]string{"-to", "simp", "-report"}, args...)...)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, whole.stdout, r.stdout, "%v", args)
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		require.Greater(t, len(lines), 3, "%v", args)
		counts := map[normalize.Kind]int{}
		changes := 0
		for i, line := range lines {
			var sec struct {
				reportJSON
				Section   int `json:"section"`
				RawStart  int `json:"raw_start"`
				TextStart int `json:"text_start"`
			}
			require.NoError(t, json.Unmarshal([]byte(line), &sec), line)
			assert.Equal(t, i, sec.Section)
			assert.Equal(t, sec.RawStart, sec.TextStart, "UTF-8 in, no byte order mark")
			assert.Equal(t, wholeRep.Script, sec.Script)
			for _, c := range sec.Changes {
				assert.Equal(t, c.Before, doc[c.Start:c.End], "%v: %+v", args, c)
			}
			for k, c := range sec.Counts {
				counts[k] += c
			}
			changes += len(sec.Changes)
		}
		assert.Equal(t, wholeRep.Counts, counts, "%v", args)
		assert.Equal(t, len(wholeRep.Changes), changes, "%v", args)
	}

	// Files before and after a streamed one keep their order; -stats
	// counts the streamed file once.
	small := writeFile(t, dir, "small.txt", []byte("機關\n"))
	r := runMain(t, "", "-to", "simp", "-max-doc", "1K", "-section", "512", "-stats", small, file, small)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "机关\n"+whole.stdout+"机关\n", r.stdout)
	assert.Contains(t, r.stderr, fmt.Sprintf(`{"documents":3,"changed":3,"bytes_in":%d,`, len(doc)+2*len("機關\n")))
}

// TestStreamDetect: -detect on a document over -max-doc gives a line per
// section, whose counts add up to those of the document analysed whole.
func TestStreamDetect(t *testing.T) {
	page := "黨的建設(shè)工作\n" + clean
	doc := strings.Repeat(page, 40)
	whole := runMain(t, doc, "-detect", "-section", "0")
	require.Equal(t, 0, whole.code, whole.stderr)
	var want normalize.Analysis
	require.NoError(t, json.Unmarshal([]byte(whole.stdout), &want), whole.stdout)
	require.Equal(t, 40, want.Annotations)

	r := runMain(t, doc, "-detect", "-max-doc", "1K", "-section", "512")
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Greater(t, len(lines), 3)
	annotations, raw := 0, 0
	for i, line := range lines {
		var sec struct {
			normalize.Analysis
			File     string `json:"file"`
			Section  int    `json:"section"`
			RawStart int    `json:"raw_start"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &sec), line)
		assert.Equal(t, "stdin", sec.File)
		assert.Equal(t, i, sec.Section)
		assert.Equal(t, want.Script, sec.Script)
		assert.Equal(t, "utf-8", sec.Encoding)
		assert.GreaterOrEqual(t, sec.RawStart, raw)
		raw = sec.RawStart
		annotations += sec.Annotations
	}
	assert.Equal(t, want.Annotations, annotations)

	// A section that fails ends the document with an error line.
	r = runMain(t, doc+strings.Repeat("\x01\x02\x03\n", 200), "-detect", "-max-doc", "1K", "-section", "512")
	assert.Equal(t, 1, r.code)
	oneLineMsg(t, r, "stdin: normalize: stream: section ")
	lines = strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	assert.Contains(t, lines[len(lines)-1], `"error":"normalize: stream: section `)
	assert.Contains(t, lines[0], `"section":0`)
}

// TestStreamError: a section that cannot be decoded stops its document
// there, with the sections before it written, and the run goes on to the
// next file.
func TestStreamError(t *testing.T) {
	dir := t.TempDir()
	doc := strings.Repeat(clean, 20) + strings.Repeat("\x00\x01\x02\n", 100) + strings.Repeat(clean, 20)
	file := writeFile(t, dir, "doc.txt", []byte(doc))
	small := writeFile(t, dir, "small.txt", []byte(clean))
	r := runMain(t, "", "-max-doc", "1K", "-section", "512", file, small)
	assert.Equal(t, 1, r.code)
	oneLineMsg(t, r, "doc.txt: normalize: stream: section ")
	assert.Contains(t, r.stderr, "input is binary")
	require.True(t, strings.HasSuffix(r.stdout, clean))
	head := strings.TrimSuffix(r.stdout, clean)
	// The sections before the bad one: the clean text, and the control
	// characters of a section with a few of them taken out.
	assert.True(t, strings.HasPrefix(head, strings.Repeat(clean, 20)), "%q", head)
	assert.Less(t, len(head), len(doc)/2)
}

func TestEncoding(t *testing.T) {
	gbk := "\xba\xba\xd7\xd6\xa3\xac\xd6\xd0\xce\xc4\xb5\xc4\xce\xc4\xd5\xc2\n" // 汉字，中文的文章 in GBK
	r := runMain(t, gbk, "-to", "keep")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "汉字，中文的文章\n", r.stdout, "detected and decoded")

	// -encoding forces the (here wrong) encoding; what it decodes to is
	// the library's business (its mojibake stage may even repair it).
	r = runMain(t, gbk, "-to", "keep", "-encoding", "big5", "-report")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.True(t, utf8.ValidString(r.stdout))
	assert.Contains(t, r.stderr, `"encoding":"big5"`)

	r = runMain(t, gbk, "-detect", "-encoding", "big5")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"encoding":"big5"`)
}

func TestConvert(t *testing.T) {
	r := runMain(t, "汉字后来\n", "-convert", "s2t")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "漢字後來\n", r.stdout)

	r = runMain(t, "{\"id\":1, \"text\":\"漢字\" }\n", "-jsonl", "-convert", "t2s")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "{\"id\":1, \"text\":\"汉字\" }\n", r.stdout)

	r = runMain(t, "\xba\xba\xd7\xd6\xa3\xac\xd6\xd0\xce\xc4\xb5\xc4\xce\xc4\xd5\xc2\n", "-convert", "s2t")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "漢字，中文的文章\n", r.stdout, "GBK detected and decoded")

	r = runMain(t, "\xba\xba\xd7\xd6\n", "-convert", "s2t", "-encoding", "gbk")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "漢字\n", r.stdout)
}

func TestPassThroughByteIdentical(t *testing.T) {
	// Other fields, key order, white space and escapes survive; the text
	// field is replaced (by a -convert, which always changes this text).
	in := "{ \"id\" : \"\\u00e9\\/x\" ,\"text\":\"漢字\\n\\u6f22\"\t, \"meta\" : {\"a\":[1 , 2.50],\"s\":\"\\\"q\\\"\"} }\r\n" +
		"{\"text\":\"unchanged \\u00e9\\/ escapes\"}\n" +
		"\n" +
		"{\"no_text\":true}\n" +
		"{\"text\":\"last line without newline 漢\"}"
	want := "{ \"id\" : \"\\u00e9\\/x\" ,\"text\":\"汉字\\n汉\"\t, \"meta\" : {\"a\":[1 , 2.50],\"s\":\"\\\"q\\\"\"} }\r\n" +
		"{\"text\":\"unchanged \\u00e9\\/ escapes\"}\n" +
		"\n" +
		"{\"no_text\":true}\n" +
		"{\"text\":\"last line without newline 汉\"}"
	r := runMain(t, in, "-jsonl", "-convert", "t2s", "-stats")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, want, r.stdout)
	var st stats
	require.NoError(t, json.Unmarshal([]byte(r.stderr), &st))
	assert.EqualValues(t, 1, st.MissingField)
	assert.EqualValues(t, 2, st.Changed)

	// The default pipeline passes a clean line through byte for byte.
	line := "{ \"id\" : \"\\u00e9\\/x\" ,\"text\":\"" + strings.TrimSuffix(clean, "\n") + "\\n\"\t, \"meta\" : {\"n\":7} }\n"
	r = runMain(t, line, "-jsonl", "-to", "keep")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, line, r.stdout)
}

func TestJSONLByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.jsonl", []byte("\xef\xbb\xbf{\"text\":\"a\"}\n"))
	b := writeFile(t, dir, "b.jsonl", []byte("\xef\xbb\xbf{\"text\":\"b\"}\n"))
	r := runMain(t, "", "-jsonl", "-to", "keep", a, b)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", r.stdout, "the BOM of each FILE is dropped")
}

func TestField(t *testing.T) {
	r := runMain(t, "{\"text\":\"漢\",\"body\":\"漢\"}\n", "-jsonl", "-convert", "t2s", "-field", "body")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "{\"text\":\"漢\",\"body\":\"汉\"}\n", r.stdout)
}

func TestReportJSONL(t *testing.T) {
	in := "{\"id\":1,\"text\":\"漢字\"}\n{\"id\":2,\"text\":\"ok\",\"hanfix\":\"old\"}\n{ }\n"
	r := runMain(t, in, "-jsonl", "-convert", "t2s", "-report")
	assert.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 3)
	assert.True(t, strings.HasPrefix(lines[0], "{\"id\":1,\"text\":\"汉字\",\"hanfix\":{"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "{\"id\":2,\"text\":\"ok\",\"hanfix\":{"), "an existing hanfix member is replaced: %s", lines[1])
	assert.Equal(t, "{ }", lines[2], "an object without the field passes through")
	for _, l := range lines[:2] {
		var obj map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(l), &obj))
		var rep map[string]any
		require.NoError(t, json.Unmarshal(obj["hanfix"], &rep))
		for _, k := range []string{"encoding", "script", "counts", "changes", "findings"} {
			assert.Contains(t, rep, k)
		}
		assert.IsType(t, []any{}, rep["changes"])
		assert.IsType(t, []any{}, rep["findings"])
	}
	var rep struct {
		Changes []struct {
			Kind, Before, After string
			Start, End          int
		}
	}
	var obj map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &obj))
	require.NoError(t, json.Unmarshal(obj["hanfix"], &rep))
	require.NotEmpty(t, rep.Changes)
	assert.Equal(t, "script", rep.Changes[0].Kind)

	// The default pipeline also reports an unchanged document.
	r = runMain(t, "{\"text\":\"ok\"}\n", "-jsonl", "-report", "-to", "keep")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "{\"text\":\"ok\",\"hanfix\":{\"encoding\":\"utf-8\""), r.stdout)
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte(clean))
	b := writeFile(t, dir, "b.txt", []byte("繁體中文的文章。\n"))
	keys := []string{"encoding", "confidence", "script", "mojibake", "annotations", "boilerplate_lines"}

	r := runMain(t, "", "-detect", a, b)
	assert.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2)
	for i, want := range []string{a, b} {
		var o map[string]any
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &o))
		assert.Equal(t, want, o["file"])
		for _, k := range keys {
			assert.Contains(t, o, k)
		}
		assert.IsType(t, float64(0), o["mojibake"])
	}

	in := "{\"id\":\"x1\",\"text\":\"中文\",\"meta\":{\"n\":7},\"script\":\"stale\"}\n\n{\"id\":\"x2\",\"text\":\"繁體\"}\n"
	r = runMain(t, in, "-jsonl", "-detect", "-j", "2")
	assert.Equal(t, 0, r.code, r.stderr)
	lines = strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 3, "one output line per input line, blank lines kept")
	assert.Equal(t, "", lines[1])
	for i, id := range map[int]string{0: "x1", 2: "x2"} {
		var o map[string]any
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &o))
		assert.Equal(t, id, o["id"])
		assert.NotContains(t, o, "text", "the text is not echoed")
		for _, k := range keys {
			assert.Contains(t, o, k)
		}
	}
	assert.True(t, strings.HasPrefix(lines[0], "{\"id\":\"x1\",\"meta\":{\"n\":7},\"encoding\":"), lines[0])
	assert.Equal(t, 1, strings.Count(lines[0], "\"script\""), "a stale detection field is replaced")
}

func gzipBytes(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := io.WriteString(w, s)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func zstdBytes(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf)
	require.NoError(t, err)
	_, err = io.WriteString(w, s)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func TestCompression(t *testing.T) {
	dir := t.TempDir()
	jl := "{\"id\":1,\"text\":\"" + strings.TrimSuffix(clean, "\n") + "\"}\n"
	for _, c := range []struct {
		name string
		data []byte
	}{{"gzip", gzipBytes(t, clean)}, {"zstd", zstdBytes(t, clean)}} {
		t.Run(c.name+" stdin", func(t *testing.T) {
			r := runMain(t, string(c.data), "-to", "keep")
			assert.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, clean, r.stdout)
		})
		t.Run(c.name+" file", func(t *testing.T) {
			p := writeFile(t, dir, "in."+c.name, c.data) // no telling suffix: magic bytes decide
			r := runMain(t, "", "-to", "keep", p)
			assert.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, clean, r.stdout)
		})
	}
	t.Run("gzip JSONL", func(t *testing.T) {
		r := runMain(t, string(gzipBytes(t, jl+jl)), "-jsonl", "-to", "keep")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, jl+jl, r.stdout)
	})
	t.Run("concatenated gzip members", func(t *testing.T) {
		r := runMain(t, string(append(gzipBytes(t, jl), gzipBytes(t, jl)...)), "-jsonl", "-to", "keep")
		assert.Equal(t, jl+jl, r.stdout)
	})
	for _, suffix := range []string{".gz", ".zst", ".txt"} {
		t.Run("-o "+suffix, func(t *testing.T) {
			p := filepath.Join(dir, "out"+suffix)
			r := runMain(t, jl, "-jsonl", "-to", "keep", "-o", p)
			assert.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			switch suffix {
			case ".gz":
				zr, err := gzip.NewReader(bytes.NewReader(data))
				require.NoError(t, err)
				data, err = io.ReadAll(zr)
				require.NoError(t, err)
			case ".zst":
				zr, err := zstd.NewReader(bytes.NewReader(data))
				require.NoError(t, err)
				data, err = io.ReadAll(zr)
				require.NoError(t, err)
				zr.Close()
			}
			assert.Equal(t, jl, string(data))
		})
	}
	t.Run("-o is an input", func(t *testing.T) {
		p := writeFile(t, dir, "same.txt", []byte(clean))
		r := runMain(t, "", "-o", p, p)
		assert.Equal(t, 2, r.code)
		oneLineMsg(t, r, "is also an input FILE")
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Equal(t, clean, string(data), "the input is not truncated")
	})
	t.Run("-o to a full disk", func(t *testing.T) {
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full")
		}
		r := runMain(t, jl, "-jsonl", "-to", "keep", "-o", "/dev/full")
		assert.Equal(t, 1, r.code)
		oneLineMsg(t, r, "write /dev/full: no space left on device")
	})
	t.Run("-o in a missing directory", func(t *testing.T) {
		r := runMain(t, jl, "-jsonl", "-o", filepath.Join(dir, "no", "such", "out.gz"))
		assert.Equal(t, 1, r.code)
		oneLineMsg(t, r, "create -o")
	})
}

func TestOrderWithWorkers(t *testing.T) {
	var in strings.Builder
	n := 2000
	for i := 0; i < n; i++ {
		size := []int{1, 10, 300, 5000, 1, 20000}[i*7%6]
		if i%700 == 17 {
			size = 2 << 20 // a few lines larger than a batch
		}
		fmt.Fprintf(&in, "{\"id\":%d,\"text\":\"%s\"}\n", i, strings.Repeat("字", size/3+1))
	}
	r := runMain(t, in.String(), "-jsonl", "-j", "4", "-to", "keep", "-learn-run=false", "-keep-boilerplate")
	assert.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, in.Len(), len(r.stdout))
	assert.True(t, in.String() == r.stdout, "output differs from input (order or content)")

	// With the whole default pipeline (and in-run learning), -j 4 gives
	// exactly what -j 1 gives, ids in input order.
	r1 := runMain(t, in.String(), "-jsonl", "-j", "1", "-to", "simp")
	r4 := runMain(t, in.String(), "-jsonl", "-j", "4", "-to", "simp")
	require.Equal(t, 0, r1.code, r1.stderr)
	require.Equal(t, 0, r4.code, r4.stderr)
	assert.True(t, r1.stdout == r4.stdout, "-j 4 output differs from -j 1")
	for i, l := range strings.Split(strings.TrimSuffix(r4.stdout, "\n"), "\n") {
		require.True(t, strings.HasPrefix(l, fmt.Sprintf("{\"id\":%d,", i)), "line %d: %.40s", i, l)
	}
}

func TestLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MB line")
	}
	text := strings.Repeat("这是一个很长的行。", 64<<20/27+1) // > 64 MB
	in := "{\"id\":\"big\",\"text\":\"" + text + "\",\"tail\":[1]}\n{\"id\":\"small\",\"text\":\"x\"}\n"
	require.Greater(t, len(in), 64<<20)
	r := runMain(t, in, "-jsonl", "-to", "keep", "-j", "2")
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.SplitAfter(r.stdout, "\n")
	require.Len(t, lines, 3)
	assert.True(t, strings.HasPrefix(lines[0], "{\"id\":\"big\",\"text\":\""))
	assert.True(t, strings.HasSuffix(lines[0], "\",\"tail\":[1]}\n"))
	assert.Equal(t, "{\"id\":\"small\",\"text\":\"x\"}\n", lines[1])
}

func TestJSONLRawBytesInText(t *testing.T) {
	// Raw bytes inside the text string are decoded like a file, never
	// written out as invalid UTF-8.
	r := runMain(t, "{\"id\":1,\"text\":\"\xba\xba\xd7\xd6\xa3\xac\xd6\xd0\xce\xc4\"}\n", "-jsonl", "-to", "keep", "-report")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "{\"id\":1,\"text\":\"汉字，中文\",\"hanfix\":{\"encoding\":\"gbk\""), r.stdout)
}

// FuzzCLIInput feeds arbitrary bytes to Main in text and JSON Lines modes
// (in text mode, also streamed in sections of 16 bytes, cleaned and
// analysed): no panic, exit status 0 or 1, a message on stderr for 1, and valid UTF-8
// output for 0.
func FuzzCLIInput(f *testing.F) {
	f.Add([]byte(clean), false)
	f.Add([]byte("{\"id\":1,\"text\":\"漢字\\u00e9\"}\n{\"text\":5}\n"), true)
	f.Add([]byte("{\"text\":\"\xff\xfe\"}\n"), true)
	f.Add([]byte("\xff\xfe\x00a\x00"), false)
	f.Add([]byte("\x1f\x8b\x08\x00"), false)
	f.Add([]byte("\x28\xb5\x2f\xfd"), true)
	f.Add([]byte("{\"text\":\"a\"}\r\n\n  \n{}"), true)
	old := recoverPanics
	recoverPanics = false
	defer func() { recoverPanics = old }()
	f.Fuzz(func(t *testing.T, data []byte, jsonlMode bool) {
		for _, args := range [][]string{{"-to", "keep", "-j", "2"}, {"-to", "simp", "-skip-bad", "-report"}, {"-to", "simp", "-max-doc", "64", "-section", "16", "-report"}, {"-detect", "-max-doc", "64", "-section", "16"}} {
			if jsonlMode {
				args = append(args, "-jsonl")
			}
			var out, errb bytes.Buffer
			code := Main(args, bytes.NewReader(data), &out, &errb)
			switch code {
			case 0:
				if !utf8.Valid(out.Bytes()) {
					t.Fatalf("%v: exit 0 with invalid UTF-8 output %q", args, out.Bytes())
				}
			case 1:
				if errb.Len() == 0 {
					t.Fatalf("%v: exit 1 without a message", args)
				}
			default:
				t.Fatalf("%v: exit %d: %s", args, code, errb.String())
			}
		}
	})
}

// A standard input that cannot be examined (here a file already closed)
// fails before any output, with the error of the stat.
func TestStdinStatError(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stdin")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	var stdout, stderr bytes.Buffer
	code := Main([]string{"-to", "keep"}, f, &stdout, &stderr)
	assert.Equal(t, ExitInput, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "hanfix: stat ")
	assert.Contains(t, stderr.String(), "file already closed")
}
