package cli

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMemBudget(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const base = 100 << 20
	limit := func() int64 { return debug.SetMemoryLimit(-1) }

	m := memBudget{base: base}
	debug.SetMemoryLimit(base)
	m.enter(largeDoc / 2) // small: the configured limit covers it
	assert.Equal(t, int64(base), limit())
	m.enter(2 << 20)
	assert.Equal(t, int64(base+heapPerByte*(2<<20)), limit())
	m.enter(3 << 20)
	assert.Equal(t, int64(base+heapPerByte*(5<<20)), limit())
	m.leave(2 << 20)
	m.leave(largeDoc / 2)
	assert.Equal(t, int64(base+heapPerByte*(3<<20)), limit())
	m.leave(3 << 20)
	assert.Equal(t, int64(base), limit())

	// Without a configured limit (-mem-limit 0, or GOMEMLIMIT) nothing
	// changes.
	none := memBudget{}
	none.enter(8 << 20)
	assert.Equal(t, int64(base), limit())
	none.leave(8 << 20)
}

// TestHeapWeight: a document cleaned in sections counts for half of its
// bytes.
func TestHeapWeight(t *testing.T) {
	c := &config{section: 4 << 20}
	assert.Equal(t, 3<<20, c.heapWeight(3<<20))
	assert.Equal(t, 4<<20, c.heapWeight(4<<20))
	assert.Equal(t, 5<<19, c.heapWeight(5<<20))
	c.section = 0
	assert.Equal(t, 30<<20, c.heapWeight(30<<20))
}
