package mojibake

import (
	_ "embed" // for the word list
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/keytab"
	"github.com/hanfix/hanfix/internal/lm"
)

// Word evidence in the ranking of misalignment repairs.
//
// The character model of package lm learns pairs inside dictionary words
// only, so every character after a word boundary costs about its unigram:
// a repair that restores more characters (a dropped private-use pair
// restores one) pays for each of them, although the words they form are
// ordinary (。您也可以 lost to 。牟可以). On runs made with the devset's
// forward model from Debian documentation, most wrong repairs were shorter
// than the original. A word unigram model with the best segmentation
// charges a word once, however many characters it has, and knows the
// frequency of one-character words (您, 也) as words.
//
// While the search emits a character, its rank (never its score, which
// decides acceptance) gets wordWeight times the difference between the
// cost of the character under the word model, given up to wordContext Han
// characters before it in the repair, and under the character model. The
// weight is a log-linear mixture of the two models; 0.4 was best on the
// synthetic runs (0.35 to 0.45 alike), and 0.5 already prefers 上海 to
// 上。 in seed 001. With the trigram estimate in the ranking too
// (trigramRankDelta), 0.2 and 0.3 repaired more of the held-out runs of
// scripts/shift-heldout.sh (1,274 and 1,270 of 2,527 lines exactly,
// against 1,257, before the trigram counts held the ends of runs), which
// are Debian documentation like the counts; but in the seed documents
// they read 日。考核 for 日常考核, where only the word 日常 speaks for the
// character.

//go:generate sh -c "cd ../../tools && go run ./genwords -out ../internal/mojibake/wordscore.bin"

// wordData is the word list written by tools/genwords from gse's s_1.txt
// and t_1.txt, the sources of package lm: 85,654 words of one to four Han
// characters with a probability of at least 10⁻⁶, their log-probabilities
// quantised to 0.1 nat, front-coded in 477,000 bytes.
//
//go:embed wordscore.bin
var wordData string

const (
	wordWeight  = 0.4
	wordContext = 4
)

var (
	wordsOnce sync.Once
	words     *keytab.Table[float32] // wordKey → log-probability
	wordBits  *wordFilter            // the keys of words, for quick misses
	// wordOne is the log-probability of each one-character word of
	// U+4E00–U+9FFF, +1 for characters that are no word: almost every
	// character the ranking asks about is one, and an array answers
	// without hashing.
	wordOne *[0x9FFF - 0x4E00 + 1]float32
)

// wordKey packs one to four BMP runes and their number.
func wordKey(rs []rune) uint64 {
	var k uint64
	for _, r := range rs {
		k = k<<16 | uint64(r)
	}
	return k | uint64(len(rs))<<62
}

// wordList returns the embedded word list, decoded on first use.
func wordList() *keytab.Table[float32] {
	wordsOnce.Do(func() {
		wordBits = new(wordFilter)
		wordOne = new([0x9FFF - 0x4E00 + 1]float32)
		for i := range wordOne {
			wordOne[i] = 1
		}
		// The filter and wordOne are filled as the words are decoded, not
		// by a walk over the map afterwards (7.4M of the CLI's 209M
		// start-up instructions). A word listed twice ends with its last
		// log-probability in wordOne, as in the map.
		words = parseWords(wordData, func(k uint64, lp float32) {
			wordBits.add(k)
			// wordKey of one rune r is 1<<62 | r (a four-rune key can
			// have the same top bits, since 4<<62 overflows).
			if r := rune(k & 0xFFFF); k>>16 == 1<<46 && isBMPHan(r) {
				wordOne[r-0x4E00] = lp
			}
		})
	})
	return words
}

// wordFilter is a Bloom filter of the word keys: most stretches the
// search asks about are not words, and two bits in one 64-bit word of a
// 128 KB table (which stays in the cache) answer that for about 99 % of
// them, where the map look-up costs a hash and a probe of a 2 MB table.
// A false positive only costs the map look-up it saves otherwise.
type wordFilter [1 << 14]uint64

func wordFilterHash(k uint64) (int, uint64) {
	h := k * 0x9E3779B97F4A7C15
	return int(h >> 50), 1<<(h>>20&63) | 1<<(h>>26&63)
}

func (f *wordFilter) add(k uint64) {
	i, bits := wordFilterHash(k)
	f[i] |= bits
}

// mayHave reports whether k may be a word key; false is certain.
func (f *wordFilter) mayHave(k uint64) bool {
	i, bits := wordFilterHash(k)
	return f[i]&bits == bits
}

// parseWords decodes the front-coded list (see tools/genwords), calling
// visit, unless nil, with each word's key and log-probability in the order
// of the list; a malformed list yields the words read before the damage.
//
// The words go into a keytab.Table: filling a Go map with the 85,654 words
// took 14M of the CLI's 217M start-up instructions.
func parseWords(data string, visit func(k uint64, lp float32)) *keytab.Table[float32] {
	m := keytab.Make[float32](90000)
	if len(data) < 4 || data[:4] != "HWS1" {
		return m
	}
	// The list's characters are three bytes long, decoded here without
	// a call: utf8.DecodeRune's call for each was 6M of the CLI's
	// start-up instructions, decodeRune's 4.9M. Other bytes go to
	// decodeRune.
	//
	// pre[j] is the key of the first j characters of the word before
	// their number is added, packed as wordKey packs them, so that a word
	// that shares j characters with the one before packs only the rest.
	var pre [5]uint64
	for i := 4; i+2 <= len(data); {
		shared, rest := int(data[i]>>4), int(data[i]&15)
		q := data[i+1]
		i += 2
		n := shared + rest
		if n == 0 || n > 4 || i+3*rest > len(data) {
			return m
		}
		for j := shared; j < n; j++ {
			r, sz := utf8.RuneError, 0 // utf8.DecodeRune of nothing
			if i+2 < len(data) && data[i] >= 0xE1 && data[i] <= 0xEF && data[i] != 0xED && data[i+1]&0xC0 == 0x80 && data[i+2]&0xC0 == 0x80 {
				// decodeRune's three-byte case.
				r, sz = rune(data[i]&0x0F)<<12|rune(data[i+1]&0x3F)<<6|rune(data[i+2]&0x3F), 3
			} else if i < len(data) { // in a malformed list
				r, sz = decodeRune(data, i)
			}
			pre[j+1] = pre[j]<<16 | uint64(r)
			i += sz
		}
		k, lp := pre[n]|uint64(n)<<62, -float32(q)/10
		m.Put(k, lp)
		if visit != nil {
			visit(k, lp)
		}
	}
	return m
}

// segmentStep sets best[i] to the log-probability of the BMP Han stretch
// rs[:i] under the word model, given best[:i] of its shorter prefixes
// (best[0] = 0): the best segmentation into listed words, characters
// outside the list scored by the character model's unigram. Steps 1 to
// len(rs) ≤ wordContext+1 are the dynamic programme of the stretch, which
// computes those of all its prefixes on the way.
func segmentStep(m *lm.Model, ws *keytab.Table[float32], rs []rune, i int, best *[wordContext + 2]float64) {
	best[i] = segmentNext(ws, rs, rs[i-1], m.Unigram(rs[i-1]), i, best)
}

// segmentNext returns what segmentStep sets best[i] to, with rs[i-1] = r
// given apart (rs may end before it) and uni, the model's Unigram(r).
func segmentNext(ws *keytab.Table[float32], rs []rune, r rune, uni float64, i int, best *[wordContext + 2]float64) float64 {
	// The scores are sums of log-probabilities, never NaN, and only
	// best[0] is 0: a comparison keeps the larger as max does, without
	// max's tests for NaN and the sign of zero.
	b := best[i-1] + uni
	// The stretch is BMP Han (wordRankDelta), so the one-character
	// word is in wordOne.
	if lp := wordOne[r-0x4E00]; lp <= 0 {
		if x := best[i-1] + float64(lp); x > b {
			b = x
		}
	}
	// wordKey(rs[i-n:i]), each from the one before: the runes packed so
	// far shift up as wordKey's loop shifts them.
	packed := uint64(r)
	for n := 2; n <= 4 && n <= i; n++ {
		packed |= uint64(rs[i-n]) << (16 * (n - 1))
		k := packed | uint64(n)<<62
		if !wordBits.mayHave(k) {
			continue
		}
		if lp, ok := ws.Get(k); ok {
			if x := best[i-n] + float64(lp); x > b {
				b = x
			}
		}
	}
	return b
}

func isBMPHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// wordRankDelta is the ranking correction for emitting r after the
// characters in out: wordWeight times the difference between what the word
// model and the character model charge for r, given up to wordContext Han
// characters before it.
func wordRankDelta(out *outNode, r rune) float64 {
	return (*nodeArena)(nil).wordRankDelta(out, r)
}

// wordHist is the history wordRankDelta reads before a character: the up
// to wordContext Han characters that end at an output node, and the word
// model's scores of their prefixes. Each node keeps its own once asked
// (a search emits up to a dozen characters after one node), and makes it
// from its parent's: the dynamic programme of the parent's history is that
// of a prefix of the node's, unless the node drops the oldest character.
type wordHist struct {
	n    int
	rs   [wordContext + 1]rune    // the history in rs[:n] (one more for the character after it)
	best [wordContext + 2]float64 // best[:n+1] of the history (segmentStep)
}

// noHist is the history of the nil node: none.
var noHist wordHist

// histOf returns the history that ends at out.
func (a *nodeArena) histOf(out *outNode) *wordHist {
	if out == nil {
		return &noHist
	}
	if out.hist != nil {
		return out.hist
	}
	h := a.newHist()
	if isBMPHan(out.r) {
		m, ws := lm.Default(), wordList()
		p := a.histOf(out.parent)
		if p.n < wordContext {
			*h = *p
			h.n++
			h.rs[p.n] = out.r
			if out.wordOK {
				// segmentStep's score, computed when out was emitted.
				h.best[h.n] = out.word
			} else {
				segmentStep(m, ws, h.rs[:h.n], h.n, &h.best)
			}
		} else {
			h.n = wordContext
			copy(h.rs[:], p.rs[1:wordContext])
			h.rs[wordContext-1] = out.r
			for i := 1; i <= h.n; i++ {
				segmentStep(m, ws, h.rs[:h.n], i, &h.best)
			}
		}
	}
	out.hist = h
	return h
}

// wordRankDelta is wordRankDelta(out, r), with the histories kept in the
// nodes.
func (a *nodeArena) wordRankDelta(out *outNode, r rune) float64 {
	delta, _, _ := a.wordStep(out, r)
	return delta
}

// wordStep returns wordRankDelta(out, r) and, with ok set, the word
// model's score of out's history with r, which histOf of a node of r
// after out would compute again (segmentStep): ok when r is Han and the
// history has fewer than wordContext characters, so that the node's
// history extends it.
func (a *nodeArena) wordStep(out *outNode, r rune) (delta, word float64, ok bool) {
	if !isBMPHan(r) {
		return 0, 0, false
	}
	m, ws := lm.Default(), wordList()
	h := a.histOf(out)
	n := h.n
	// The last step scores the history with r (without copying it);
	// best[n] is it without.
	uni := m.Unigram(r)
	word = segmentNext(ws, h.rs[:n], r, uni, n+1, &h.best)
	wordLP := word
	charLP := uni
	if n > 0 {
		wordLP -= h.best[n]
		if a != nil {
			charLP = a.bg.Bigram(h.rs[n-1], r)
		} else {
			charLP = m.Bigram(h.rs[n-1], r)
		}
	}
	return wordWeight * (wordLP - charLP), word, n < wordContext
}
