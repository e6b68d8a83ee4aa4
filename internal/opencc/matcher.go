package opencc

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// A matcher finds, at a position of a text, the match that an OpenCC
// dictionary (or group of dictionaries) selects there. It is a trie over
// runes: the first rune is looked up in a two-level table, later runes in an
// open-addressing hash of (node, rune) edges. Every terminal node stores the
// value of the highest-priority dictionary that has its key.
//
// Priorities implement OpenCC's group policies. A "short_circuit" group
// takes the first member that has any prefix match, so its members get
// increasing priorities (levels); a "union" group takes the longest match
// of all members, the earlier member on a tie, so its members share one
// level. At a position the winner is the longest key of the lowest level
// that matches.
type matcher struct {
	name string
	hi   [0x110000 >> 8]uint32 // rune>>8 → block offset into lo (0: empty block)
	lo   []uint32              // rune&0xff within a block → first node (0: none)
	bmp  *[0x10000]uint16      // first node of each BMP rune, a flat copy of hi/lo
	// firstBits has bit r set when a key starts with the BMP rune r: a
	// compact copy of bmp for skip.
	firstBits *[0x10000 / 64]uint64
	// dense3 is bmp for the three-byte characters of the lead bytes of
	// dense3Leads, indexed by utf8x.Index3 of their UTF-8, which is packed in
	// fewer operations than the character: the table of the scan loops of
	// a dense matcher (nextChange, replaceInPlace), built for dense
	// matchers only (see run).
	dense3 *[utf8x.Index3Size]uint16
	nodes  []node
	// edges is an open-addressing hash of the trie's edges below the first
	// level: slot = (parent<<21 | rune)<<20 | child, 0 = empty.
	edges []uint64
	shift uint

	vals   []string // default value of each key
	levels []uint8  // level of each key
	// ambiguous has bit v set when key v is a single character with several
	// candidates, which candidates lists.
	ambiguous []uint64
	identity  []uint64 // bit v set when value v equals its key
	// char3 has bit v set when key v is one three-byte character and
	// value v another one (燈 → 灯), the commonest replacement, which
	// ConvertRuns traces without looking at the bytes.
	char3      []uint64
	candidates map[int32][]string
	ascii      bool // some key starts with an ASCII byte
	maxRunes   int  // longest key, in runes
	// single is true when every key of levels 1 and up is one rune that
	// is not an ideographic description operator.
	single bool
	// sparse is true when few characters start a key (see skip).
	sparse bool
	// leads lists the first bytes of keys, and 0xE2 (ideographic
	// description characters), when there are at most maxLeads of them,
	// none ASCII (see skipLeads).
	leads []byte
	// first0 lists the dictionaries of level 0.
	first0  []*Dict
	nlevels int
}

type node struct {
	mask  uint64 // bit runeBit(r) set for the rune r of every child; 0: no children
	val   int32  // index into vals, -1: not a key
	level uint8  // levels[val], kept here to save a load
}

// runeBit maps a rune to one of 64 bits for the children filter. It is
// computed from the last two bytes of the rune's UTF-8 encoding (see
// bytesBit), so that the walk can test it before decoding.
func runeBit(r rune) uint64 {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if n == 1 {
		return bytesBit(0, buf[0])
	}
	return bytesBit(buf[n-2], buf[n-1])
}

// bytesBit is runeBit of the character whose encoding ends in b1, b2.
func bytesBit(b1, b2 byte) uint64 { return 1 << ((b2 ^ b1<<3) & 63) }

const (
	// sparseFirsts is the number of distinct first characters under which
	// a matcher is sparse.
	sparseFirsts = 2000
	noValue      = -1
	maxNodes     = 1 << 20
)

// newMatcher compiles levels of dictionaries (see matcher).
func newMatcher(name string, levels [][]*Dict) (*matcher, error) {
	if len(levels) > 255 {
		return nil, fmt.Errorf("matcher %s: too many dictionary levels", name)
	}
	m := &matcher{name: name, single: true, candidates: map[int32][]string{}}
	if len(levels) > 0 {
		m.first0 = levels[0]
	}
	m.nlevels = len(levels)
	m.lo = make([]uint32, 256) // block 0 stays empty
	// Keys are inserted in sorted order, merged across the dictionaries
	// (earlier level, then earlier dictionary, first on a tie), so that the
	// path of a key's common prefix with the previous key is on a stack and
	// a new edge never needs a lookup.
	var srcs []mergeSource
	nkeys, nrunes := 0, 0
	for level, lv := range levels {
		for _, d := range lv {
			srcs = append(srcs, mergeSource{d: d, level: level})
			nkeys += len(d.keys)
			for _, k := range d.keys {
				nrunes += utf8.RuneCountInString(k)
			}
		}
	}
	m.nodes = make([]node, 1, nrunes+1)
	m.nodes[0] = node{val: noValue}
	m.vals = make([]string, 0, nkeys)
	m.levels = make([]uint8, 0, nkeys)
	m.initEdges(nrunes - nkeys)
	// First-level nodes come first, so that they are numbered densely (the
	// BMP table holds 16-bit node numbers) and lie close together.
	for _, src := range srcs {
		for _, k := range src.d.keys {
			m.firstNode(firstRune(k), true)
		}
	}
	if len(m.nodes) > 0xFFFF {
		return nil, fmt.Errorf("matcher %s: too many distinct first characters", name)
	}
	var path []uint32 // path[k]: node after the key's first k+1 runes
	var prev string
	for {
		si := -1
		for j := range srcs {
			sj := &srcs[j]
			if sj.pos < len(sj.d.keys) && (si < 0 || sj.d.keys[sj.pos] < srcs[si].d.keys[srcs[si].pos]) {
				si = j
			}
		}
		if si < 0 {
			break
		}
		src := &srcs[si]
		key, cands, level := src.d.keys[src.pos], src.d.values[src.pos], src.level
		src.pos++
		// Runes shared with the previous key.
		cb := 0
		for cb < len(key) && cb < len(prev) && key[cb] == prev[cb] {
			cb++
		}
		if cb < len(key) {
			for cb > 0 && !utf8.RuneStart(key[cb]) {
				cb--
			}
		}
		common := utf8.RuneCountInString(key[:cb])
		path = path[:common]
		runes := common
		for _, r := range key[cb:] {
			var nd uint32
			if len(path) == 0 {
				nd = m.firstNode(r, true)
			} else {
				parent := path[len(path)-1]
				nd = uint32(len(m.nodes))
				m.nodes = append(m.nodes, node{val: noValue})
				m.addEdge(parent, r, nd)
				m.nodes[parent].mask |= runeBit(r)
			}
			path = append(path, nd)
			runes++
		}
		prev = key
		if len(m.nodes) >= maxNodes {
			return nil, fmt.Errorf("matcher %s: more than %d trie nodes", name, maxNodes)
		}
		if key[0] < 0x80 {
			m.ascii = true
		}
		if level > 0 && (runes != 1 || idsArity(firstRune(key)) != 0) {
			m.single = false
		}
		m.maxRunes = max(m.maxRunes, runes)
		n := &m.nodes[path[len(path)-1]]
		if n.val != noValue && int(m.levels[n.val]) <= level {
			continue // an earlier dictionary of this or a higher level has the key
		}
		vi := int32(len(m.vals))
		m.vals = append(m.vals, defaultValue(cands))
		m.levels = append(m.levels, uint8(level))
		if def := m.vals[vi]; def == key {
			for len(m.identity) <= int(vi)/64 {
				m.identity = append(m.identity, 0)
			}
			m.identity[vi/64] |= 1 << (vi % 64)
		}
		if def := m.vals[vi]; def != key && len(key) == 3 && key[0]&0xF0 == 0xE0 && len(def) == 3 && valid3(def) {
			for len(m.char3) <= int(vi)/64 {
				m.char3 = append(m.char3, 0)
			}
			m.char3[vi/64] |= 1 << (vi % 64)
		}
		if amb := ambiguousCandidates(key, cands); amb != nil {
			for len(m.ambiguous) <= int(vi)/64 {
				m.ambiguous = append(m.ambiguous, 0)
			}
			m.ambiguous[vi/64] |= 1 << (vi % 64)
			m.candidates[vi] = amb
		}
		n.val, n.level = vi, uint8(level)
	}
	m.bmp = new([0x10000]uint16)
	m.firstBits = new([0x10000 / 64]uint64)
	// The BMP's blocks of 256 runes that start no key (block 0 of lo)
	// stay zero: most of them, so that this costs half of copying every
	// rune's entry (3.3M fewer instructions per matcher).
	firsts := 0
	for blk, b := range m.hi[:0x100] {
		if b == 0 {
			continue
		}
		base := rune(blk) << 8
		for j, n := range m.lo[b : b+256] {
			if n != 0 {
				r := base + rune(j)
				m.bmp[r] = uint16(n)
				firsts++
				m.firstBits[r>>6] |= 1 << (r & 63)
			}
		}
	}
	m.sparse = firsts < sparseFirsts
	var leads [256]bool
	leads[0xE2] = true // U+2FF0..U+2FFF: an ideographic description sequence must be seen
	for _, lv := range levels {
		for _, d := range lv {
			for _, k := range d.keys {
				leads[k[0]] = true
			}
		}
	}
	for b, ok := range leads {
		if ok {
			m.leads = append(m.leads, byte(b))
		}
	}
	if len(m.leads) > maxLeads || len(m.leads) > 0 && m.leads[0] < 0x80 {
		m.leads = nil
	}
	if m.leads == nil && !m.sparse {
		m.dense3 = dense3Table(m)
	}
	return m, nil
}

// dense3Leads has bit k set when matcher.dense3 covers the lead byte
// 0xE0+k: all but E0 (whose overlong sequences next must see), E2 (the
// ideographic description operators U+2FF0–U+2FFF, likewise) and ED (the
// surrogates).
const dense3Leads = 0xDFFA

// dense3Table returns m.dense3, built from m.bmp: the first node of each
// character of dense3Leads (0 for none). The table has 256 Ki entries (512
// KiB); the pages of the lead bytes that start no key are never written.
func dense3Table(m *matcher) *[utf8x.Index3Size]uint16 {
	t := new([utf8x.Index3Size]uint16)
	for blk, b := range m.hi[:0x100] {
		if b == 0 || dense3Leads>>(blk>>4)&1 == 0 || blk < 0x10 {
			continue // no key starts in the block, or not covered
		}
		for r := rune(blk) << 8; r < rune(blk+1)<<8; r++ {
			if n := m.bmp[r]; n != 0 {
				t[utf8x.Index3(utf8x.Word3(r))] = n
			}
		}
	}
	return t
}

// maxLeads is the largest number of distinct first bytes of keys for which
// skipLeads searches for them.
const maxLeads = 3

// leadScan remembers, during one pass over a text, where each lead byte of
// a matcher occurs next.
type leadScan struct {
	next  [maxLeads]int
	valid [maxLeads]bool
}

// skipLeads returns the first offset from i on where one of m.leads — the
// only bytes that begin keys — occurs, or len(s). It finds them with
// strings.IndexByte, which is vectorised.
func (m *matcher) skipLeads(s string, i int, ls *leadScan) int {
	best := len(s)
	for k, b := range m.leads {
		if !ls.valid[k] || ls.next[k] < i {
			j := strings.IndexByte(s[i:], b)
			if j < 0 {
				ls.next[k] = len(s)
			} else {
				ls.next[k] = i + j
			}
			ls.valid[k] = true
		}
		best = min(best, ls.next[k])
	}
	return best
}

// isAmbiguous reports whether value v belongs to an ambiguous character.
//
// The bit sets of isAmbiguous, isIdentity and isChar3 are indexed with v
// as an unsigned number: a value is never negative here (noValue is
// handled before), and unsigned division and shift compile to a shift
// and a mask, where signed ones need corrections for negative numbers.
// They run for every match of the conversion loops.
func (m *matcher) isAmbiguous(v int32) bool {
	w := uint(v) / 64
	return w < uint(len(m.ambiguous)) && m.ambiguous[w]&(1<<(uint(v)%64)) != 0
}

// isIdentity reports whether value v equals its key: the match changes
// nothing.
func (m *matcher) isIdentity(v int32) bool {
	w := uint(v) / 64
	return w < uint(len(m.identity)) && m.identity[w]&(1<<(uint(v)%64)) != 0
}

// isChar3 reports whether key v is one three-byte character and value v
// another one.
func (m *matcher) isChar3(v int32) bool {
	w := uint(v) / 64
	return w < uint(len(m.char3)) && m.char3[w]&(1<<(uint(v)%64)) != 0
}

// firstNode returns the node for a key's first rune, creating it if asked.
func (m *matcher) firstNode(r rune, create bool) uint32 {
	b := m.hi[r>>8]
	if b == 0 {
		if !create {
			return 0
		}
		b = uint32(len(m.lo))
		m.lo = append(m.lo, make([]uint32, 256)...)
		m.hi[r>>8] = b
	}
	n := m.lo[b+uint32(r&0xff)]
	if n == 0 && create {
		n = uint32(len(m.nodes))
		m.nodes = append(m.nodes, node{val: noValue})
		m.lo[b+uint32(r&0xff)] = n
	}
	return n
}

const edgeHash = 0x9E3779B97F4A7C15

// initEdges sizes the edge table for n edges.
func (m *matcher) initEdges(n int) {
	size := 1 << bits.Len(uint(n*2+1))
	m.edges = make([]uint64, size)
	m.shift = uint(64 - bits.Len(uint(size-1)))
}

// addEdge adds the edge parent --r--> child, which must be new.
func (m *matcher) addEdge(parent uint32, r rune, child uint32) {
	k := uint64(parent)<<21 | uint64(r)
	mask := uint64(len(m.edges) - 1)
	h := (k * edgeHash) >> m.shift
	for m.edges[h&mask] != 0 {
		h++
	}
	m.edges[h&mask] = k<<20 | uint64(child)
}

// mergeSource is one dictionary in the sorted merge of newMatcher.
type mergeSource struct {
	d     *Dict
	level int
	pos   int
}

// firstRune returns the first rune of a non-empty string.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// child returns the child of node cur for rune r, or 0.
func (m *matcher) child(cur uint32, r rune) uint32 {
	k := uint64(cur)<<21 | uint64(r)
	mask := uint64(len(m.edges) - 1)
	h := (k * edgeHash) >> m.shift
	for {
		e := m.edges[h&mask]
		if e>>20 == k {
			return uint32(e & (1<<20 - 1))
		}
		if e == 0 {
			return 0
		}
		h++
	}
}

// match returns the length in bytes of the match at s[i:] and the index of
// its value, or (length of the character or ideographic description
// sequence at i, noValue) when nothing matches there. i < len(s).
func (m *matcher) match(s string, i int) (int, int32) {
	r, n := decodeRune(s, i)
	if n == 1 && r >= 0x80 { // invalid byte: never matches
		return 1, noValue
	}
	cur := m.first(r)
	if cur == 0 {
		return unmatchedLen(s, i, r, n), noValue
	}
	l, v := m.walk(s, i, i+n, cur)
	if v == noValue {
		return unmatchedLen(s, i, r, n), noValue
	}
	return l, v
}

// next is match with the common cases inline: an ASCII byte when no key
// starts with one, a three-byte character that starts no key or only a
// one-character key.
func (m *matcher) next(s string, i int) (int, int32) {
	c := s[i]
	if c < 0x80 {
		if !m.ascii {
			return 1, noValue
		}
	} else if c&0xF0 == 0xE0 && i < len(s)-2 {
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && r >= 0x800 && (r < 0x2FF0 || r > 0x2FFF) && (r < 0xD800 || r > 0xDFFF) {
			cur := uint32(m.bmp[uint16(r)])
			if cur == 0 {
				return 3, noValue
			}
			nd := m.nodes[cur]
			if nd.mask == 0 || i+3 == len(s) {
				return 3, nd.val
			}
			if l, v := m.walk(s, i, i+3, cur); v != noValue {
				return l, v
			}
			return 3, noValue
		}
	}
	return m.match(s, i)
}

// skip returns the first offset from i on where a key of m may start: it
// passes ASCII bytes when no key starts with one, and three-byte characters
// that start no key. It is used for sparse matchers, where most characters
// start no key.
func (m *matcher) skip(s string, i int) int {
	for i < len(s)-2 {
		c := s[i]
		if c < 0x80 {
			if m.ascii {
				return i
			}
			i++
			continue
		}
		if c&0xF0 != 0xE0 || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
			return i
		}
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r < 0x800 || uint32(r-0x2FF0) < 0x10 || uint32(r-0xD800) < 0x800 || m.firstBits[uint16(r)>>6]&(1<<(r&63)) != 0 {
			return i
		}
		i += 3
	}
	return i
}

// first returns the trie node of keys starting with r, or 0.
func (m *matcher) first(r rune) uint32 {
	if r < 0x10000 {
		return uint32(m.bmp[uint16(r)])
	}
	return m.lo[m.hi[(r>>8)&0x1fff]+uint32(r&0xff)]
}

// walk continues a match at s[j:] from node cur, reached from the first
// character s[i:j], and returns the length and value of the winning key, or
// (0, noValue).
func (m *matcher) walk(s string, i, j int, cur uint32) (int, int32) {
	nd := &m.nodes[cur]
	bestLen, bestVal, bestLevel := 0, int32(noValue), uint8(255)
	if nd.val != noValue {
		bestLen, bestVal, bestLevel = j-i, nd.val, nd.level
	}
	for nd.mask != 0 && j < len(s) {
		var r rune
		n := 3
		c := s[j]
		if c&0xF0 == 0xE0 && j < len(s)-2 {
			// Filter on the raw bytes first: most walks end here.
			b1, b2 := s[j+1], s[j+2]
			if nd.mask&bytesBit(b1, b2) == 0 || b1&0xC0 != 0x80 || b2&0xC0 != 0x80 {
				break
			}
			r = rune(c&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
			if r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
				break
			}
		} else {
			if c < 0x80 {
				r, n = rune(c), 1
			} else if r, n = decodeRune(s, j); n == 1 {
				break
			}
			if nd.mask&runeBit(r) == 0 {
				break
			}
		}
		cur = m.child(cur, r)
		if cur == 0 {
			break
		}
		j += n
		nd = &m.nodes[cur]
		if nd.val != noValue && nd.level <= bestLevel {
			bestLen, bestVal, bestLevel = j-i, nd.val, nd.level
		}
	}
	return bestLen, bestVal
}

// levelsName names a list of levels for caching and messages.
func levelsName(levels [][]*Dict) string {
	var b strings.Builder
	for i, lv := range levels {
		if i > 0 {
			b.WriteByte('>')
		}
		for j, d := range lv {
			if j > 0 {
				b.WriteByte('+')
			}
			b.WriteString(d.name)
		}
	}
	return b.String()
}
