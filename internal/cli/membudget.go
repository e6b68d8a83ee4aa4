package cli

import (
	"runtime/debug"
	"sync"
)

// memBudget raises the soft memory limit (-mem-limit) while large files are
// cleaned in text mode, where each file is one document read whole (JSON
// Lines keep to the limit, whatever their lines: memtest.sh holds them to
// it). Cleaning a document holds about 9 bytes of heap for each of its
// bytes at its peak (its text as each stage sees it, the mojibake stage's
// tables, the conversion's buffers): 280 MB for a 30 MB file of seed-like
// text. Under a limit below that the collector runs back to back, and
// returns memory to the system that the next allocation takes back,
// without keeping the process any smaller. So the limit is the configured
// one plus heapPerByte times the bytes of the large files in flight; small
// files, which the configured limit covers, leave it alone.
type memBudget struct {
	base     int64 // the configured limit; 0 when the CLI set none
	mu       sync.Mutex
	inFlight int64 // bytes of large documents being cleaned
}

// heapPerByte is how far the limit rises per byte of a large document.
// With 6, the 30 MB file above is cleaned in 1.2–1.4 s at 390 MB resident,
// against 1.7–2.2 s at 345 MB under the 150 MB default (8: 1.4–1.6 s at
// 410 MB).
const heapPerByte = 6

// largeDoc is the size from which a document raises the limit: below it,
// heapPerByte times its size is a small part of the default limit.
const largeDoc = 1 << 20

// heapWeight is the number of bytes that a text-mode document of n bytes
// counts for in the memory budget. A document cleaned in sections
// (-section) holds about half of what a whole one does, its text in and
// out and its sections' outputs, for the pipeline works on a few sections
// at a time: the 30 MB file above is cleaned in 0.59–0.69 s under a limit
// of 240 MB, as fast as under 330 MB, and in 0.76 s under 150 MB.
func (c *config) heapWeight(n int) int {
	if c.section > 0 && int64(n) > int64(c.section) {
		return n / 2
	}
	return n
}

// streamWeight is the number of bytes that a streamed text-mode document
// (one over -max-doc) counts for in the memory budget: Stream holds about
// one section per worker and two more, read and written.
func (c *config) streamWeight() int {
	return (c.jobs + 2) * int(c.section) / 2
}

// enter accounts for a document of n bytes that starts being cleaned.
func (m *memBudget) enter(n int) { m.add(int64(n)) }

// leave accounts for a document of n bytes that was cleaned.
func (m *memBudget) leave(n int) { m.add(-int64(n)) }

// add changes the bytes in flight by n, and the limit with them, for a
// large document.
func (m *memBudget) add(n int64) {
	if m.base <= 0 || n < largeDoc && n > -largeDoc {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inFlight += n
	debug.SetMemoryLimit(m.base + heapPerByte*m.inFlight)
}
