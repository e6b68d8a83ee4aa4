package opencc

import (
	"fmt"
	"math/bits"
	"strings"
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
	name  string
	hi    [0x110000 >> 8]uint32 // rune>>8 → block offset into lo (0: empty block)
	lo    []uint32              // rune&0xff within a block → first node (0: none)
	bmp   *[0x10000]uint32      // first node of each BMP rune, a flat copy of hi/lo
	nodes []node
	// edges is an open-addressing hash of the trie's edges below the first
	// level: slot = (parent<<21 | rune)<<20 | child, 0 = empty.
	edges []uint64
	shift uint

	vals   []string // default value of each key
	levels []uint8  // level of each key
	// ambiguous has bit v set when key v is a single character with several
	// candidates, which candidates lists.
	ambiguous  []uint64
	candidates map[int32][]string
	ascii      bool // some key starts with an ASCII byte
	maxRunes   int  // longest key, in runes
	// single is true when every key of levels 1 and up is one rune that
	// is not an ideographic description operator.
	single bool
	// first0 lists the dictionaries of level 0.
	first0  []*Dict
	nlevels int
}

type node struct {
	val  int32  // index into vals, -1: not a key
	mask uint32 // bit runeBit(r) set for the rune r of every child; 0: no children
}

// runeBit maps a rune to one of 32 bits for the children filter.
func runeBit(r rune) uint32 { return 1 << (uint32(r) * 0x9E3779B1 >> 27) }

const (
	noValue  = -1
	maxNodes = 1 << 20
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
	nkeys := 0
	for _, lv := range levels {
		for _, d := range lv {
			nkeys += len(d.keys)
		}
	}
	m.nodes = make([]node, 1, nkeys+nkeys/2+1)
	m.nodes[0] = node{val: noValue}
	m.vals = make([]string, 0, nkeys)
	m.levels = make([]uint8, 0, nkeys)
	edges := make(map[uint64]uint32, nkeys)
	for level, lv := range levels {
		for _, d := range lv {
			for i, key := range d.keys {
				cur := uint32(0)
				runes := 0
				for j, r := range key {
					runes++
					if j == 0 {
						cur = m.firstNode(r, true)
						continue
					}
					k := uint64(cur)<<21 | uint64(r)
					next, ok := edges[k]
					if !ok {
						next = uint32(len(m.nodes))
						m.nodes = append(m.nodes, node{val: noValue})
						edges[k] = next
					}
					m.nodes[cur].mask |= runeBit(r)
					cur = next
				}
				if len(m.nodes) >= maxNodes {
					return nil, fmt.Errorf("matcher %s: more than %d trie nodes", name, maxNodes)
				}
				if key[0] < 0x80 {
					m.ascii = true
				}
				if level > 0 && (runes != 1 || idsArity([]rune(key)[0]) != 0) {
					m.single = false
				}
				m.maxRunes = max(m.maxRunes, runes)
				n := &m.nodes[cur]
				if n.val != noValue && int(m.levels[n.val]) <= level {
					continue // an earlier dictionary of this or a higher level has the key
				}
				vi := int32(len(m.vals))
				m.vals = append(m.vals, defaultValue(d.values[i]))
				m.levels = append(m.levels, uint8(level))
				if amb := ambiguousCandidates(key, d.values[i]); amb != nil {
					for len(m.ambiguous) <= int(vi)/64 {
						m.ambiguous = append(m.ambiguous, 0)
					}
					m.ambiguous[vi/64] |= 1 << (vi % 64)
					m.candidates[vi] = amb
				}
				n.val = vi
			}
		}
	}
	m.buildEdges(edges)
	m.bmp = new([0x10000]uint32)
	for r := rune(0); r < 0x10000; r++ {
		m.bmp[r] = m.lo[m.hi[r>>8]+uint32(r&0xff)]
	}
	return m, nil
}

// isAmbiguous reports whether value v belongs to an ambiguous character.
func (m *matcher) isAmbiguous(v int32) bool {
	w := int(v) / 64
	return w < len(m.ambiguous) && m.ambiguous[w]&(1<<(v%64)) != 0
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

func (m *matcher) buildEdges(edges map[uint64]uint32) {
	size := 1 << bits.Len(uint(len(edges)*2+1))
	m.edges = make([]uint64, size)
	m.shift = uint(64 - bits.Len(uint(size-1)))
	mask := uint64(size - 1)
	for k, v := range edges {
		h := (k * edgeHash) >> m.shift
		for m.edges[h] != 0 {
			h = (h + 1) & mask
		}
		m.edges[h] = k<<20 | uint64(v)
	}
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
	} else if c&0xF0 == 0xE0 && i+2 < len(s) {
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && r >= 0x800 && (r < 0x2FF0 || r > 0x2FFF) && (r < 0xD800 || r > 0xDFFF) {
			cur := m.bmp[uint16(r)]
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

// first returns the trie node of keys starting with r, or 0.
func (m *matcher) first(r rune) uint32 {
	if r < 0x10000 {
		return m.bmp[uint16(r)]
	}
	return m.lo[m.hi[(r>>8)&0x1fff]+uint32(r&0xff)]
}

// walk continues a match at s[j:] from node cur, reached from the first
// character s[i:j], and returns the length and value of the winning key, or
// (0, noValue).
func (m *matcher) walk(s string, i, j int, cur uint32) (int, int32) {
	nd := m.nodes[cur]
	bestLen, bestVal, bestLevel := 0, int32(noValue), uint8(255)
	if nd.val != noValue {
		bestLen, bestVal, bestLevel = j-i, nd.val, m.levels[nd.val]
	}
	for nd.mask != 0 && j < len(s) {
		var r rune
		n := 3
		c := s[j]
		if c&0xF0 == 0xE0 && j+2 < len(s) && s[j+1]&0xC0 == 0x80 && s[j+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(s[j+1]&0x3F)<<6 | rune(s[j+2]&0x3F)
			if r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
				break
			}
		} else if c < 0x80 {
			r, n = rune(c), 1
		} else {
			r, n = decodeRune(s, j)
			if n == 1 {
				break
			}
		}
		if nd.mask&runeBit(r) == 0 {
			break
		}
		cur = m.child(cur, r)
		if cur == 0 {
			break
		}
		j += n
		nd = m.nodes[cur]
		if nd.val != noValue {
			if lv := m.levels[nd.val]; lv <= bestLevel {
				bestLen, bestVal, bestLevel = j-i, nd.val, lv
			}
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
