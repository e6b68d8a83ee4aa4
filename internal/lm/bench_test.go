package lm

import (
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/cputime"
)

var benchText = strings.Repeat("中华人民共和国成立以来，经济社会发展取得了巨大成就。Linux 2.6 ", 4)

func BenchmarkLogProb(b *testing.B) {
	m := Default()
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	cputime.Loop(b, func() { m.LogProb(benchText) })
}

func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(modelData)))
	b.ReportAllocs()
	cputime.Loop(b, func() {
		if _, err := Parse(modelData); err != nil {
			b.Fatal(err)
		}
	})
}
