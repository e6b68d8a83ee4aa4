// The plan of a misalignment repair: how the run ends, the dropped pairs
// and the compact form of the plan.

package mojibake

import "strings"

// shiftEnd is how a misaligned run ends.
type shiftEnd uint8

const (
	endASCII    shiftEnd = iota + 1 // an ASCII letter or symbol is the last byte
	endEuro                         // € is the last byte 0x80
	endLost                         // "?" is the last byte, lost (with a consumed ASCII byte)
	endAbsorbed                     // the last token's second byte is an ASCII character
)

var endNames = [...]string{endASCII: "ascii", endEuro: "euro", endLost: "lost", endAbsorbed: "absorbed"}

// shiftDrop is a pair dropped by the decoder before token At.
type shiftDrop struct {
	At   int
	U, V byte
}

// ShiftPlan describes one GBK misalignment repair.
type ShiftPlan struct {
	Lead     byte   // the lost first byte, or the second byte of the straddling character
	Straddle uint16 // the straddling character's GBK code when the run starts with ?pinyin)
	Drops    []shiftDrop
	End      shiftEnd
	Last     byte // endLost: the lost last byte
	Consumed byte // endLost: the ASCII byte lost with it, 0 for none
}

// String returns the compact form of the plan, e.g.
// "gbk-shift lead=A1 drop@3=F9B5 end=ascii".
func (p ShiftPlan) String() string {
	var b strings.Builder
	b.WriteString("gbk-shift")
	if p.Straddle != 0 {
		b.WriteString(" straddle=")
		writeHex(&b, byte(p.Straddle>>8), byte(p.Straddle))
	} else {
		b.WriteString(" lead=")
		writeHex(&b, p.Lead)
	}
	for _, d := range p.Drops {
		b.WriteString(" drop@")
		b.WriteString(itoa(d.At))
		b.WriteByte('=')
		writeHex(&b, d.U, d.V)
	}
	b.WriteString(" end=")
	if int(p.End) < len(endNames) {
		b.WriteString(endNames[p.End])
	}
	if p.End == endLost {
		b.WriteByte(':')
		writeHex(&b, p.Last)
		if p.Consumed != 0 {
			b.WriteByte('+')
			writeHex(&b, p.Consumed)
		}
	}
	return b.String()
}

const hexDigits = "0123456789ABCDEF"

func writeHex(b *strings.Builder, bs ...byte) {
	for _, c := range bs {
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
