package mojibake

import (
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// A recoding is one hop of a codec chain: text that was bytes in Orig and
// was decoded as Wrong. The repair encodes with Wrong and decodes with Orig.
type recoding struct {
	Orig, Wrong string
}

func (r recoding) String() string { return r.Orig + "<-" + r.Wrong }

// The recodings tried, in order.
var recodings = []recoding{
	{"utf8", "cp1252"},
	{"utf8", "gbk"},
	{"big5", "gbk"},
	{"gbk", "big5"},
}

func kindOf(chain []recoding) string {
	if len(chain) > 1 {
		return KindChain
	}
	switch chain[0] {
	case recoding{"utf8", "cp1252"}:
		return KindUTF8Latin
	case recoding{"utf8", "gbk"}:
		return KindUTF8GBK
	case recoding{"big5", "gbk"}:
		return KindBig5GBK
	}
	return KindGBKBig5
}

// unit is the smallest aligned piece of a recoded stretch: garbled text
// [gs, ge) of the input that becomes rep.
type unit struct {
	gs, ge int
	rep    string
	ok     bool // the bytes decoded
	ident  bool // rep equals the garbled text
	lost   bool // the garbled text has U+FFFD: bytes were lost
}

// recodeUnits encodes text[start:end] with rc.Wrong and decodes with rc.Orig,
// cutting it into aligned units. A rune the wrong codec cannot encode
// (U+FFFD: lost bytes) becomes the byte 0xFF, which no original codec
// decodes, so the units around it stay unrepaired.
func recodeUnits(text string, start, end int, rc recoding, buf []byte) []unit {
	wrong, orig := codecs[rc.Wrong], codecs[rc.Orig]
	var tpos, bpos []int // start of each garbled rune in the text and in the bytes
	bs := buf[:0]
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		tpos, bpos = append(tpos, i), append(bpos, len(bs))
		var ok bool
		if bs, ok = wrong.appendRune(bs, r); !ok {
			bs = append(bs, 0xFF)
		}
		i += n
	}
	tpos, bpos = append(tpos, end), append(bpos, len(bs))
	var units []unit
	var rep []byte
	nr := len(tpos) - 1
	for k := 0; k < nr; {
		q, j := bpos[k], k+1 // j: next rune boundary at or after q
		rep = rep[:0]
		ok := true
		for {
			r, n := orig.decode(bs[q:])
			if n == 0 {
				ok = false
				break
			}
			rep = utf8.AppendRune(rep, r)
			q += n
			for j < nr && bpos[j] < q {
				j++
			}
			if bpos[j] == q {
				break
			}
			if q >= len(bs) {
				ok = false
				break
			}
		}
		if !ok {
			units = append(units, unit{gs: tpos[k], ge: tpos[k+1], lost: bs[bpos[k]] == 0xFF})
			k++
			continue
		}
		u := unit{gs: tpos[k], ge: tpos[j], rep: string(rep), ok: true}
		u.ident = u.rep == text[u.gs:u.ge]
		units = append(units, u)
		k = j
	}
	return units
}

func hasLost(lost map[int]bool, a, b int) bool {
	if len(lost) == 0 {
		return false
	}
	for i := a; i < b; i++ {
		if lost[i] {
			return true
		}
	}
	return false
}

// encodable reports whether every rune of s has bytes in the codec.
func encodable(c codec, s string) bool {
	var buf [8]byte
	for _, r := range s {
		if _, ok := c.appendRune(buf[:0], r); !ok {
			return false
		}
	}
	return true
}

// recodeString applies one hop to all of s; ok is false unless every byte
// decodes.
func recodeString(s string, rc recoding) (string, bool) {
	wrong, orig := codecs[rc.Wrong], codecs[rc.Orig]
	var bs []byte
	for _, r := range s {
		var ok bool
		if bs, ok = wrong.appendRune(bs, r); !ok {
			return "", false
		}
	}
	var b strings.Builder
	for i := 0; i < len(bs); {
		r, n := orig.decode(bs[i:])
		if n == 0 {
			return "", false
		}
		b.WriteRune(r)
		i += n
	}
	return b.String(), true
}

// lpText scores s with prev before it and next after it.
func lpText(m *lm.Model, ev *evidence, prev rune, s string, next rune) (lp float64, n int) {
	p := prev
	for _, r := range s {
		lp += m.Bigram(p, r) + ev.scriptLP(m, r)
		p = r
		n++
	}
	return lp + m.Bigram(p, next), n
}
