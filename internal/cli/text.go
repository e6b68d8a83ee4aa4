package cli

import (
	"fmt"
	"io"

	"github.com/hanfix/hanfix/internal/jsonl"
	"github.com/hanfix/hanfix/normalize"
)

// textJob is one text-mode document: a whole FILE or stdin.
type textJob struct {
	src  source
	data []byte
	err  error // reading or processing failed
	// results
	out     string
	rep     *normalize.Report
	line    []byte // -detect: the JSON line
	changed bool
	// stream, for a document over -max-doc, reads it (from the start: what
	// was read before its size showed comes first); textConsume cleans it
	// in sections as it reads, and closes it with closeSrc.
	stream   io.Reader
	closeSrc func()
}

// runText cleans (or analyses) each source as one document.
func (r *runner) runText() error {
	return runOrdered(r.cfg.jobs, 2*r.cfg.jobs, maxInFlight,
		func(emit func(*textJob, int64) bool) {
			for _, s := range r.sources {
				j := r.readText(s)
				w := int64(len(j.data))
				if j.stream != nil {
					w = maxInFlight // it runs alone
				}
				if !emit(j, w) {
					if j.closeSrc != nil {
						j.closeSrc()
					}
					return
				}
			}
		},
		r.textWork,
		r.textConsume)
}

// readText reads the document of s whole, or opens it for streaming
// when it is larger than -max-doc and may be streamed (streams).
func (r *runner) readText(s source) *textJob {
	j := &textJob{src: s}
	rd, closeSrc, err := r.openSource(s)
	if err != nil {
		j.err = err
		return j
	}
	max := int64(r.cfg.maxDoc)
	if s.size > max {
		// A file, compressed or not, whose size shows at once.
		if r.streams() {
			j.stream, j.closeSrc = rd, closeSrc
			return j
		}
		closeSrc()
		j.err = errTooLarge(max)
		return j
	}
	data, prefix, err := readUpTo(rd, max, s.size)
	switch {
	case err != nil:
		j.err = err
	case prefix != nil && r.streams():
		// Compressed, or read from stdin: its size shows only now.
		j.stream, j.closeSrc = io.MultiReader(prefix, rd), closeSrc
		return j
	case prefix != nil:
		j.err = errTooLarge(max)
	default:
		j.data = data
	}
	closeSrc()
	return j
}

// streams reports whether a text-mode document over -max-doc is cleaned
// or analysed as a stream (normalize.Normalizer.Stream, AnalyzeStream),
// not refused: unless documents are cleaned whole (-section 0).
func (r *runner) streams() bool { return r.cfg.section > 0 }

func (r *runner) textWork(j *textJob) {
	if j.err != nil || j.stream != nil {
		return
	}
	// A file is one document, read whole: its cleaning may take the memory
	// it needs (see memBudget). JSON Lines keep to the limit, whatever
	// their lines.
	w := r.cfg.heapWeight(len(j.data))
	r.mem.enter(w)
	defer r.mem.leave(w)
	j.err = protect(func() error {
		if r.cfg.detect {
			a, err := r.analyzeDoc(r.norm, j.data, false)
			if err != nil {
				return err
			}
			line := append([]byte(`{"file":`), jsonl.AppendQuote(nil, j.src.name)...)
			line = append(line, ',')
			line = analysisMembers(line, a)
			j.line = append(line, '}', '\n')
			return nil
		}
		out, rep, err := r.cleanDoc(r.norm, j.data, false)
		if err != nil {
			return err
		}
		j.out, j.rep = out, rep
		j.changed = out != string(j.data)
		if r.cfg.report {
			line := append([]byte(`{"file":`), jsonl.AppendQuote(nil, j.src.name)...)
			rj := appendReport(nil, rep)
			line = append(line, ',')
			line = append(line, rj[1:]...)
			j.line = append(line, '\n')
		}
		return nil
	})
}

func (r *runner) textConsume(j *textJob) error {
	r.prog.docs.Add(1)
	r.st.Documents++
	if j.stream != nil {
		return r.textStream(j)
	}
	r.st.BytesIn += int64(len(j.data))
	if j.err != nil {
		return r.docFailed(j, j.err)
	}
	if r.cfg.detect {
		return r.writeOut(j.line)
	}
	if j.rep != nil {
		r.st.addCounts(j.rep.Counts)
	}
	if j.changed {
		r.st.Changed++
	}
	if _, err := r.out.WriteString(j.out); err != nil {
		return err
	}
	if r.cfg.report {
		if _, err := r.stderr.Write(j.line); err != nil {
			return err
		}
	}
	return nil
}

// textStream cleans the document of j, larger than -max-doc, as it reads
// it: in sections of -section, written as each is done. A section that
// fails (binary, or a line longer than 8 sections) stops the document
// there, after the sections before it.
func (r *runner) textStream(j *textJob) error {
	defer j.closeSrc()
	w := r.cfg.streamWeight()
	r.mem.enter(w)
	defer r.mem.leave(w)
	if r.cfg.detect {
		return r.detectStream(j)
	}
	var (
		writeErr error // of the output, which ends the run
		changed  bool
	)
	out := writerFunc(func(p []byte) (int, error) {
		n, err := r.out.Write(p)
		if err != nil {
			writeErr = err
		}
		return n, err
	})
	err := protect(func() error {
		return r.norm.Stream(out, j.stream, func(sec *normalize.Section) error {
			r.st.BytesIn += int64(sec.RawLen)
			r.st.addCounts(sec.Report.Counts)
			changed = changed || sec.Report.Changed()
			if !r.cfg.report {
				return nil
			}
			line := appendSectionHead(nil, j.src.name, sec)
			rj := appendReport(nil, sec.Report)
			line = append(line, rj[1:]...)
			if _, err := r.stderr.Write(append(line, '\n')); err != nil {
				writeErr = err
				return err
			}
			return nil
		})
	})
	if changed {
		r.st.Changed++
	}
	if writeErr != nil {
		return writeErr
	}
	if err != nil {
		return r.docFailed(j, err)
	}
	return nil
}

// detectStream is textStream for -detect: a JSON line for each section,
// with its index and offsets, and a line with the error that stops it, if
// one does.
func (r *runner) detectStream(j *textJob) error {
	var writeErr error
	err := protect(func() error {
		return r.norm.AnalyzeStream(j.stream, func(sec *normalize.Section, a *normalize.Analysis) error {
			r.st.BytesIn += int64(sec.RawLen)
			line := appendSectionHead(nil, j.src.name, sec)
			line = analysisMembers(line, a)
			writeErr = r.writeOut(append(line, '}', '\n'))
			return writeErr
		})
	})
	if writeErr != nil {
		return writeErr
	}
	if err != nil {
		return r.docFailed(j, err)
	}
	return nil
}

// docFailed counts and reports the error that failed the document of j
// (with -detect, also as its line of output). It returns only an error of
// the output, which ends the run.
func (r *runner) docFailed(j *textJob, err error) error {
	r.st.Errors++
	r.failed = true
	r.warn("%s: %v", j.src.name, err)
	if !r.cfg.detect {
		return nil
	}
	line := append([]byte(`{"file":`), jsonl.AppendQuote(nil, j.src.name)...)
	line = append(line, `,"error":`...)
	line = jsonl.AppendQuote(line, oneLine(err.Error()))
	return r.writeOut(append(line, '}', '\n'))
}

// appendSectionHead appends the opening of a section's JSON line to dst:
// the file's name, the section's index and its offsets, and a comma.
func appendSectionHead(dst []byte, name string, sec *normalize.Section) []byte {
	dst = append(dst, `{"file":`...)
	dst = jsonl.AppendQuote(dst, name)
	return fmt.Appendf(dst, `,"section":%d,"raw_start":%d,"text_start":%d,`, sec.Index, sec.RawStart, sec.TextStart)
}

// writerFunc is an io.Writer that calls itself.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
