package cli

import (
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
}

// runText cleans (or analyses) each source as one document.
func (r *runner) runText() error {
	return runOrdered(r.cfg.jobs, 2*r.cfg.jobs, maxInFlight,
		func(emit func(*textJob, int64) bool) {
			for _, s := range r.sources {
				j := &textJob{src: s}
				rd, closeSrc, err := r.openSource(s)
				if err != nil {
					j.err = err
				} else {
					j.data, j.err = readWhole(rd, int64(r.cfg.maxDoc), s.size)
					closeSrc()
				}
				if !emit(j, int64(len(j.data))) {
					return
				}
			}
		},
		r.textWork,
		r.textConsume)
}

func (r *runner) textWork(j *textJob) {
	if j.err != nil {
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
	r.st.BytesIn += int64(len(j.data))
	if j.err != nil {
		r.st.Errors++
		r.failed = true
		r.warn("%s: %v", j.src.name, j.err)
		if r.cfg.detect {
			line := append([]byte(`{"file":`), jsonl.AppendQuote(nil, j.src.name)...)
			line = append(line, `,"error":`...)
			line = jsonl.AppendQuote(line, oneLine(j.err.Error()))
			return r.writeOut(append(line, '}', '\n'))
		}
		return nil
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
