package mojibake

import "github.com/hanfix/hanfix/internal/lm"

// punctScorer scores the characters of a restored window: the character
// model for characters, the punctuation statistics of package lm for a
// mark and the character after it (the character model knows no
// punctuation: 。 and 、 cost the same anywhere), and what the brackets
// open on the line say of a closing mark or a line end. It is passed by
// value to each candidate's scoring, so that the candidates do not share
// its state.
type punctScorer struct {
	m    *lm.Model
	pm   *lm.PunctStats
	open brackets    // the brackets open on the line
	sent lm.Sentence // whether the sentence so far asks a question
	// memo remembers the statistics' look-ups; nil asks them each time.
	memo *punctMemo
}

// pair returns the log-probability of r after prev and reads r. Where
// neither prev nor r is a mark, that is the model's bigram of the two
// (plus what the brackets say of r), and pair returns that bigram too,
// with haveBigram set: lostWindow.logProb needs it for the trigram, and
// looking it up again cost a model look-up for most of its candidates.
func (s *punctScorer) pair(prev, r rune) (lp, bigram float64, haveBigram bool) {
	switch {
	case s.pm.IsMark(r):
		lp = s.memo.beforeMark(s.pm, prev, r) + s.pm.Question(r, s.sent.Question())
	case s.pm.IsMark(prev):
		lp = s.memo.afterMark(s.pm, prev, r)
	default:
		bigram, haveBigram = s.m.Bigram(prev, r), true
		lp = bigram
	}
	if bracketish(r) { // bracketLP adds nothing for the other runes, most of them
		lp += s.open.bracketLP(s.pm, r)
	}
	s.sent.Add(s.pm, r)
	return lp, bigram, haveBigram
}
