package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/normalize"
)

// recoverPanics turns a panic while one document is processed into an
// error for that document, so that one bad document cannot take a long run
// down. The fuzz tests turn it off to see panics.
var recoverPanics = true

// protect runs fn, turning a panic into an error when recoverPanics.
func protect(fn func() error) (err error) {
	if recoverPanics {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("internal error, please report it: panic: %v", p)
			}
		}()
	}
	return fn()
}

// cleanDoc cleans one document. text says that raw came from a JSON
// string: when it is valid UTF-8 it is taken as text, otherwise (raw bytes
// in a JSON string) its encoding is detected like a file's.
func (r *runner) cleanDoc(n *normalize.Normalizer, raw []byte, text bool) (string, *normalize.Report, error) {
	if r.conv != nil {
		return r.convertDoc(raw)
	}
	if text && utf8.Valid(raw) {
		return n.String(string(raw))
	}
	return n.Bytes(raw)
}

// analyzeDoc is cleanDoc for -detect.
func (r *runner) analyzeDoc(n *normalize.Normalizer, raw []byte, text bool) (*normalize.Analysis, error) {
	if text && utf8.Valid(raw) {
		return n.Analyze(string(raw))
	}
	return n.AnalyzeBytes(raw)
}

// convertDoc runs the -convert conversion and nothing else. Valid UTF-8
// is converted as it is; other input is decoded first, from -encoding or
// from the detected encoding, and undecodable bytes become U+FFFD and are
// reported.
func (r *runner) convertDoc(raw []byte) (string, *normalize.Report, error) {
	rep := &normalize.Report{Encoding: "utf-8", EncodingConfidence: 1, Counts: map[normalize.Kind]int{}}
	var s string
	var derrs []convert.DecodeError
	switch {
	case utf8.Valid(raw):
		s = string(raw)
	case r.cfg.encoding != "":
		var err error
		s, derrs, err = convert.Decode(raw, r.cfg.encoding)
		if err != nil {
			return "", nil, err
		}
		rep.Encoding = r.cfg.encoding
	default:
		d, err := convert.DecodeAuto(raw)
		if err != nil {
			return "", nil, err
		}
		s, derrs, rep.Encoding, rep.EncodingConfidence = d.Text, d.Errors, d.Encoding, d.Confidence
	}
	for _, e := range derrs {
		rep.Findings = append(rep.Findings, normalize.Finding{Kind: normalize.KindDecode, Start: e.Offset, End: e.Offset + e.Len,
			Text: "\uFFFD", Reason: "bytes that do not decode became U+FFFD (offsets in the raw input)", Confidence: 1})
	}
	var b strings.Builder
	pos, n := 0, 0
	reason := "OpenCC " + r.conv.Config()
	r.conv.Segments(s, func(start, end int, repl string) {
		if n == 0 {
			b.Grow(len(s) + len(s)/8)
		}
		n++
		b.WriteString(s[pos:start])
		b.WriteString(repl)
		pos = end
		if r.cfg.report {
			rep.Changes = append(rep.Changes, normalize.Change{Kind: normalize.KindScript, Start: start, End: end,
				Before: s[start:end], After: repl, Reason: reason, Confidence: 1})
		}
	})
	if n == 0 {
		return s, rep, nil
	}
	b.WriteString(s[pos:])
	rep.Counts[normalize.KindScript] = n
	return b.String(), rep, nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// reportJSON is the shape of a report in -report output.
type reportJSON struct {
	Encoding           string                 `json:"encoding"`
	EncodingConfidence float64                `json:"encoding_confidence"`
	Script             string                 `json:"script"`
	Counts             map[normalize.Kind]int `json:"counts"`
	Changes            []normalize.Change     `json:"changes"`
	Findings           []normalize.Finding    `json:"findings"`
}

// appendReport appends rep as a JSON object to dst.
func appendReport(dst []byte, rep *normalize.Report) []byte {
	j := reportJSON{Script: "none", Counts: map[normalize.Kind]int{}, Changes: []normalize.Change{}, Findings: []normalize.Finding{}}
	if rep != nil {
		j.Encoding, j.EncodingConfidence = rep.Encoding, rep.EncodingConfidence
		if rep.Script != nil && rep.Script.Script != "" {
			j.Script = rep.Script.Script
		}
		if rep.Counts != nil {
			j.Counts = rep.Counts
		}
		if rep.Changes != nil {
			j.Changes = rep.Changes
		}
		if rep.Findings != nil {
			j.Findings = rep.Findings
		}
	}
	return appendJSON(dst, j)
}

// appendJSON appends v as compact JSON without HTML escaping.
func appendJSON(dst []byte, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only unsupported values fail, and the values here are plain data.
		panic(fmt.Sprintf("cli: encode %T: %v", v, err))
	}
	return append(dst, bytes.TrimRight(buf.Bytes(), "\n")...)
}

// analysisMembers appends the members of a -detect result, without braces.
func analysisMembers(dst []byte, a *normalize.Analysis) []byte {
	obj := appendJSON(nil, a)
	return append(dst, obj[1:len(obj)-1]...)
}
