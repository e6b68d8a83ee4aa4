package opencc

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed data/dicts.txt
var dictsData string

//go:embed data/configs.json
var configsData []byte

var builtin struct {
	once     sync.Once
	sections map[string]string // dictionary name → its lines
	configs  map[string]*ConfigSpec
	names    []string
	lib      *Library
	err      error

	mu         sync.Mutex
	converters map[builtinKey]*onceValue[*Converter]
}

type builtinKey struct {
	name string
	opts Options
}

func initBuiltin() {
	b := &builtin
	b.sections = splitSections(dictsData)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(configsData, &raw); err != nil {
		b.err = fmt.Errorf("embedded opencc configs: %w", err)
		return
	}
	b.configs = map[string]*ConfigSpec{}
	for n, r := range raw {
		spec, err := ParseConfig(r)
		if err != nil {
			b.err = fmt.Errorf("embedded opencc config %s: %w", n, err)
			return
		}
		b.configs[n] = spec
		b.names = append(b.names, n)
	}
	sort.Strings(b.names)
	b.lib = NewLibrary(func(file string) (*Dict, error) {
		text, ok := b.sections[file]
		if !ok {
			return nil, fmt.Errorf("no embedded dictionary %q", file)
		}
		return ParseText(file, text, FormatOpenCC)
	})
	b.converters = map[builtinKey]*onceValue[*Converter]{}
}

// splitSections returns the sections of data by name: each starts after a
// line "=Name" and runs to the next such line or the end. The lines are
// found by their '=', which is rare in the dictionaries: looking for
// "\n=" stopped at each of the 90,000 newlines (5.8M instructions).
func splitSections(data string) map[string]string {
	sections := map[string]string{}
	name, start := "", -1
	for off := 0; off < len(data); {
		j := strings.IndexByte(data[off:], '=')
		if j < 0 {
			break
		}
		h := off + j // the '='
		if h == 0 || data[h-1] != '\n' {
			off = h + 1 // not at the start of a line
			continue
		}
		if start >= 0 {
			sections[name] = data[start:h]
		}
		e := strings.IndexByte(data[h:], '\n')
		if e < 0 {
			e = len(data) - h
		}
		name, start = data[h+1:h+e], min(h+e+1, len(data))
		off = h + e
	}
	if start >= 0 {
		sections[name] = data[start:]
	}
	return sections
}

// Names returns the names of the embedded configurations, sorted.
func Names() []string {
	builtin.once.Do(initBuiltin)
	return append([]string(nil), builtin.names...)
}

// New returns the converter for an embedded configuration. Converters are
// built once per (name, options) and shared; dictionaries and matchers are
// shared between configurations.
func New(name string, opts Options) (*Converter, error) {
	b := &builtin
	b.once.Do(initBuiltin)
	if b.err != nil {
		return nil, b.err
	}
	spec, ok := b.configs[name]
	if !ok {
		return nil, fmt.Errorf("opencc: unknown configuration %q (known: %s)", name, strings.Join(b.names, ", "))
	}
	key := builtinKey{name, opts}
	b.mu.Lock()
	o, ok := b.converters[key]
	if !ok {
		o = &onceValue[*Converter]{}
		b.converters[key] = o
	}
	b.mu.Unlock()
	o.once.Do(func() { o.v, o.err = b.lib.NewConverter(name, spec, opts) })
	return o.v, o.err
}

// EmbeddedSize returns the size in bytes of the embedded dictionary and
// configuration data.
func EmbeddedSize() int { return len(dictsData) + len(configsData) }
