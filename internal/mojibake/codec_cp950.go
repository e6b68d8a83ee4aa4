// Big5 as CPython's big5 and cp950 codecs read it: the ETEN extensions.

package mojibake

import (
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// cp950Codec is Big5 as CPython's big5 and cp950 codecs (Microsoft's code
// page 950) read and write it, which is how a Python program reads a page
// that says charset=big5. It is big5Codec but at the codes of the ETEN
// extensions (C6A1–C7FC: kana, Cyrillic, circled numbers), which
// golang.org/x/text reads as HKSCS does, one row or so apart
// (cp950ETEN): GBK's 器 (C6 F7) reads as ん there and as け in x/text.
// Only repairs use it, as a wrong codec (gbk<-cp950).
type cp950Codec struct{}

func (cp950Codec) name() string { return "cp950" }

// cp950Maps holds cp950ETEN both ways: dec by code, enc by character.
type cp950Maps struct {
	dec map[uint16]rune
	enc map[rune]uint16
}

var (
	cp950Once sync.Once
	cp950Map  cp950Maps
)

// etenBlock reports whether r lies in a block that holds characters of
// cp950ETEN (Cyrillic, the enclosed alphanumerics, CJK symbols and kana):
// a test before the look-up in cp950Maps.enc, which most runes of CJK
// text fail (TestETENBlocks checks that it covers the table).
func etenBlock(r rune) bool {
	return r>>8 == 0x04 || r>>8 == 0x24 || r>>8 == 0x30
}

// inETEN reports whether code lies in C6A1–C7FC, where cp950ETEN has all
// its codes (TestETENRange): a test before the look-up in cp950Maps.dec,
// which most codes of CJK text fail.
func inETEN(code uint16) bool { return code >= 0xC6A1 && code <= 0xC7FC }

func cp950() *cp950Maps {
	cp950Once.Do(func() {
		cp950Map.dec = make(map[uint16]rune, len(cp950ETEN))
		cp950Map.enc = make(map[rune]uint16, len(cp950ETEN))
		for _, p := range cp950ETEN {
			cp950Map.dec[p[0]] = rune(p[1])
			cp950Map.enc[rune(p[1])] = p[0]
		}
	})
	return &cp950Map
}

func (cp950Codec) appendRune(dst []byte, r rune) ([]byte, bool) {
	if r < 0x80 {
		return append(dst, byte(r)), true
	}
	m := cp950()
	if etenBlock(r) {
		if c, ok := m.enc[r]; ok {
			return append(dst, byte(c>>8), byte(c)), true
		}
	}
	n := len(dst)
	dst, ok := appendWrongBig5(dst, r)
	if ok && len(dst) == n+2 {
		code := uint16(dst[n])<<8 | uint16(dst[n+1])
		moved := false
		if inETEN(code) {
			_, moved = m.dec[code]
		}
		if moved || cp950Lacks(code) {
			// x/text writes r at a code that cp950 reads as another
			// character or not at all, and cp950 has r nowhere.
			return dst[:n], false
		}
	}
	return dst, ok
}

// cp950Lacks reports whether code, which x/text reads, is one that
// CPython's big5 or cp950 codec does not: the rows of HKSCS (81–A0, C8,
// FA–FE), the control pictures and € of A3C0–A3FE, C7FD–C7FE and the box
// drawing of F9D6–F9FE that only cp950 reads (TestCP950Lacks checks the
// rule against CPython).
func cp950Lacks(code uint16) bool {
	switch lead := code >> 8; {
	case lead >= 0x81 && lead <= 0xA0, lead == 0xC8, lead >= 0xFA:
		return true
	}
	return code >= 0xA3C0 && code <= 0xA3FE || code >= 0xC7FD && code <= 0xC7FE || code >= 0xF9D6 && code <= 0xF9FE
}

func (cp950Codec) decode(b []byte) (rune, int) {
	if len(b) >= 2 && b[0] >= 0x80 {
		code := uint16(b[0])<<8 | uint16(b[1])
		if inETEN(code) {
			if r, ok := cp950().dec[code]; ok {
				return r, 2
			}
		}
		if cp950Lacks(code) {
			return 0, 0
		}
	}
	return big5Codec{}.decode(b)
}

// hasETEN reports whether s holds a character that cp950 writes at a code
// of the ETEN extensions (cp950ETEN), which GBK text read by a cp950
// reader holds where GBK's rows C6 and C7 (其 前 器 起 请) were.
func hasETEN(s string) bool {
	m := cp950()
	for _, r := range s {
		if etenBlock(r) {
			if _, ok := m.enc[r]; ok {
				return true
			}
		}
	}
	return false
}

// cp950Margin is how much more probable (nats) a repair through the cp950
// reader must read than the repair of the same text through x/text's Big5
// for the cp950 one to stand.
const cp950Margin = 2.0

// cp950Stands reports whether the candidate c of the recoding gbk<-cp950
// stands: its garbled text holds a character of the ETEN extensions,
// which the two Big5 readers read from different bytes, and its repair
// reads clearly better than the repair through x/text's Big5, or that one
// does not decode. A span without such a character repairs the same
// either way, and GBK read by an HKSCS reader (Python's big5hkscs) holds
// them too, read from other bytes: 器 (C6 F7) is け there, which cp950
// writes as C7 5F, 频 in GBK.
func (a *analyzer) cp950Stands(c recodeCand) bool {
	garbled := a.text[c.start:c.end]
	if !hasETEN(garbled) {
		return false
	}
	alt, ok := recodeString(garbled, recoding{"gbk", "big5"})
	if !ok {
		return true
	}
	prev, next := lastRune(a.text[:c.start]), firstRune(a.text[c.end:])
	lc, _ := lpText(a.sc, prev, c.repair, next)
	lb, _ := lpText(a.sc, prev, alt, next)
	return lc-lb >= cp950Margin
}

// cp950Cands returns the candidates of found through the cp950 reader
// (recoding gbk<-cp950), which stand (cp950Stands), as stretches in sc.
func (a *analyzer) cp950Cands(found []recodeCand, sc *recodeScratch) []stretch {
	out := sc.cp950[:0]
	for _, c := range found {
		if len(c.chain) > 0 && c.chain[0] == (recoding{"gbk", "cp950"}) {
			out = append(out, stretch{c.start, c.end})
		}
	}
	sc.cp950 = out
	return out
}

// shadowedByCP950 reports whether c, a candidate through x/text's Big5
// reader (recoding gbk<-big5), overlaps a candidate through the cp950
// reader (cands, from cp950Cands) where the text they share holds
// characters of the ETEN extensions that read, through cp950, as more
// probable GBK characters than through x/text's Big5 (cp950Likely). The
// two readers read such a character from different bytes: there the text
// was read by a cp950 reader, and c repairs the character wrong (强, GBK
// C7 BF, is Ч through cp950, which x/text's Big5 writes as C8 4C, GBK's
// 萀). c may still gain more than the cp950 candidate, by covering more
// text (guessing the lost bytes that the cp950 candidate leaves); it is
// then not taken, and the text only c covers stays as it is (reported)
// unless another candidate repairs it. Where the shared characters read
// better through x/text's Big5, or c's text holds a character that only
// a reader of the rows of HKSCS writes (hkscsShown), c is taken as
// before: GBK read by an HKSCS reader holds ETEN characters too, from
// other bytes (キ, through cp950 荅, is 签 through Big5).
func (a *analyzer) shadowedByCP950(c recodeCand, cands []stretch) bool {
	if len(cands) == 0 || len(c.chain) == 0 || c.chain[0] != (recoding{"gbk", "big5"}) {
		return false
	}
	for _, st := range cands {
		lo, hi := max(st.i, c.start), min(st.j, c.end)
		if lo < hi && cp950Likely(a.text[lo:hi]) {
			return !hkscsShown(a.text[c.start:c.end])
		}
	}
	return false
}

// hkscsShown reports whether s, text misread as Big5, holds a character
// that a cp950 reader never writes and x/text's Big5 reads from a code
// that cp950 lacks (cp950Lacks: the rows of HKSCS and a few more): then a
// reader of those rows (WHATWG's, Python's big5hkscs) read s, not a cp950
// one, which fails there. GBK text read so holds them often: 人 任 认 入
// are GBK's row C8.
func hkscsShown(s string) bool {
	m := cp950()
	var b [4]byte
	for _, r := range s {
		if r < 0x80 || r == utf8.RuneError {
			continue
		}
		if _, ok := m.enc[r]; ok {
			continue
		}
		if bs, ok := (big5Codec{}).appendRune(b[:0], r); ok && len(bs) == 2 && cp950Lacks(uint16(bs[0])<<8|uint16(bs[1])) {
			return true
		}
	}
	return false
}

// cjkWrong reports whether the wrong codec wrong reads bytes as GBK or
// Big5 (either Big5 reader).
func cjkWrong(wrong string) bool { return wrong == "gbk" || big5Reader(wrong) }

// big5Reader reports whether the wrong codec wrong is a Big5 reader:
// x/text's (big5) or CPython's big5 and cp950 (cp950).
func big5Reader(wrong string) bool { return wrong == "big5" || wrong == "cp950" }

// cp950Likely reports whether s, text misread as Big5, holds characters of
// the ETEN extensions (hasETEN) whose GBK readings through cp950 are, in
// all, more probable than those through x/text's Big5: GBK read by a cp950
// reader holds them where GBK's common characters of rows C6 and C7 were
// (ん for 器), and GBK read by an HKSCS reader holds them too, read from
// other bytes, through cp950 rare characters (け for 器, through cp950 频).
// Only for such text is the recoding gbk<-cp950 tried: a stretch costs as
// much to read as through Big5.
func cp950Likely(s string) bool {
	m, lmod := cp950(), lm.Default()
	t := gbk()
	sum, n := 0.0, 0
	for _, r := range s {
		if !etenBlock(r) {
			continue
		}
		c, ok := m.enc[r]
		if !ok {
			continue
		}
		n++
		lp := func(code uint16) float64 {
			g := t.decode2(byte(code>>8), byte(code))
			if g == 0 {
				return -20 // no GBK character: no reading
			}
			return lmod.Unigram(g)
		}
		alt := -20.0
		var b [4]byte
		if bs, ok := (big5Codec{}).appendRune(b[:0], r); ok && len(bs) == 2 {
			alt = lp(uint16(bs[0])<<8 | uint16(bs[1]))
		}
		sum += lp(c) - alt
	}
	return n > 0 && sum > 0
}
