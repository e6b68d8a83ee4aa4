package opencc

import (
	"fmt"
	"sync"
)

// A Library loads dictionaries through a DictLoader and compiles them into
// matchers, each once: converters built from one Library share every
// dictionary and matcher they have in common. It is safe for concurrent use.
type Library struct {
	load     DictLoader
	mu       sync.Mutex
	dicts    map[string]*onceValue[*Dict]
	matchers map[string]*onceValue[*matcher]
}

type onceValue[T any] struct {
	once sync.Once
	v    T
	err  error
}

// NewLibrary returns a Library that reads dictionaries with load.
func NewLibrary(load DictLoader) *Library {
	return &Library{
		load:     load,
		dicts:    map[string]*onceValue[*Dict]{},
		matchers: map[string]*onceValue[*matcher]{},
	}
}

// Dict returns the dictionary stored under file, loading it on first use.
func (l *Library) Dict(file string) (*Dict, error) {
	l.mu.Lock()
	o, ok := l.dicts[file]
	if !ok {
		o = &onceValue[*Dict]{}
		l.dicts[file] = o
	}
	l.mu.Unlock()
	o.once.Do(func() {
		o.v, o.err = l.load(file)
		if o.err != nil {
			o.err = fmt.Errorf("load dictionary %s: %w", file, o.err)
		}
	})
	return o.v, o.err
}

// matcher returns the compiled matcher for a dictionary spec.
func (l *Library) matcher(spec *DictSpec, includeTofu bool) (*matcher, error) {
	levels, err := spec.levels(l.Dict, includeTofu)
	if err != nil {
		return nil, err
	}
	if len(levels) == 0 {
		return nil, nil
	}
	name := levelsName(levels)
	l.mu.Lock()
	o, ok := l.matchers[name]
	if !ok {
		o = &onceValue[*matcher]{}
		l.matchers[name] = o
	}
	l.mu.Unlock()
	o.once.Do(func() { o.v, o.err = newMatcher(name, levels) })
	return o.v, o.err
}

// Options change how a configuration is applied.
type Options struct {
	// Conservative leaves a character unconverted when the dictionary that
	// would convert it offers several candidates for it (干 → 幹/乾/干) and
	// no longer dictionary key covers it; see Converter.Ambiguous.
	Conservative bool
	// IncludeTofu also uses the dictionaries marked "may_output_tofu"
	// (conversions to characters that common fonts lack). OpenCC's
	// command-line tool leaves them out by default; its regression suite
	// expects them, and package convert uses them unless asked not to.
	IncludeTofu bool
	// GoccCompat applies a configuration the way github.com/liuzl/gocc
	// does: no segmentation step, and ideographic description sequences
	// get no special treatment. (gocc also replaces an invalid byte and
	// drops the two bytes after it; that is not imitated.)
	GoccCompat bool
}

// NewConverter builds a converter for a configuration.
func (l *Library) NewConverter(name string, spec *ConfigSpec, opts Options) (*Converter, error) {
	c := &Converter{name: name, conservative: opts.Conservative, noIDS: opts.GoccCompat}
	for i := range spec.Normalization {
		m, err := l.matcher(&spec.Normalization[i].Dict, opts.IncludeTofu)
		if err != nil {
			return nil, fmt.Errorf("config %s normalization: %w", name, err)
		}
		if m != nil {
			c.norm = append(c.norm, m)
		}
	}
	for i := range spec.ConversionChain {
		m, err := l.matcher(&spec.ConversionChain[i].Dict, opts.IncludeTofu)
		if err != nil {
			return nil, fmt.Errorf("config %s conversion %d: %w", name, i+1, err)
		}
		if m != nil {
			c.chain = append(c.chain, m)
		}
	}
	if spec.Segmentation != nil && !opts.GoccCompat {
		c.segmented = true
		// OpenCC always includes tofu-risk dictionaries in segmentation.
		levels, err := spec.Segmentation.Dict.levels(l.Dict, true)
		if err != nil {
			return nil, fmt.Errorf("config %s segmentation: %w", name, err)
		}
		if len(levels) == 1 && len(c.chain) > 0 && c.chain[0].single && sameDicts(levels[0], c.chain[0].first0) {
			// The first step segments (see Converter.convert): no
			// segmentation matcher is needed.
			c.fused = true
		} else if c.seg, err = l.matcher(&spec.Segmentation.Dict, true); err != nil {
			return nil, fmt.Errorf("config %s segmentation: %w", name, err)
		}
	}
	c.pool.New = func() any { return &scratch{bufs: make([][]byte, len(c.norm)+len(c.chain))} }
	return c, nil
}

// sameDicts reports whether two dictionary lists are the same, in order.
func sameDicts(a, b []*Dict) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
