package charset

import (
	"strings"
	"testing"
)

// benchMixedText is Simplified prose of about 10 KB.
var benchMixedText = strings.Repeat("会议强调，要坚持以人民为中心的发展思想，推动经济社会高质量发展。各地要认真贯彻落实会议精神，确保各项任务落到实处。\n", 60)

func benchMixed(b *testing.B, doc []byte, enc string) {
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		Mixed(doc, enc)
	}
}

// BenchmarkMixedGBK is Mixed on a document all in GBK: what every GBK
// document that DecodeAuto reads pays for the search.
func BenchmarkMixedGBK(b *testing.B) {
	benchMixed(b, saved(b, []part{{encGBK, benchMixedText}}), encGBK)
}

// BenchmarkMixedUTF8WithGBK is Mixed on a UTF-8 document with every
// fourth line in GBK.
func BenchmarkMixedUTF8WithGBK(b *testing.B) {
	var parts []part
	for i, l := range strings.SplitAfter(benchMixedText, "\n") {
		enc := encUTF8
		if i%4 == 3 {
			enc = encGBK
		}
		parts = append(parts, part{enc, l})
	}
	benchMixed(b, saved(b, parts), encUTF8)
}
