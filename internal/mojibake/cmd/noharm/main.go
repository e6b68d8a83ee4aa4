// Command noharm runs the mojibake stage over every line of clean text and
// reports the lines it would change. It is the do-no-harm check of
// scripts/noharm.sh: on clean Chinese prose the answer must be 0.
//
//	noharm [-v] [-prefix TEXT] FILE...
//
// Each FILE is UTF-8 text; lines that are not valid UTF-8 are skipped and
// counted. The whole file is also run as one document, so that document-
// level evidence (annotations, script, the pair cache) is exercised.
// With -prefix, each document starts with the line TEXT, damaged on
// purpose (a misaligned run, say, which backs thin runs): its own edits
// are counted apart, and the documents whose prefix was repaired (a miss
// elsewhere is no harm, but a prefix repaired nowhere tests nothing); an
// edit of it that reaches into the document counts as a change of the
// document too.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hanfix/hanfix/normalize"
)

func main() {
	verbose := flag.Bool("v", false, "print every changed line")
	prefix := flag.String("prefix", "", "a damaged `TEXT` line put before each document, whose edits are counted apart")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: noharm [-v] [-prefix TEXT] FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	st, err := normalize.NewMojibake(normalize.Options{Target: normalize.TargetKeep})
	if err != nil {
		fmt.Fprintln(os.Stderr, "noharm:", err)
		os.Exit(1)
	}
	var lines, changed, invalid, bytes, docChanged, findings, prefixed int
	var elapsed time.Duration
	for _, name := range flag.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "noharm:", err)
			os.Exit(1)
		}
		var valid []string
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			line := sc.Text()
			lines++
			if !utf8.ValidString(line) {
				invalid++
				continue
			}
			valid = append(valid, line)
			bytes += len(line) + 1
			t0 := time.Now()
			edits, fs := st.Edits(line, &normalize.Doc{Report: &normalize.Report{}, Opts: &normalize.Options{}})
			elapsed += time.Since(t0)
			findings += len(fs)
			if len(edits) > 0 {
				changed++
				if *verbose {
					e := edits[0]
					fmt.Printf("%s: %q → %q (%s)\n", name, line[e.Start:e.End], e.After, e.Rule)
				}
			}
		}
		doc := strings.Join(valid, "\n")
		head := 0
		if *prefix != "" {
			doc = *prefix + "\n" + doc
			head = len(*prefix) + 1
		}
		edits, _ := st.Edits(doc, &normalize.Doc{Report: &normalize.Report{}, Opts: &normalize.Options{}})
		inPrefix := 0
		for _, e := range edits {
			if e.Start < head {
				inPrefix++
				if e.End <= head {
					continue
				}
				// The repair of the prefix reaches into the document.
			}
			docChanged++
			if *verbose {
				fmt.Printf("%s (document): %q → %q (%s)\n", name, doc[e.Start:e.End], e.After, e.Rule)
			}
		}
		if inPrefix > 0 {
			prefixed++
		}
	}
	fmt.Printf("files %d, lines %d (%d not UTF-8, skipped), %.1f MB\n", flag.NArg(), lines, invalid, float64(bytes)/1e6)
	fmt.Printf("changed lines: %d\n", changed)
	fmt.Printf("edits when each file is one document: %d\n", docChanged)
	fmt.Printf("findings (reported, not changed): %d\n", findings)
	if *prefix != "" {
		fmt.Printf("documents whose prefix was repaired: %d of %d\n", prefixed, flag.NArg())
	}
	if elapsed > 0 {
		fmt.Printf("line-by-line time %.2fs, %.1f MB/s\n", elapsed.Seconds(), float64(bytes)/1e6/elapsed.Seconds())
	}
	if changed > 0 || docChanged > 0 {
		os.Exit(1)
	}
	if *prefix != "" && prefixed == 0 {
		fmt.Fprintln(os.Stderr, "noharm: the -prefix line was repaired in no document, so it backed nothing; choose a line with clearer damage")
		os.Exit(1)
	}
}
