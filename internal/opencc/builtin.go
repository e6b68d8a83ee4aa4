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
	b.sections = map[string]string{}
	rest := dictsData
	name := ""
	start := -1
	off := 0
	for len(rest) > 0 {
		line, tail, _ := strings.Cut(rest, "\n")
		if strings.HasPrefix(line, "=") {
			if start >= 0 {
				b.sections[name] = dictsData[start:off]
			}
			name = line[1:]
			start = off + len(line) + 1
		}
		off += len(line) + 1
		rest = tail
	}
	if start >= 0 {
		b.sections[name] = dictsData[min(start, len(dictsData)):]
	}
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
