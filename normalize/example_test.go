package normalize_test

import (
	"fmt"
	"log"
	"os"
	"strings"

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

// A large document is cleaned in sections, several at a time; the report
// gives its changes at their offsets in the whole text. (Real sections are
// megabytes long: the CLI's are 4 MB.)
func ExampleOptions_sectionSize() {
	n, err := normalize.New(normalize.Options{Target: normalize.TargetSimplified, SectionSize: 32})
	if err != nil {
		log.Fatal(err)
	}
	clean, rep, err := n.String("黨的建設(shè)工作\n機關黨建\n基層黨組織\n")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(clean)
	for _, c := range rep.Changes {
		fmt.Printf("%s %d-%d %q -> %q\n", c.Kind, c.Start, c.End, c.Before, c.After)
	}
	// Output:
	// 党的建设工作
	// 机关党建
	// 基层党组织
	// annotation 12-18 "(shè)" -> ""
	// script 0-3 "黨" -> "党"
	// script 9-12 "設" -> "设"
	// script 25-34 "機關黨" -> "机关党"
	// script 41-53 "層黨組織" -> "层党组织"
}

// Stream cleans input of any length in bounded memory: here sections of
// about 32 bytes, read as GBK, each reported as it is written.
func ExampleNormalizer_Stream() {
	n, err := normalize.New(normalize.Options{Target: normalize.TargetSimplified, SectionSize: 32})
	if err != nil {
		log.Fatal(err)
	}
	gbk := "\xfch\xb5\xc4\xbd\xa8\xd4O(sh\xa8\xa8)\xb9\xa4\xd7\xf7\n" + // 黨的建設(shè)工作, in GBK
		"\x99C\xeaP\xfch\xbd\xa8\n" + // 機關黨建
		"\xbb\xf9\x8c\xd3\xfch\xbdM\xbf\x97\n" // 基層黨組織
	err = n.Stream(os.Stdout, strings.NewReader(gbk), func(s *normalize.Section) error {
		fmt.Printf("section %d: bytes %d-%d, %s, %d changes\n", s.Index, s.RawStart, s.RawStart+int64(s.RawLen), s.Report.Encoding, len(s.Report.Changes))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// 党的建设工作
	// 机关党建
	// section 0: bytes 0-28, gbk, 4 changes
	// 基层党组织
	// section 1: bytes 28-39, gbk, 1 changes
}
