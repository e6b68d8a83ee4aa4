package convert

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"

	"github.com/hanfix/hanfix/internal/lm/charset"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// ErrUnknownEncoding is returned (wrapped) by Decode for an encoding name it
// does not know.
var ErrUnknownEncoding = errors.New("unknown encoding")

// DecodeError is a byte sequence that could not be decoded and became
// U+FFFD in the text.
type DecodeError struct {
	// Offset is the position of the sequence in the input bytes (a byte
	// order mark included).
	Offset int `json:"offset"`
	// Len is the length of the sequence in bytes.
	Len int `json:"len"`
	// Truncated is true when the sequence is an incomplete character at the
	// end of the input.
	Truncated bool `json:"truncated,omitempty"`
}

// Error describes the bad sequence.
func (e DecodeError) Error() string {
	if e.Truncated {
		return fmt.Sprintf("truncated sequence at byte %d (%d bytes)", e.Offset, e.Len)
	}
	return fmt.Sprintf("invalid sequence at byte %d (%d bytes)", e.Offset, e.Len)
}

// DecodeResult is the answer of DecodeAuto.
type DecodeResult struct {
	// Text is the decoded UTF-8 text, without the byte order mark.
	Text string `json:"text"`
	// Encoding is the detected WHATWG encoding name.
	Encoding string `json:"encoding"`
	// Confidence is the detector's confidence in Encoding, in [0, 1].
	Confidence float64 `json:"confidence"`
	// BOMLen is the length of the byte order mark that was skipped.
	BOMLen int `json:"bom_len,omitempty"`
	// Errors lists the byte sequences that became U+FFFD.
	Errors []DecodeError `json:"errors,omitempty"`
	// Segments lists the parts of the input in another encoding than
	// Encoding, which were decoded with their own, in order.
	Segments []Segment `json:"segments,omitempty"`
}

// acceptedNames is quoted by the unknown-encoding error.
const acceptedNames = "utf-8, utf-16le, utf-16be, utf-32le, utf-32be, gbk, gb18030, big5, hz-gb-2312, shift_jis, euc-jp, " +
	"iso-2022-jp, euc-kr, windows-1252 and their WHATWG or IANA aliases (gb2312, cp936, big5-hkscs, " +
	"sjis, ks_c_5601-1987, latin1, …)"

// lookupEncoding resolves a WHATWG label, falling back to IANA names, and
// returns the encoding with its canonical WHATWG name.
func lookupEncoding(name string) (encoding.Encoding, string, error) {
	label := strings.ToLower(strings.TrimSpace(name))
	switch label {
	case "utf-32", "utf32", "utf-32le", "utf32le", "ucs-4", "ucs-4le":
		// Not in the WHATWG index; "utf-32" is little-endian unless a
		// byte order mark says otherwise, as "utf-16" is there.
		return unicodeEncodings["utf-32le"], "utf-32le", nil
	case "utf-32be", "utf32be", "ucs-4be":
		return unicodeEncodings["utf-32be"], "utf-32be", nil
	case "hz-gb-2312", "hz", "hz-gb2312", "hzgb2312":
		// WHATWG maps HZ to the replacement encoding; x/text still has it.
		return simplifiedchinese.HZGB2312, "hz-gb-2312", nil
	}
	if e, err := htmlindex.Get(label); err == nil && e != nil {
		canon, err := htmlindex.Name(e)
		if err != nil {
			canon = label
		}
		if canon == "replacement" {
			return nil, "", fmt.Errorf("decode %q: the replacement encoding decodes nothing; use one of %s: %w", name, acceptedNames, ErrUnknownEncoding)
		}
		if canon == "gbk" {
			// WHATWG: "GBK's decoder is gb18030's decoder". x/text's GBK
			// decoder takes GB18030's four-byte sequences for errors; its
			// GB18030 decoder is the same one with them (U+FFFD itself,
			// saved as GB18030, is 84 31 A4 37).
			e = simplifiedchinese.GB18030
		}
		return e, canon, nil
	}
	if e, err := ianaindex.IANA.Encoding(label); err == nil && e != nil {
		canon, err := htmlindex.Name(e)
		if err != nil {
			canon, _ = ianaindex.IANA.Name(e)
		}
		return e, strings.ToLower(canon), nil
	}
	return nil, "", fmt.Errorf("decode %q: use one of %s: %w", name, acceptedNames, ErrUnknownEncoding)
}

// boms maps canonical names to the byte order mark Decode strips.
var boms = map[string][]byte{
	"utf-8":    {0xEF, 0xBB, 0xBF},
	"utf-16le": {0xFF, 0xFE},
	"utf-16be": {0xFE, 0xFF},
	"utf-32le": {0xFF, 0xFE, 0x00, 0x00},
	"utf-32be": {0x00, 0x00, 0xFE, 0xFF},
	"gb18030":  {0x84, 0x31, 0x95, 0x33},
}

// unicodeEncodings are the encodings a byte order mark can select.
var unicodeEncodings = map[string]encoding.Encoding{
	"utf-8":    unicode.UTF8,
	"utf-16le": unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf-16be": unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
	"utf-32le": utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM),
	"utf-32be": utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM),
}

// Decode decodes b from the named encoding to UTF-8 with golang.org/x/text.
//
// The name is a WHATWG label (utf-8, gbk, gb2312, gb18030, big5, shift_jis,
// euc-jp, euc-kr, utf-16le, windows-1252, …), utf-32le, utf-32be or utf-32
// (little-endian without a mark), or an IANA name; an unknown name gives an
// error wrapping ErrUnknownEncoding that lists the accepted names. A byte
// order mark of the encoding at the start of b is skipped; as in the WHATWG
// decode algorithm, a UTF-8 or UTF-16 byte order mark, and here a UTF-32
// one, overrides the name (UTF-16 bytes with a BOM decode as UTF-16 even
// when called "gbk").
//
// Nothing is dropped: every invalid or truncated sequence becomes one U+FFFD
// and is reported with its byte offset in b. GBK decodes as GB18030, its
// superset, as the WHATWG decoder does: a four-byte sequence is a
// character, not an error. The GBK and GB18030 pairs that x/text decodes
// to U+FFFD (golang/go#62063) but GB18030-2000 maps to private use are
// mapped to those code points and are not errors: the user-defined areas
// (AAA1–AFFE, F8A1–FEFE, A140–A7A0) to U+E000–U+E765, the unassigned
// positions of GBK/1 and GBK/5 to U+E766 on (charset.GBPrivateUse).
func Decode(b []byte, name string) (string, []DecodeError, error) {
	e, canon, err := lookupEncoding(name)
	if err != nil {
		return "", nil, err
	}
	text, errs := decodeAll(b, e, canon)
	return text, errs, nil
}

// decodeAll decodes b, fast when nothing is wrong, precisely otherwise.
func decodeAll(b []byte, e encoding.Encoding, canon string) (string, []DecodeError) {
	// WHATWG BOM sniffing: a Unicode byte order mark overrides the label.
	// UTF-32LE's mark begins with UTF-16LE's: it is tried first, and
	// the encoding's own mark keeps it.
	for _, name := range [...]string{"utf-8", "utf-32le", "utf-32be", "utf-16le", "utf-16be"} {
		if bytes.HasPrefix(b, boms[name]) {
			if name != canon {
				e, canon = unicodeEncodings[name], name
			}
			break
		}
	}
	bom := 0
	if m := boms[canon]; m != nil && bytes.HasPrefix(b, m) {
		bom = len(m)
	}
	return decodePiece(b[bom:], bom, e, canon)
}

// decodePiece decodes src, found at offset base of the input, with e, whose
// WHATWG name is canon.
func decodePiece(src []byte, base int, e encoding.Encoding, canon string) (string, []DecodeError) {
	if canon == "utf-8" {
		return decodeUTF8(src, base)
	}
	out, err := e.NewDecoder().Bytes(src)
	if err == nil && !bytes.Contains(out, []byte("\uFFFD")) {
		return string(out), nil
	}
	return decodeSlow(src, base, e, canon)
}

// decodeUTF8 replaces each maximal invalid subsequence by one U+FFFD, as
// the WHATWG UTF-8 decoder does.
func decodeUTF8(src []byte, base int) (string, []DecodeError) {
	if utf8.Valid(src) {
		return string(src), nil
	}
	var sb strings.Builder
	sb.Grow(len(src) + 8)
	var errs []DecodeError
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			n, lead := utf8x.MaximalSubpart(src[i:])
			errs = append(errs, DecodeError{Offset: base + i, Len: n, Truncated: lead && i+n == len(src)})
			sb.WriteRune(utf8.RuneError)
			i += n
			continue
		}
		sb.Write(src[i : i+size])
		i += size
	}
	return sb.String(), errs
}

// decodeSlow runs the x/text decoder one character at a time, so that each
// U+FFFD it produces is tied to the input bytes it came from.
func decodeSlow(src []byte, base int, e encoding.Encoding, canon string) (string, []DecodeError) {
	dec := e.NewDecoder()
	gb := canon == "gbk" || canon == "gb18030"
	var (
		sb   strings.Builder
		errs []DecodeError
		dst  [8]byte
	)
	sb.Grow(len(src) * 2)
	for i := 0; i < len(src); {
		// A 3-byte destination holds at most one U+FFFD and nothing else
		// beside it, so a U+FFFD in the output is the whole output and
		// src[i:i+nSrc] is its source. Characters needing 4 bytes retry.
		nDst, nSrc, err := dec.Transform(dst[:3], src[i:], true)
		if nSrc == 0 && nDst == 0 {
			nDst, nSrc, err = dec.Transform(dst[:4], src[i:], true)
		}
		if nSrc == 0 && nDst == 0 {
			// No progress (err says why): never expected from x/text;
			// keep the byte as an error rather than loop or drop it.
			_ = err
			errs = append(errs, DecodeError{Offset: base + i, Len: 1})
			sb.WriteRune(utf8.RuneError)
			i++
			continue
		}
		out := dst[:nDst]
		if r, size := utf8.DecodeRune(out); r == utf8.RuneError && size == 3 {
			seq := src[i : i+nSrc]
			switch {
			case gb && len(seq) == 2 && charset.GBPrivateUse(seq[0], seq[1]) != 0:
				sb.WriteRune(charset.GBPrivateUse(seq[0], seq[1]))
			case encodesReplacement(e, seq):
				sb.Write(out)
			default:
				errs = append(errs, DecodeError{Offset: base + i, Len: nSrc,
					Truncated: i+nSrc == len(src) && truncated(e, seq)})
				sb.Write(out)
			}
		} else {
			sb.Write(out)
		}
		i += nSrc
	}
	return sb.String(), errs
}

// truncated reports whether a bad sequence at the end of the input is an
// incomplete character: a fresh decoder asks for more input.
func truncated(e encoding.Encoding, seq []byte) bool {
	var dst [16]byte
	_, _, err := e.NewDecoder().Transform(dst[:], seq, false)
	return errors.Is(err, transform.ErrShortSrc)
}

// encodesReplacement reports whether seq is the encoding's own encoding of
// U+FFFD (GB18030 and UTF-16 can encode it), which is text, not an error.
func encodesReplacement(e encoding.Encoding, seq []byte) bool {
	want, err := e.NewEncoder().Bytes([]byte("\uFFFD"))
	return err == nil && bytes.Equal(want, seq)
}

// DecodeAuto detects the encoding of b (see detect.Encoding, which uses the
// same detector) and decodes it with Decode, skipping the byte order mark.
//
// A document in UTF-8, GBK, GB18030 or Big5 may hold parts in another of
// them (a UTF-8 page template around a GBK post, a UTF-8 footer pasted
// into a GBK file): DecodeAuto decodes each such part with its own
// encoding, where Decode would make it U+FFFD or mojibake, and lists it in
// Segments. detect.Encoding explains how the parts are found.
func DecodeAuto(b []byte) (DecodeResult, error) {
	r := charset.Detect(b)
	if r.ValidUTF8 {
		// Detect checked it: no byte order mark, valid UTF-8 throughout.
		return DecodeResult{Text: string(b), Encoding: r.Encoding, Confidence: r.Confidence}, nil
	}
	if segs := charset.Mixed(b[r.BOMLen:], r.Encoding); len(segs) > 0 {
		text, errs, out, err := decodeMixed(b, r.BOMLen, r.Encoding, segs)
		if err != nil {
			return DecodeResult{}, fmt.Errorf("decode detected encodings: %w", err)
		}
		return DecodeResult{Text: text, Encoding: r.Encoding, Confidence: r.Confidence, BOMLen: r.BOMLen, Errors: errs, Segments: out}, nil
	}
	text, errs, err := Decode(b, r.Encoding)
	if err != nil {
		return DecodeResult{}, fmt.Errorf("decode detected encoding: %w", err)
	}
	return DecodeResult{Text: text, Encoding: r.Encoding, Confidence: r.Confidence, BOMLen: r.BOMLen, Errors: errs}, nil
}

// EncodingName returns the canonical name under which Decode knows the
// encoding label (a WHATWG label, utf-32 or an IANA name): "gbk" for
// "GB2312", "utf-16le" for "utf-16". An unknown label gives an error
// wrapping ErrUnknownEncoding.
func EncodingName(label string) (string, error) {
	_, canon, err := lookupEncoding(label)
	return canon, err
}
