package charset

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestZZDbg8(t *testing.T) {
	in, _ := os.ReadFile("/work/shared/corpus/seeds/001_a8a28db1f456a665.txt")
	lines := strings.Split(string(in), "\n")
	head, tail := strings.Join(lines[:6], "\n")+"\n", "\n"+strings.Join(lines[len(lines)-6:], "\n")
	body, _ := simplifiedchinese.GBK.NewEncoder().String(strings.Join(lines[6:len(lines)-6], "\n"))
	b := []byte(head + body + tail)
	enc := Detect(b).Encoding
	for _, s := range Mixed(b, enc) {
		if s.Start > len(head) && s.End < len(head)+len(body) {
			gb, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(b[s.Start:s.End])
			fmt.Printf("%d-%d %s %.1f %.1f %q (gbk %q) ctx %q\n", s.Start, s.End, s.Encoding, s.Gain, s.Margin, b[s.Start:s.End], gb, b[s.Start-8:s.Start])
		}
	}
}
