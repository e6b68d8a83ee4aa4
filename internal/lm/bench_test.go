package lm

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchCPU runs f b.N times and also reports the process CPU time per call
// (cpu-ns/op), which stays meaningful when the machine is shared.
func benchCPU(b *testing.B, f func()) {
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	n := 0
	for b.Loop() {
		f()
		n++
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/op")
}

var benchText = strings.Repeat("中华人民共和国成立以来，经济社会发展取得了巨大成就。Linux 2.6 ", 4)

func BenchmarkLogProb(b *testing.B) {
	m := Default()
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	benchCPU(b, func() { m.LogProb(benchText) })
}

func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(modelData)))
	b.ReportAllocs()
	benchCPU(b, func() {
		if _, err := Parse(modelData); err != nil {
			b.Fatal(err)
		}
	})
}
