package pinyin

import (
	"strings"
	"sync"

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
	// For each character: its readings as in the dictionary (canonical,
	// tone-marked, default first) and their parsed form.
	marked map[rune][]string
	parsed map[rune][]reading
}

var data = sync.OnceValue(build)

func build() *tables {
	t := &tables{
		baseID: make(map[string]uint32, 512),
		marked: make(map[rune][]string, len(gopinyin.PinyinDict)),
		parsed: make(map[rune][]reading, len(gopinyin.PinyinDict)),
	}
	var buf [maxBase]byte
	for cp, list := range gopinyin.PinyinDict {
		r := rune(cp)
		var ms []string
		var ps []reading
		for _, m := range strings.Split(list, ",") {
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
			dup := false
			for _, q := range ps {
				dup = dup || q == p
			}
			if dup {
				continue
			}
			ms = append(ms, m)
			ps = append(ps, p)
		}
		if len(ps) > 0 {
			t.marked[r] = ms
			t.parsed[r] = ps
		}
	}
	return t
}

// Readings returns the readings of r in canonical tone-marked form,
// the most common first, or nil when r has none in the dictionary.
func Readings(r rune) []string {
	ms := data().marked[r]
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
	ps, ok := t.parsed[r]
	if !ok {
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
