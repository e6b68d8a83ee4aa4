package mojibake

import "sync/atomic"

// byteKeyed keeps values keyed by a pair of bytes that every analysis
// would otherwise build again: tables of the misalignment search that
// depend only on immutable data (the GBK table, the shift tables, the
// default model), built on first use. Two analyses that build one at the
// same time build the same, and either is kept. It is safe for
// concurrent use.
//
// The values kept take at most limit bytes, as their builders count
// them; past that they are built for each use and not kept, so that
// input made to ask for every pair of bytes cannot grow it without
// bound.
type byteKeyed[T any] struct {
	slots [256 * 256]atomic.Pointer[T]
	used  atomic.Int64
	limit int64
}

// load returns the value of (hi, lo), or nil when none is kept.
func (t *byteKeyed[T]) load(hi, lo byte) *T {
	return t.slots[int(hi)<<8|int(lo)].Load()
}

// keep keeps v, of size bytes, as the value of (hi, lo) unless the limit
// is reached.
func (t *byteKeyed[T]) keep(hi, lo byte, v *T, size int64) {
	if t.used.Add(size) <= t.limit {
		t.slots[int(hi)<<8|int(lo)].Store(v)
	}
}
