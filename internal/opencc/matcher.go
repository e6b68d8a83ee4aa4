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
	nodes []node
	// edges: open addressing, key = parent<<21 | rune, 0 = empty slot.
	ekeys []uint64
	evals []uint32
	shift uint

	vals       []string   // default value of each terminal
	candidates [][]string // ambiguous single-character candidates per value, or nil
	ascii      bool       // some key starts with an ASCII byte
	maxRunes   int
}

type node struct {
	val   int32 // index into vals, -1: not a key
	level uint8
	kids  bool
}

const noValue = -1

// newMatcher compiles levels of dictionaries (see matcher).
func newMatcher(name string, levels [][]*Dict) (*matcher, error) {
	if len(levels) > 255 {
		return nil, fmt.Errorf("matcher %s: too many dictionary levels", name)
	}
	m := &matcher{name: name}
	m.lo = make([]uint32, 256) // block 0 stays empty
	m.nodes = []node{{val: noValue}}
	edges := map[uint64]uint32{}
	vals := map[string]int32{}
	nkeys := 0
	for _, lv := range levels {
		for _, d := range lv {
			nkeys += len(d.keys)
		}
	}
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
						m.nodes[cur].kids = true
					}
					cur = next
				}
				if key[0] < 0x80 {
					m.ascii = true
				}
				m.maxRunes = max(m.maxRunes, runes)
				n := &m.nodes[cur]
				if n.val != noValue && int(n.level) <= level {
					continue // an earlier dictionary of this or a higher level has the key
				}
				def := defaultValue(d.values[i])
				vi, ok := vals[def+"\x00"+d.values[i]]
				amb := ambiguousCandidates(key, d.values[i])
				if !ok || amb != nil {
					vi = int32(len(m.vals))
					m.vals = append(m.vals, def)
					m.candidates = append(m.candidates, amb)
					if amb == nil {
						vals[def+"\x00"+d.values[i]] = vi
					}
				}
				n.val = vi
				n.level = uint8(level)
			}
		}
	}
	m.buildEdges(edges)
	return m, nil
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

func (m *matcher) buildEdges(edges map[uint64]uint32) {
	size := 1 << bits.Len(uint(len(edges)*2+1))
	m.ekeys = make([]uint64, size)
	m.evals = make([]uint32, size)
	m.shift = uint(64 - bits.Len(uint(size-1)))
	mask := uint64(size - 1)
	// Insert in a fixed order so that the table does not depend on map
	// iteration order (lookups do not care, but memory layout stays stable).
	for k, v := range edges {
		h := (k * 0x9E3779B97F4A7C15) >> m.shift
		for m.ekeys[h] != 0 {
			h = (h + 1) & mask
		}
		m.ekeys[h] = k
		m.evals[h] = v
	}
}

// child returns the child of node cur for rune r, or 0.
func (m *matcher) child(cur uint32, r rune) uint32 {
	k := uint64(cur)<<21 | uint64(r)
	mask := uint64(len(m.ekeys) - 1)
	h := (k * 0x9E3779B97F4A7C15) >> m.shift
	for {
		ek := m.ekeys[h]
		if ek == k {
			return m.evals[h]
		}
		if ek == 0 {
			return 0
		}
		h = (h + 1) & mask
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
	cur := m.lo[m.hi[r>>8]+uint32(r&0xff)]
	if cur == 0 {
		return unmatchedLen(s, i, r, n), noValue
	}
	nd := m.nodes[cur]
	bestLen, bestVal, bestLevel := 0, int32(noValue), uint8(255)
	if nd.val != noValue {
		bestLen, bestVal, bestLevel = n, nd.val, nd.level
	}
	j := i + n
	for nd.kids && j < len(s) {
		r2, n2 := decodeRune(s, j)
		if n2 == 1 && r2 >= 0x80 {
			break
		}
		cur = m.child(cur, r2)
		if cur == 0 {
			break
		}
		j += n2
		nd = m.nodes[cur]
		if nd.val != noValue && nd.level <= bestLevel {
			bestLen, bestVal, bestLevel = j-i, nd.val, nd.level
		}
	}
	if bestVal == noValue {
		return unmatchedLen(s, i, r, n), noValue
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
