package normalize

import (
	"errors"
	"fmt"

	"github.com/hanfix/hanfix/convert"
)

// ErrBinary is returned by Bytes for input that decodes to mostly control
// characters: it is not text in any supported encoding.
var ErrBinary = errors.New("input is binary, not text")

// Bytes cleans raw input in any supported encoding: it detects the encoding
// (unless Options.Encoding names one), decodes to UTF-8 and runs the
// pipeline. Offsets in the report's changes and findings refer to the
// decoded text; bytes that did not decode become U+FFFD and are listed in
// Report.DecodeErrors with their offsets in raw.
func (n *Normalizer) Bytes(raw []byte) (string, *Report, error) {
	var (
		text string
		rep  = &Report{Counts: map[Kind]int{}}
	)
	if n.opts.Encoding != "" {
		t, errs, err := convert.Decode(raw, n.opts.Encoding)
		if err != nil {
			return "", nil, fmt.Errorf("normalize: %w", err)
		}
		text, rep.Encoding, rep.EncodingConfidence, rep.DecodeErrors = t, n.opts.Encoding, 1, errs
	} else {
		r, err := convert.DecodeAuto(raw)
		if err != nil {
			return "", nil, fmt.Errorf("normalize: %w", err)
		}
		text, rep.Encoding, rep.EncodingConfidence, rep.DecodeErrors = r.Text, r.Encoding, r.Confidence, r.Errors
	}
	if len(rep.DecodeErrors) > 0 {
		rep.Counts[KindDecode] = len(rep.DecodeErrors)
	}
	if err := checkBinary(text); err != nil {
		return "", nil, err
	}
	return n.run(text, rep), rep, nil
}

// checkBinary rejects text in which more than one rune in eight is a NUL
// or another control character other than tab, newline and CR.
func checkBinary(text string) error {
	runes, controls, first := 0, 0, -1
	for i, r := range text {
		runes++
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			controls++
			if first < 0 {
				first = i
			}
		}
	}
	if controls > 0 && controls*8 > runes {
		return fmt.Errorf("normalize: %w: %d of %d characters are control characters (the first at byte %d); if it is text, name its encoding", ErrBinary, controls, runes, first)
	}
	return nil
}
