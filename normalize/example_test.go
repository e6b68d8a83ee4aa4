package normalize_test

import (
	"fmt"
	"log"

	"github.com/hanfix/hanfix/normalize"
)

func ExampleNormalizer_String() {
	n, err := normalize.New(normalize.Options{Target: normalize.TargetKeep})
	if err != nil {
		log.Fatal(err)
	}
	clean, rep, err := n.String("\ufeff第一行\r\n第二行")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", clean)
	for _, c := range rep.Changes {
		fmt.Printf("%s %d-%d %q -> %q: %s\n", c.Kind, c.Start, c.End, c.Before, c.After, c.Reason)
	}
	// Output:
	// "第一行\n第二行"
	// hygiene 0-3 "\ufeff" -> "": byte order mark removed
	// hygiene 12-13 "\r" -> "": CRLF line end to LF
}

func ExampleApply() {
	out, changes := normalize.Apply(normalize.Hygiene{}, "中\u200b文", normalize.Options{})
	fmt.Println(out, len(changes), changes[0].Reason)
	// Output: 中文 1 zero-width character removed
}
