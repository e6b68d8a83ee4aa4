// Command hanfix cleans scraped, damaged Chinese text.
//
// Usage:
//
//	hanfix [flags] [FILE ...]
//
// It reads FILEs or stdin ("-") as raw bytes in any supported encoding,
// optionally gzip or zstd compressed, and writes cleaned UTF-8 to stdout or
// -o FILE. With -jsonl, the "text" field of each JSON Lines object is
// cleaned and every other byte of the line passes through unchanged. Run
// hanfix -h for every flag. All logic lives in the library and in
// internal/cli; this package only calls it.
package main

import (
	"os"

	"github.com/hanfix/hanfix/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
