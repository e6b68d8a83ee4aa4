// Command mksample writes hanfix's sample document, testdata/sample.txt,
// from its hand-written source, testdata/sample.src.txt, by applying the
// damage that scraped Chinese text suffers:
//
//   - pinyin readings glued after every occurrence of a set of characters
//     (建設 → 建設(shè));
//   - [[gbk-shift]]…[[/]]: the text is taken as GBK bytes and read one byte
//     out of step from its first character (a 。 whose first byte becomes
//     "?"), as a byte-level edit on GBK text leaves it;
//   - [[utf8-as-gbk]]…[[/]]: UTF-8 bytes decoded as GBK;
//   - [[latin1]]…[[/]]: UTF-8 bytes decoded as windows-1252;
//   - a byte order mark, a CRLF line end and a zero-width space.
//
// Run it with go generate in the repository root.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	src := flag.String("src", "testdata/sample.src.txt", "hand-written source")
	out := flag.String("out", "testdata/sample.txt", "damaged sample to write")
	annotate := flag.String("annotate", "設發網務讀動", "characters that get a reading after every occurrence")
	flag.Parse()
	b, err := os.ReadFile(*src)
	if err != nil {
		log.Fatal(err)
	}
	if err != nil {
		log.Fatal(err)
	}
	text, err := damage(string(b))
	if err != nil {
		log.Fatal(err)
	}
	text = annotateText(text, *annotate)
	lines := strings.Split(text, "\n")
	lines[3] = strings.Replace(lines[3], "圖書館，", "圖書館，\u200b", 1)
	lines[4] += "\r"
	text = "\ufeff" + strings.Join(lines, "\n")
	if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
}

// annotateText glues the default reading after every occurrence of the
// characters of set.
func annotateText(s, set string) string {
	args := pinyin.NewArgs()
	args.Style = pinyin.Tone
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
		if strings.ContainsRune(set, r) {
			py := pinyin.SinglePinyin(r, args)
			if len(py) == 0 {
				log.Fatalf("no reading for %c", r)
			}
			fmt.Fprintf(&b, "(%s)", py[0])
		}
	}
	return b.String()
}

// damage replaces every [[kind]]…[[/]] region with its damaged form.
func damage(s string) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "[[")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i:], "]]")
		k := strings.Index(s[i:], "[[/]]")
		if j < 0 || k < 0 {
			return "", fmt.Errorf("unclosed region at %q", s[i:])
		}
		kind, body := s[i+2:i+j], s[i+j+2:i+k]
		b.WriteString(s[:i])
		d, err := damageRegion(kind, body)
		if err != nil {
			return "", err
		}
		b.WriteString(d)
		s = s[i+k+len("[[/]]"):]
	}
}

func damageRegion(kind, body string) (string, error) {
	switch kind {
	case "gbk-shift":
		g, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(body))
		if err != nil {
			return "", err
		}
		// The first byte is orphaned and shown as "?"; decoding goes on
		// one byte out of step, dropping user-defined-area results.
		d, err := simplifiedchinese.GBK.NewDecoder().Bytes(g[1:])
		if err != nil {
			return "", err
		}
		return "?" + string(bytes.ReplaceAll(d, []byte("\uFFFD"), nil)), nil
	case "utf8-as-gbk":
		d, err := simplifiedchinese.GBK.NewDecoder().Bytes([]byte(body))
		return string(d), err
	case "latin1":
		d, err := charmap.Windows1252.NewDecoder().Bytes([]byte(body))
		return string(d), err
	}
	return "", fmt.Errorf("unknown damage %q", kind)
}
