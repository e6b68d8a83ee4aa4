package normalize

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/lm/charset"
)

// DefaultStreamSection is the section size of Stream when
// Options.SectionSize is not positive.
const DefaultStreamSection = 4 << 20

// maxSectionGrowth bounds how far a section of Stream grows to find a line
// break: to this many times the section size.
const maxSectionGrowth = 8

// ErrNoLineBreak is returned (wrapped) by Stream for input with no line
// break where a section must be cut.
var ErrNoLineBreak = errors.New("no line break")

// A Section is one section of a document cleaned by Stream.
type Section struct {
	// Index is the section's number, from 0.
	Index int
	// RawStart is the offset of the section's first byte in the input,
	// RawLen its length in bytes.
	RawStart int64
	RawLen   int
	// TextStart is the offset of the section's decoded text in the
	// decoded text of the whole input, TextLen its length.
	TextStart int64
	TextLen   int
	// Report is the section's report. The offsets of its changes and
	// findings are in the decoded text of the whole input, and those of
	// its DecodeErrors in the whole input's bytes.
	Report *Report
}

// Stream cleans the document that src holds, of any length, in bounded
// memory, and writes the clean text to dst. It reads the input in sections
// of about Options.SectionSize bytes (DefaultStreamSection when 0), each
// cut just after a line break, and cleans each section as a document of
// its own, as Bytes would and as a document cleaned in sections is (see
// Options.SectionSize): Options.SectionWorkers sections at a time, while
// the next are read. It holds a few sections at a time, whatever the
// length of the input. The outputs are written in order.
//
// The encoding is detected in each section, unless Options.Encoding names
// it or the input is UTF-16 or UTF-32 (by its byte order mark or its
// first 64 KB): then every section is decoded in it, and a UTF-16 or
// UTF-32 input is cut at its own line breaks. A Unicode byte order mark
// at the start overrides Options.Encoding, as in Bytes.
//
// A section ends just after the last line break (LF, or a CR not followed
// by LF) within its size. One with no line break grows to find one, up to
// 8 times the section size; beyond that Stream returns an error wrapping
// ErrNoLineBreak. When the input ends within 64 KB of a cut, with no line
// break after it, the rest joins the last section: a last line without a
// line break is the tail of the document, as Bytes sees it.
//
// each, when not nil, is called with each section in order, once its
// output is written; an error from it stops Stream, which returns it. An
// error reading src, writing dst or decoding a section (ErrBinary) stops
// Stream after the sections before it are written. A panic while a
// section is cleaned is raised again in the caller's goroutine.
func (n *Normalizer) Stream(dst io.Writer, src io.Reader, each func(*Section) error) error {
	return n.stream(dst, src, each, n.parts())
}

// stream is Stream, with the report parts of want.
func (n *Normalizer) stream(dst io.Writer, src io.Reader, each func(*Section) error, want reportParts) error {
	size := n.opts.SectionSize
	if size <= 0 {
		size = DefaultStreamSection
	}
	workers := n.opts.SectionWorkers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s := &streamer{n: n, src: bufio.NewReaderSize(src, 64<<10), size: size, want: want,
		work: make(chan *streamJob, workers), order: make(chan *streamJob, workers+1), quit: make(chan struct{})}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(s.worker)
	}
	wg.Go(s.read)
	err := func() error {
		// Deferred, so that a panic in dst or each stops the goroutines too.
		defer func() {
			close(s.quit)
			for range s.order {
				// Let the reader see quit; the workers finish what they hold.
			}
			wg.Wait()
		}()
		return s.write(dst, each)
	}()
	if s.panicked != nil {
		panic(s.panicked)
	}
	return err
}

// streamer holds the state of one Stream call.
type streamer struct {
	n    *Normalizer
	src  *bufio.Reader
	size int
	want reportParts
	// enc is the encoding of every section when fixed ("" detects it on
	// each); unit is the width of a code unit in the stream's encoding (1,
	// or 2 and 4 for UTF-16 and UTF-32), big its byte order.
	enc  string
	unit int
	big  bool
	// work takes jobs to the workers, order to the writer, in order; quit
	// is closed when the writer stops.
	work, order chan *streamJob
	quit        chan struct{}
	// panicked is what the cleaning of a section panicked with; Stream
	// raises it again once every goroutine is done.
	panicked any
}

// streamJob is one section of a Stream: read by streamer.read, cleaned by
// a worker, written by streamer.write.
type streamJob struct {
	sec      Section
	raw      []byte
	last     bool
	done     chan struct{} // closed when out, sec.Report and err are set
	out      string
	err      error
	panicked any
}

// read cuts the input into sections and hands them to the workers and,
// in order, to the writer. A read error becomes a job that carries it.
func (s *streamer) read() {
	defer close(s.order)
	defer close(s.work)
	// The first 64 KB choose the encoding and the code units, whatever
	// the section size; a read error shows again in the first cut.
	head, _ := s.src.Peek(s.src.Size())
	s.setEncoding(head)
	var (
		carry []byte
		pos   int64
	)
	for i := 0; ; i++ {
		raw, rest, last, err := s.cut(carry)
		j := &streamJob{sec: Section{Index: i, RawStart: pos, RawLen: len(raw)}, raw: raw, last: last, done: make(chan struct{})}
		if err != nil {
			j.err = err
			close(j.done)
		}
		select {
		case s.order <- j:
		case <-s.quit:
			return
		}
		if err != nil {
			return
		}
		select {
		case s.work <- j:
		case <-s.quit:
			return
		}
		if last {
			return
		}
		pos += int64(len(raw))
		carry = rest
	}
}

// cut reads the next section: it returns the section's bytes, the bytes
// read after it (the next section's start), and whether it is the last.
// carry is the bytes read after the section before (at most a section and
// a code unit or two).
func (s *streamer) cut(carry []byte) (raw, rest []byte, last bool, err error) {
	limit := max(s.size, len(carry))
	buf := make([]byte, len(carry), limit)
	copy(buf, carry)
	from := 0
	for {
		buf = slices.Grow(buf, limit-len(buf))
		k, rerr := fill(s.src, buf[len(buf):limit])
		buf = buf[:len(buf)+k]
		if rerr != nil && rerr != io.EOF {
			return nil, nil, false, fmt.Errorf("normalize: stream: read: %w", rerr)
		}
		if rerr == io.EOF {
			return buf, nil, true, nil // the end of the input
		}
		if c := s.lastBreak(buf, from); c > 0 {
			if tail, ok := s.tail(buf[c:]); ok {
				// What follows the cut is the last line, without a
				// line break: it stays with the lines before it, the
				// tail of the document, as in a document read whole.
				return append(buf, tail...), nil, true, nil
			}
			return buf[:c:c], buf[c:], false, nil
		}
		if len(buf) >= maxSectionGrowth*s.size {
			return nil, nil, false, fmt.Errorf("normalize: stream: %w in %d bytes: a stream is cut at line breaks (raise Options.SectionSize, or clean the document whole with Bytes)", ErrNoLineBreak, len(buf))
		}
		// Search the new bytes next time, and the unit before them: a CR
		// there is a break unless an LF follows.
		from = max(0, len(buf)-len(buf)%s.unit-s.unit)
		limit = len(buf) + s.size
	}
}

// tail returns the rest of the input, when it ends within a read buffer
// and holds no line break after rest (the bytes after a cut).
func (s *streamer) tail(rest []byte) ([]byte, bool) {
	p, err := s.src.Peek(s.src.Size())
	if !errors.Is(err, io.EOF) {
		return nil, false
	}
	line := append(rest[:len(rest):len(rest)], p...)
	if s.lastBreak(line, 0) > 0 {
		return nil, false
	}
	s.src.Discard(len(p))
	return p, true
}

// fill reads into all of buf, unless the input ends first (io.EOF) or a
// read fails. Unlike io.ReadFull, it passes on io.ErrUnexpectedEOF from r
// (a truncated compressed stream) as the error it is.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// lastBreak returns the offset just after the last line break of b at or
// after from, in the stream's code units, or 0 when there is none. A CR
// counts only where the byte after it is known and is not LF, so that a
// CRLF is never cut in two.
func (s *streamer) lastBreak(b []byte, from int) int {
	if s.unit == 1 {
		lf := from + bytes.LastIndexByte(b[from:], '\n') // from-1 when none
		for i := len(b) - 2; i > lf && i >= from; i-- {
			if b[i] == '\r' && b[i+1] != '\n' {
				return i + 1 // a CR after the last LF
			}
		}
		if lf >= from {
			return lf + 1
		}
		return 0
	}
	u := s.unit
	unitAt := func(i int) rune {
		var r rune
		for k := range u {
			if s.big {
				r = r<<8 | rune(b[i+k])
			} else {
				r |= rune(b[i+k]) << (8 * k)
			}
		}
		return r
	}
	end := len(b) - len(b)%u
	for i := end - u; i >= from; i -= u {
		switch unitAt(i) {
		case '\n':
			return i + u
		case '\r':
			if i+u < end && unitAt(i+u) != '\n' {
				return i + u
			}
		}
	}
	return 0
}

// setEncoding chooses, from the input's first bytes, the encoding of the
// sections (s.enc: Options.Encoding as given, or "" to detect it in each)
// and the width and order of the stream's code units.
func (s *streamer) setEncoding(first []byte) {
	s.enc = s.n.opts.Encoding
	canon := ""
	if s.enc != "" {
		canon, _ = convert.EncodingName(s.enc) // New checked it
	}
	r := charset.Detect(first)
	switch {
	case r.BOMLen > 0 && r.Encoding != canon && r.Encoding != "gb18030" && (s.enc != "" || isWide(r.Encoding)):
		// A Unicode byte order mark overrides the name, as in Decode;
		// the sections after the first have none.
		s.enc, canon = r.Encoding, r.Encoding
	case s.enc == "" && isWide(r.Encoding):
		s.enc, canon = r.Encoding, r.Encoding
	}
	s.unit, s.big = 1, false
	switch canon {
	case "utf-16le", "utf-16be":
		s.unit = 2
	case "utf-32le", "utf-32be":
		s.unit = 4
	}
	s.big = canon == "utf-16be" || canon == "utf-32be"
}

// isWide reports whether name is UTF-16 or UTF-32.
func isWide(name string) bool {
	switch name {
	case "utf-16le", "utf-16be", "utf-32le", "utf-32be":
		return true
	}
	return false
}

// worker cleans the sections it is given.
func (s *streamer) worker() {
	for j := range s.work {
		s.clean(j)
	}
}

// clean decodes and cleans the section of j, recording a panic in j.
func (s *streamer) clean(j *streamJob) {
	defer close(j.done)
	defer func() {
		if p := recover(); p != nil {
			j.panicked = p
		}
	}()
	select {
	case <-s.quit:
		return // the writer has stopped
	default:
	}
	text, rep, err := s.n.decode(j.raw, s.enc, s.want)
	j.raw = nil
	if err != nil {
		j.err = fmt.Errorf("normalize: stream: section %d at byte %d: %w", j.sec.Index, j.sec.RawStart, err)
		return
	}
	j.sec.TextLen = len(text)
	j.sec.Report = rep
	doc := &Doc{Report: rep, midStart: j.sec.Index > 0, midEnd: !j.last}
	j.out = s.n.runDoc(text, doc, s.want)
}

// write writes the sections' outputs in order, and gives each section to
// each with its offsets moved into the whole input.
func (s *streamer) write(dst io.Writer, each func(*Section) error) error {
	var textPos int64
	for j := range s.order {
		<-j.done
		if j.panicked != nil {
			s.panicked = j.panicked
			return nil
		}
		if j.err != nil {
			return j.err
		}
		if _, err := io.WriteString(dst, j.out); err != nil {
			return fmt.Errorf("normalize: stream: write: %w", err)
		}
		j.out = ""
		j.sec.TextStart = textPos
		textPos += int64(j.sec.TextLen)
		if each != nil {
			moveSection(&j.sec)
			if err := each(&j.sec); err != nil {
				return err
			}
		}
	}
	return nil
}

// moveSection moves the offsets of sec's report from the section into the
// whole input.
func moveSection(sec *Section) {
	rep, t, r := sec.Report, int(sec.TextStart), int(sec.RawStart)
	for i := range rep.Changes {
		rep.Changes[i].Start += t
		rep.Changes[i].End += t
	}
	for i := range rep.Findings {
		rep.Findings[i].Start += t
		rep.Findings[i].End += t
	}
	for i := range rep.DecodeErrors {
		rep.DecodeErrors[i].Offset += r
	}
}
