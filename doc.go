// Package hanfix is the root of the hanfix module, which turns scraped,
// damaged Chinese text into clean text for corpus and search ingestion.
//
// The work is done by its packages:
//
//   - [github.com/hanfix/hanfix/detect] analyses text and bytes without
//     changing them: encoding, script, mojibake, pinyin annotations,
//     boilerplate.
//   - [github.com/hanfix/hanfix/convert] holds deterministic text maps:
//     OpenCC script conversion, decoding of raw bytes, width and
//     punctuation normalisation.
//   - [github.com/hanfix/hanfix/normalize] is the pipeline that applies the
//     fixes in order and reports every change.
//
// The command-line tool is in examples/hanfix. This package has no API; it
// holds the go:generate step that rebuilds the sample document in testdata.
package hanfix

//go:generate sh -c "cd tools && go run ./mksample -src ../testdata/sample.src.txt -out ../testdata/sample.txt"
