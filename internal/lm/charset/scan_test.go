package charset

import (
	"testing"
	"unicode/utf8"
)

// TestScanUTF8 checks scanUTF8 against hasBinaryControls and utf8.Valid.
func TestScanUTF8(t *testing.T) {
	parts := []string{
		"", "a", "abcdefghijklmnopq", "中文，繁體字。", "\n", "\t\r\n", "\x00", "\x01", "\x0b\x0c", "\x1b", "\x1f",
		"\x7f", "\xe4\xb8", "\xe4", "\xed\xa0\x80", "\xed\x9f\xbf", "\xe0\x80\x80", "\xe0\xa0\x80", "\xc0\x80",
		"\xc2\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xef\xbf\xbd", "\xff", "\x80", "hàn", "0123456789abcdef",
	}
	check := func(b []byte) {
		valid, controls := scanUTF8(b)
		if want := hasBinaryControls(b); controls != want {
			t.Fatalf("scanUTF8(%q): controls %v, want %v", b, controls, want)
		}
		if want := utf8.Valid(b); !controls && valid != want {
			t.Fatalf("scanUTF8(%q): valid %v, want %v", b, valid, want)
		}
	}
	for _, p := range parts {
		for _, q := range parts {
			for _, r := range parts {
				check([]byte(p + q + r))
			}
		}
	}
	for lead := 0x80; lead <= 0xff; lead++ {
		for _, c1 := range []byte{0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff} {
			check([]byte{'x', byte(lead), c1, 0x80, 'y'})
			check([]byte{byte(lead), c1, 0x80, 0x00})
		}
	}
}
