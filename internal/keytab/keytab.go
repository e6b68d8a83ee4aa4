// Package keytab provides Table, a hash table from uint64 keys to values
// that is filled once and then only read, for the packed keys of the
// embedded models (word keys, word-and-character pairs). Filling it costs
// a fraction of filling a Go map of the same size, which matters at
// start-up: the tables hold tens of thousands of keys.
//
// A filled Table is safe for concurrent reads.
package keytab

// Table maps uint64 keys to values: open addressing with linear probing,
// at most three quarters full, the first slot of a key chosen by
// Fibonacci hashing. The zero Table is empty. Put fills a table; it must
// not run while another goroutine reads the table.
type Table[V any] struct {
	keys  []uint64 // by slot; 0 marks an empty slot
	vals  []V      // by slot
	shift uint     // 64 − log2(len(keys)): a key's first slot is the top bits of its hash
	n     int      // the keys held, besides the key 0
	// The key 0, which marks the empty slots, is kept apart.
	zero    bool
	zeroVal V
}

// Make returns an empty table with room for n keys before it grows.
func Make[V any](n int) *Table[V] {
	t := &Table[V]{}
	t.alloc(n)
	return t
}

// alloc gives t empty slots for n keys.
func (t *Table[V]) alloc(n int) {
	size, shift := 16, uint(60)
	for size*3 < n*4 {
		size, shift = size*2, shift-1
	}
	t.keys, t.vals, t.shift, t.n = make([]uint64, size), make([]V, size), shift, 0
}

// Put sets the value of key k, as a map assignment does, doubling the
// table first when it would be more than three quarters full.
func (t *Table[V]) Put(k uint64, v V) {
	if k == 0 {
		t.zero, t.zeroVal = true, v
		return
	}
	if (t.n+1)*4 > len(t.keys)*3 {
		keys, vals := t.keys, t.vals
		t.alloc(2 * (t.n + 1))
		for i, k := range keys {
			if k != 0 {
				t.Put(k, vals[i])
			}
		}
	}
	mask := len(t.keys) - 1
	i := t.slot(k)
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & mask
	}
	if t.keys[i] == 0 {
		t.keys[i] = k
		t.n++
	}
	t.vals[i] = v
}

// slot returns where the search for key k starts.
func (t *Table[V]) slot(k uint64) int {
	return int(k * 0x9E3779B97F4A7C15 >> t.shift)
}

// Get returns the value of key k and whether the table has k; the zero
// value of V and false when it does not.
func (t *Table[V]) Get(k uint64) (V, bool) {
	if k == 0 {
		return t.zeroVal, t.zero
	}
	if len(t.keys) == 0 {
		var zero V
		return zero, false
	}
	mask := len(t.keys) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			var zero V
			return zero, false
		}
	}
}

// Len returns the number of keys in the table.
func (t *Table[V]) Len() int {
	if t.zero {
		return t.n + 1
	}
	return t.n
}

// All yields the table's keys and values, in no particular order.
func (t *Table[V]) All(yield func(k uint64, v V) bool) {
	if t.zero && !yield(0, t.zeroVal) {
		return
	}
	for i, k := range t.keys {
		if k != 0 && !yield(k, t.vals[i]) {
			return
		}
	}
}
