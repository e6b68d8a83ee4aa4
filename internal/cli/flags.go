package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/normalize"
)

// config is the parsed command line.
type config struct {
	to              string
	target          normalize.Target
	convert         string
	jsonl           bool
	detect          bool
	keepBoilerplate bool
	report          bool
	jobs            int
	progress        optBool
	stats           bool
	skipBad         bool
	field           string
	group           string
	out             string
	encoding        string
	conservative    bool
	fix             string
	fixes           normalize.Fix
	learn           string
	model           string
	learnRun        bool
	maxLine         byteSize
	maxDoc          byteSize
	section         memSize
	memLimit        memSize
	version         bool
	files           []string
	set             map[string]bool // flags given on the command line
}

// usageError is an error in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// optBool is a boolean flag that remembers whether it was set.
type optBool struct {
	val, set bool
}

func (b *optBool) String() string   { return strconv.FormatBool(b.val) }
func (b *optBool) IsBoolFlag() bool { return true }
func (b *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	b.val, b.set = v, true
	return nil
}

// byteSize is a size flag: a number of bytes with an optional K, M or G
// suffix (powers of 1024), e.g. 256M.
type byteSize int64

func (s *byteSize) String() string { return formatSize(int64(*s)) }

func (s *byteSize) Set(v string) error {
	t := strings.ToUpper(strings.TrimSpace(v))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mul := int64(1)
	if t != "" {
		switch t[len(t)-1] {
		case 'K':
			mul = 1 << 10
		case 'M':
			mul = 1 << 20
		case 'G':
			mul = 1 << 30
		}
		if mul > 1 {
			t = t[:len(t)-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mul {
		return fmt.Errorf("want a positive size such as 64M, got %q", v)
	}
	*s = byteSize(n * mul)
	return nil
}

// memSize is a byteSize flag that also accepts 0, for "none" (-mem-limit)
// or "whole" (-section).
type memSize byteSize

func (s *memSize) String() string { return formatSize(int64(*s)) }

func (s *memSize) Set(v string) error {
	if strings.TrimSpace(v) == "0" {
		*s = 0
		return nil
	}
	return (*byteSize)(s).Set(v)
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dG", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dK", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

const usageHead = `usage: hanfix [flags] [FILE ...]

hanfix cleans scraped, damaged Chinese text: it decodes raw bytes in any
supported encoding, repairs mojibake, removes flattened pinyin annotations,
strips scraper boilerplate and converts between Simplified and Traditional.

FILEs or stdin ("-"): raw bytes in any supported encoding, optionally gzip or
zstd (recognised by magic bytes). Cleaned UTF-8 goes to stdout, or to -o FILE
(gzip or zstd compressed when FILE ends in .gz or .zst). In text mode each
FILE is one document (one over -section is cleaned in sections, each as a
document of its own; one over -max-doc is cleaned as it is read, in bounded
memory); with -jsonl every line is one document.

Exit status: 0 success, 1 input or output error, 2 usage error.

flags:
`

// newFlagSet returns the flag set that fills c.
func newFlagSet(c *config) *flag.FlagSet {
	fs := flag.NewFlagSet("hanfix", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	c.maxLine = 256 << 20
	c.maxDoc = 256 << 20
	c.section = defaultSection
	c.memLimit = 150 << 20
	fs.StringVar(&c.to, "to", "auto", "target `SCRIPT`: auto|simp|trad|tw|hk|keep; keep = no conversion, auto = unify a\nmixed document to its majority script")
	fs.StringVar(&c.convert, "convert", "", "pure OpenCC conversion with `CONFIG`; no other fix runs. CONFIG is one of\n"+strings.Join(convert.Configs(), ", "))
	fs.BoolVar(&c.jsonl, "jsonl", false, "JSON Lines in and out: the -field of each object is cleaned, every other byte of\nthe line passes through unchanged, output order = input order")
	fs.StringVar(&c.field, "field", "text", "`NAME` of the JSON Lines field to clean")
	fs.BoolVar(&c.detect, "detect", false, "no cleaning: one JSON object per FILE (or per JSON Lines line) with encoding,\nconfidence, script, mojibake, annotations and boilerplate_lines")
	fs.BoolVar(&c.keepBoilerplate, "keep-boilerplate", false, "do not strip boilerplate")
	fs.BoolVar(&c.report, "report", false, "JSON Lines: add \"hanfix\": {encoding, script, counts, changes, findings} to each\nobject; text mode: the report of each document as JSON on stderr")
	fs.IntVar(&c.jobs, "j", runtime.GOMAXPROCS(0), "`N` workers, by default one per available CPU; the output order never changes")
	fs.Var(&c.progress, "progress", "progress on stderr (documents, MB, MB/s, ETA when the size is known);\non by default when stderr is a terminal")
	fs.BoolVar(&c.stats, "stats", false, "one JSON summary on stderr at the end: documents, bytes, time, counts per fix,\nerrors")
	fs.BoolVar(&c.skipBad, "skip-bad", false, "JSON Lines: report and skip malformed lines instead of stopping")
	fs.StringVar(&c.group, "group", "", "JSON Lines `FIELD` naming the site of each document: boilerplate is learnt per\ngroup (-learn, in-run learning) and -model picks the group's site model;\nwithout it all documents of a run form one group")
	fs.StringVar(&c.learn, "learn", "", "learn boilerplate templates per -group from JSON Lines input and write the\nmodel to `FILE`; no cleaning output")
	fs.StringVar(&c.model, "model", "", "apply the boilerplate model in `FILE` (written by -learn)")
	fs.BoolVar(&c.learnRun, "learn-run", true, "JSON Lines: learn boilerplate templates from the documents of this run (two\npasses over the input; stdin is spooled to a temporary file)")
	fs.StringVar(&c.out, "o", "", "write to `FILE` instead of stdout; .gz and .zst compress")
	fs.StringVar(&c.encoding, "encoding", "", "force the input encoding (a WHATWG `LABEL` such as gbk, big5, utf-16le) for\nevery byte; without it, parts of a UTF-8, GBK or Big5 file in another of these\nencodings are decoded with their own")
	fs.BoolVar(&c.conservative, "conservative", false, "convert characters with several counterparts (干/幹/乾) only inside known\nphrases, and apply mojibake repairs only when every guessed byte is a clear\nchoice; report the rest")
	fs.StringVar(&c.fix, "fix", "", "comma-separated `LIST` of fixes to add (name or +name) or remove (-name)\nfrom the defaults; names: "+strings.Join(fixNames(), ", "))
	fs.Var(&c.maxLine, "max-line", "longest JSON Lines line accepted (`SIZE`)")
	fs.Var(&c.maxDoc, "max-doc", "largest text-mode document read whole (`SIZE`); a larger one is cleaned as it is\nread, in -section sections, in bounded memory (refused with -section 0); -detect\nthen gives a line per section")
	fs.Var(&c.section, "section", "a document over `SIZE` is cleaned in sections of about SIZE or less, cut at line\nbreaks, on every core, each section as a document of its own (0 = whole)")
	fs.Var(&c.memLimit, "mem-limit", "soft memory limit for the Go heap (`SIZE`, 0 = none): the garbage collector\nworks harder near it, which keeps many documents in flight from growing the\nprocess; in text mode a file over 1 MB raises it by 6 times its size while it\nis cleaned (part of what cleaning it holds), 3 times for a file over -section;\nthe GOMEMLIMIT environment variable, when set, replaces the default")
	fs.BoolVar(&c.version, "version", false, "print the version and exit")
	return fs
}

// writeUsage writes the usage text with every flag.
func writeUsage(w io.Writer) {
	var c config
	fs := newFlagSet(&c)
	fs.SetOutput(w)
	fmt.Fprint(w, usageHead)
	fs.PrintDefaults()
}

// parseArgs parses the command line. Flags and FILEs may be mixed; "--"
// ends the flags.
func parseArgs(args []string) (*config, error) {
	c := &config{}
	fs := newFlagSet(c)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error()}
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			c.files = append(c.files, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		c.files = append(c.files, rest[0])
		args = rest[1:]
	}
	c.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.set[f.Name] = true })
	return c, c.check()
}

// check validates flag values and combinations.
func (c *config) check() error {
	if c.version {
		return nil
	}
	t, err := normalize.ParseTarget(c.to)
	if err != nil {
		return usagef("-to: %v", err)
	}
	c.target = t
	if c.jobs < 1 {
		return usagef("-j %d: want at least 1 worker", c.jobs)
	}
	if c.convert != "" {
		if _, err := convert.New(c.convert); err != nil {
			return usagef("-convert %q: unknown configuration: want one of %s", c.convert, strings.Join(convert.Configs(), ", "))
		}
		for _, f := range []string{"to", "detect", "keep-boilerplate", "fix", "model", "learn", "conservative"} {
			if c.set[f] {
				return usagef("-convert cannot be combined with -%s: it runs the OpenCC conversion and nothing else", f)
			}
		}
	}
	if c.encoding != "" {
		if _, _, err := convert.Decode(nil, c.encoding); err != nil {
			return usagef("-encoding %q: not a WHATWG encoding label (e.g. utf-8, gbk, gb18030, big5, utf-16le, shift_jis)", c.encoding)
		}
	}
	if c.field == "" {
		return usagef("-field: want a field name")
	}
	if c.report && c.field == reportField {
		return usagef("-field %s: -report adds a member of that name; clean another field", reportField)
	}
	if c.learn != "" {
		if c.detect || c.report {
			return usagef("-learn writes a model and no output; it cannot be combined with -detect or -report")
		}
		if c.model != "" {
			return usagef("-learn and -model cannot be combined")
		}
		c.jsonl = true
	}
	if c.learn != "" && c.out != "" {
		return usagef("-learn writes only the model file; -o has nothing to write")
	}
	c.fixes = normalize.DefaultFixes
	if err := c.parseFixes(); err != nil {
		return err
	}
	if c.keepBoilerplate {
		c.fixes &^= normalize.FixBoilerplate
	}
	if c.fixes == 0 {
		return usagef("-fix %q removes every fix; use -to keep -keep-boilerplate … or -convert instead", c.fix)
	}
	return nil
}

// fixByName maps -fix names to fixes.
var fixByName = []struct {
	name string
	fix  normalize.Fix
}{
	{"hygiene", normalize.FixHygiene},
	{"mojibake", normalize.FixMojibake},
	{"annotations", normalize.FixAnnotations},
	{"boilerplate", normalize.FixBoilerplate},
	{"script", normalize.FixScript},
	{"fullwidth-ascii", normalize.FixFullwidthASCII},
	{"cjk-punct", normalize.FixCJKPunct},
	{"space-comma", normalize.FixSpaceComma},
}

func fixNames() []string {
	s := make([]string, len(fixByName))
	for i, f := range fixByName {
		s[i] = f.name
	}
	return s
}

func (c *config) parseFixes() error {
	if strings.TrimSpace(c.fix) == "" {
		return nil
	}
	for _, item := range strings.Split(c.fix, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		remove := strings.HasPrefix(item, "-")
		name := strings.TrimLeft(item, "+-")
		var fix normalize.Fix
		for _, f := range fixByName {
			if f.name == name {
				fix = f.fix
			}
		}
		if fix == 0 {
			return usagef("-fix: unknown fix %q: want %s", name, strings.Join(fixNames(), ", "))
		}
		if remove {
			c.fixes &^= fix
		} else {
			c.fixes |= fix
		}
	}
	return nil
}

// defaultSection is the default of -section. Sections of 4 MB hold
// enough text for the judgements made over a whole document (the five
// seeds concatenated 100 times come out byte for byte as when cleaned
// whole, as they do in sections of 512 KB), and the 30 MB of that file
// are cleaned on two cores in 0.59–1.02 s instead of 1.31–1.80 s.
const defaultSection = 4 << 20

// options returns the normalize options of the command line.
func (c *config) options() normalize.Options {
	return normalize.Options{
		Target:       c.target,
		Fixes:        c.fixes,
		Conservative: c.conservative,
		Encoding:     c.encoding,
		Convert:      c.convert,
		// Only -report prints the change list and the findings (-detect
		// uses Analyze, which always builds them).
		OmitChanges:  !c.report,
		OmitFindings: !c.report,
		SectionSize:  int(c.section),
		// A document's sections take the workers that documents would.
		SectionWorkers: c.jobs,
	}
}
