package convert

import (
	"math"
	"strings"

	"golang.org/x/text/encoding"

	"github.com/hanfix/hanfix/internal/lm/charset"
)

// Segment is a part of DecodeAuto's input in another encoding than the
// document's, decoded with its own.
type Segment struct {
	// Offset and Len locate the part in the input bytes (a byte order
	// mark included).
	Offset int `json:"offset"`
	Len    int `json:"len"`
	// Encoding is the WHATWG name of the part's encoding.
	Encoding string `json:"encoding"`
	// TextStart and TextEnd are the byte offsets of the part's decoded
	// text in DecodeResult.Text.
	TextStart int `json:"text_start"`
	TextEnd   int `json:"text_end"`
	// Confidence is how sure the detector is that the part is in
	// Encoding, in [0, 1].
	Confidence float64 `json:"confidence"`
	// Gain is how much better (nats) the part reads in Encoding than in
	// the document's encoding, by the character model.
	Gain float64 `json:"gain"`
}

// decodeMixed decodes b, a document in enc whose byte order mark is bom
// bytes long, with each of segs (offsets after the mark) in its own
// encoding.
func decodeMixed(b []byte, bom int, enc string, segs []charset.Segment) (string, []DecodeError, []Segment, error) {
	e, canon, err := lookupEncoding(enc)
	if err != nil {
		return "", nil, nil, err
	}
	var (
		sb   strings.Builder
		errs []DecodeError
		out  = make([]Segment, 0, len(segs))
	)
	sb.Grow(len(b) * 3 / 2)
	// piece decodes b[i:j] with e (the segment's, or the document's).
	piece := func(i, j int, e encoding.Encoding, canon string, last bool) {
		text, es := decodePiece(b[i:j], i, e, canon)
		for k := range es {
			if !last || es[k].Offset+es[k].Len < j {
				es[k].Truncated = false // cut by a segment, not by the end
			}
		}
		sb.WriteString(text)
		errs = append(errs, es...)
	}
	p := bom
	for _, s := range segs {
		start, end := bom+s.Start, bom+s.End
		piece(p, start, e, canon, false)
		se, scanon, err := lookupEncoding(s.Encoding)
		if err != nil {
			return "", nil, nil, err
		}
		t0 := sb.Len()
		piece(start, end, se, scanon, end == len(b))
		out = append(out, Segment{Offset: start, Len: end - start, Encoding: scanon, TextStart: t0, TextEnd: sb.Len(),
			Confidence: s.Confidence, Gain: math.Round(s.Gain*100) / 100})
		p = end
	}
	piece(p, len(b), e, canon, true)
	return sb.String(), errs, out, nil
}
