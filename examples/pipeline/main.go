// Command pipeline shows the hanfix library in a streaming pipeline: it
// reads JSON Lines records from stdin, cleans their "text" field on several
// goroutines that share one Normalizer, and writes the records to stdout in
// input order.
//
//	go run ./examples/pipeline < docs.jsonl > clean.jsonl
//
// Unlike the hanfix command, which splices the cleaned string into the
// original bytes of each line, this example decodes and re-encodes each
// record with encoding/json, so key order and formatting are normalised.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/hanfix/hanfix/normalize"
)

// record is one JSON Lines object: the fields we clean and everything else.
type record map[string]any

// item is a line in flight; done is closed when out is ready.
type item struct {
	line []byte
	out  []byte
	err  error
	done chan struct{}
}

func main() {
	if err := run(os.Stdin, os.Stdout, runtime.NumCPU()); err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer, workers int) error {
	// One Normalizer for the whole program: it is safe for concurrent use
	// and building it loads the converters and models once.
	n, err := normalize.New(normalize.Options{Target: normalize.TargetSimplified})
	if err != nil {
		return err
	}

	todo := make(chan *item, 4*workers)  // lines for the workers
	order := make(chan *item, 4*workers) // the same lines in input order
	for i := 0; i < workers; i++ {
		go func() {
			for it := range todo {
				it.out, it.err = clean(n, it.line)
				close(it.done)
			}
		}()
	}

	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(todo)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 1<<20), 64<<20) // lines up to 64 MB
		for sc.Scan() {
			it := &item{line: append([]byte(nil), sc.Bytes()...), done: make(chan struct{})}
			order <- it // blocks when 4*workers lines are in flight: bounded memory
			todo <- it
		}
		readErr <- sc.Err()
	}()

	w := bufio.NewWriter(out)
	lineNo := 0
	for it := range order {
		lineNo++
		<-it.done
		if it.err != nil {
			return fmt.Errorf("line %d: %w", lineNo, it.err)
		}
		w.Write(it.out)
		w.WriteByte('\n')
	}
	if err := <-readErr; err != nil {
		return err
	}
	return w.Flush()
}

// clean cleans the "text" field of one record.
func clean(n *normalize.Normalizer, line []byte) ([]byte, error) {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, err
	}
	if s, ok := rec["text"].(string); ok {
		text, rep, err := n.String(s)
		if err != nil {
			return nil, err
		}
		rec["text"] = text
		rec["changes"] = len(rep.Changes)
	}
	return json.Marshal(rec)
}
