package cli

import (
	"errors"
	"math/rand"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testJob struct {
	seq    int
	weight int64
	out    int
}

func TestRunOrdered(t *testing.T) {
	const n, budgetBytes = 2000, 100
	var inFlight, maxInFlightSeen atomic.Int64
	var emitted atomic.Int64
	next := 0
	err := runOrdered(4, 8, budgetBytes,
		func(emit func(*testJob, int64) bool) {
			for i := 0; i < n; i++ {
				w := int64(rand.Intn(60))
				if i%100 == 7 {
					w = 500 // larger than the budget: runs alone
				}
				emitted.Add(1)
				j := &testJob{seq: i, weight: w}
				if !emit(j, w) {
					return
				}
				cur := inFlight.Add(min(w, budgetBytes))
				for {
					m := maxInFlightSeen.Load()
					if cur <= m || maxInFlightSeen.CompareAndSwap(m, cur) {
						break
					}
				}
			}
		},
		func(j *testJob) {
			if j.seq%3 == 0 {
				time.Sleep(time.Duration(rand.Intn(200)) * time.Microsecond)
			}
			j.out = j.seq * 2
		},
		func(j *testJob) error {
			inFlight.Add(-min(j.weight, budgetBytes))
			if j.seq != next || j.out != 2*j.seq {
				return errors.New("out of order")
			}
			next++
			return nil
		})
	require.NoError(t, err)
	assert.Equal(t, n, next)
	// The producer counts a job after emit returns, so the observed peak
	// may exceed the budget by one job's weight at most.
	assert.LessOrEqual(t, maxInFlightSeen.Load(), int64(budgetBytes+100))
}

func TestRunOrderedStopsOnError(t *testing.T) {
	var produced atomic.Int64
	boom := errors.New("boom")
	err := runOrdered(2, 4, 1<<20,
		func(emit func(*testJob, int64) bool) {
			for i := 0; ; i++ {
				if !emit(&testJob{seq: i}, 1) {
					return
				}
				produced.Add(1)
			}
		},
		func(*testJob) {},
		func(j *testJob) error {
			if j.seq == 10 {
				return boom
			}
			return nil
		})
	assert.ErrorIs(t, err, boom)
	time.Sleep(10 * time.Millisecond)
	assert.Less(t, produced.Load(), int64(100), "the producer stops soon after the error")
}
