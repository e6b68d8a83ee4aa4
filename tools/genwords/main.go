// Command genwords writes the word list that internal/mojibake uses to
// rescore repairs of misaligned GBK runs (wordscore.bin).
//
// It reads the word frequency lists of github.com/go-ego/gse (s_1.txt for
// Simplified and t_1.txt for Traditional Chinese, "word freq pos" per line),
// the same files from which tools/genlm builds the character model. A
// word's probability is its frequency over the total of its list; a word in
// both lists gets the larger of the two, so that Simplified and Traditional
// text score alike. Words of one to four BMP Han characters whose
// probability is at least -min are kept.
//
// Format (all words sorted, front-coded):
//
//	"HWS1"
//	per word: byte  shared<<4 | rest   runes shared with the previous word, new runes
//	          byte  q                  round(-ln p * 10)
//	          rest × 3 bytes           the new runes in UTF-8
//
// Run it with go generate ./internal/mojibake; it reproduces the file byte
// for byte.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/tools/internal/gsedict"
)

func main() {
	out := flag.String("out", "wordscore.bin", "output file")
	dictDir := flag.String("dict", "", "directory holding s_1.txt and t_1.txt (default: gse module directory)")
	minP := flag.Float64("min", 1e-6, "minimum word probability")
	flag.Parse()
	dir, err := gsedict.Dir(*dictDir)
	if err != nil {
		log.Fatalf("genwords: locate gse: %v", err)
	}
	probs := map[string]float64{}
	for _, name := range []string{"s_1.txt", "t_1.txt"} {
		if err := readList(filepath.Join(dir, name), probs); err != nil {
			log.Fatalf("genwords: %v", err)
		}
	}
	data := encode(probs, *minP)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatalf("genwords: %v", err)
	}
	fmt.Fprintf(os.Stderr, "genwords: %d bytes\n", len(data))
}

// readList adds the word probabilities of one gse list to probs, keeping
// the larger probability of a word found in both lists.
func readList(path string, probs map[string]float64) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	counts := map[string]float64{}
	total := 0.0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		c, err := strconv.ParseFloat(fs[1], 64)
		if err != nil || c <= 0 {
			continue
		}
		total += c
		if isWord(fs[0]) {
			counts[fs[0]] += c
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	for w, c := range counts {
		probs[w] = max(probs[w], c/total)
	}
	return nil
}

// isWord reports whether w is one to four BMP Han characters.
func isWord(w string) bool {
	n := 0
	for _, r := range w {
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
		n++
	}
	return n >= 1 && n <= 4
}

func encode(probs map[string]float64, minP float64) []byte {
	var words []string
	for w, p := range probs {
		if p >= minP {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	var b bytes.Buffer
	b.WriteString("HWS1")
	var prev []rune
	for _, w := range words {
		rs := []rune(w)
		shared := 0
		for shared < len(rs) && shared < len(prev) && rs[shared] == prev[shared] {
			shared++
		}
		q := math.Round(-math.Log(probs[w]) * 10)
		if q < 1 || q > 255 {
			log.Fatalf("genwords: %s: probability %g out of range", w, probs[w])
		}
		b.WriteByte(byte(shared<<4 | (len(rs) - shared)))
		b.WriteByte(byte(q))
		for _, r := range rs[shared:] {
			b.Write(utf8.AppendRune(nil, r))
		}
		prev = rs
	}
	return b.Bytes()
}
