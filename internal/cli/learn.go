package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/utf8x"
	"github.com/hanfix/hanfix/normalize"
)

// learnInRun reports whether a JSON Lines run learns boilerplate from its
// own documents first: when boilerplate is stripped (or counted, with
// -detect) and neither -learn-run=false nor -model is given.
func (r *runner) learnInRun() bool {
	return r.cfg.jsonl && r.cfg.learnRun && r.cfg.learn == "" && r.cfg.model == "" && r.cfg.convert == "" &&
		r.cfg.fixes&normalize.FixBoilerplate != 0
}

// learnPass is pass 1 of in-run learning: it learns the site model of each
// group. stdin is copied to a temporary file on the way, and pass 2 reads
// that file, so memory stays bounded. Lines that do not parse are ignored
// here; pass 2 reports them.
func (r *runner) learnPass() error {
	r.prog.pass.Store(1)
	for _, s := range r.sources {
		if s.arg == "-" {
			f, err := os.CreateTemp("", "hanfix-stdin-*.spool")
			if err != nil {
				return fmt.Errorf("spool stdin for in-run learning (or turn it off with -learn-run=false): %w", err)
			}
			// Pass 2 reads through f; where the system allows it, the name
			// goes now, so that nothing is left behind even on a crash.
			os.Remove(f.Name())
			r.spoolFile = f
			r.spool = f
			break
		}
	}
	models, err := r.learnGroups()
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
	return r.useModels(models)
}

// learnGroups reads the sources and learns a site model per -group value.
func (r *runner) learnGroups() (detect.SiteModels, error) {
	g := detect.NewGroupLearner()
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
					if _, found, err := r.parseLine(w, content); err != nil || !found || !utf8x.Valid(w.text) {
						return err
					}
					d := learnDoc{group: r.groupOf(w, content), text: string(w.text)}
					_ = protect(func() error {
						fps := detect.FingerprintDoc(d.text)
						d.prints = &fps
						return nil
					})
					b.learn = append(b.learn, d)
					return nil
				})
			}
		},
		func(b *jsonlBatch) error {
			defer b.free()
			r.prog.docs.Add(int64(len(b.learn)))
			for _, d := range b.learn {
				if err := protect(func() error {
					if d.prints != nil {
						g.AddFingerprints(d.group, *d.prints)
					} else {
						g.Add(d.group, d.text)
					}
					return nil
				}); err != nil {
					return fmt.Errorf("learn group %q: %w", d.group, err)
				}
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	r.st.LearnCopies = g.Copies()
	return g.Models(), nil
}

// useModels makes a Normalizer per group of models. Without -group, a
// model file of exactly one group applies to every document.
func (r *runner) useModels(models detect.SiteModels) error {
	if r.cfg.group == "" && len(models) == 1 {
		for _, m := range models {
			models = detect.SiteModels{"": m}
		}
	}
	r.groups = make(map[string]*normalize.Normalizer)
	for g, m := range models {
		if m == nil || m.Len() == 0 {
			continue // nothing learned: the default Normalizer does the same
		}
		opts := r.cfg.options()
		opts.SiteModel = m
		n, err := normalize.New(opts)
		if err != nil {
			return fmt.Errorf("group %q: %w", g, err)
		}
		r.groups[g] = n
	}
	r.st.Groups = len(r.groups)
	return nil
}

// runLearn is -learn: learn every group and write the model file.
func (r *runner) runLearn() error {
	models, err := r.learnGroups()
	if err != nil {
		return err
	}
	r.st.Groups = len(models)
	f, err := os.Create(r.cfg.learn)
	if err != nil {
		return fmt.Errorf("create -learn %s: %w", r.cfg.learn, unwrapPathError(err))
	}
	if _, err := models.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("-learn %s: %w", r.cfg.learn, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("-learn %s: %w", r.cfg.learn, err)
	}
	return nil
}

// loadModel is -model: read the per-group models written by -learn.
func (r *runner) loadModel(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return &inputError{fmt.Errorf("-model: open %s: %w", path, unwrapPathError(err))}
	}
	defer f.Close()
	models, err := detect.ReadSiteModels(f)
	if err != nil {
		return &inputError{fmt.Errorf("-model %s: %w", path, err)}
	}
	return r.useModels(models)
}
