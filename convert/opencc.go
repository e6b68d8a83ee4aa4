package convert

import (
	"fmt"
	"strings"
	"sync"

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

type cacheKey struct {
	config string
	opts   Options
}

// cache holds the converters made so far, so that New is cheap after the
// first call for a configuration.
var cache sync.Map // cacheKey → *Converter

// NewWithOptions is New with options; see Options.
func NewWithOptions(config string, opts Options) (*Converter, error) {
	if c, ok := cache.Load(cacheKey{config, opts}); ok {
		return c.(*Converter), nil
	}
	name := strings.TrimSuffix(config, ".json")
	c, err := opencc.New(name, opencc.Options{Conservative: opts.Conservative, IncludeTofu: !opts.AvoidTofu})
	if err != nil {
		return nil, fmt.Errorf("convert: new %q: %w", config, err)
	}
	conv, _ := cache.LoadOrStore(cacheKey{config, opts}, &Converter{config: name, c: c})
	return conv.(*Converter), nil
}

// Config returns the configuration name, without ".json".
func (c *Converter) Config() string { return c.config }

// Convert converts s. It returns s itself, without allocating, when
// nothing changes.
func (c *Converter) Convert(s string) string { return c.c.Convert(s) }

// Segments calls fn for every segment of s that the conversion replaces, in
// order, with its byte offsets in s and its replacement: writing s with
// each segment replaced gives Convert(s). A segment is a dictionary match
// (头发 → 頭髮, 们 → 們), or several matches merged when a later step of a
// multi-step configuration matched across them. Segments allocates nothing
// beyond what fn does: replacements are substrings of dictionary values,
// of s, or of a per-converter cache of replacements assembled by
// multi-step configurations (这里 → 這裏 → 這裡), which allocates once per
// distinct replacement.
func (c *Converter) Segments(s string, fn func(start, end int, repl string)) {
	c.c.Segments(s, fn)
}

// Ambiguous calls fn, in order, for every character of s that the
// conversion decides by a single-character dictionary entry with several
// candidates (干 → 幹 乾 干 榦) rather than by a phrase, with its byte
// offsets in s and the candidates, the default first. A conservative
// converter (Options.Conservative) leaves these characters unchanged; any
// other converts each to its default candidate. The candidates slice is
// shared: do not modify it.
func (c *Converter) Ambiguous(s string, fn func(start, end int, candidates []string)) {
	c.c.Ambiguous(s, fn)
}
