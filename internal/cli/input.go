package cli

import (
	"bufio"
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

// readUpTo reads all of rd when it holds at most max bytes, and returns
// it as data. Otherwise it stops after max+1 bytes and returns them as
// prefix, a reader that lets each part of them go once it is read; the
// rest stays in rd. sizeHint, the size of a file, sizes the first read.
//
// It reads in chunks of up to 16 MB, not into one buffer that doubles: a
// document found too large for data is held once, not in a buffer of
// twice its size.
func readUpTo(rd io.Reader, max int64, sizeHint int64) (data []byte, prefix io.Reader, err error) {
	lr := io.LimitReader(rd, max+1)
	size := int64(64 << 10)
	if sizeHint > 0 && sizeHint < max {
		size = sizeHint + 512 // the whole file in one read, and EOF
	}
	var (
		chunks [][]byte
		total  int64
	)
	buf := make([]byte, 0, min(size, max+1))
	for {
		if len(buf) == cap(buf) && total <= max {
			chunks = append(chunks, buf)
			size = min(2*size, readChunk)
			buf = make([]byte, 0, min(size, max+1-total))
		}
		// Not io.ReadFull: it would take a truncated compressed stream's
		// io.ErrUnexpectedEOF for the end of the input.
		k, rerr := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		total += int64(k)
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil, nil, rerr
		}
	}
	chunks = append(chunks, buf)
	if total > max {
		return nil, &chunkReader{chunks: chunks}, nil
	}
	if len(chunks) == 1 {
		return chunks[0], nil, nil
	}
	data = make([]byte, 0, total)
	for _, c := range chunks {
		data = append(data, c...)
	}
	return data, nil, nil
}

// readChunk is the largest chunk readUpTo reads at once.
const readChunk = 16 << 20

// chunkReader reads chunks in turn, and drops each once it is read.
type chunkReader struct{ chunks [][]byte }

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.chunks) > 0 && len(c.chunks[0]) == 0 {
		c.chunks[0] = nil
		c.chunks = c.chunks[1:]
	}
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	return n, nil
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
