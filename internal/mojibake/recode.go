package mojibake

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// A recoding is one hop of a codec chain: text that was bytes in Orig and
// was decoded as Wrong. The repair encodes with Wrong and decodes with Orig.
type recoding struct {
	Orig, Wrong string
}

func (r recoding) String() string { return r.Orig + "<-" + r.Wrong }

// The recodings tried, in order.
var recodings = [...]recoding{
	{"utf8", "cp1252"},
	{"utf8", "gbk"},
	{"big5", "gbk"},
	{"gbk", "big5"},
	{"gbk", "cp950"}, // only where the stretch holds a character of cp950ETEN (see findRecodes)
}

func kindOf(chain []recoding) string {
	if len(chain) > 1 {
		return KindChain
	}
	switch chain[0] {
	case recoding{"utf8", "cp1252"}, recoding{"utf8", "latin1"}:
		return KindUTF8Latin
	case recoding{"utf8", "gbk"}:
		return KindUTF8GBK
	case recoding{"big5", "gbk"}:
		return KindBig5GBK
	}
	return KindGBKBig5
}

// Fill is a byte that the wrong reader dropped, restored before the rune
// with index At (counted in runes from the start of the garbled span), or,
// when Lost is set, the byte that the U+FFFD (or the '?' of a reader that
// writes '?' instead, see questionLost) at rune index At stands for.
type Fill struct {
	At   int
	B    byte
	Lost bool
}

// recodeString applies one hop to all of s; ok is false unless every byte
// decodes.
func recodeString(s string, rc recoding) (string, bool) {
	return recodeFilled(s, rc, nil)
}

// recodeFilled is recodeString with dropped bytes restored.
func recodeFilled(s string, rc recoding, fills []Fill) (string, bool) {
	hb := hopBufs.Get().(*hopBuf)
	out, ok := hb.recode(s, rc, fills, false)
	hopBufs.Put(hb)
	return out, ok
}

// hopBufs keeps the buffers of recodeFilled for the next call: most of
// the hops that recodeSegment tries fail, and a hop that fails then
// allocates nothing.
var hopBufs = sync.Pool{New: func() any { return new(hopBuf) }}

// undoString is recodeString for a hop undone: s, a hop's repair, is
// encoded with the hop's original codec (rc.Wrong here) as the text was
// written, and decoded with its wrong codec (rc.Orig here). It differs
// from recodeString only where Big5 is rc.Wrong: the original codec
// writes 十 where Big5 text has it, not where big5WrongCodec does.
func undoString(s string, rc recoding) (string, bool) {
	hb := hopBufs.Get().(*hopBuf)
	out, ok := hb.recode(s, rc, nil, true)
	hopBufs.Put(hb)
	return out, ok
}

// hopBuf holds the bytes of a hop in the wrong codec (bs) and, unless the
// original codec is UTF-8, the UTF-8 of their decoding (out).
type hopBuf struct{ bs, out []byte }

// recode is recodeFilled with the buffers of hb, or with undo undoString.
func (hb *hopBuf) recode(s string, rc recoding, fills []Fill, undo bool) (string, bool) {
	if rc.Orig == "utf8" && (rc.Wrong == "cp1252" || rc.Wrong == "latin1") {
		return hb.recodeByteUTF8(s, rc.Wrong == "cp1252", fills)
	}
	return hb.recodeAny(s, rc, fills, undo)
}

// recodeAny is recode for any hop. Big5 in rc.Wrong is big5WrongCodec,
// unless the hop is undone (undoString), where it is the codec the text
// was written in.
func (hb *hopBuf) recodeAny(s string, rc recoding, fills []Fill, undo bool) (string, bool) {
	wrong, isCP1252, isGBK, isBig5 := codecNamed(rc.Wrong), rc.Wrong == "cp1252", rc.Wrong == "gbk", rc.Wrong == "big5" && !undo
	bs := hb.bs[:0]
	d := hopDecoder{orig: codecNamed(rc.Orig), utf8: rc.Orig == "utf8", out: hb.out[:0]}
	// fail keeps the buffers, as they have grown, for the next hop.
	fail := func() (string, bool) {
		hb.bs, hb.out = bs, d.out
		return "", false
	}
	if rc.Wrong == "utf8" && len(fills) == 0 {
		// The UTF-8 bytes of s are s, when every rune has them: no
		// invalid byte and no U+FFFD (the loop below fails on both).
		// (In valid UTF-8, the bytes of U+FFFD are U+FFFD: a substring
		// search finds it faster than decoding every rune.)
		if !utf8x.ValidString(s) || strings.Contains(s, "\uFFFD") {
			return fail()
		}
		bs = append(bs, s...)
		s = "" // nothing left to encode
	}
	i := 0
	for j := 0; j < len(s); {
		// The runes of s as ranging over it reads them, with the
		// three-byte runes of CJK text and the two-byte runes of
		// Latin-1 mojibake decoded inline.
		r, w := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := utf8x.Decode3(s, j); ok {
				r, w = r3, 3
			} else if r2, ok := utf8x.Decode2(s, j); ok {
				r, w = r2, 2
			} else {
				r, w = decodeRune(s, j)
			}
		}
		j += w
		if len(bs)-d.dec >= hopChunk && !d.decode(bs, false) {
			return fail()
		}
		for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
			bs = append(bs, fills[0].B)
			fills = fills[1:]
		}
		if len(fills) > 0 && fills[0].At == i && fills[0].Lost {
			if r != utf8.RuneError && r != '?' {
				return fail()
			}
			bs = append(bs, fills[0].B)
			fills = fills[1:]
			i++
			continue
		}
		// Static calls for the codecs of the hops, as in encodeWrong;
		// every codec writes ASCII as itself.
		var ok bool
		switch {
		case r < utf8.RuneSelf:
			bs, ok = append(bs, byte(r)), true
		case isCP1252:
			bs, ok = cp1252Codec{}.appendRune(bs, r)
		case isGBK:
			bs, ok = gbkCodec{}.appendRune(bs, r)
		case isBig5:
			bs, ok = appendWrongBig5(bs, r)
		default:
			bs, ok = wrong.appendRune(bs, r)
		}
		if !ok {
			return fail()
		}
		i++
	}
	for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
		bs = append(bs, fills[0].B)
		fills = fills[1:]
	}
	if len(fills) > 0 || !d.decode(bs, true) {
		return fail()
	}
	out := string(d.out)
	if d.utf8 {
		out = string(bs)
	}
	hb.bs, hb.out = bs, d.out
	return out, true
}

// recodeByteUTF8 is recode for a hop from UTF-8 read as windows-1252
// (cp1252) or ISO-8859-1, the hop of most long spans (Plan.undoHops
// replays each): every rune of s becomes one byte, looked up in a table
// in a loop of its own, without the calls of recode's loop for every
// rune, and the bytes are validated as UTF-8 a chunk at a time, as
// recode's hopDecoder does. (Replaying the spans of the devset's damaged
// inputs, it takes two thirds of the instructions recode took.) ASCII and
// the two-byte runes U+0080 to U+00FF, most of such text, are read byte
// by byte: both codecs write each of them as the byte of its value.
func (hb *hopBuf) recodeByteUTF8(s string, cp1252 bool, fills []Fill) (string, bool) {
	cp1252Tables()
	bs := hb.bs[:0]
	d := hopDecoder{utf8: true}
	// nextFill is the rune before which the next fill goes.
	nextFill := math.MaxInt
	if len(fills) > 0 {
		nextFill = fills[0].At
	}
	i := 0 // the runes of s so far
	for j := 0; j < len(s); {
		// ASCII and U+0080 to U+00FF up to the next fill and the next
		// chunk to validate, in a loop of their own: the loop below
		// without its tests for every rune.
		for n := min(nextFill-i, hopChunk-(len(bs)-d.dec)); n > 0 && j < len(s); n-- {
			if c := s[j]; c < utf8.RuneSelf {
				bs = append(bs, c)
				j++
			} else if c <= 0xC3 && c >= 0xC2 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
				bs = append(bs, c<<6|s[j+1]&0x3F)
				j += 2
			} else {
				break
			}
			i++
		}
		if j == len(s) {
			break
		}
		if len(bs)-d.dec >= hopChunk && !d.decode(bs, false) {
			hb.bs = bs
			return "", false
		}
		if i == nextFill {
			for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
				bs = append(bs, fills[0].B)
				fills = fills[1:]
			}
			lost := len(fills) > 0 && fills[0].At == i
			if lost {
				if r, _ := decodeRune(s, j); r != utf8.RuneError && r != '?' {
					hb.bs = bs
					return "", false
				}
				bs = append(bs, fills[0].B)
				fills = fills[1:]
			}
			nextFill = math.MaxInt
			if len(fills) > 0 {
				nextFill = fills[0].At
			}
			if lost {
				_, w := decodeRune(s, j)
				j += w
				i++
				continue
			}
		}
		c := s[j]
		switch {
		case c < utf8.RuneSelf:
			bs = append(bs, c)
			j++
		case c <= 0xC3 && c >= 0xC2 && j+1 < len(s) && s[j+1]&0xC0 == 0x80:
			// U+0080 to U+00FF: windows-1252 (see cp1252Codec) and
			// ISO-8859-1 write each as the byte of its value.
			bs = append(bs, c<<6|s[j+1]&0x3F)
			j += 2
		default:
			// The other runes of s as ranging over it reads them.
			r, w := rune(0), 2
			if r2, ok := utf8x.Decode2(s, j); ok {
				r = r2
			} else if r3, ok := utf8x.Decode3(s, j); ok {
				r, w = r3, 3
			} else {
				r, w = decodeRune(s, j)
			}
			// cp1252Codec.appendRune, or latin1Codec's.
			var b byte
			ok := false
			switch {
			case cp1252:
				if r < cp1252TabLen {
					if v := cp1252Tab[r]; v != 0 {
						b, ok = byte(v-1), true
					}
				}
			case r < 0x100:
				b, ok = byte(r), true
			}
			if !ok {
				hb.bs = bs
				return "", false
			}
			bs = append(bs, b)
			j += w
		}
		i++
	}
	for len(fills) > 0 && fills[0].At == i && !fills[0].Lost {
		bs = append(bs, fills[0].B)
		fills = fills[1:]
	}
	hb.bs = bs
	if len(fills) > 0 || !d.decode(bs, true) {
		return "", false
	}
	return string(bs), true
}

// hopChunk is how many bytes of a hop recodeFilled writes between two
// calls of hopDecoder.decode.
const hopChunk = 64

// hopDecoder decodes the bytes of a hop with the original codec while
// recodeFilled writes them, so that a hop whose bytes do not decode fails
// at the first bad character rather than after encoding all of its text
// (recodeSegment tries every hop on the repairs of whole spans, and most
// fail).
type hopDecoder struct {
	orig codec
	// utf8 is set for UTF-8, whose decoding fails exactly on invalid
	// bytes and re-encodes every valid rune as the bytes it came from:
	// the bytes are only validated, and they are the result.
	utf8 bool
	out  []byte // the UTF-8 of the runes decoded, unless utf8
	dec  int    // the bytes decoded (validated) so far
}

// decode decodes bs[d.dec:], all of it when final is set and otherwise up
// to where a character may continue into bytes not yet written, and
// reports whether it decoded.
func (d *hopDecoder) decode(bs []byte, final bool) bool {
	end := len(bs)
	if d.utf8 {
		if !final {
			// Stop at the last start byte: whatever sequence precedes it
			// is as complete there as it will ever be.
			for end--; end > d.dec && !utf8.RuneStart(bs[end]); end-- {
			}
		}
		if !utf8x.Valid(bs[d.dec:end]) {
			return false
		}
		d.dec = end
		return true
	}
	if !final {
		end -= utf8.UTFMax - 1 // a character has at most UTFMax bytes
	}
	if _, ok := d.orig.(cp1252Codec); ok && d.dec < end {
		// One byte a character, every byte one: the table without a
		// call for each (the repairs of long windows-1252 spans are
		// checked by encoding them back), and ASCII and the bytes from
		// 0xA0, whose characters are U+00A0 to U+00FF, written without
		// the table.
		cp1252Tables()
		for _, c := range bs[d.dec:end] {
			switch {
			case c < utf8.RuneSelf:
				d.out = append(d.out, c)
			case c >= 0xA0:
				d.out = append(d.out, 0xC0|c>>6, 0x80|c&0x3F)
			default:
				d.out = append(d.out, cp1252UTF8[c]...)
			}
		}
		d.dec = end
		return true
	}
	for d.dec < end {
		// Static calls for GBK and Big5, the original codecs of the CJK
		// hops.
		var r rune
		var n int
		switch d.orig.(type) {
		case gbkCodec:
			r, n = gbkCodec{}.decode(bs[d.dec:])
		case big5Codec:
			r, n = big5Codec{}.decode(bs[d.dec:])
		default:
			r, n = d.orig.decode(bs[d.dec:])
		}
		if n == 0 {
			return false
		}
		d.out = utf8.AppendRune(d.out, r)
		d.dec += n
	}
	return true
}
