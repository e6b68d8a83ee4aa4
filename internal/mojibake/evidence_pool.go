package mojibake

import (
	"math/bits"
	"sync"
)

// slicePool keeps released slices for reuse, by the log2 of their
// capacity, a power of two: the evidence of a document takes slices of
// about its size (its pair table, its readings' parentheses, the index of
// its pairs), and the documents of a pipeline differ in size. Reused,
// they spare the allocations and the collections they bring. It is safe
// for concurrent use.
type slicePool[T any] struct {
	classes [bits.UintSize]sync.Pool // *[]T
}

// get returns a slice whose length and capacity are a power of two, at
// least max(n, 1) and less than 4·max(n, 1): a released one of the
// smallest such size or twice it when the pool has one, whose elements
// hold what they held, or a new one of the smallest.
func (p *slicePool[T]) get(n int) []T {
	class := bits.Len(uint(max(n, 1) - 1))
	for c := class; c <= class+1 && c < len(p.classes); c++ {
		if s, _ := p.classes[c].Get().(*[]T); s != nil {
			return *s
		}
	}
	return make([]T, 1<<class)
}

// put keeps s, which nothing reads any more, for get. Slices whose
// capacity is not a power of two, which get does not make, are left to
// the collector.
func (p *slicePool[T]) put(s []T) {
	if c := cap(s); c > 0 && c&(c-1) == 0 {
		s = s[:c]
		p.classes[bits.TrailingZeros(uint(c))].Put(&s)
	}
}
