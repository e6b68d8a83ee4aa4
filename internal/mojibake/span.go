package mojibake

// Kinds of mojibake spans.
const (
	KindGBKShift  = "gbk-shift"      // GBK decoded one byte out of phase
	KindUTF8GBK   = "utf8-as-gbk"    // UTF-8 bytes decoded as GBK/GB18030
	KindUTF8Latin = "utf8-as-cp1252" // UTF-8 bytes decoded as windows-1252 or ISO-8859-1
	KindBig5GBK   = "big5-as-gbk"    // Big5 bytes decoded as GBK
	KindGBKBig5   = "gbk-as-big5"    // GBK bytes decoded as Big5
	KindChain     = "chain"          // several wrong decodings in a row (double-encoded UTF-8 …)
	KindLost      = "lost"           // characters lost for good: U+FFFD runs, 锟斤拷, ?? for lost bytes
)

// Span is a stretch of garbled text, with its repair when there is one.
type Span struct {
	// Start and End are byte offsets of the garbled text in the input.
	Start, End int
	// Kind is one of the Kind constants.
	Kind string
	// Garbled is the input text of the span, Repair what it should read
	// (empty when the span is not repairable).
	Garbled, Repair string
	// Plan is the replayable repair (see ParsePlan), empty when not repairable.
	Plan string
	// Confidence is in [0, 1].
	Confidence float64
	// Repairable reports whether the repair is lossless and clearly more
	// probable than the garbled text; only then should it be applied.
	Repairable bool
	// Reason explains the finding in words.
	Reason string
	// step marks the report of a run read one byte out of step (see
	// outOfStep), which Find searches again on the repaired text.
	step bool
}
