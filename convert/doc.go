// Package convert holds hanfix's deterministic text-to-text maps.
//
// # Script conversion
//
// New returns a Converter for one of OpenCC's 16 configurations (s2t, t2s,
// s2tw, tw2s, s2hk, hk2s, s2twp, tw2sp, t2tw, t2hk, tw2t, hk2t, t2jp, jp2t,
// s2hkp, hk2sp). It applies OpenCC 1.4.2's dictionaries with OpenCC's
// algorithm — CJK compatibility ideograph normalization, maximal-matching
// segmentation, a conversion chain of dictionary groups, longest match at
// each position — and passes all 543 (input, configuration) pairs of
// OpenCC's regression suite and its golden files. Conversion is
// more than ten times as fast as github.com/liuzl/gocc (see the benchmarks
// in bench_test.go), allocates nothing but its result, and returns its
// input unchanged (and unallocated) when nothing changes. Converters
// are built once per configuration and shared; they are safe for concurrent
// use. Bytes that are not valid UTF-8 are kept as they are.
//
// Segments reports each replaced span with its byte offsets, for pipelines
// that explain their changes.
//
// # Conservative conversion
//
// Many Simplified characters stand for several Traditional ones (干 is 幹,
// 乾 or 干; 发 is 發 or 髮; 后 is 后 or 後), and some Traditional ones for
// several Simplified ones. OpenCC picks a default when no dictionary phrase
// covers such a character, and the default is sometimes wrong. A converter
// made with NewWithOptions(config, Options{Conservative: true}) converts
// such a character only inside a matched phrase (头发 → 頭髮) and otherwise
// leaves it as it is; Ambiguous reports the characters it left. The set of
// ambiguous characters is derived from the dictionaries: a single character
// whose dictionary entry lists more than one candidate.
//
// # Rare characters
//
// For a few Traditional characters (殢, 圞, 樠, …) the correct Simplified
// form is a rare character that common fonts lack (𣨼, 𪢮, 𣗊). OpenCC marks
// these mappings "may_output_tofu". hanfix applies them, as OpenCC's
// regression suite expects; Options.AvoidTofu leaves such characters
// unconverted, as OpenCC's command-line tool does by default.
//
// # Other maps
//
// The package also holds bytes-to-UTF-8 decoding (on golang.org/x/text)
// and width and punctuation normalisation; those files are written by other
// hanfix engineers and documented on their own functions.
//
// The OpenCC 1.4.2 data (1.2 MB, Apache-2.0) is embedded by
// github.com/hanfix/hanfix/internal/opencc and generated reproducibly by
// `go generate ./internal/opencc`.
package convert
