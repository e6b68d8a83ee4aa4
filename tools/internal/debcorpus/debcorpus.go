// Package debcorpus reads the clean Chinese prose that
// scripts/debian-corpus.sh extracts from Debian's documentation packages,
// for the generators that learn statistics of running text from it
// (tools/genpunct, tools/genlatin).
package debcorpus

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// DefaultDir is the directory the script writes when given none; the
// environment variable HANFIX_CORPUS overrides it (see Dir).
const DefaultDir = "/tmp/hanfix-noharm"

// files are the text files the script writes, in the order they are read.
var files = []string{"man.txt", "plain.txt", "mo.txt", "html.txt"}

// Dir returns $HANFIX_CORPUS, or DefaultDir when it is not set.
func Dir() string {
	if dir := os.Getenv("HANFIX_CORPUS"); dir != "" {
		return dir
	}
	return DefaultDir
}

// Lines calls f with each valid UTF-8 line (without its line feed) of the
// corpus in dir, file by file in a fixed order, and skips the others.
func Lines(dir string, f func(line string)) error {
	for _, name := range files {
		if err := linesOf(filepath.Join(dir, name), f); err != nil {
			return err
		}
	}
	return nil
}

func linesOf(path string, f func(line string)) error {
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read corpus (run scripts/debian-corpus.sh first): %w", err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if line := sc.Text(); utf8.ValidString(line) {
			f(line)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	return nil
}

// Sources returns the package versions the corpus in dir was extracted
// from, one per line, for the provenance of what is learned from it.
func Sources(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "packages.txt"))
	if err != nil {
		return "", fmt.Errorf("read corpus sources: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// A Counter learns statistics from the corpus's lines, one at a time, and
// writes them, with the corpus's sources in the header.
type Counter interface {
	AddLine(line string)
	Encode(sources string) []byte
}

// Build gives c the lines of the corpus in dir and returns its encoding.
func Build(dir string, c Counter) ([]byte, error) {
	if err := Lines(dir, c.AddLine); err != nil {
		return nil, err
	}
	sources, err := Sources(dir)
	if err != nil {
		return nil, err
	}
	return c.Encode(sources), nil
}

// Main is the command line of a generator that learns from the corpus:
// flags -corpus (default Dir) and -out (default out), then build of the
// corpus directory written to the output file. It exits on error.
func Main(out string, build func(dir string) ([]byte, error)) {
	corpus := flag.String("corpus", Dir(), "directory written by scripts/debian-corpus.sh (default $HANFIX_CORPUS or "+DefaultDir+")")
	outFile := flag.String("out", out, "output file")
	flag.Parse()
	data, err := build(*corpus)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*outFile, data, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d bytes", *outFile, len(data))
}
