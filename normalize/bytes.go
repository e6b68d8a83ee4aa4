package normalize

import (
	"errors"
	"fmt"
	"unicode/utf8"

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
	return n.bytes(raw, n.parts())
}

// bytes is Bytes, with the report parts of want.
func (n *Normalizer) bytes(raw []byte, want reportParts) (string, *Report, error) {
	text, rep, err := n.decode(raw, n.opts.Encoding, want)
	if err != nil {
		return "", nil, fmt.Errorf("normalize: %w", err)
	}
	return n.run(text, rep, want), rep, nil
}

// decode decodes raw from the encoding enc, or the detected one when enc
// is "", and starts its report: the encoding, the decoding errors, and
// (with want.changes) the changes of the parts in another encoding. It
// rejects text that is not text (checkBinary).
func (n *Normalizer) decode(raw []byte, enc string, want reportParts) (string, *Report, error) {
	var (
		text string
		rep  = &Report{Counts: map[Kind]int{}}
	)
	if enc != "" {
		t, errs, err := convert.Decode(raw, enc)
		if err != nil {
			return "", nil, err
		}
		text, rep.Encoding, rep.EncodingConfidence, rep.DecodeErrors = t, enc, 1, errs
	} else {
		r, err := convert.DecodeAuto(raw)
		if err != nil {
			return "", nil, err
		}
		text, rep.Encoding, rep.EncodingConfidence, rep.DecodeErrors = r.Text, r.Encoding, r.Confidence, r.Errors
		if len(r.Segments) > 0 {
			rep.Counts[KindEncoding] = len(r.Segments)
			if want.changes {
				rep.Changes = segmentChanges(raw, r)
			}
		}
	}
	if len(rep.DecodeErrors) > 0 {
		rep.Counts[KindDecode] = len(rep.DecodeErrors)
	}
	if err := checkBinary(text); err != nil {
		return "", nil, err
	}
	return text, rep, nil
}

// checkBinary rejects text in which more than one rune in eight is a NUL
// or another control character other than tab, newline and CR.
func checkBinary(text string) error {
	controls, first := 0, -1
	i := 0
	for ; i+16 <= len(text); i += 16 {
		// Sixteen bytes at a time, two words: only those with a byte
		// below 0x20 (a line break, mostly) are looked at byte by byte.
		w := text[i : i+16]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		y := uint64(w[8]) | uint64(w[9])<<8 | uint64(w[10])<<16 | uint64(w[11])<<24 |
			uint64(w[12])<<32 | uint64(w[13])<<40 | uint64(w[14])<<48 | uint64(w[15])<<56
		if ((x-0x2020202020202020)&^x|(y-0x2020202020202020)&^y)&0x8080808080808080 == 0 {
			continue
		}
		for k := range 16 {
			if c := w[k]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				controls++
				if first < 0 {
					first = i + k
				}
			}
		}
	}
	for ; i < len(text); i++ {
		if c := text[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			controls++
			if first < 0 {
				first = i
			}
		}
	}
	if controls == 0 {
		return nil
	}
	// A control character is one byte, and never part of another rune.
	if runes := utf8.RuneCountInString(text); controls*8 > runes {
		return fmt.Errorf("%w: %d of %d characters are control characters (the first at byte %d); if it is text, name its encoding", ErrBinary, controls, runes, first)
	}
	return nil
}

// segmentChanges returns the changes of the parts of raw that r decoded
// in another encoding than the document's.
func segmentChanges(raw []byte, r convert.DecodeResult) []Change {
	cs := make([]Change, 0, len(r.Segments))
	for _, s := range r.Segments {
		before, _, err := convert.Decode(raw[s.Offset:s.Offset+s.Len], r.Encoding)
		if err != nil {
			before = "" // not expected: DecodeAuto decoded with it
		}
		cs = append(cs, Change{Kind: KindEncoding, Start: s.TextStart, End: s.TextEnd, Before: before, After: r.Text[s.TextStart:s.TextEnd],
			Reason: fmt.Sprintf("bytes in %s inside a %s document, decoded as %s (%.1f nats more likely than as %s)", s.Encoding, r.Encoding, s.Encoding, s.Gain, r.Encoding),
			Rule:   "encoding:" + s.Encoding, Confidence: s.Confidence})
	}
	return cs
}
