package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hanfix/hanfix/internal/compress"
)

// ioBufSize is the size of the read and write buffers.
const ioBufSize = 1 << 20

// source is one input: a FILE or stdin.
type source struct {
	arg  string // as given: a path or "-"
	name string // for messages: the path or "stdin"
	size int64  // raw size in bytes when known, else -1
}

func newSource(arg string) source {
	if arg == "-" {
		return source{arg: arg, name: "stdin", size: -1}
	}
	return source{arg: arg, name: arg, size: -1}
}

// inputError is an error in the input (exit status 1).
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// checkSources opens every FILE once, so that a missing or unreadable file
// fails before any output is written, and records the sizes of regular
// files for the progress display.
func (r *runner) checkSources() error {
	for i := range r.sources {
		s := &r.sources[i]
		var fi os.FileInfo
		var err error
		if s.arg == "-" {
			f, ok := r.stdin.(*os.File)
			if !ok {
				continue
			}
			fi, err = f.Stat()
		} else {
			f, oerr := os.Open(s.arg)
			if oerr != nil {
				return &inputError{fmt.Errorf("open %s: %w", s.arg, unwrapPathError(oerr))}
			}
			fi, err = f.Stat()
			f.Close()
		}
		if err != nil {
			return &inputError{fmt.Errorf("stat %s: %w", s.name, err)}
		}
		if fi.IsDir() {
			return &inputError{fmt.Errorf("%s is a directory, not a file", s.name)}
		}
		if fi.Mode().IsRegular() {
			s.size = fi.Size()
		}
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// countingReader counts the raw bytes read, for progress.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// openSource opens s for reading its decompressed content. The returned
// close function closes the file (not stdin).
func (r *runner) openSource(s source) (io.Reader, func(), error) {
	var raw io.Reader
	closeFile := func() {}
	switch {
	case s.arg == "-" && r.spoolFile != nil && r.spool == nil:
		raw = r.spoolFile // pass 2 of in-run learning
	case s.arg == "-":
		raw = r.stdin
	default:
		f, err := os.Open(s.arg)
		if err != nil {
			return nil, nil, fmt.Errorf("open %s: %w", s.arg, unwrapPathError(err))
		}
		raw = f
		closeFile = func() { f.Close() }
	}
	if r.spool != nil && s.arg == "-" {
		raw = io.TeeReader(raw, r.spool)
	}
	raw = countingReader{r: raw, n: &r.prog.bytesRead}
	br := readerPool.Get().(*bufio.Reader)
	br.Reset(raw)
	zr, _, err := compress.NewReader(br)
	if err != nil {
		closeFile()
		putReader(br)
		return nil, nil, fmt.Errorf("%s: %w", s.name, err)
	}
	return zr, func() { zr.Close(); closeFile(); putReader(br) }, nil
}

// readerPool holds the read buffers of openSource. In text mode every FILE
// is a document: a fresh ioBufSize buffer per FILE would allocate (and
// clear) a mebibyte for each one, more than most documents hold.
var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, ioBufSize) }}

// putReader returns br to readerPool once the source it read is closed:
// nothing reads through it any more.
func putReader(br *bufio.Reader) {
	br.Reset(nil)
	readerPool.Put(br)
}

// readUpTo reads all of rd when it holds at most max bytes. Otherwise it
// stops after max+1 bytes, returns them and more, and leaves the rest in
// rd. sizeHint preallocates.
func readUpTo(rd io.Reader, max int64, sizeHint int64) (data []byte, more bool, err error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint < max {
		buf.Grow(int(sizeHint) + 512)
	}
	n, err := buf.ReadFrom(io.LimitReader(rd, max+1))
	if err != nil {
		return nil, false, err
	}
	return buf.Bytes(), n > max, nil
}

// errTooLarge is the error for a document over -max-doc that is not
// streamed.
func errTooLarge(max int64) error {
	return fmt.Errorf("document is larger than -max-doc %s (raise -max-doc, or split it)", formatSize(max))
}

// lineReader reads lines of any length up to max bytes.
type lineReader struct {
	br   *bufio.Reader
	max  int64
	line int // number of the line last read, from 1
}

func newLineReader(rd io.Reader, max int64) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(rd, ioBufSize), max: max}
}

// errLineTooLong is wrapped by the error for a line longer than -max-line.
var errLineTooLong = errors.New("line too long")

// appendLine appends the next line, with its "\n" if it has one, to dst.
// It returns io.EOF when there is no more input.
func (lr *lineReader) appendLine(dst []byte) ([]byte, error) {
	start := len(dst)
	for {
		frag, err := lr.br.ReadSlice('\n')
		if int64(len(dst)-start+len(frag)) > lr.max {
			lr.line++
			// Drop the rest of the line, so that reading can go on after it.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = lr.br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return dst[:start], err
			}
			return dst[:start], fmt.Errorf("%w: line is longer than -max-line %s (raise -max-line)", errLineTooLong, formatSize(lr.max))
		}
		if cap(dst)-len(dst) < len(frag) {
			// Grow by at least the line so far: doubling, not append's
			// 1.25 for large slices, keeps the garbage of a huge line low.
			dst = slices.Grow(dst, max(len(frag), len(dst)-start))
		}
		dst = append(dst, frag...)
		switch {
		case err == nil:
			lr.line++
			return dst, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(dst) == start {
				return dst, io.EOF
			}
			lr.line++
			return dst, nil
		default:
			return dst[:start], err
		}
	}
}
