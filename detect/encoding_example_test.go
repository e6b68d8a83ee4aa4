package detect_test

import (
	"fmt"

	"github.com/hanfix/hanfix/detect"
)

func ExampleEncoding() {
	// "中华人民共和国" in GBK.
	gbk := []byte{0xd6, 0xd0, 0xbb, 0xaa, 0xc8, 0xcb, 0xc3, 0xf1, 0xb9, 0xb2, 0xba, 0xcd, 0xb9, 0xfa}
	r := detect.Encoding(gbk)
	fmt.Println(r.Encoding, r.Confidence > 0.9)

	// A byte order mark decides at once.
	r = detect.Encoding([]byte{0xff, 0xfe, 0x2d, 0x4e})
	fmt.Println(r.Encoding, r.BOMLen)
	// Output:
	// gbk true
	// utf-16le 2
}
