package pinyin

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// reading is a syllable id shifted left by 3 with the tone in the low bits.
type reading uint32

func (r reading) base() uint32 { return uint32(r) >> 3 }
func (r reading) tone() uint8  { return uint8(r & 7) }

// tables is the inventory and the readings, built once from go-pinyin's
// dictionary.
type tables struct {
	bases  []string          // toneless syllables, index = id
	baseID map[string]uint32 // toneless syllable → id
	// For each character, the range of its readings in marked and parsed:
	// offset<<4 | count. marked holds the readings as in the dictionary
	// (canonical, tone-marked, default first), parsed their parsed form.
	index  map[rune]uint32
	marked []string
	parsed []reading
}

var data = sync.OnceValue(build)

func build() *tables {
	n := len(gopinyin.PinyinDict)
	t := &tables{
		baseID: make(map[string]uint32, 512),
		index:  make(map[rune]uint32, n),
		marked: make([]string, 0, n+n/4),
		parsed: make([]reading, 0, n+n/4),
	}
	var buf [maxBase]byte
	for cp, list := range gopinyin.PinyinDict {
		off := len(t.parsed)
	readings:
		for rest := list; rest != ""; {
			var m string
			m, rest, _ = strings.Cut(rest, ",")
			n, tone, ok := parse(m, &buf)
			if !ok {
				continue // never happens with the current data; tested
			}
			if tone == ToneAny {
				tone = ToneNeutral // an unmarked dictionary reading is light-toned
			}
			id, seen := t.baseID[string(buf[:n])]
			if !seen {
				id = uint32(len(t.bases))
				b := string(buf[:n])
				t.bases = append(t.bases, b)
				t.baseID[b] = id
			}
			p := reading(id<<3 | uint32(tone))
			for _, q := range t.parsed[off:] {
				if q == p {
					continue readings
				}
			}
			t.marked = append(t.marked, m)
			t.parsed = append(t.parsed, p)
		}
		if cnt := len(t.parsed) - off; cnt > 0 && cnt < 16 {
			t.index[rune(cp)] = uint32(off)<<4 | uint32(cnt)
		}
	}
	return t
}

func (t *tables) readings(r rune) (marked []string, parsed []reading) {
	x, ok := t.index[r]
	if !ok {
		if x, ok = simplifiedFallback(t, r); !ok {
			return nil, nil
		}
	}
	off, cnt := x>>4, x&15
	return t.marked[off : off+cnt], t.parsed[off : off+cnt]
}

// Readings returns the readings of r in canonical tone-marked form,
// the most common first, or nil when r has none in the dictionary.
func Readings(r rune) []string {
	ms, _ := data().readings(r)
	if ms == nil {
		return nil
	}
	return append([]string(nil), ms...)
}

// HasReading reports whether syllable, in any accepted form, is one of the
// readings of r. A toneless syllable matches a reading of any tone; a
// neutral-tone one (zhe5, zhe0) only a light-toned reading. It does not
// allocate.
func HasReading(r rune, syllable string) bool {
	t := data()
	_, ps := t.readings(r)
	if ps == nil {
		return false
	}
	var buf [maxBase]byte
	n, tone, ok := parse(syllable, &buf)
	if !ok {
		return false
	}
	id, ok := t.baseID[string(buf[:n])]
	if !ok {
		return false
	}
	for _, p := range ps {
		if p.base() == id && (tone == ToneAny || tone == p.tone()) {
			return true
		}
	}
	return false
}

// Syllables returns the toneless syllable inventory (with ü), in no
// particular order.
func Syllables() []string { return append([]string(nil), data().bases...) }

// fallbacks caches, for Han characters without readings of their own, the
// index entry of their Simplified form (or 0 when it has none either).
var fallbacks sync.Map // rune → uint32

var t2s = sync.OnceValue(func() *convert.Converter {
	c, err := convert.New("t2s")
	if err != nil {
		return nil
	}
	return c
})

// simplifiedFallback returns the readings of the Simplified form of a
// Traditional character that go-pinyin's dictionary lacks (a few rare
// characters), found with OpenCC t2s.
func simplifiedFallback(t *tables, r rune) (uint32, bool) {
	if !(r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3134F) {
		return 0, false // only Han characters: the cache stays bounded
	}
	if x, ok := fallbacks.Load(r); ok {
		return x.(uint32), x.(uint32) != 0
	}
	var x uint32
	if c := t2s(); c != nil {
		s := c.Convert(string(r))
		if q, size := utf8.DecodeRuneInString(s); size == len(s) && q != r {
			x = t.index[q]
		}
	}
	fallbacks.Store(r, x)
	return x, x != 0
}
