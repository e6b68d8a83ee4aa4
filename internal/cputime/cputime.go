// Package cputime reports the process CPU time that benchmarks use: on a
// shared, loaded machine a benchmark's wall-clock MB/s says more about the
// neighbours than about the code, so hanfix's benchmarks also report MB
// per CPU second (or CPU nanoseconds per call). The figure includes the
// garbage collector's CPU time, so it is a conservative rate.
package cputime

import (
	"syscall"
	"testing"
	"time"
)

// Now returns the CPU time (user + system) the process has used so far.
func Now() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportRate reports, as the metric "MB/cpu-s", bytes of input per CPU
// second since start (a value of Now).
func ReportRate(b *testing.B, start time.Duration, bytes int) {
	if d := Now() - start; d > 0 {
		b.ReportMetric(float64(bytes)/1e6/d.Seconds(), "MB/cpu-s")
	}
}

// Loop runs f once per iteration of b.Loop and reports the CPU time per
// call as the metric "cpu-ns/op".
func Loop(b *testing.B, f func()) {
	start, n := Now(), 0
	for b.Loop() {
		f()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64((Now()-start).Nanoseconds())/float64(n), "cpu-ns/op")
	}
}
