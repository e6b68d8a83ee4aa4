package convert_test

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/hanfix/hanfix/convert"
)

var benchDecodeText = strings.Repeat("中华人民共和国成立以来，经济社会发展取得了巨大成就。", 200)

func BenchmarkDecodeGBK(b *testing.B) {
	in, err := simplifiedchinese.GBK.NewEncoder().String(benchDecodeText)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := convert.Decode([]byte(in), "gbk"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeGBKWithErrors(b *testing.B) {
	in, err := simplifiedchinese.GBK.NewEncoder().String(benchDecodeText)
	if err != nil {
		b.Fatal(err)
	}
	bs := []byte(in)
	for i := 100; i < len(bs); i += 1000 {
		bs[i] = 0xFF
	}
	b.SetBytes(int64(len(bs)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := convert.Decode(bs, "gbk"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeAutoGBK(b *testing.B) {
	in, err := simplifiedchinese.GBK.NewEncoder().String(benchDecodeText)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := convert.DecodeAuto([]byte(in)); err != nil {
			b.Fatal(err)
		}
	}
}
