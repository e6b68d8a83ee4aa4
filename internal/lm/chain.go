package lm

// Chain accumulates the log-likelihood of a rune sequence one rune at a
// time, for callers that decode as they score (encoding detection). It is
// the incremental form of LogProb: after adding the runes of s, LogProb()
// equals m.LogProb(s). A Chain is a small value; it does not allocate and is
// not safe for concurrent use.
type Chain struct {
	m     *Model
	total float64
	prev  rune
	pi    int
	n     int
}

// NewChain returns an empty Chain scoring with m.
func (m *Model) NewChain() Chain { return Chain{m: m} }

// Add scores r after the runes added so far and returns its log-probability.
func (c *Chain) Add(r rune) float64 {
	m := c.m
	ri := -1
	if r >= 0 && r < 0x10000 {
		ri = int(m.bmp[r].idx) - 1
	} else if r >= 0x10000 {
		ri = m.lookup(r)
	}
	var lp float64
	if c.n == 0 {
		lp = m.Unigram(r)
	} else {
		lp = m.bigram(c.prev, c.pi, r, ri)
	}
	c.total += lp
	c.prev, c.pi = r, ri
	c.n++
	return lp
}

// AddPenalty adds lp (normally negative) to the total without a rune, for
// evidence outside the model such as an invalid byte sequence.
func (c *Chain) AddPenalty(lp float64) { c.total += lp }

// LogProb returns the total log-likelihood so far.
func (c *Chain) LogProb() float64 { return c.total }

// Len returns the number of runes added.
func (c *Chain) Len() int { return c.n }

// Reset empties the chain.
func (c *Chain) Reset() { *c = Chain{m: c.m} }
