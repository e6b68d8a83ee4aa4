package detect_test

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/cputime"
)

// benchPrefix encodes s and cuts it to about n bytes.
func benchPrefix(b *testing.B, e encoding.Encoding, s string, n int) []byte {
	out, err := e.NewEncoder().String(s)
	if err != nil {
		b.Fatal(err)
	}
	if len(out) > n {
		out = out[:n]
	}
	return []byte(out)
}

const (
	benchSimplified  = "中华人民共和国成立以来，经济社会发展取得了巨大成就，人民生活水平不断提高。科学技术迅速发展，教育事业全面进步，文化生活日益丰富。"
	benchTraditional = "中華民國的經濟發展在過去數十年間取得了顯著的成就，人民生活水準不斷提高。科學技術迅速發展，教育事業全面進步，文化生活日益豐富。"
)

func BenchmarkEncodingGBK200(b *testing.B) {
	in := benchPrefix(b, simplifiedchinese.GBK, benchSimplified+benchSimplified, 200)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	cputime.Loop(b, func() { detect.Encoding(in) })
}

func BenchmarkEncodingBig5200(b *testing.B) {
	in := benchPrefix(b, traditionalchinese.Big5, benchTraditional+benchTraditional, 200)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	cputime.Loop(b, func() { detect.Encoding(in) })
}

func BenchmarkEncodingUTF8200K(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 200<<10 {
		sb.WriteString(benchSimplified)
		sb.WriteString(" Linux 2.6 ")
	}
	in := []byte(sb.String())
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	cputime.Loop(b, func() { detect.Encoding(in) })
}

func BenchmarkEncodingASCII200K(b *testing.B) {
	in := []byte(strings.Repeat("The quick brown fox jumps over the lazy dog. ", 200<<10/45))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	cputime.Loop(b, func() { detect.Encoding(in) })
}
