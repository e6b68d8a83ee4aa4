package mojibake

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/pinyin"
)

// Plan is a replayable repair: either a GBK misalignment repair or a chain
// of codec hops. Its textual form (String, ParsePlan) is compact, e.g.
//
//	gbk-shift lead=A1 drop@3=F9B5 end=ascii
//	gbk-shift straddle=E682 end=euro
//	gbk-shift lead=A1 end=lost:D8+20
//	utf8<-gbk
//	utf8<-cp1252 utf8<-cp1252
//	utf8<-gbk lost@7=80
//
// A gbk-shift plan names every byte the repair had to supply: the lost
// first byte (lead) or the straddling character whose reading was
// inserted, the dropped private-use pairs and where they were dropped
// (before token N), and how the run ended: an ASCII byte, € (0x80), a
// character whose last byte (and the ASCII byte after it) were lost, or a
// last token whose second byte was an ASCII character. A chain plan lists
// the hops "orig<-wrong" in the order they are undone.
type Plan struct {
	Shift *ShiftPlan
	Hops  []Hop
	// Fills are bytes the first hop's reader dropped (windows-1252
	// undefined bytes, deleted C1 controls), restored before the given rune
	// of the garbled text: "fill@N=XX"; or bytes a GBK, Big5 or
	// windows-1252 reader failed on, restored in place of the U+FFFD (or
	// the '?' of a reader that writes '?' instead) at the given rune:
	// "lost@N=XX". A plan has fills of one kind only.
	Fills []Fill
}

// Hop is one wrong decoding: bytes in Orig decoded as Wrong.
type Hop = recoding

// ErrNotLossless is returned by Apply when re-applying the mechanism to
// the repair does not give back the garbled text.
var ErrNotLossless = errors.New("mojibake: repair does not reproduce the garbled text")

// String returns the textual form of p.
func (p Plan) String() string {
	if p.Shift != nil {
		return p.Shift.String()
	}
	s := chainString(p.Hops)
	for _, f := range p.Fills {
		key := " fill@"
		if f.Lost {
			key = " lost@"
		}
		s += key + itoa(f.At) + "=" + string(hexDigits[f.B>>4]) + string(hexDigits[f.B&15])
	}
	return s
}

// ParsePlan parses the textual form of a plan.
func ParsePlan(s string) (Plan, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return Plan{}, errors.New("mojibake: empty plan")
	}
	if f[0] == "gbk-shift" {
		sp, err := parseShiftPlan(f[1:])
		if err != nil {
			return Plan{}, fmt.Errorf("mojibake: plan %q: %w", s, err)
		}
		return Plan{Shift: &sp}, nil
	}
	var p Plan
	for _, w := range f {
		if lost := strings.HasPrefix(w, "lost@"); lost || strings.HasPrefix(w, "fill@") {
			k, v, ok := strings.Cut(w[5:], "=")
			at, err := strconv.Atoi(k)
			if !ok || err != nil || at < 0 || len(p.Hops) == 0 {
				return Plan{}, fmt.Errorf("mojibake: plan %q: bad fill %q (want %sN=XX after the hops)", s, w, w[:5])
			}
			b, err := parseHexBytes(v, 1)
			switch {
			case err != nil || b[0] < 0x80:
				return Plan{}, fmt.Errorf("mojibake: plan %q: bad byte in %q (want 80–FF)", s, w)
			case !lost && b[0] > 0x9F:
				return Plan{}, fmt.Errorf("mojibake: plan %q: bad fill byte in %q (want 80–9F)", s, w)
			}
			if n := len(p.Fills); n > 0 && (p.Fills[n-1].At > at || p.Fills[n-1].Lost != lost) {
				return Plan{}, fmt.Errorf("mojibake: plan %q: fills out of order or of two kinds", s)
			}
			if lost && !cjkWrong(p.Hops[0].Wrong) && p.Hops[0].Wrong != "cp1252" {
				return Plan{}, fmt.Errorf("mojibake: plan %q: lost bytes are restored only for GBK, Big5 and windows-1252 readers", s)
			}
			if lost && p.Hops[0].Wrong == "cp1252" && !cp1252Undefined(b[0]) {
				return Plan{}, fmt.Errorf("mojibake: plan %q: bad byte in %q (a windows-1252 reader fails only on 81, 8D, 8F, 90 and 9D)", s, w)
			}
			p.Fills = append(p.Fills, Fill{At: at, B: b[0], Lost: lost})
			continue
		}
		if len(p.Fills) > 0 {
			return Plan{}, fmt.Errorf("mojibake: plan %q: hop %q after a fill", s, w)
		}
		o, wr, ok := strings.Cut(w, "<-")
		if !ok || codecs[o] == nil || codecs[wr] == nil || o == wr {
			return Plan{}, fmt.Errorf("mojibake: plan %q: bad hop %q (want orig<-wrong with codecs utf8, gbk, big5, cp950, cp1252, latin1)", s, w)
		}
		p.Hops = append(p.Hops, Hop{Orig: o, Wrong: wr})
	}
	return p, nil
}

func parseHexBytes(s string, n int) ([]byte, error) {
	if len(s) != 2*n {
		return nil, fmt.Errorf("want %d hex bytes, got %q", n, s)
	}
	out := make([]byte, n)
	for i := range out {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, fmt.Errorf("bad hex %q", s)
		}
		out[i] = byte(v)
	}
	return out, nil
}

func parseShiftPlan(f []string) (ShiftPlan, error) {
	var p ShiftPlan
	haveStart := false
	for _, w := range f {
		key, val, ok := strings.Cut(w, "=")
		if !ok {
			return p, fmt.Errorf("bad field %q", w)
		}
		switch {
		case key == "lead":
			b, err := parseHexBytes(val, 1)
			if err != nil {
				return p, err
			}
			p.Lead, haveStart = b[0], true
		case key == "straddle":
			b, err := parseHexBytes(val, 2)
			if err != nil {
				return p, err
			}
			p.Straddle, p.Lead, haveStart = uint16(b[0])<<8|uint16(b[1]), b[1], true
		case strings.HasPrefix(key, "drop@"):
			at, err := strconv.Atoi(key[5:])
			if err != nil || at < 0 {
				return p, fmt.Errorf("bad drop position %q", key)
			}
			b, err := parseHexBytes(val, 2)
			if err != nil {
				return p, err
			}
			if n := len(p.Drops); n > 0 && p.Drops[n-1].At > at {
				return p, fmt.Errorf("drops out of order")
			}
			p.Drops = append(p.Drops, shiftDrop{At: at, U: b[0], V: b[1]})
		case key == "end":
			name, arg, _ := strings.Cut(val, ":")
			switch name {
			case "ascii":
				p.End = endASCII
			case "euro":
				p.End = endEuro
			case "absorbed":
				p.End = endAbsorbed
			case "lost":
				p.End = endLost
				last, cons, hasCons := strings.Cut(arg, "+")
				b, err := parseHexBytes(last, 1)
				if err != nil {
					return p, err
				}
				p.Last = b[0]
				if hasCons {
					c, err := parseHexBytes(cons, 1)
					if err != nil {
						return p, err
					}
					p.Consumed = c[0]
				}
			default:
				return p, fmt.Errorf("bad end %q", val)
			}
		default:
			return p, fmt.Errorf("unknown field %q", w)
		}
	}
	if !haveStart || p.End == 0 {
		return p, errors.New("needs lead= or straddle=, and end=")
	}
	return p, nil
}

// Apply replays p on garbled and returns the repair. It fails when the
// plan does not fit the text or the repair is not lossless.
func (p Plan) Apply(garbled string) (string, error) {
	s, err := p.undoHops(garbled)
	if err == nil && p.Shift == nil && !reproduces(s, garbled, p.Hops, p.Fills) {
		return "", ErrNotLossless
	}
	return s, err
}

// errGarbledUTF8 is undoHops' error for garbled text that is not valid
// UTF-8.
var errGarbledUTF8 = errors.New("mojibake: garbled text is not valid UTF-8")

// undoHops is Apply without the test that a chain's repair is lossless
// (a misalignment repair is replayed whole).
//
// The first hop reads every rune of garbled, and an invalid byte reads
// as U+FFFD, which no codec writes (TestNoCodecWritesRuneError): unless
// a lost byte restored in its place lets it through, a hop fails on it.
// So without lost bytes garbled is validated only when a hop fails, to
// report why: most replays succeed, and validating every span cost 1% of
// Find's instructions on the development set's damaged inputs.
func (p Plan) undoHops(garbled string) (string, error) {
	if (p.Shift != nil || len(p.Hops) == 0 || len(p.Fills) > 0 && p.Fills[0].Lost) && !utf8.ValidString(garbled) {
		return "", errGarbledUTF8
	}
	if p.Shift != nil {
		return p.Shift.apply(garbled)
	}
	if len(p.Hops) == 0 {
		return "", errors.New("mojibake: empty plan")
	}
	s := garbled
	for i, h := range p.Hops {
		var fills []Fill
		if i == 0 {
			fills = p.Fills
		}
		var ok bool
		if s, ok = recodeFilled(s, h, fills); !ok {
			if !utf8.ValidString(garbled) {
				return "", errGarbledUTF8
			}
			return "", fmt.Errorf("mojibake: %s does not decode %q", h, trunc(garbled))
		}
	}
	return s, nil
}

// apply rebuilds the original GBK bytes of a misaligned run and decodes
// them in phase.
func (p *ShiftPlan) apply(garbled string) (string, error) {
	bs, _, err := p.bytes(garbled)
	if err != nil {
		return "", err
	}
	return decodeInPhase(gbk(), bs)
}

// bytes rebuilds the original GBK bytes of the misaligned run garbled
// under p, and the offsets in them of its dropped pairs, in the order of
// p.Drops.
func (p *ShiftPlan) bytes(garbled string) ([]byte, []int, error) {
	g := gbk()
	rest := garbled
	if !strings.HasPrefix(rest, "?") {
		return nil, nil, errors.New("mojibake: gbk-shift run must start with '?'")
	}
	rest = rest[1:]
	bs := []byte{p.Lead}
	if p.Straddle != 0 {
		syl, end := readPinyinClose(rest, 0)
		if end < 0 {
			return nil, nil, errors.New("mojibake: straddle plan needs ?pinyin) at the start")
		}
		s := g.decode2(byte(p.Straddle>>8), byte(p.Straddle))
		if s == 0 || !pinyin.HasReading(s, syl) {
			return nil, nil, fmt.Errorf("mojibake: straddle %04X is not a character read %s", p.Straddle, syl)
		}
		rest = rest[end:]
	} else if p.Lead < 0x81 || p.Lead == 0xFF {
		return nil, nil, fmt.Errorf("mojibake: lead byte %02X is not a GBK first byte", p.Lead)
	}
	// Tokens: all runes except a final terminator rune.
	toks := rest
	var term rune
	switch p.End {
	case endASCII, endEuro, endLost:
		r, n := utf8.DecodeLastRuneInString(rest)
		if n == 0 {
			return nil, nil, errors.New("mojibake: gbk-shift run has no terminator")
		}
		term, toks = r, rest[:len(rest)-n]
		switch {
		case p.End == endASCII && (r < 0x40 || r > 0x7E),
			p.End == endEuro && r != '€',
			p.End == endLost && r != '?':
			return nil, nil, fmt.Errorf("mojibake: run ends with %q, plan says %s", r, endNames[p.End])
		}
	}
	drops := p.Drops
	var offs []int
	k := 0
	for i := 0; i <= len(toks); k++ {
		for len(drops) > 0 && drops[0].At == k {
			d := drops[0]
			if !g.isDropped(d.U, d.V) {
				return nil, nil, fmt.Errorf("mojibake: pair %02X%02X is not one a decoder drops", d.U, d.V)
			}
			offs = append(offs, len(bs))
			bs = append(bs, d.U, d.V)
			drops = drops[1:]
		}
		if i == len(toks) {
			break
		}
		r, n := utf8.DecodeRuneInString(toks[i:])
		i += n
		switch {
		case r > 0x20 && r < 0x7F:
			bs = append(bs, 0xA3, byte(r)+0x80)
		default:
			b0, b1, sz := g.encode(r)
			if sz != 2 || g.isPUA(r) {
				return nil, nil, fmt.Errorf("mojibake: %q is not a GBK pair", r)
			}
			if b1 < 0x81 && !(p.End == endAbsorbed && i == len(toks)) {
				return nil, nil, fmt.Errorf("mojibake: %q cannot continue a misaligned run", r)
			}
			bs = append(bs, b0, b1)
		}
	}
	if len(drops) > 0 {
		return nil, nil, errors.New("mojibake: drop position past the end of the run")
	}
	switch p.End {
	case endASCII:
		bs = append(bs, byte(term))
	case endEuro:
		bs = append(bs, 0x80)
	case endLost:
		if p.Last < 0x80 || p.Last == 0xFF {
			return nil, nil, fmt.Errorf("mojibake: lost last byte %02X must be ≥ 0x80", p.Last)
		}
		bs = append(bs, p.Last)
		if p.Consumed != 0 {
			if p.Consumed >= 0x40 && p.Consumed < 0x7F || p.Consumed >= 0x80 {
				return nil, nil, fmt.Errorf("mojibake: swallowed byte %02X would have paired", p.Consumed)
			}
			bs = append(bs, p.Consumed)
		}
	}
	return bs, offs, nil
}

// decodeInPhase decodes the GBK bytes that ShiftPlan.bytes rebuilt: pairs,
// and ASCII bytes alone.
func decodeInPhase(g *gbkTable, bs []byte) (string, error) {
	var b strings.Builder
	for i := 0; i < len(bs); {
		c := bs[i]
		if c < 0x80 {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(bs) {
			return "", errors.New("mojibake: run ends inside a character")
		}
		r := g.decode2(c, bs[i+1])
		if r == 0 || g.isPUA(r) {
			return "", fmt.Errorf("mojibake: %02X%02X is not a character", c, bs[i+1])
		}
		b.WriteRune(r)
		i += 2
	}
	return b.String(), nil
}
