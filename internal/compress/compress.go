// Package compress opens gzip and zstd streams by their magic bytes and
// creates compressed output by file name suffix.
package compress

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// Format is a compression format.
type Format int

// The formats.
const (
	None Format = iota
	Gzip
	Zstd
)

// String returns the format's name: "gzip", "zstd" or "none".
func (f Format) String() string {
	switch f {
	case Gzip:
		return "gzip"
	case Zstd:
		return "zstd"
	}
	return "none"
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Sniff returns the format whose magic bytes start head.
func Sniff(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, zstdMagic):
		return Zstd
	case bytes.HasPrefix(head, gzipMagic):
		return Gzip
	}
	return None
}

// maxZstdWindow bounds the memory a zstd stream may ask for.
const maxZstdWindow = 128 << 20

// NewReader returns a reader of the decompressed content of r when r starts
// with gzip or zstd magic bytes, and otherwise a reader of r itself. Close
// releases the decoder; it does not close r. Concatenated gzip members are
// read as one stream.
func NewReader(r io.Reader) (io.ReadCloser, Format, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 1<<20)
	}
	head, err := br.Peek(4)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, None, err
	}
	switch f := Sniff(head); f {
	case Gzip:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, f, fmt.Errorf("gzip: %w", err)
		}
		return &wrapErr{r: zr, c: zr, prefix: "gzip"}, f, nil
	case Zstd:
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(maxZstdWindow),
			zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, f, fmt.Errorf("zstd: %w", err)
		}
		return &wrapErr{r: zr, c: closerFunc(func() error { zr.Close(); return nil }), prefix: "zstd"}, f, nil
	}
	return io.NopCloser(br), None, nil
}

// wrapErr names the format in decompression errors.
type wrapErr struct {
	r      io.Reader
	c      io.Closer
	prefix string
}

func (w *wrapErr) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if err != nil && err != io.EOF {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return n, fmt.Errorf("%s: truncated stream: %w", w.prefix, err)
		}
		return n, fmt.Errorf("%s: %w", w.prefix, err)
	}
	return n, err
}

func (w *wrapErr) Close() error { return w.c.Close() }

type closerFunc func() error

func (f closerFunc) Close() error { return f() }

// ForName returns the format that the suffix of a file name asks for:
// ".gz" gzip, ".zst" zstd, anything else none.
func ForName(name string) Format {
	switch {
	case strings.HasSuffix(name, ".gz"):
		return Gzip
	case strings.HasSuffix(name, ".zst"):
		return Zstd
	}
	return None
}

// NewWriter returns a writer that compresses to w in format f. Close
// flushes the compressed stream; it does not close w.
func NewWriter(w io.Writer, f Format) (io.WriteCloser, error) {
	switch f {
	case Gzip:
		return gzip.NewWriter(w), nil
	case Zstd:
		zw, err := zstd.NewWriter(w, zstd.WithEncoderConcurrency(1))
		if err != nil {
			return nil, fmt.Errorf("zstd: %w", err)
		}
		return zw, nil
	}
	return nopWriteCloser{w}, nil
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
