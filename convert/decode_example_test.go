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
