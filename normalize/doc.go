// Package normalize is the hanfix cleaning pipeline: it applies the repairs
// that package detect proposes, in the right order, and returns the clean
// text with a Report of every change (kind, byte span in the input, before,
// after, reason, confidence) and of every finding it did not act on.
//
// Build a Normalizer once with New and share it: it holds the converters,
// models and rules and is safe for concurrent use. String cleans UTF-8
// text; Bytes cleans raw bytes in any supported encoding.
//
// # Stage order
//
// The stages run in this order, each on the output of the one before:
//
//  1. Decode (Bytes only): detect the encoding and decode to UTF-8. Every
//     later stage works on text. Parts of a UTF-8, GBK or Big5 document in
//     another of those encodings (a GBK post in a UTF-8 page, a UTF-8
//     footer in a GBK file) are decoded with their own, each reported as
//     a change of KindEncoding: their bytes are still all there, where the
//     mojibake stage would see U+FFFD or mojibake.
//  2. Mojibake: repair spans decoded with the wrong codec. It runs first on
//     the text because the damage is byte-level: the C1 control characters
//     that hygiene would remove are the evidence of UTF-8 read as
//     ISO-8859-1, and in GBK misalignment the inserted readings are part of
//     the garbled bytes (the repair needs them, and restores them as
//     ordinary annotations, so it must also precede annotation stripping).
//     Only a first hygiene pass comes before it, without C1 controls and
//     NFC: a C0 control or zero-width character inside garbled text (Ã\x0e©)
//     would hide it from the first cleaning and not from a second.
//  3. Hygiene: drop a BOM, zero-width and control characters, unify line
//     ends, NFC: invisible noise that would otherwise split the patterns
//     the later stages look for.
//  4. Annotations: strip flattened pinyin readings (建設(shè) → 建設). Before
//     boilerplate, so that rules and learned templates see the text as a
//     reader does (發(fā)布日期 is 發布日期).
//  5. Boilerplate: remove boilerplate lines and glued phrases. Before
//     conversion, so that removed lines are never converted and the report
//     shows them as they were.
//  6. Script: detect the script and convert to Options.Target. Late, so that
//     it sees clean text: mojibake and readings would distort the script
//     ratios, and converting garbled text would make it unrepairable.
//  7. Punctuation (opt-in): width and punctuation normalisation of the final
//     text.
//
// Each stage is a Stage and can be run on its own with Apply. Change offsets
// always refer to the text given to String (for Bytes: the decoded text);
// a change's Before is the text as its stage saw it.
//
// The pipeline is idempotent: cleaning clean output changes nothing.
//
// # Large documents
//
// A document runs through the stages on one goroutine. With
// Options.SectionSize, a document larger than that is cut at line breaks
// into sections, which are cleaned as documents of their own on several
// goroutines and joined, output and report; the edges of a section count
// as the middle of a page for the boilerplate rules. Normalizer.Stream
// cleans input of any length the same way as it reads it, holding a few
// sections at a time.
package normalize
