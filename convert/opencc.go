package convert

import (
	"fmt"
	"strings"

	"github.com/hanfix/hanfix/internal/opencc"
)

// A Converter converts text between Chinese scripts and regional standards
// following one OpenCC configuration. It is safe for concurrent use.
type Converter struct {
	config string
	c      *opencc.Converter
}

// Options changes how a configuration is applied.
type Options struct {
	// Conservative converts a character with several possible conversions
	// (干 → 幹/乾/干) only inside a matched dictionary phrase, and otherwise
	// leaves it unchanged; Converter.Ambiguous reports such characters.
	Conservative bool
	// AvoidTofu leaves out the dictionaries that OpenCC marks
	// "may_output_tofu": conversions to rare characters that common fonts
	// lack (t2s: 殢 → 𣨼). By default they are used, as OpenCC's regression
	// suite expects; with AvoidTofu such characters are left unconverted,
	// as OpenCC's command-line tool does by default.
	AvoidTofu bool
}

// configs lists the supported configurations in OpenCC's documentation order.
var configs = []string{
	"s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp",
	"t2tw", "hk2t", "t2hk", "t2jp", "jp2t", "tw2t", "s2hkp", "hk2sp",
}

// Configs lists the supported configuration names.
func Configs() []string { return append([]string(nil), configs...) }

// New returns the converter for an OpenCC configuration name: s2t, t2s,
// s2tw, tw2s, s2hk, hk2s, s2twp, tw2sp, t2tw, t2hk, tw2t, hk2t, t2jp, jp2t,
// s2hkp or hk2sp; a ".json" suffix is accepted. Converters are cached: the
// first New of a configuration builds its dictionaries (tens of
// milliseconds), later ones return the same converter.
func New(config string) (*Converter, error) {
	return NewWithOptions(config, Options{})
}

// NewWithOptions is New with options; see Options.
func NewWithOptions(config string, opts Options) (*Converter, error) {
	name := strings.TrimSuffix(config, ".json")
	c, err := opencc.New(name, opencc.Options{Conservative: opts.Conservative, IncludeTofu: !opts.AvoidTofu})
	if err != nil {
		return nil, fmt.Errorf("convert: new %q: %w", config, err)
	}
	return &Converter{config: name, c: c}, nil
}

// Config returns the configuration name, without ".json".
func (c *Converter) Config() string { return c.config }

// Convert converts s. It returns s itself, without allocating, when
// nothing changes.
func (c *Converter) Convert(s string) string { return c.c.Convert(s) }

// Segments calls fn for every segment of s that the conversion replaces, in
// order, with its byte offsets in s and its replacement. Concatenating the
// unreplaced parts of s and the replacements gives Convert(s).
func (c *Converter) Segments(s string, fn func(start, end int, repl string)) {
	c.c.Segments(s, fn)
}
