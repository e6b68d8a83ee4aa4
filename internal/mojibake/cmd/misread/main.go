// Command misread garbles text the way golang.org/x/text's decoders (and
// browsers, whose WHATWG decoders they follow) misread it, for the
// held-out scripts (scripts/lostbyte-heldout.sh): Python, which those
// scripts garble with otherwise, has no WHATWG codecs.
//
//	misread ORIG WRONG < in.jsonl > out.jsonl
//
// Each input line is a JSON object with an "id" and a "text"; each output
// line has the same id and the text encoded with ORIG (utf8, gbk or big5)
// and decoded with WRONG (gbk or big5), U+FFFD where the decoder fails
// (which x/text's decoders do for both bytes of a pair they cannot read).
// A text that ORIG cannot encode is passed through unchanged.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: misread ORIG WRONG < in.jsonl > out.jsonl (ORIG utf8, gbk or big5; WRONG gbk or big5)")
		os.Exit(2)
	}
	codecs := map[string]encoding.Encoding{"gbk": simplifiedchinese.GBK, "big5": traditionalchinese.Big5}
	orig, ok1 := codecs[os.Args[1]]
	wrong, ok2 := codecs[os.Args[2]]
	if os.Args[1] == "utf8" {
		orig, ok1 = nil, true
	}
	if !ok1 || !ok2 {
		fmt.Fprintf(os.Stderr, "misread: unknown codec in %q %q\n", os.Args[1], os.Args[2])
		os.Exit(2)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for n := 1; in.Scan(); n++ {
		var rec struct {
			ID   json.RawMessage `json:"id"`
			Text string          `json:"text"`
		}
		if err := json.Unmarshal(in.Bytes(), &rec); err != nil {
			fmt.Fprintf(os.Stderr, "misread: line %d: %v\n", n, err)
			os.Exit(1)
		}
		rec.Text = misread(rec.Text, orig, wrong)
		if err := enc.Encode(rec); err != nil {
			fmt.Fprintf(os.Stderr, "misread: %v\n", err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "misread: %v\n", err)
		os.Exit(1)
	}
}

// misread encodes s with orig (nil: UTF-8) and decodes the bytes with
// wrong; s unchanged when orig cannot encode it.
func misread(s string, orig, wrong encoding.Encoding) string {
	bs := []byte(s)
	if orig != nil {
		b, err := orig.NewEncoder().Bytes(bs)
		if err != nil {
			return s
		}
		bs = b
	}
	out, err := wrong.NewDecoder().Bytes(bs)
	if err != nil {
		return s
	}
	return string(out)
}
