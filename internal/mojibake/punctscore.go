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
}

// pair returns the log-probability of r after prev and reads r.
func (s *punctScorer) pair(prev, r rune) float64 {
	var lp float64
	switch {
	case s.pm.IsMark(r):
		lp = s.pm.Before(prev, r) + s.pm.Question(r, s.sent.Question())
	case s.pm.IsMark(prev):
		lp = s.pm.After(prev, r)
	default:
		lp = s.m.Bigram(prev, r)
	}
	lp += s.open.bracketLP(s.pm, r)
	s.sent.Add(s.pm, r)
	return lp
}
