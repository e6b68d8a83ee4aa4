package mojibake

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// TestRecodeByteUTF8 checks that recode's loop for the hops from
// windows-1252 and ISO-8859-1 to UTF-8 gives what its loop for any hop
// gives, with dropped and lost bytes restored, on random text and on
// UTF-8 misread as those codecs.
func TestRecodeByteUTF8(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	hb := new(hopBuf)
	cp1252Tables()
	tried, ok := 0, 0
	for try := 0; try < 3000; try++ {
		s := randomPieces(rng)
		if try%7 == 0 {
			s = "caf\u00e9 \u0100" // ISO-8859-1 ends before U+0100
		}
		if try%2 == 0 {
			// UTF-8 read as windows-1252 or ISO-8859-1, most of whose hops
			// decode; U+FFFD stands in for a byte now and then.
			src := randomPieces(rng)
			for !utf8.ValidString(src) {
				src = randomPieces(rng)
			}
			var b []byte
			for _, c := range []byte(src) {
				r := rune(c)
				if try%4 == 0 {
					r = cp1252Dec[c]
				}
				if try%8 == 0 && rng.Intn(40) == 0 {
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			}
			s = string(b)
		}
		n := utf8.RuneCountInString(s)
		for _, rc := range []recoding{{"utf8", "cp1252"}, {"utf8", "latin1"}} {
			var fills []Fill
			at := 0
			for _, r := range s {
				switch {
				case (r == utf8.RuneError || try%5 == 0) && rng.Intn(2) == 0:
					fills = append(fills, Fill{At: at, B: byte(0x80 + rng.Intn(64)), Lost: true})
				case try%3 == 0 && rng.Intn(30) == 0:
					fills = append(fills, Fill{At: at, B: droppedBytes("cp1252")[rng.Intn(5)]})
				}
				at++
			}
			if rng.Intn(10) == 0 {
				fills = append(fills, Fill{At: n, B: 0x81})
			}
			got, gotOK := hb.recodeByteUTF8(s, rc.Wrong == "cp1252", fills)
			want, wantOK := hb.recodeAny(s, rc, fills, false)
			if got != want || gotOK != wantOK {
				t.Fatalf("%q %v fills %v: got %q %v, want %q %v", s, rc, fills, got, gotOK, want, wantOK)
			}
			tried++
			if gotOK {
				ok++
			}
		}
	}
	if ok < tried/10 {
		t.Fatalf("only %d of %d hops decoded", ok, tried)
	}
	t.Logf("%d hops, %d decoded", tried, ok)
}

// TestHopRunes checks what recodeSegment takes for granted: no hop of
// recodings gives more runes than it reads, on random text and on text
// whose hops decode (Chinese read as another codec).
func TestHopRunes(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	pieces := []string{"中文", "這個", "钻", "丂", "乗", "€", "a", "@", " ", "é", "Ã©", "ä¸\u00ad", "鎵", "锟斤拷", "平均範圍"}
	decoded := 0
	for try := 0; try < 20000; try++ {
		var s string
		for n := 1 + rng.Intn(8); n > 0; n-- {
			s += pieces[rng.Intn(len(pieces))]
		}
		if try%2 == 0 {
			// Text that some hop reads back: s misread through a
			// random recoding.
			if r, ok := recodeString(s, recodings[rng.Intn(len(recodings))]); ok {
				s = r
			}
		}
		for _, rc := range recodings {
			out, ok := recodeString(s, rc)
			if !ok {
				continue
			}
			decoded++
			if utf8.RuneCountInString(out) > utf8.RuneCountInString(s) {
				t.Fatalf("%v: %q (%d runes) gives %q (%d runes)", rc, s, utf8.RuneCountInString(s), out, utf8.RuneCountInString(out))
			}
		}
	}
	t.Logf("%d hops decoded", decoded)
}

// TestCP1252HopDecode checks hopDecoder's loop for windows-1252 bytes,
// which writes some characters without the table, against the table.
func TestCP1252HopDecode(t *testing.T) {
	cp1252Tables()
	var bs []byte
	var want string
	for c := 0; c < 256; c++ {
		bs = append(bs, byte(c))
		want += cp1252UTF8[c]
	}
	d := hopDecoder{orig: cp1252Codec{}}
	if !d.decode(bs, true) || string(d.out) != want {
		t.Fatalf("got %q, want %q", d.out, want)
	}
}

// TestHasRunes checks hasRunes against utf8.RuneCountInString, invalid
// bytes included.
func TestHasRunes(t *testing.T) {
	for _, s := range []string{"", "a", "中文", "\xff\xfe", "é\xe4\xb8", "中\xe4\xb8文x", "ab中"} {
		for n := 0; n <= 5; n++ {
			if got, want := hasRunes(s, n), utf8.RuneCountInString(s) >= n; got != want {
				t.Errorf("hasRunes(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// TestCP1252Latin1Bytes checks what encodeWrong and recodeByteUTF8 take
// for granted: windows-1252 (with the C1 controls, see cp1252Codec)
// writes each rune from U+0080 to U+00FF as the byte of its value.
func TestCP1252Latin1Bytes(t *testing.T) {
	for r := rune(0x80); r <= 0xFF; r++ {
		if b, ok := cp1252Byte(r); !ok || rune(b) != r {
			t.Errorf("cp1252Byte(%U) = %02X, %v", r, b, ok)
		}
	}
}
