// The hypotheses of the misalignment beam and the arena their output
// nodes and drop lists come from.

package mojibake

type outNode struct {
	r rune
	// word is the word model's score of the parent's history with r
	// (segmentNext), which wordStep computed when the node was emitted,
	// if wordOK: what histOf needs to extend the parent's history by r.
	wordOK bool
	word   float64
	parent *outNode
	hist   *wordHist // the history wordRankDelta reads after the node, made on first use
	// tri is the model's trigram context of the node's last two
	// characters + 1, -1 for none, 0 before trigramRankDelta first asks
	// (the characters tried after a node share it).
	tri int32
}

// nodeArena hands out the output nodes and the drop lists of one search
// from chunks, one allocation per chunk instead of one per character or
// dropped pair tried. The scorer keeps one arena for its searches: once a
// search is over nothing refers to its nodes, drop lists or histories
// (its repair and plan are copies), so the next search reuses the chunks
// (reset).
type nodeArena struct {
	nodes chunkList[outNode]
	drops chunkList[shiftDrop]
	hists chunkList[wordHist]
	bg    *bigramCache // the search's Bigram, for wordRankDelta
}

// reset readies the arena for a search with Bigram bg, reusing the chunks
// of the searches before.
func (a *nodeArena) reset(bg *bigramCache) {
	a.nodes.reset()
	a.drops.reset()
	a.hists.reset()
	a.bg = bg
}

// chunkList hands out elements from chunks that it keeps for reuse.
type chunkList[T any] struct {
	cur  []T   // the chunk being filled
	all  [][]T // the chunks made so far
	next int   // all[next:] are free
}

// room makes cur a chunk with room for n more elements: cur itself, the
// next free chunk, or a new one of size elements.
func (l *chunkList[T]) room(n, size int) {
	if cap(l.cur)-len(l.cur) >= n {
		return
	}
	if l.next < len(l.all) {
		l.cur = l.all[l.next][:0]
	} else {
		l.cur = make([]T, 0, size)
		l.all = append(l.all, l.cur)
	}
	l.next++
}

// reset frees all the chunks for reuse.
func (l *chunkList[T]) reset() {
	l.cur, l.next = nil, 0
}

// newHist returns a zero history for a node.
func (a *nodeArena) newHist() *wordHist {
	if a == nil {
		return new(wordHist)
	}
	a.hists.room(1, 16)
	a.hists.cur = append(a.hists.cur, wordHist{})
	return &a.hists.cur[len(a.hists.cur)-1]
}

// withDrop returns the drop list ds with d appended, in new memory and
// full to its capacity, so that appending to it copies (drop lists are
// shared by hypotheses and never change).
func (a *nodeArena) withDrop(ds []shiftDrop, d shiftDrop) []shiftDrop {
	n := len(ds) + 1
	if a == nil {
		return append(append(make([]shiftDrop, 0, n), ds...), d)
	}
	a.drops.room(n, 128)
	l := len(a.drops.cur)
	a.drops.cur = append(append(a.drops.cur, ds...), d)
	return a.drops.cur[l : l+n : l+n]
}

func (a *nodeArena) node(r rune, parent *outNode) *outNode {
	if a == nil {
		return &outNode{r: r, parent: parent}
	}
	a.nodes.room(1, 256)
	a.nodes.cur = append(a.nodes.cur, outNode{r: r, parent: parent})
	return &a.nodes.cur[len(a.nodes.cur)-1]
}

type shiftHyp struct {
	a        byte // first byte of the character being built; 0 = unknown (lost lead)
	prev     rune
	score    float64 // log-probability so far
	rank     float64 // score plus the document-cache bonus, for ranking
	out      *outNode
	lead     byte
	straddle uint16
	drops    []shiftDrop
	nOut     int
	arena    *nodeArena // shared by the hypotheses of a search
}

func (h *shiftHyp) emit(r rune, lp, bonus float64) {
	delta, word, ok := h.arena.wordStep(h.out, r)
	h.rank += lp + bonus + delta + h.arena.trigramRankDelta(h.out, r)
	h.out = h.arena.node(r, h.out)
	h.out.word, h.out.wordOK = word, ok
	h.prev = r
	h.score += lp
	h.nOut++
}

func (h *shiftHyp) add(x float64) {
	h.score += x
	h.rank += x
}
