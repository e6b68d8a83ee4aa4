package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hanfix/hanfix/internal/compress"
	"github.com/hanfix/hanfix/normalize"
)

// Exit statuses of Main.
const (
	ExitOK    = 0 // success
	ExitInput = 1 // an input or output error: a missing file, a malformed line …
	ExitUsage = 2 // a command-line error: an unknown flag or flag value
)

// Main runs the hanfix command with args (without the program name) and
// returns its exit status. It never calls os.Exit.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		writeUsage(stdout)
		return ExitOK
	case err != nil:
		fmt.Fprintf(stderr, "hanfix: %s (run 'hanfix -h' for usage)\n", oneLine(err.Error()))
		return ExitUsage
	}
	if cfg.version {
		fmt.Fprintln(stdout, "hanfix", Version())
		return ExitOK
	}
	r := &runner{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr}
	if err := r.run(); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "hanfix: %s (run 'hanfix -h' for usage)\n", oneLine(err.Error()))
			return ExitUsage
		}
		fmt.Fprintf(stderr, "hanfix: %s\n", oneLine(err.Error()))
		return ExitInput
	}
	if r.failed {
		return ExitInput
	}
	return ExitOK
}

// Version returns the module version of the binary ("(devel)" when built
// from a working tree).
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
		return v
	}
	return "(devel)"
}

// oneLine makes a message fit on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// runner holds the state of one run.
type runner struct {
	cfg    *config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	sources []source
	norm    *normalize.Normalizer
	// groups maps a -group value to the Normalizer with that group's
	// learned site model; documents of other groups use norm.
	groups map[string]*normalize.Normalizer

	out       *bufio.Writer
	outCnt    *countingWriter
	spool     io.Writer // set while pass 1 copies stdin to a temporary file
	spoolFile *os.File  // the copy of stdin that pass 2 reads

	prog   progress
	st     stats
	failed bool // an error was reported and the run went on
	// mem raises the soft memory limit while large files are cleaned
	// (text mode).
	mem memBudget
}

// countingWriter counts bytes written.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (r *runner) run() (err error) {
	start := time.Now()
	args := r.cfg.files
	if len(args) == 0 {
		args = []string{"-"}
	}
	for _, a := range args {
		r.sources = append(r.sources, newSource(a))
	}
	if err := r.checkSources(); err != nil {
		return err
	}
	defer func() {
		if r.spoolFile != nil {
			r.spoolFile.Close()
			os.Remove(r.spoolFile.Name())
		}
	}()
	if err := r.setup(); err != nil {
		return err
	}
	if lim := int64(r.cfg.memLimit); r.cfg.set["mem-limit"] || os.Getenv("GOMEMLIMIT") == "" {
		if lim <= 0 {
			lim = math.MaxInt64
		}
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(lim))
		if lim != math.MaxInt64 {
			r.mem.base = lim
		}
		if lim != math.MaxInt64 && os.Getenv("GOGC") == "" {
			// The pipeline allocates about 30 bytes for each byte it
			// cleans, over a live heap of some 20 MB: with the default
			// GOGC the collector runs every few documents and takes 4%
			// of the CPU. Under a soft limit a larger GOGC cannot grow
			// the heap past it, so collect less often.
			defer debug.SetGCPercent(debug.SetGCPercent(cliGCPercent))
		}
	}
	var total int64
	for _, s := range r.sources {
		if s.size < 0 {
			total = 0
			break
		}
		total += s.size
	}
	showProgress := isTerminal(r.stderr)
	if r.cfg.progress.set {
		showProgress = r.cfg.progress.val
	}
	if r.cfg.learn == "" {
		closeOut, oerr := r.openOutput()
		if oerr != nil {
			return oerr
		}
		defer func() {
			// err is the named result: a failed flush fails the run.
			if cerr := closeOut(); cerr != nil && err == nil {
				err = cerr
			}
			r.st.BytesOut = r.outCnt.n
			r.finish(start)
		}()
	} else {
		defer r.finish(start)
	}
	switch {
	case r.cfg.learn != "":
		r.prog.begin(r.stderr, showProgress, total)
		return r.runLearn()
	case r.cfg.jsonl:
		if r.learnInRun() {
			total *= 2
		}
		r.prog.begin(r.stderr, showProgress, total)
		return r.runJSONL()
	default:
		r.st.Passes = 1
		r.prog.begin(r.stderr, showProgress, total)
		return r.runText()
	}
}

// cliGCPercent is the GOGC of a run under a memory limit (and without the
// GOGC environment variable): the heap may grow to five times the live
// data, up to the limit.
const cliGCPercent = 400

// finish stops the progress display and writes the -stats summary.
func (r *runner) finish(start time.Time) {
	r.prog.end()
	if r.cfg.stats {
		r.st.write(r.stderr, time.Since(start))
	}
}

// setup builds the converter or the Normalizer, and loads -model.
func (r *runner) setup() error {
	n, err := normalize.New(r.cfg.options())
	if err != nil {
		if r.cfg.convert != "" {
			return usagef("-convert: %v", err)
		}
		return err
	}
	r.norm = n
	if r.cfg.model != "" {
		return r.loadModel(r.cfg.model)
	}
	return nil
}

// openOutput opens stdout or -o FILE (compressed by its suffix) behind a
// buffer; the returned function flushes and closes it.
func (r *runner) openOutput() (func() error, error) {
	if r.cfg.out == "" {
		r.outCnt = &countingWriter{w: r.stdout}
		r.out = bufio.NewWriterSize(r.outCnt, ioBufSize)
		return func() error {
			if err := r.out.Flush(); err != nil {
				return fmt.Errorf("write stdout: %w", err)
			}
			return nil
		}, nil
	}
	if fi, err := os.Stat(r.cfg.out); err == nil {
		for _, s := range r.sources {
			if s.arg == "-" {
				continue
			}
			if si, err := os.Stat(s.arg); err == nil && os.SameFile(fi, si) {
				return nil, usagef("-o %s is also an input FILE; write to another file", r.cfg.out)
			}
		}
	}
	f, err := os.Create(r.cfg.out)
	if err != nil {
		return nil, fmt.Errorf("create -o %s: %w", r.cfg.out, unwrapPathError(err))
	}
	zw, err := compress.NewWriter(f, compress.ForName(r.cfg.out))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("-o %s: %w", r.cfg.out, err)
	}
	r.outCnt = &countingWriter{w: zw}
	r.out = bufio.NewWriterSize(r.outCnt, ioBufSize)
	return func() error {
		err := r.out.Flush()
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", r.cfg.out, err)
		}
		return nil
	}, nil
}

// writeOut writes p to the output.
func (r *runner) writeOut(p []byte) error {
	if _, err := r.out.Write(p); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// warn prints a one-line message on stderr.
func (r *runner) warn(format string, a ...any) {
	fmt.Fprintf(r.stderr, "hanfix: %s\n", oneLine(fmt.Sprintf(format, a...)))
}
