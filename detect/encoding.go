package detect

import "github.com/hanfix/hanfix/internal/lm/charset"

// EncodingResult is the answer of Encoding: the most likely character
// encoding of a byte string, how sure the detector is, and the runners-up.
type EncodingResult struct {
	// Encoding is the WHATWG name of the encoding: "utf-8", "utf-16le",
	// "utf-16be", "utf-32le", "utf-32be" (which WHATWG does not name),
	// "gbk", "gb18030", "big5", "hz-gb-2312", "iso-2022-jp",
	// "shift_jis", "euc-jp", "euc-kr" or "windows-1252" (which is also the
	// WHATWG answer for ISO-8859-1). Pure ASCII is reported as "utf-8".
	Encoding string `json:"encoding"`
	// Confidence is the estimated probability in [0, 1] that Encoding is
	// right.
	Confidence float64 `json:"confidence"`
	// BOMLen is the length of the byte order mark at the start of the input
	// (3 for UTF-8, 2 for UTF-16, 4 for UTF-32 and GB18030), 0 if there is
	// none.
	// Decoders should skip it.
	BOMLen int `json:"bom_len,omitempty"`
	// Candidates lists the encodings that were tried, best first, with
	// confidences summing to 1. It is nil when a fast path decided: a byte
	// order mark, pure ASCII or valid UTF-8.
	Candidates []EncodingCandidate `json:"candidates,omitempty"`
	// Segments lists the parts of the input in another encoding than
	// Encoding (see Encoding), in order; convert.DecodeAuto decodes each
	// with its own.
	Segments []EncodingSegment `json:"segments,omitempty"`
}

// EncodingSegment is a part of the input in another encoding than the
// document's.
type EncodingSegment struct {
	Span
	// Encoding is the WHATWG name of the part's encoding.
	Encoding   string  `json:"encoding"`
	Confidence float64 `json:"confidence"`
}

// EncodingCandidate is one encoding the detector considered.
type EncodingCandidate struct {
	Encoding   string  `json:"encoding"`
	Confidence float64 `json:"confidence"`
}

// Encoding detects the character encoding of raw bytes.
//
// It decides in this order, stopping at the first answer:
//
//  1. a byte order mark (UTF-8, UTF-32LE/BE, UTF-16LE/BE, GB18030):
//     confidence 1 (FF FE 00 00 is UTF-32LE, not UTF-16LE text that
//     starts with NUL); then UTF-32 without a mark: whole four-byte units,
//     each a scalar value that is no binary control character, which no
//     other encoding writes (see charset's utf32Shape): confidence 1−10⁻ᵏ
//     for k units, k at most 12;
//  2. pure ASCII without NUL or other binary control bytes (which UTF-16
//     has): "utf-8", since every ASCII-compatible encoding decodes it the
//     same, unless it has HZ (~{ … ~}) or ISO-2022-JP escapes, which go to
//     step 4;
//  3. valid UTF-8 without binary control bytes and with at least 4
//     multi-byte sequences, where an incomplete last sequence still counts
//     as valid: "utf-8", with confidence 1−10⁻ᵏ for k multi-byte sequences
//     (legacy bytes are almost never valid UTF-8 that long; shorter valid
//     UTF-8 goes to step 4, where it nearly always wins);
//  4. trial decoding: each plausible encoding (UTF-8 with errors, UTF-16
//     without BOM when the high bytes look like text, GBK/GB18030, Big5,
//     Shift_JIS, EUC-JP, EUC-KR, windows-1252, and HZ or ISO-2022-JP for
//     7-bit input) decodes the bytes and the character language model of
//     internal/lm scores the text. The score is the total log-likelihood of
//     the decoded text, so that encodings yielding more or fewer characters
//     for the same bytes compare fairly, plus a fixed penalty per invalid or
//     unmapped sequence, a smaller one per character from the rarely used
//     parts of a character set (GBK extensions, HKSCS, UHC syllables,
//     vendor extensions), language-consistency terms (kana decoded from a
//     Chinese encoding, ideographs from EUC-KR cost a little; common JIS
//     kanji from a Japanese encoding get a floor), a small prior per
//     encoding, and for input that is valid UTF-8 throughout, a bonus for
//     UTF-8 per multi-byte sequence: 1.9 nats for two bytes, 5.1 for
//     three or four, the odds against GBK text forming one by chance
//     (without it a file of one character, 驾 or © 2024, often read
//     better as EUC-KR or EUC-JP). An incomplete sequence at the very end
//     is ignored, so
//     truncation does not change the answer. Long inputs are scored on at
//     most 16 KB starting shortly before the first non-ASCII byte, after a
//     probe of 256 bytes that orders the candidates and drops the hopeless
//     ones (UTF-8, GBK and Big5 only if they are hopeless in the middle
//     and at the end of the window too, for a page may start in another
//     encoding than most of it is in); a candidate stops as soon as it
//     falls hopelessly behind the best one. Input that holds U+FFFD as
//     GB18030 writes it (84 31 A4 37), which only a GB18030 encoder
//     writes, is GB18030 even where it reads better as UTF-8: UTF-8 text
//     that a GB18030 reader failed on, saved again, which the mojibake
//     repair restores.
//
// The confidences of step 4 are a softmax of the scores divided by a
// temperature (1.25) fitted by maximum likelihood on generated samples; the
// calibration test of internal/lm/charset prints the accuracy by encoding
// and size and the reliability table. "gb18030" is answered
// instead of "gbk" only when GB18030 four-byte sequences occur.
//
// A document in UTF-8, GBK, GB18030 or Big5 that is not valid UTF-8 is
// then searched for parts in another of those encodings (Segments): GBK
// or Big5 in a UTF-8 document, UTF-8 in a GBK or Big5 one, as a page put
// together from a template and content saved in different encodings
// holds. The search looks at units, each run of bytes from one of 0x80
// or above to the next below 0x40 (a space, a digit, ASCII punctuation,
// a line end; no character of these encodings straddles such a byte, and
// the units run on across the digits of GB18030's four-byte sequences and
// across question marks before a high byte), and reads each unit all in
// the document's encoding, all in the other one, and split in two with a
// part in each (at the last or first three boundaries next to a
// character that is not ASCII of its longest valid UTF-8 prefix or
// suffix). The character model scores the readings, the letters of the
// word before a unit first, and a sequence that does not decode costs
// about a rare character (12 nats); a unit that makes the shape of a
// pinyin syllable with those letters in UTF-8 (sh + è; C3 A8 is 猫 in
// GBK) gets 10 nats for that reading. A part is taken when its reading
// gains 8 nats or more over the document's own and 1.5 per character,
// leads the next best reading by 3, decodes without error, and holds two
// characters that are not ASCII. In a UTF-8 document it must not end in
// one UTF-8 character cut short, nor be UTF-8 text with stray bytes (a
// quarter of it in common Han characters or CJK punctuation); a part of
// one or two characters must read as likely text on its own (−10.5 nats
// per character at least, which 99% of single GBK characters and 8% of
// random byte pairs do). Once a unit has shown an encoding, or three
// single characters have, a character alone is taken too, with a gain of
// 6 nats: a unit of one character, in a UTF-8 document one that happens
// to be valid UTF-8 (同 in GBK, CD AC, is U+036C in UTF-8), and in a
// legacy document a Chinese UTF-8 character glued to legacy text (not
// ƌW, C6 8C 57, which the misaligned runs of GBK text hold by chance). In
// a legacy document, a line with lost bytes (a question mark after a
// UTF-8 character cut short or before a continuation byte, U+FFFD in
// GB18030) is left to the mojibake repair: it is UTF-8 text that a reader
// failed on and saved in the legacy encoding, and the repair restores the
// lost bytes from the whole line. scripts/mixed-encodings.sh measures
// all this on documents made of the lines of Debian's Chinese
// documentation (docs/MEASUREMENTS.md).
//
// The fast paths do not allocate. Encoding is safe for concurrent use.
func Encoding(b []byte) EncodingResult {
	r := charset.Detect(b)
	res := EncodingResult{Encoding: r.Encoding, Confidence: r.Confidence, BOMLen: r.BOMLen}
	if r.Candidates != nil {
		res.Candidates = make([]EncodingCandidate, len(r.Candidates))
		for i, c := range r.Candidates {
			res.Candidates[i] = EncodingCandidate(c)
		}
	}
	if !r.ValidUTF8 {
		for _, s := range charset.Mixed(b[r.BOMLen:], r.Encoding) {
			res.Segments = append(res.Segments, EncodingSegment{Span: Span{Start: r.BOMLen + s.Start, End: r.BOMLen + s.End},
				Encoding: s.Encoding, Confidence: s.Confidence})
		}
	}
	return res
}
