package lm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/keytab"
)

// Punctuation statistics.
//
// The character model learns from dictionary words, which hold no
// punctuation: every full stop costs the same after any character and
// before any other, and 。 and 、, or ？ and ：, score alike. Where a
// repair must choose between marks (the byte behind a U+FFFD is often the
// last byte of one), PunctStats says which mark running text puts there. Its
// counts come from about 21 MB of clean Chinese prose in Debian's
// documentation packages (scripts/debian-corpus.sh, tools/genpunct): the
// token before each mark, the token after it, and whether the mark's
// sentence holds a question word (吗, 如何, 什么 …). Tokens are Han
// characters and marks themselves, and classes for the rest (line
// boundary, Latin letter, digit, space, other).
//
// Probabilities are the counts smoothed towards a back-off: before a mark,
// with weight punctPrior, the pooled Han contexts for a Han character (and
// the whole corpus otherwise); after a mark, with the weight of the number
// of distinct tokens seen after it (Witten-Bell: a mark followed by many
// kinds of token is followed by unseen ones too), the character model's
// Unigram for a Han character and the pooled marks otherwise. Neither goes
// more than punctShiftFloor below its back-off: the corpus is
// documentation, and other text puts marks where it does not. They are on
// the scale of the character model's Bigram and can stand in for it.

const punctMagic = "HPM1\n"

// punctPrior is the weight (in counts) of the back-off distribution.
const punctPrior = 10

// punctShiftFloor bounds, in nats, how far below its back-off the counts
// of one context may put a mark (Before) or a token after a mark (After).
// The counts come from documentation, where 设 is mostly 设置 and is
// followed by 、 about once in a million: that says little of 建设、 in
// the news, and a lost-byte search that believed it put 」 or 〝 for the
// 、 of 建设、 (E3 80 81 against E3 80 8D or 9D).
const punctShiftFloor = 2.3

// punctShiftScale is exp(-punctShiftFloor), the bound as a factor of the
// back-off's probability: the bound costs a multiplication, not a second
// logarithm.
var punctShiftScale = math.Exp(-punctShiftFloor)

// Token runes of the classes (tools/genpunct writes the same).
const (
	tokLine  = '\n'
	tokLatin = 'a'
	tokDigit = '0'
	tokSpace = ' '
	tokOther = 0x01
	tokHan   = 0x02
)

// PunctStats holds the punctuation statistics. It is immutable and safe for
// concurrent use.
type PunctStats struct {
	m       *Model
	marks   []rune
	index   map[rune]int
	qwords  [][]rune     // question words
	qlp     [][2]float32 // per mark: log P(q|mark)/P(q) for q = without, with a question word
	ctx     map[rune]punctContext
	global  []float64 // P(mark) before any token
	hanPool []float64 // P(mark) before a Han character
	after   []punctAfter
	pool    map[rune]float64 // P(token) after any mark, for class tokens and marks
	// counts holds the counts of the marks after each context and of the
	// tokens after each mark (markKey, tokenKey): one table rather than a
	// map for each of the thousands of contexts, cheaper to fill and to
	// read.
	counts *keytab.Table[int32]

	// Log-ratios of the bracket state (see Brackets).
	closeOpen, closeUnopened, endOpen float64

	// addBits has bit r set for the runes r in the BMP on which
	// Sentence.Add does more than remember r: those that end a sentence
	// and the last rune of every question word of at most three runes.
	// Add, asked for every character the lost-byte search tries,
	// compares the words only after such a rune.
	addBits *[0x10000 / 64]uint64
	// markBits has bit r set for the marks in the BMP: IsMark, asked
	// for every character the lost-byte search tries, answers from it
	// rather than from the map of marks.
	markBits *[0x10000 / 64]uint64
	// markRank counts the marks in the BMP before each word of markBits,
	// and byRank holds the index (in marks) of the BMP marks in the
	// order of their runes: markIndex finds a mark's index with them
	// rather than with the map.
	markRank *[0x10000 / 64]uint16
	byRank   []uint8
}

// punctContext is the count of one token before anything; its counts
// before each mark are in PunctStats.counts, under markKey(id, mark).
type punctContext struct {
	total int
	id    uint32
}

// punctAfter is the count of one mark; its counts of the tokens after it
// are in PunctStats.counts, under tokenKey(mark, token).
type punctAfter struct {
	total int
	// weight is the weight of the back-off: the number of distinct
	// tokens seen after the mark (Witten-Bell), at least punctPrior.
	weight float64
}

// markKey is the key in PunctStats.counts of the count of the mark of
// index k after the context numbered id.
func markKey(id uint32, k int) uint64 { return 1<<63 | uint64(id)<<8 | uint64(k) }

// tokenKey is the key in PunctStats.counts of the count of token t after
// the mark of index k (less than 256, so that the two kinds of key never
// meet).
func tokenKey(k int, t rune) uint64 { return uint64(k)<<32 | uint64(uint32(t)) }

var (
	punctOnce    sync.Once
	defaultPunct *PunctStats
)

// DefaultPunct returns the punctuation statistics embedded in the package,
// on the scale of Default, decoding them on first use. It panics only if the
// embedded data is corrupt, which the package tests rule out.
func DefaultPunct() *PunctStats {
	punctOnce.Do(func() {
		p, err := ParsePunct(punctData, Default())
		if err != nil {
			panic(fmt.Sprintf("lm: embedded punctuation statistics: %v", err))
		}
		defaultPunct = p
	})
	return defaultPunct
}

// ParsePunct decodes punctuation statistics in the format written by
// tools/genpunct, to be used with the character model m.
func ParsePunct(data []byte, m *Model) (*PunctStats, error) {
	if !bytes.HasPrefix(data, []byte(punctMagic)) {
		return nil, fmt.Errorf("parse punctuation statistics: bad magic: %w", errFormat)
	}
	rest := data[len(punctMagic):]
	head, body, ok := bytes.Cut(rest, []byte("\n\n"))
	if !ok {
		return nil, fmt.Errorf("parse punctuation statistics: no header end: %w", errFormat)
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) < 3 {
		return nil, fmt.Errorf("parse punctuation statistics: short header: %w", errFormat)
	}
	p := &PunctStats{m: m, index: map[rune]int{}, ctx: map[rune]punctContext{}, pool: map[rune]float64{}}
	p.markBits = new([0x10000 / 64]uint64)
	for _, r := range lines[0] {
		p.index[r] = len(p.marks)
		p.marks = append(p.marks, r)
		if r >= 0 && r < 0x10000 {
			p.markBits[r>>6] |= 1 << (r & 63)
		}
	}
	p.addBits = new([0x10000 / 64]uint64)
	for _, r := range sentenceEnds {
		p.addBits[r>>6] |= 1 << (r & 63)
	}
	for _, w := range strings.Fields(lines[1]) {
		rs := []rune(w)
		p.qwords = append(p.qwords, rs)
		if r := rs[len(rs)-1]; len(rs) <= 3 && r < 0x10000 {
			p.addBits[r>>6] |= 1 << (r & 63)
		}
	}
	if _, err := fmt.Sscanf(lines[2], "%g %g %g", &p.closeOpen, &p.closeUnopened, &p.endOpen); err != nil ||
		!finite(p.closeOpen) || !finite(p.closeUnopened) || !finite(p.endOpen) {
		return nil, fmt.Errorf("parse punctuation statistics: bracket ratios: %w", errFormat)
	}
	n := len(p.marks)
	if n == 0 || n > 255 {
		return nil, fmt.Errorf("parse punctuation statistics: %d marks: %w", n, errFormat)
	}
	p.markRank = new([0x10000 / 64]uint16)
	ranked := 0
	for i, w := range p.markBits {
		p.markRank[i] = uint16(ranked)
		ranked += bits.OnesCount64(w)
	}
	p.byRank = make([]uint8, ranked)
	for r, k := range p.index {
		if r >= 0 && r < 0x10000 {
			p.byRank[p.rankOf(r)] = uint8(k)
		}
	}
	bad := false
	u := func() int {
		if len(body) > 0 && body[0] < 0x80 { // most values fit one byte
			x := int(body[0])
			body = body[1:]
			return x
		}
		x, k := binary.Uvarint(body)
		if k <= 0 || x > 1<<40 {
			bad = true
			body = nil
			return 0
		}
		body = body[k:]
		return int(x)
	}
	quest := make([][2]int, n)
	var qTotal [2]int
	for k := range quest {
		quest[k] = [2]int{u(), u()}
		qTotal[0] += quest[k][0]
		qTotal[1] += quest[k][1]
	}
	nctx := u()
	if nctx > len(body) {
		return nil, fmt.Errorf("parse punctuation statistics: %d contexts: %w", nctx, errFormat)
	}
	// A count takes two bytes or more of the data, most of them two or
	// three.
	p.counts = keytab.Make[int32](len(body) / 3)
	count32 := func() int32 { return int32(min(u(), math.MaxInt32)) }
	last := rune(0)
	globalCount, globalTotal := make([]int, n), 0
	for id := range uint32(nctx) {
		t := last + rune(u())
		last = t
		total, count := u(), u()
		c := punctContext{total: total, id: id}
		global := t == tokHan || !isHanToken(t)
		for range count {
			if len(body) == 0 {
				bad = true
				break
			}
			k := int(body[0])
			body = body[1:]
			if k >= n {
				bad = true
				break
			}
			key, x := markKey(id, k), count32()
			if global {
				// A mark listed twice counts once, with its last count.
				if old, ok := p.counts.Get(key); ok {
					globalCount[k] -= int(old)
				}
				globalCount[k] += int(x)
			}
			p.counts.Put(key, x)
		}
		if bad {
			break
		}
		p.ctx[t] = c
		if global {
			globalTotal += c.total
		}
	}
	p.after = make([]punctAfter, n)
	poolCount, poolTotal := map[rune]int{}, 0
	for k := range p.after {
		total, count := u(), u()
		last := rune(0)
		for range count {
			if bad {
				break
			}
			t := last + rune(u())
			last = t
			x := count32()
			p.counts.Put(tokenKey(k, t), x)
			if !isHanToken(t) {
				poolCount[t] += int(x)
			}
		}
		poolTotal += total
		p.after[k] = punctAfter{total: total, weight: float64(max(count, punctPrior))}
	}
	if bad || len(body) != 0 {
		return nil, fmt.Errorf("parse punctuation statistics: truncated or trailing data: %w", errFormat)
	}
	han, ok := p.ctx[tokHan]
	if !ok || han.total == 0 || globalTotal == 0 || poolTotal == 0 {
		return nil, fmt.Errorf("parse punctuation statistics: no counts: %w", errFormat)
	}
	p.global = make([]float64, n)
	p.hanPool = make([]float64, n)
	p.qlp = make([][2]float32, n)
	qAll := float64(qTotal[0] + qTotal[1])
	for k := range n {
		// Add-one smoothing: a mark never seen there is still possible.
		p.global[k] = float64(globalCount[k]+1) / float64(globalTotal+n)
		p.hanPool[k] = float64(p.markCount(han, k)+1) / float64(han.total+n)
		all := float64(quest[k][0] + quest[k][1])
		for q := range 2 {
			// Add-one smoothing: a mark seen rarely says little.
			pq := (float64(quest[k][q]) + 1) / (all + 2)
			p.qlp[k][q] = float32(math.Log(pq / (float64(qTotal[q]) / qAll)))
		}
	}
	for t, c := range poolCount {
		p.pool[t] = float64(c) / float64(poolTotal)
	}
	return p, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// isHanToken reports whether token t is a Han character (not a class).
func isHanToken(t rune) bool {
	return t >= 0x3400 && t <= 0x9FFF || t >= 0x20000 && t <= 0x3FFFF
}

// token returns the token of r, by the rules tools/genpunct counted with
// (the generator is in another module and cannot share this code).
func (p *PunctStats) token(r rune) rune {
	switch {
	case isHanToken(r):
		return r
	case r == '\n' || r == '\r':
		return tokLine
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return tokLatin
	case r >= '0' && r <= '9':
		return tokDigit
	case r == ' ', r == '\t', r == '\u3000':
		return tokSpace
	}
	if p.IsMark(r) {
		return r
	}
	return tokOther
}

// IsMark reports whether r is one of the marks the statistics count.
func (p *PunctStats) IsMark(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return p.markBits[r>>6]&(1<<(r&63)) != 0
	}
	_, ok := p.index[r]
	return ok
}

// rankOf returns how many marks in the BMP come before r, one of them.
func (p *PunctStats) rankOf(r rune) int {
	return int(p.markRank[r>>6]) + bits.OnesCount64(p.markBits[r>>6]&(1<<(r&63)-1))
}

// markIndex returns the index of the mark r in marks, and whether r is a
// mark.
func (p *PunctStats) markIndex(r rune) (int, bool) {
	if r >= 0 && r < 0x10000 {
		if p.markBits[r>>6]&(1<<(r&63)) == 0 {
			return 0, false
		}
		return int(p.byRank[p.rankOf(r)]), true
	}
	k, ok := p.index[r]
	return k, ok
}

// Before returns log P(mark | prev), the probability that running text
// puts mark after prev (a line feed stands for the start of a line). mark
// must be a mark (IsMark).
func (p *PunctStats) Before(prev, mark rune) float64 {
	k, ok := p.markIndex(mark)
	if !ok {
		return p.m.Bigram(prev, mark)
	}
	t := p.token(prev)
	base := p.global[k]
	if isHanToken(t) {
		base = p.hanPool[k]
	}
	c, ok := p.ctx[t]
	if !ok {
		return math.Log(base)
	}
	return math.Log(max((float64(p.markCount(c, k))+punctPrior*base)/(float64(c.total)+punctPrior), base*punctShiftScale))
}

// After returns log P(next | mark), the probability that running text puts
// next after mark (a line feed stands for the end of a line). mark must be
// a mark (IsMark).
func (p *PunctStats) After(mark, next rune) float64 {
	k, ok := p.markIndex(mark)
	if !ok {
		return p.m.Bigram(mark, next)
	}
	t := p.token(next)
	var base float64
	if isHanToken(t) {
		base = math.Exp(p.m.Unigram(next))
	} else {
		base = p.pool[t]
		if base == 0 {
			base = math.Exp(p.m.Unigram(next))
		}
	}
	n, _ := p.counts.Get(tokenKey(k, t))
	a := &p.after[k]
	return math.Log(max((float64(n)+a.weight*base)/(float64(a.total)+a.weight), base*punctShiftScale))
}

// markCount returns how often the mark of index k followed the context c.
func (p *PunctStats) markCount(c punctContext, k int) int32 {
	n, _ := p.counts.Get(markKey(c.id, k))
	return n
}

// Question returns how much more (or less) likely mark is in a sentence
// that does (q) or does not hold a question word than in any sentence, in
// nats: log P(q | mark) / P(q).
func (p *PunctStats) Question(mark rune, q bool) float64 {
	k, ok := p.markIndex(mark)
	if !ok {
		return 0
	}
	if q {
		return float64(p.qlp[k][1])
	}
	return float64(p.qlp[k][0])
}

// Brackets returns what the state of the line's brackets says, in nats
// against the rate anywhere: of a closing mark whose opening mark is open
// (about +3.5: closing marks stand almost only there), of one whose opening
// mark is not, and of a line end while a bracket is open (about -1.8).
func (p *PunctStats) Brackets() (closeOpen, closeUnopened, endOpen float64) {
	return p.closeOpen, p.closeUnopened, p.endOpen
}

// Sentence tracks whether the sentence read so far holds a question word.
// The zero value is at the start of a sentence.
type Sentence struct {
	last [3]rune // the last runes, most recent last
	q    bool
}

// Question reports whether the sentence holds a question word.
func (s *Sentence) Question() bool { return s.q }

// sentenceEnds are the runes that end a sentence for Sentence.
var sentenceEnds = [...]rune{'\n', '\r', '。', '！', '？'}

// Add reads r with the question words of p: a line end or 。！？ ends the
// sentence.
func (s *Sentence) Add(p *PunctStats, r rune) {
	if u := uint32(r); u >= 0x10000 || p.addBits[u>>6]>>(u&63)&1 != 0 {
		s.add(p, r)
		return
	}
	s.last = [3]rune{s.last[1], s.last[2], r}
}

// add is Add for a rune that may end the sentence or a question word, or
// is outside the BMP.
func (s *Sentence) add(p *PunctStats, r rune) {
	switch r {
	case '\n', '\r', '。', '！', '？':
		*s = Sentence{}
		return
	}
	s.last = [3]rune{s.last[1], s.last[2], r}
	if s.q || !isHanToken(r) {
		return
	}
	for _, w := range p.qwords {
		if len(w) <= 3 && endsWith(s.last[:], w) {
			s.q = true
			return
		}
	}
}

func endsWith(s, w []rune) bool {
	if len(w) > len(s) {
		return false
	}
	for i := range w {
		if s[len(s)-len(w)+i] != w[i] {
			return false
		}
	}
	return true
}

// SentenceOf returns the state after reading the last line of text.
func (p *PunctStats) SentenceOf(text string) Sentence {
	if i := strings.LastIndexAny(text, "\n\r"); i >= 0 {
		text = text[i+1:]
	}
	var s Sentence
	for len(text) > 0 {
		r, n := utf8.DecodeRuneInString(text)
		s.Add(p, r)
		text = text[n:]
	}
	return s
}
