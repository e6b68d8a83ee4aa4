package cli_test

import (
	"os"
	"strings"

	"github.com/hanfix/hanfix/internal/cli"
)

// Main runs the hanfix command in-process: here a pure OpenCC conversion of
// the "text" field of JSON Lines records, every other byte kept.
func ExampleMain() {
	in := strings.NewReader(`{"id": 1, "text": "漢字轉換", "meta": {"src": "a\/b"}}` + "\n")
	code := cli.Main([]string{"-jsonl", "-convert", "t2s"}, in, os.Stdout, os.Stderr)
	if code != cli.ExitOK {
		os.Exit(code)
	}
	// Output:
	// {"id": 1, "text": "汉字转换", "meta": {"src": "a\/b"}}
}
