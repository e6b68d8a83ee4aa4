package mojibake

import "github.com/hanfix/hanfix/internal/lm"

// Triples in the ranking of misalignment repairs.
//
// A dropped pair or a lost byte leaves a character to guess, and the
// character model ranks the guesses by the one character before them: it
// reads 设备区程序 for 设备驱动程序 and 如果重要 for 如果必要. The model's
// counts of three Han characters in a row (lm.Model.Trigram) know what
// running text writes after two characters. While the search emits a
// character after two Han characters, its rank (never its score, which
// decides acceptance) gets triWeight times what the trigram estimate adds
// to the bigram one. (It reorders what the search emits; the choices of
// a dropped pair are still made by the bigram estimate, so 如果然有 for
// 如果没有, where 没 is not among them, stays.)

// triWeight is the weight of the trigram estimate in the ranking. On the
// held-out runs of scripts/shift-heldout.sh (whose model is learned
// without the test lines), 0.3 repairs 1,260 of 2,527 lines exactly
// against 1,200 without (wrong: 995 against 1,056); before the counts
// held the ends of runs, 0.3, 0.5, 0.7 and 1.0 repaired 1,257, 1,253,
// 1,251 and 1,225. Half of it is the counts of unseen triples, which
// lower a character: with a bonus for seen triples alone, 1,229 lines
// (wrong: 1,026).
const triWeight = 0.3

// trigramRankDelta returns what the trigram estimate adds to the rank of r
// emitted after the characters of out: triWeight × (log P(r | p2 p1) −
// log P(r | p1)) for the last two characters p2 p1 of out when both are
// Han and the model has counts after them, 0 otherwise. r may be any
// character: for one that is not Han, the counts say how often a run of
// Han characters ends after p2 p1, so that a mark is held to the same
// counts as a Han character (one that the counts never saw after p2 p1
// costs alike).
func (a *nodeArena) trigramRankDelta(out *outNode, r rune) float64 {
	if out == nil {
		return 0
	}
	if out.tri == 0 {
		out.tri = triContextOf(a.bg.m, out)
	}
	if out.tri < 0 {
		return 0
	}
	lp2 := a.bg.Bigram(out.r, r)
	lp3 := a.bg.m.TrigramAt(int(out.tri-1), r, lp2)
	return triWeight * (lp3 - lp2)
}

// triContextOf returns what outNode.tri holds for out: the model's
// context of out's last two characters + 1, or -1 when they are not both
// Han or the model has no counts after them.
func triContextOf(m *lm.Model, out *outNode) int32 {
	if out.parent == nil || !isHan(out.r) || !isHan(out.parent.r) {
		return -1
	}
	ctx := m.TrigramContext(out.parent.r, out.r)
	if ctx < 0 {
		return -1
	}
	return int32(ctx) + 1
}
