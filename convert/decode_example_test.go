package convert_test

import (
	"fmt"

	"github.com/hanfix/hanfix/convert"
)

func ExampleDecode() {
	gbk := []byte{0xd6, 0xd0, 0xce, 0xc4, 0xff, 0xaa, 0xa1}
	text, errs, err := convert.Decode(gbk, "gbk")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+q\n", text)
	for _, e := range errs {
		fmt.Println(e)
	}
	// Output:
	// "\u4e2d\u6587\ufffd\ue000"
	// invalid sequence at byte 4 (1 bytes)
}

func ExampleDecodeAuto() {
	big5 := []byte{0xa4, 0xa4, 0xb5, 0xd8, 0xa5, 0xc1, 0xb0, 0xea} // 中華民國
	r, err := convert.DecodeAuto(big5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Encoding, r.Text)
	// Output: big5 中華民國
}

// A UTF-8 page with a line saved in GBK: the line is decoded as GBK, and
// listed with its place in the input and in the text.
func ExampleDecodeAuto_mixed() {
	page := []byte("今天的会议讨论了明年的工作计划。\n")
	page = append(page, 0xb1, 0xbe, 0xce, 0xc4, 0xc0, 0xb4, 0xd4, 0xb4, 0xa3, 0xba, 0xd0, 0xc2, 0xbb, 0xaa, 0xc9, 0xe7) // 本文来源：新华社 in GBK
	r, err := convert.DecodeAuto(page)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Text, "\n")
	for _, s := range r.Segments {
		fmt.Printf("%s: bytes %d-%d, text %q\n", s.Encoding, s.Offset, s.Offset+s.Len, r.Text[s.TextStart:s.TextEnd])
	}
	// Output:
	// 今天的会议讨论了明年的工作计划。
	// 本文来源：新华社
	// gbk: bytes 49-65, text "本文来源：新华社"
}

func ExampleEncodingName() {
	for _, label := range []string{"GB2312", "utf-16", "latin1"} {
		name, _ := convert.EncodingName(label)
		fmt.Println(label, "→", name)
	}
	// Output:
	// GB2312 → gbk
	// utf-16 → utf-16le
	// latin1 → windows-1252
}
