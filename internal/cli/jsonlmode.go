package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/detect"
	"github.com/hanfix/hanfix/internal/jsonl"
	"github.com/hanfix/hanfix/normalize"
)

// Batching and memory bounds of the JSON Lines pipeline.
const (
	batchBytes  = 256 << 10 // a batch is closed when its lines reach this size …
	batchLines  = 256       // … or this many lines
	maxInFlight = 32 << 20  // bytes of input in flight (one larger line runs alone)
	bigDoc      = 4 << 20   // documents at least this large are cleaned one at a time
)

var utf8BOM = []byte("\xef\xbb\xbf")

// bigDocMu serialises the cleaning of big documents.
var bigDocMu sync.Mutex

// jsonlBatch is a run of consecutive lines of one source.
type jsonlBatch struct {
	src     source
	first   int // number of the first line, from 1
	data    []byte
	ends    []int // end offset of each line in data
	readErr error // reading stopped (or, with -skip-bad, a line was skipped) after the lines
	skipErr bool  // readErr is a skippable per-line error

	// results of pass 2
	out     []byte
	errs    []lineError
	counts  map[normalize.Kind]int
	docs    int64
	changed int64
	missing int64

	// results of pass 1 (learning)
	learn []learnDoc
}

type lineError struct {
	line int
	err  error
}

// learnDoc is a document of pass 1: its group and the fingerprints of its
// lines, which the workers take (detect.FingerprintDoc), so that the one
// goroutine that adds them to the learner in order does little else. When
// fingerprinting failed (a panic) prints is nil and text is added instead,
// to fail again where the failure is reported.
type learnDoc struct {
	group  string
	text   string
	prints *detect.Fingerprints
}

var batchPool = sync.Pool{New: func() any { return new(jsonlBatch) }}

func newBatch(s source, first int) *jsonlBatch {
	b := batchPool.Get().(*jsonlBatch)
	b.src, b.first = s, first
	return b
}

// free returns b to the pool, dropping buffers too large to keep.
func (b *jsonlBatch) free() {
	data, ends, out := b.data[:0], b.ends[:0], b.out[:0]
	if cap(data) > 4*batchBytes {
		data = nil
	}
	if cap(out) > 4*batchBytes {
		out = nil
	}
	*b = jsonlBatch{data: data, ends: ends, out: out, errs: b.errs[:0], learn: b.learn[:0]}
	batchPool.Put(b)
}

// produceLines reads the sources in order and emits batches of lines.
func (r *runner) produceLines(emit func(*jsonlBatch, int64) bool) {
	for _, s := range r.sources {
		rd, closeSrc, err := r.openSource(s)
		if err != nil {
			b := newBatch(s, 1)
			b.readErr = err
			emit(b, 0)
			return
		}
		lr := newLineReader(rd, int64(r.cfg.maxLine))
		b := newBatch(s, 1)
		for {
			var err error
			n := len(b.data)
			b.data, err = lr.appendLine(b.data)
			if err == nil && lr.line == 1 && bytes.HasPrefix(b.data[n:], utf8BOM) {
				// A byte order mark is not JSON; drop it.
				b.data = append(b.data[:n], b.data[n+len(utf8BOM):]...)
			}
			if err == nil {
				b.ends = append(b.ends, len(b.data))
				if len(b.data) >= batchBytes || len(b.ends) >= batchLines {
					if !emit(b, int64(len(b.data))) {
						closeSrc()
						return
					}
					b = newBatch(s, lr.line+1)
				}
				continue
			}
			if errors.Is(err, io.EOF) {
				break
			}
			skip := errors.Is(err, errLineTooLong) && r.cfg.skipBad
			b.readErr = fmt.Errorf("%s:%d: %w", s.name, lr.line, err)
			b.skipErr = skip
			// b belongs to the consumer once emitted: use skip, not b.skipErr.
			if !emit(b, int64(len(b.data))) || !skip {
				closeSrc()
				return
			}
			b = newBatch(s, lr.line+1)
		}
		closeSrc()
		if len(b.ends) > 0 && !emit(b, int64(len(b.data))) {
			return
		}
	}
}

// runJSONL cleans (or analyses) every line; with in-run learning it first
// learns the boilerplate of each group in a pass of its own.
func (r *runner) runJSONL() error {
	r.st.Passes = 1
	if r.learnInRun() {
		r.st.Passes = 2
		if err := r.learnPass(); err != nil {
			return err
		}
		r.prog.pass.Store(2)
		r.prog.docs.Store(0)
	}
	return runOrdered(r.cfg.jobs, 4*r.cfg.jobs, maxInFlight, r.produceLines, r.jsonlWork, r.jsonlConsume)
}

// lineWorker holds the per-line scratch buffers of one worker.
type lineWorker struct {
	obj   jsonl.Object
	text  []byte
	quote []byte
	rep   []byte
	ins   []byte
	extra []byte
	edits []jsonl.Edit
}

var workerPool = sync.Pool{New: func() any { return new(lineWorker) }}

func (r *runner) jsonlWork(b *jsonlBatch) {
	w := workerPool.Get().(*lineWorker)
	defer workerPool.Put(w)
	start := 0
	for i, end := range b.ends {
		line := b.data[start:end]
		start = end
		mark := len(b.out)
		if len(line) >= bigDoc {
			// The library needs many times a document's size while it
			// cleans it: clean one big document at a time.
			bigDocMu.Lock()
		}
		err := protect(func() error { return r.jsonlLine(w, b, line) })
		if len(line) >= bigDoc {
			bigDocMu.Unlock()
		}
		if err != nil {
			b.out = b.out[:mark]
			b.errs = append(b.errs, lineError{line: b.first + i, err: err})
			if !r.cfg.skipBad {
				return
			}
		}
	}
	if cap(w.text) > 4*batchBytes {
		*w = lineWorker{}
	}
}

func (r *runner) jsonlConsume(b *jsonlBatch) error {
	defer b.free()
	r.st.Lines += int64(len(b.ends))
	r.st.Documents += b.docs
	r.st.Changed += b.changed
	r.st.MissingField += b.missing
	r.st.BytesIn += int64(len(b.data))
	r.st.addCounts(b.counts)
	r.prog.docs.Add(b.docs)
	if err := r.writeOut(b.out); err != nil {
		return err
	}
	for _, e := range b.errs {
		r.st.Errors++
		if !r.cfg.skipBad {
			return fmt.Errorf("%s:%d: %w", b.src.name, e.line, e.err)
		}
		r.st.Skipped++
		r.warn("%s:%d: %v (line skipped)", b.src.name, e.line, e.err)
	}
	if b.readErr != nil {
		r.st.Errors++
		if !b.skipErr {
			return b.readErr
		}
		r.st.Skipped++
		r.warn("%v (line skipped)", b.readErr)
	}
	return nil
}

// splitEOL splits line into its content and its "\n" or "\r\n" terminator.
func splitEOL(line []byte) (content, eol []byte) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		if n > 1 && line[n-2] == '\r' {
			return line[:n-2], line[n-2:]
		}
		return line[:n-1], line[n-1:]
	}
	return line, nil
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// parseLine validates a line and locates its members and the -field value.
func (r *runner) parseLine(w *lineWorker, content []byte) (jsonl.Member, bool, error) {
	if err := jsonl.Parse(content, &w.obj); err != nil {
		if verr := jsonl.Validate(content); verr != nil {
			// encoding/json's wording, familiar to users.
			err = verr
		} else if errors.Is(err, jsonl.ErrNotObject) {
			return jsonl.Member{}, false, err
		}
		return jsonl.Member{}, false, fmt.Errorf("malformed JSON: %w", err)
	}
	k := w.obj.Find(content, r.cfg.field)
	var m jsonl.Member
	if k >= 0 {
		m = w.obj.Members[k]
	}
	// JSON text must be UTF-8. Raw bytes inside the field are decoded like
	// a file (their encoding is detected); anywhere else they would have to
	// pass through unchanged into output that is not UTF-8. The field's
	// string, most of the line, is not checked here: whoever takes its text
	// checks it (Normalizer.String, or the learner's caller). A string
	// value begins and ends with a quote, so the line is valid UTF-8
	// exactly when the parts before and after it and the value are.
	if k >= 0 && m.IsString(content) {
		if !utf8.Valid(content[:m.ValueStart]) || !utf8.Valid(content[m.ValueEnd:]) {
			return m, false, invalidOutside(content, r.cfg.field)
		}
	} else if !utf8.Valid(content) {
		return m, false, invalidOutside(content, r.cfg.field)
	}
	if k < 0 {
		return jsonl.Member{}, false, nil
	}
	if !m.IsString(content) {
		return m, true, fmt.Errorf("field %q is not a string but %s", r.cfg.field, describeValue(m.Value(content)))
	}
	var err error
	w.text, err = jsonl.AppendUnquote(slices.Grow(w.text[:0], m.ValueEnd-m.ValueStart), m.Value(content))
	if err != nil {
		return m, true, fmt.Errorf("malformed JSON: field %q: %w", r.cfg.field, err)
	}
	return m, true, nil
}

// invalidOutside is the error for a line with invalid UTF-8 outside the
// field.
func invalidOutside(content []byte, field string) error {
	return fmt.Errorf("malformed JSON: invalid UTF-8 at byte %d, outside field %q (only that field is decoded and repaired)",
		invalidAt(content), field)
}

// describeValue names the kind of a raw JSON value for messages.
func describeValue(v []byte) string {
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean (" + string(v) + ")"
	}
	if len(v) > 20 {
		v = v[:20]
	}
	return "a number (" + string(v) + ")"
}

// groupOf returns the -group value of the parsed line: a string value
// decoded, any other value as raw JSON, "" when absent.
func (r *runner) groupOf(w *lineWorker, content []byte) string {
	if r.cfg.group == "" {
		return ""
	}
	k := w.obj.Find(content, r.cfg.group)
	if k < 0 {
		return ""
	}
	v := w.obj.Members[k].Value(content)
	if w.obj.Members[k].IsString(content) {
		if dec, err := jsonl.AppendUnquote(nil, v); err == nil {
			return string(dec)
		}
	}
	return string(v)
}

// normFor returns the Normalizer for the group of the parsed line.
func (r *runner) normFor(w *lineWorker, content []byte) *normalize.Normalizer {
	if len(r.groups) == 0 {
		return r.norm
	}
	if n, ok := r.groups[r.groupOf(w, content)]; ok {
		return n
	}
	return r.norm
}

// jsonlLine processes one line and appends its output to b.out.
func (r *runner) jsonlLine(w *lineWorker, b *jsonlBatch, line []byte) error {
	content, eol := splitEOL(line)
	if isBlank(content) {
		b.out = append(b.out, line...)
		return nil
	}
	m, found, err := r.parseLine(w, content)
	if err != nil {
		return err
	}
	if !found {
		if r.cfg.detect {
			return fmt.Errorf("no field %q to analyse", r.cfg.field)
		}
		b.missing++
		b.out = append(b.out, line...)
		return nil
	}
	b.docs++
	n := r.normFor(w, content)
	if r.cfg.detect {
		a, err := r.analyzeDoc(n, w.text, true)
		if err != nil {
			return err
		}
		w.extra = analysisMembers(w.extra[:0], a)
		b.out = jsonl.AppendWithout(b.out, content, &w.obj, func(mm jsonl.Member) bool {
			key := mm.Key(content)
			if jsonl.KeyEqual(key, r.cfg.field) {
				return true
			}
			for _, k := range analysisKeys {
				if jsonl.KeyEqual(key, k) {
					return true
				}
			}
			return false
		}, w.extra)
		b.out = append(b.out, '\n')
		return nil
	}
	out, rep, err := r.cleanDoc(n, w.text, true)
	if err != nil {
		return err
	}
	if rep != nil && len(rep.Counts) > 0 {
		if b.counts == nil {
			b.counts = map[normalize.Kind]int{}
		}
		for k, v := range rep.Counts {
			b.counts[k] += v
		}
	}
	changed := out != string(w.text)
	if changed {
		b.changed++
	}
	if !changed && !r.cfg.report {
		b.out = append(b.out, line...)
		return nil
	}
	w.edits = w.edits[:0]
	if changed {
		w.quote = jsonl.AppendQuote(slices.Grow(w.quote[:0], len(out)+len(out)/8+16), out)
		w.edits = append(w.edits, jsonl.ReplaceValue(m, w.quote))
	}
	if r.cfg.report {
		w.rep = appendReport(w.rep[:0], rep)
		e := w.obj.SetMember(content, reportField, w.rep, w.ins)
		if e.Start == e.End {
			w.ins = e.New
		}
		w.edits = append(w.edits, e)
		sort.Slice(w.edits, func(i, j int) bool { return w.edits[i].Start < w.edits[j].Start })
	}
	b.out = jsonl.AppendEdits(b.out, content, w.edits...)
	b.out = append(b.out, eol...)
	return nil
}

// reportField is the member -report adds to each object.
const reportField = "hanfix"

// analysisKeys are the top-level keys of a -detect result.
var analysisKeys = func() []string {
	obj := appendJSON(nil, &normalize.Analysis{})
	var keys []string
	var o jsonl.Object
	if err := jsonl.Parse(obj, &o); err != nil {
		panic("cli: analysis keys: " + err.Error())
	}
	for _, m := range o.Members {
		k, _ := jsonl.AppendUnquote(nil, m.Key(obj))
		keys = append(keys, string(k))
	}
	return keys
}()
