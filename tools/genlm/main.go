// Command genlm generates the character language model embedded by
// github.com/hanfix/hanfix/internal/lm.
//
// It reads the Simplified (s_1.txt) and Traditional (t_1.txt) word frequency
// lists of github.com/go-ego/gse (one "word freq pos" triple per line), counts
// characters and adjacent character pairs inside words, each weighted by the
// word's frequency. It mixes that dictionary model, half and half
// (-textshare), with a model of running text: the Han characters and
// adjacent pairs of Han characters of the clean prose that
// scripts/debian-corpus.sh extracts (-corpus; HANFIX_CORPUS or
// /tmp/hanfix-noharm by default). It writes a compact binary model (format
// documented in internal/lm/format.go). The output depends only on the
// input files, so running it twice gives byte-identical files.
//
// Usage (normally through go generate in internal/lm):
//
//	cd tools && go run ./genlm -out ../internal/lm/model.bin
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/hanfix/hanfix/tools/internal/debcorpus"
	"github.com/hanfix/hanfix/tools/internal/gsedict"
)

func main() {
	out := flag.String("out", "model.bin", "output file")
	dictDir := flag.String("dict", "", "directory holding s_1.txt and t_1.txt (default: gse module directory)")
	minPair := flag.Float64("minpair", 0, "keep a bigram only when its scaled count is at least this (0: default)")
	corpus := flag.String("corpus", debcorpus.Dir(), "directory of clean Chinese prose written by scripts/debian-corpus.sh, for the running-text share of the model (empty: none)")
	textShare := flag.Float64("textshare", defaultOptions.TextShare, "weight of the running-text model in the mixture (0: dictionaries only)")
	variantsPath := flag.String("variants", "../internal/opencc/data/dicts.txt", "OpenCC dictionaries (hanfix's generated dicts.txt) whose TWVariants and HKVariants add the Taiwan and Hong Kong forms of the Traditional words")
	flag.Parse()

	dir, err := gsedict.Dir(*dictDir)
	if err != nil {
		log.Fatalf("genlm: locate gse: %v", err)
	}
	s, err := readCounts(filepath.Join(dir, "s_1.txt"))
	if err != nil {
		log.Fatalf("genlm: %v", err)
	}
	tw, hk, err := readVariants(*variantsPath)
	if err != nil {
		log.Fatalf("genlm: %v", err)
	}
	t, err := readCounts(filepath.Join(dir, "t_1.txt"), tw, hk)
	if err != nil {
		log.Fatalf("genlm: %v", err)
	}
	opt := defaultOptions
	if *minPair > 0 {
		opt.MinPair = *minPair
	}
	opt.TextShare = *textShare
	var text *counts
	if *corpus != "" && opt.TextShare > 0 {
		text = &counts{uni: map[rune]float64{}, bi: map[[2]rune]float64{}, tri: map[[3]rune]int{}, triEnd: map[[2]rune]int{}}
		if err := debcorpus.Lines(*corpus, text.addText); err != nil {
			log.Fatalf("genlm: %v", err)
		}
	}
	m := build(s, t, text, opt)
	var buf bytes.Buffer
	if err := m.write(&buf); err != nil {
		log.Fatalf("genlm: encode: %v", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatalf("genlm: %v", err)
	}
	log.Printf("genlm: %d characters, %d bigrams, %d triples after %d pairs, %d bytes -> %s", len(m.vocab), m.nBigrams, m.nTriples, len(m.tris), buf.Len(), *out)
}

// counts holds the character and adjacent-pair counts of one dictionary,
// and for running text the counts of three Han characters in a row.
type counts struct {
	uni map[rune]float64
	bi  map[[2]rune]float64
	tri map[[3]rune]int // running text only
	// triEnd counts the pairs of Han characters after which a run of
	// them ends (running text only).
	triEnd map[[2]rune]int
	total  float64 // sum of uni
}

// readCounts reads one gse frequency dictionary. Each variant map (rune →
// its regional form) adds the word once more in that form, with the same
// frequency: gse's Traditional list is in OpenCC's standard forms (爲, 衆),
// and text from Taiwan or Hong Kong writes 為, 眾.
func readCounts(path string, variants ...map[rune]rune) (*counts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read dictionary: %w", err)
	}
	defer f.Close()
	c := &counts{uni: map[rune]float64{}, bi: map[[2]rune]float64{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		freq, err := strconv.ParseFloat(fields[1], 64)
		if err != nil || freq <= 0 {
			continue
		}
		rs := []rune(fields[0])
		c.add(rs, freq)
		var done []string
		for _, vm := range variants {
			vs, changed := make([]rune, len(rs)), false
			for i, r := range rs {
				vs[i] = r
				if v, ok := vm[r]; ok {
					vs[i], changed = v, true
				}
			}
			if w := string(vs); changed && !slices.Contains(done, w) {
				done = append(done, w)
				c.add(vs, freq)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s line %d: %w", path, line, err)
	}
	return c, nil
}

// add counts the characters and adjacent pairs of one word.
func (c *counts) add(rs []rune, freq float64) {
	for i, r := range rs {
		if !isModelRune(r) {
			continue
		}
		c.uni[r] += freq
		c.total += freq
		if i+1 < len(rs) && isModelRune(rs[i+1]) {
			c.bi[[2]rune{r, rs[i+1]}] += freq
		}
	}
}

// addText counts the Han characters of one line of running text, the
// pairs of Han characters next to each other in it, and (when c.tri is
// not nil) the runs of three and the pairs that end a run of Han
// characters (before anything else or the line end).
func (c *counts) addText(line string) {
	prev, prev2 := rune(-1), rune(-1)
	for _, r := range line {
		if !unicode.Is(unicode.Han, r) {
			if prev2 >= 0 && c.triEnd != nil {
				c.triEnd[[2]rune{prev2, prev}]++
			}
			prev, prev2 = -1, -1
			continue
		}
		c.uni[r]++
		c.total++
		if prev >= 0 {
			c.bi[[2]rune{prev, r}]++
			if prev2 >= 0 && c.tri != nil {
				c.tri[[3]rune{prev2, prev, r}]++
			}
		}
		prev2, prev = prev, r
	}
	if prev2 >= 0 && c.triEnd != nil {
		c.triEnd[[2]rune{prev2, prev}]++
	}
}

// readVariants reads the one-character entries of the TWVariants and
// HKVariants dictionaries from hanfix's OpenCC data file ("=Name" starts a
// dictionary; key<TAB>value lines).
func readVariants(path string) (tw, hk map[rune]rune, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read variants: %w", err)
	}
	defer f.Close()
	tw, hk = map[rune]rune{}, map[rune]rune{}
	var cur map[rune]rune
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "=TWVariants":
			cur = tw
			continue
		case line == "=HKVariants":
			cur = hk
			continue
		case strings.HasPrefix(line, "="):
			cur = nil
			continue
		case cur == nil || strings.HasPrefix(line, "#"):
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		v, _, _ = strings.Cut(v, " ")
		kr, vr := []rune(k), []rune(v)
		if ok && len(kr) == 1 && len(vr) == 1 && kr[0] != vr[0] {
			cur[kr[0]] = vr[0]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read variants %s: %w", path, err)
	}
	if len(tw) == 0 || len(hk) == 0 {
		return nil, nil, fmt.Errorf("read variants %s: no TWVariants or HKVariants", path)
	}
	return tw, hk, nil
}

// isModelRune reports whether r is modelled from data. ASCII and Latin
// letters, digits and punctuation are left to the class rules of package lm,
// since dictionary words say little about their frequency in running text.
func isModelRune(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0xFF00 && r <= 0xFFEF: // full- and halfwidth forms
		return false
	case r >= 0xE000 && r <= 0xF8FF: // private use
		return false
	}
	return true
}
