package mojibake

// dropEnd is a candidate for shiftTables.dropEnds: unigramKey of the
// character's unigram above its 16-bit GBK code, so that the smaller key
// is the likelier character, and the smaller code among equally likely
// ones.
type dropEnd uint64

// maxDropEnds is how many characters shiftTables.dropEnds keeps for each
// set of dropped leads.
const maxDropEnds = 10

// topKeys keeps the maxDropEnds smallest keys offered to it, in
// increasing order: the first ten of thousands of candidates without
// sorting them all (a full sort was 15M of the CLI's 210M start-up
// instructions). Keys are distinct, so the result does not depend on the
// order they come in.
type topKeys struct {
	keys [maxDropEnds]uint64
	n    int
}

// offer adds key if it is among the smallest so far.
func (t *topKeys) offer(key uint64) {
	if t.n == len(t.keys) {
		if key >= t.keys[t.n-1] {
			return
		}
		t.n--
	}
	i := t.n
	for ; i > 0 && t.keys[i-1] > key; i-- {
		t.keys[i] = t.keys[i-1]
	}
	t.keys[i] = key
	t.n++
}
