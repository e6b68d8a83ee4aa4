package jsonl_test

import (
	"fmt"
	"strings"

	"github.com/hanfix/hanfix/internal/jsonl"
)

// Replace the "text" field of a JSON Lines record and leave every other
// byte of the line as it was.
func Example() {
	line := []byte(`{"id": "a\/1", "text": "漢字", "meta": {"n": 7}}`)
	var o jsonl.Object
	if err := jsonl.Parse(line, &o); err != nil {
		panic(err)
	}
	m := o.Members[o.Find(line, "text")]
	text, _ := jsonl.AppendUnquote(nil, m.Value(line))
	clean := strings.NewReplacer("漢", "汉").Replace(string(text))
	fmt.Println(string(jsonl.AppendEdits(nil, line, jsonl.ReplaceValue(m, jsonl.AppendQuote(nil, clean)))))
	// Output:
	// {"id": "a\/1", "text": "汉字", "meta": {"n": 7}}
}
