// The sort below is slices.SortFunc's pattern-defeating quicksort of Go
// 1.26 (slices/zsortanyfunc.go), Copyright 2022 The Go Authors, used under
// the BSD-style license of the Go project
// (https://go.dev/LICENSE): specialised to dropEndCand, with the
// comparison inline, and cut short past the first k places.

package mojibake

import "math/bits"

// dropEndCand is a candidate for dropEnds: a character's GBK code and
// its unigram.
type dropEndCand struct {
	code uint16
	lp   float64
}

// before reports whether x sorts before y: it has the larger unigram.
// (Unigrams are never NaN.)
func (x dropEndCand) before(y dropEndCand) bool { return x.lp > y.lp }

// sortTopDropEnds arranges data so that data[:k] holds what
// slices.SortFunc(data, cmp) would leave there, for cmp ordering by
// descending unigram and calling equal unigrams equal: the same elements
// in the same order, ties included. The rest of data is left in some
// order. shiftTabs keeps the first ten of thousands of candidates, and
// sorting them in full was 15M of the CLI's 210M start-up instructions.
//
// The algorithm is the one of slices.SortFunc, step for step, except that
// a stretch data[a:b] with a ≥ k is left as it is: each step of the sort
// moves elements within the stretch it works on (and reads the element
// before it, which an earlier step put in its final place), so what it
// does to a stretch after k changes nothing before k.
func sortTopDropEnds(data []dropEndCand, k int) {
	n := len(data)
	topPdqsort(data, 0, n, bits.Len(uint(n)), k)
}

// topInsertionSort sorts data[a:b] using insertion sort.
func topInsertionSort(data []dropEndCand, a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && data[j].before(data[j-1]); j-- {
			data[j], data[j-1] = data[j-1], data[j]
		}
	}
}

// topSiftDown implements the heap property on data[lo:hi]; first is an
// offset into the array where the root of the heap lies.
func topSiftDown(data []dropEndCand, lo, hi, first int) {
	root := lo
	for {
		child := 2*root + 1
		if child >= hi {
			break
		}
		if child+1 < hi && data[first+child].before(data[first+child+1]) {
			child++
		}
		if !data[first+root].before(data[first+child]) {
			return
		}
		data[first+root], data[first+child] = data[first+child], data[first+root]
		root = child
	}
}

// topHeapSort sorts data[a:b] using heap sort.
func topHeapSort(data []dropEndCand, a, b int) {
	first := a
	lo := 0
	hi := b - a
	for i := (hi - 1) / 2; i >= 0; i-- {
		topSiftDown(data, i, hi, first)
	}
	for i := hi - 1; i >= 0; i-- {
		data[first], data[first+i] = data[first+i], data[first]
		topSiftDown(data, lo, i, first)
	}
}

// topPdqsort sorts data[a:b] as far as it meets data[:k]; limit is the
// number of allowed bad (very unbalanced) pivots before falling back to
// heap sort.
func topPdqsort(data []dropEndCand, a, b, limit, k int) {
	const maxInsertion = 12
	var (
		wasBalanced    = true // whether the last partitioning was reasonably balanced
		wasPartitioned = true // whether the slice was already partitioned
	)
	for a < k {
		length := b - a
		if length <= maxInsertion {
			topInsertionSort(data, a, b)
			return
		}
		// Fall back to heap sort if too many bad choices were made.
		if limit == 0 {
			topHeapSort(data, a, b)
			return
		}
		// If the last partitioning was imbalanced, break patterns.
		if !wasBalanced {
			topBreakPatterns(data, a, b)
			limit--
		}
		pivot, hint := topChoosePivot(data, a, b)
		if hint == topDecreasing {
			topReverseRange(data, a, b)
			pivot = (b - 1) - (pivot - a)
			hint = topIncreasing
		}
		// The slice is likely already sorted.
		if wasBalanced && wasPartitioned && hint == topIncreasing {
			if topPartialInsertionSort(data, a, b) {
				return
			}
		}
		// Probably many elements equal the pivot: partition into those
		// equal to it and those greater.
		if a > 0 && !data[a-1].before(data[pivot]) {
			a = topPartitionEqual(data, a, b, pivot)
			continue
		}
		mid, alreadyPartitioned := topPartition(data, a, b, pivot)
		wasPartitioned = alreadyPartitioned
		leftLen, rightLen := mid-a, b-mid
		balanceThreshold := length / 8
		if leftLen < rightLen {
			wasBalanced = leftLen >= balanceThreshold
			topPdqsort(data, a, mid, limit, k)
			a = mid + 1
		} else {
			wasBalanced = rightLen >= balanceThreshold
			topPdqsort(data, mid+1, b, limit, k)
			b = mid
		}
	}
}

// topPartition does one quicksort partition around p = data[pivot]: it
// moves the elements of data[a:b] so that data[i] is before p for i <
// newpivot and data[j] not before p for j > newpivot, and data[newpivot]
// = p.
func topPartition(data []dropEndCand, a, b, pivot int) (newpivot int, alreadyPartitioned bool) {
	data[a], data[pivot] = data[pivot], data[a]
	i, j := a+1, b-1 // inclusive bounds of the elements left to partition
	for i <= j && data[i].before(data[a]) {
		i++
	}
	for i <= j && !data[j].before(data[a]) {
		j--
	}
	if i > j {
		data[j], data[a] = data[a], data[j]
		return j, true
	}
	data[i], data[j] = data[j], data[i]
	i++
	j--
	for {
		for i <= j && data[i].before(data[a]) {
			i++
		}
		for i <= j && !data[j].before(data[a]) {
			j--
		}
		if i > j {
			break
		}
		data[i], data[j] = data[j], data[i]
		i++
		j--
	}
	data[j], data[a] = data[a], data[j]
	return j, false
}

// topPartitionEqual partitions data[a:b], which has no element before
// data[pivot], into the elements equal to data[pivot] followed by those
// after it.
func topPartitionEqual(data []dropEndCand, a, b, pivot int) (newpivot int) {
	data[a], data[pivot] = data[pivot], data[a]
	i, j := a+1, b-1 // inclusive bounds of the elements left to partition
	for {
		for i <= j && !data[a].before(data[i]) {
			i++
		}
		for i <= j && data[a].before(data[j]) {
			j--
		}
		if i > j {
			break
		}
		data[i], data[j] = data[j], data[i]
		i++
		j--
	}
	return i
}

// topPartialInsertionSort partially sorts data[a:b], reporting whether it
// is sorted at the end.
func topPartialInsertionSort(data []dropEndCand, a, b int) bool {
	const (
		maxSteps         = 5  // maximum number of adjacent out-of-order pairs that will get shifted
		shortestShifting = 50 // don't shift any elements on short arrays
	)
	i := a + 1
	for j := 0; j < maxSteps; j++ {
		for i < b && !data[i].before(data[i-1]) {
			i++
		}
		if i == b {
			return true
		}
		if b-a < shortestShifting {
			return false
		}
		data[i], data[i-1] = data[i-1], data[i]
		// Shift the smaller one to the left.
		if i-a >= 2 {
			for j := i - 1; j >= 1; j-- {
				if !data[j].before(data[j-1]) {
					break
				}
				data[j], data[j-1] = data[j-1], data[j]
			}
		}
		// Shift the greater one to the right.
		if b-i >= 2 {
			for j := i + 1; j < b; j++ {
				if !data[j].before(data[j-1]) {
					break
				}
				data[j], data[j-1] = data[j-1], data[j]
			}
		}
	}
	return false
}

// topBreakPatterns scatters some elements around in an attempt to break
// patterns that might cause imbalanced partitions in quicksort.
func topBreakPatterns(data []dropEndCand, a, b int) {
	length := b - a
	if length >= 8 {
		random := uint64(length) // xorshift
		modulus := uint(1) << bits.Len(uint(length))
		for idx := a + (length/4)*2 - 1; idx <= a+(length/4)*2+1; idx++ {
			random ^= random << 13
			random ^= random >> 7
			random ^= random << 17
			other := int(uint(random) & (modulus - 1))
			if other >= length {
				other -= length
			}
			data[idx], data[a+other] = data[a+other], data[idx]
		}
	}
}

// topHint is what topChoosePivot found out about the order of a stretch.
type topHint int

const (
	topUnknown topHint = iota
	topIncreasing
	topDecreasing
)

// topChoosePivot chooses a pivot in data[a:b]: a static one below 8
// elements, the median of three below 50, Tukey's ninther from 50 on.
func topChoosePivot(data []dropEndCand, a, b int) (pivot int, hint topHint) {
	const (
		shortestNinther = 50
		maxSwaps        = 4 * 3
	)
	l := b - a
	var (
		swaps int
		i     = a + l/4*1
		j     = a + l/4*2
		k     = a + l/4*3
	)
	if l >= 8 {
		if l >= shortestNinther {
			i = topMedian(data, i-1, i, i+1, &swaps)
			j = topMedian(data, j-1, j, j+1, &swaps)
			k = topMedian(data, k-1, k, k+1, &swaps)
		}
		j = topMedian(data, i, j, k, &swaps)
	}
	switch swaps {
	case 0:
		return j, topIncreasing
	case maxSwaps:
		return j, topDecreasing
	default:
		return j, topUnknown
	}
}

// topOrder2 returns x, y where data[y] is not before data[x], with x, y =
// a, b or b, a.
func topOrder2(data []dropEndCand, a, b int, swaps *int) (int, int) {
	if data[b].before(data[a]) {
		*swaps++
		return b, a
	}
	return a, b
}

// topMedian returns x where data[x] is the median of data[a], data[b],
// data[c], with x one of a, b and c.
func topMedian(data []dropEndCand, a, b, c int, swaps *int) int {
	a, b = topOrder2(data, a, b, swaps)
	b, c = topOrder2(data, b, c, swaps)
	_, b = topOrder2(data, a, b, swaps)
	return b
}

// topReverseRange reverses data[a:b].
func topReverseRange(data []dropEndCand, a, b int) {
	i := a
	j := b - 1
	for i < j {
		data[i], data[j] = data[j], data[i]
		i++
		j--
	}
}
