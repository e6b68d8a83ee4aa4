package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
	if text {
		// String checks the UTF-8 itself: checking it here first would
		// read every document twice.
		out, rep, err := n.String(string(raw))
		if !isInvalidUTF8(err) {
			return out, rep, err
		}
	}
	return n.Bytes(raw)
}

// analyzeDoc is cleanDoc for -detect.
func (r *runner) analyzeDoc(n *normalize.Normalizer, raw []byte, text bool) (*normalize.Analysis, error) {
	if text {
		a, err := n.Analyze(string(raw))
		if !isInvalidUTF8(err) {
			return a, err
		}
	}
	return n.AnalyzeBytes(raw)
}

// isInvalidUTF8 reports whether err says that String's text was not valid
// UTF-8, which String checks before anything else.
func isInvalidUTF8(err error) bool {
	var ie *normalize.InvalidUTF8Error
	return errors.As(err, &ie)
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
	DecodeErrors       []convert.DecodeError  `json:"decode_errors,omitempty"`
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
		j.DecodeErrors = rep.DecodeErrors
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
