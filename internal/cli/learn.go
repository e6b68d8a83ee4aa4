package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/normalize"
)

// siteLearner is the cross-document boilerplate learner of package detect:
// it is fed the documents of one site and returns their site model.
type siteLearner interface {
	Add(doc string)
	Model() *detect.SiteModel
}

// newSiteLearner returns a new learner, or nil while the library has none.
//
// TODO(H5): return detect.NewLearner() once the learner has landed.
var newSiteLearner = func() siteLearner { return nil }

// errNoLearner is returned by -learn and -model while the library has no
// boilerplate learner.
var errNoLearner = errors.New("boilerplate learning (-learn, -model) is not available in this build: the library has no site-model learner yet")

// learnInRun reports whether a JSON Lines run learns boilerplate from its
// own documents first.
func (r *runner) learnInRun() bool {
	return r.cfg.jsonl && r.cfg.learnRun && r.cfg.learn == "" && r.cfg.model == "" && r.conv == nil &&
		r.cfg.fixes&normalize.FixBoilerplate != 0 && newSiteLearner() != nil
}

// learnPass is pass 1 of in-run learning: it feeds the learner of each
// group. stdin is copied to a temporary file on the way, and pass 2 reads
// that file. Lines that do not parse are ignored here; pass 2 reports
// them.
func (r *runner) learnPass() error {
	r.prog.pass.Store(1)
	for _, s := range r.sources {
		if s.arg == "-" {
			f, err := os.CreateTemp("", "hanfix-stdin-*.spool")
			if err != nil {
				return fmt.Errorf("spool stdin for in-run learning (or turn it off with -learn-run=false): %w", err)
			}
			r.spoolFile = f
			r.spool = f
			break
		}
	}
	learners, err := r.learnGroups()
	r.spool = nil
	if r.spoolFile != nil {
		// Copy what pass 1 did not read (it stops early on a read error).
		if _, cerr := io.Copy(io.Discard, io.TeeReader(r.stdin, r.spoolFile)); cerr != nil && err == nil {
			err = fmt.Errorf("spool stdin: %w", cerr)
		}
		if _, serr := r.spoolFile.Seek(0, io.SeekStart); serr != nil && err == nil {
			err = fmt.Errorf("spool stdin: %w", serr)
		}
	}
	if err != nil {
		return err
	}
	r.learners = learners
	return nil
}

// learnGroups reads the sources and returns a learner per group.
func (r *runner) learnGroups() (map[string]siteLearner, error) {
	learners := map[string]siteLearner{}
	err := runOrdered(r.cfg.jobs, 4*r.cfg.jobs, maxInFlight,
		func(emit func(*jsonlBatch, int64) bool) {
			r.produceLines(func(b *jsonlBatch, w int64) bool {
				if b.readErr != nil && !b.skipErr {
					// A read error ends pass 1; pass 2 reports it in order.
					b.readErr = nil
					emit(b, w)
					return false
				}
				return emit(b, w)
			})
		},
		func(b *jsonlBatch) {
			w := workerPool.Get().(*lineWorker)
			defer workerPool.Put(w)
			start := 0
			for _, end := range b.ends {
				content, _ := splitEOL(b.data[start:end])
				start = end
				if isBlank(content) {
					continue
				}
				_ = protect(func() error {
					if _, found, err := r.parseLine(w, content); err != nil || !found {
						return err
					}
					b.learn = append(b.learn, learnDoc{group: r.groupOf(w, content), text: string(w.text)})
					return nil
				})
			}
		},
		func(b *jsonlBatch) error {
			defer b.free()
			r.prog.docs.Add(int64(len(b.learn)))
			for _, d := range b.learn {
				l := learners[d.group]
				if l == nil {
					l = newSiteLearner()
					if l == nil {
						return errNoLearner
					}
					learners[d.group] = l
				}
				err := protect(func() error { l.Add(d.text); return nil })
				if err != nil {
					return fmt.Errorf("learn group %q: %w", d.group, err)
				}
			}
			return nil
		})
	return learners, err
}

// buildGroupNormalizers makes a Normalizer per learned group.
func (r *runner) buildGroupNormalizers() error {
	r.groups = make(map[string]*normalize.Normalizer, len(r.learners))
	for g, l := range r.learners {
		opts := r.cfg.options()
		opts.SiteModel = l.Model()
		n, err := normalize.New(opts)
		if err != nil {
			return fmt.Errorf("group %q: %w", g, err)
		}
		r.groups[g] = n
	}
	r.st.Groups = len(r.groups)
	r.learners = nil
	return nil
}

// runLearn is -learn: learn every group and write the model file.
func (r *runner) runLearn() error {
	if newSiteLearner() == nil {
		return errNoLearner
	}
	learners, err := r.learnGroups()
	if err != nil {
		return err
	}
	r.st.Groups = len(learners)
	// TODO(H5): write the per-group models with the library's model
	// save function once it has landed.
	return errNoLearner
}

// loadModel is -model: read the per-group models written by -learn.
func (r *runner) loadModel(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return &inputError{fmt.Errorf("-model: open %s: %w", path, unwrapPathError(err))}
	}
	defer f.Close()
	// TODO(H5): read the per-group models with the library's model load
	// function once it has landed, and fill r.groups.
	return errNoLearner
}
