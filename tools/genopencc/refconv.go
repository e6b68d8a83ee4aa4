package main

import (
	"fmt"
	"unicode/utf8"
)

// refDict is a straightforward OpenCC dictionary for the generator's own
// conversions: a map from key to default value, searched by longest prefix.
// A group is a list of refDicts with a match policy.
type refDict struct {
	entries map[string]string
	maxLen  int // longest key in bytes
	group   []*refDict
	union   bool
}

// matchPrefix returns the longest key of d that is a prefix of s, following
// OpenCC's group policies: short_circuit takes the first member with any
// match, union the longest match of all members (the earlier on a tie).
func (d *refDict) matchPrefix(s string) (key, value string, ok bool) {
	if d.group != nil {
		for _, m := range d.group {
			k, v, found := m.matchPrefix(s)
			if !found {
				continue
			}
			if !d.union {
				return k, v, true
			}
			if !ok || len(k) > len(key) {
				key, value, ok = k, v, true
			}
		}
		return key, value, ok
	}
	n := min(d.maxLen, len(s))
	for ; n > 0; n-- {
		if n < len(s) && !utf8.RuneStart(s[n]) {
			continue
		}
		if v, found := d.entries[s[:n]]; found {
			return s[:n], v, true
		}
	}
	return "", "", false
}

// refConverter applies one OpenCC configuration: normalization, then
// segmentation by maximal matching, then the conversion chain on each
// segment.
type refConverter struct {
	normalization []*refDict
	segmentation  *refDict
	chain         []*refDict
}

func (g *generator) newRefConverter() (*refConverter, error) {
	cfg := g.configs["t2s"]
	c := &refConverter{}
	var err error
	if c.normalization, err = g.refChain(cfg["normalization"]); err != nil {
		return nil, err
	}
	if c.chain, err = g.refChain(cfg["conversion_chain"]); err != nil {
		return nil, err
	}
	if seg, ok := cfg["segmentation"].(map[string]any); ok {
		if c.segmentation, err = g.refDictOf(seg["dict"]); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (g *generator) refChain(v any) ([]*refDict, error) {
	steps, _ := v.([]any)
	var out []*refDict
	for _, s := range steps {
		m, _ := s.(map[string]any)
		d, err := g.refDictOf(m["dict"])
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func (g *generator) refDictOf(v any) (*refDict, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("dict is not an object")
	}
	if m["type"] == "group" {
		d := &refDict{union: m["match_policy"] == "union"}
		members, _ := m["dicts"].([]any)
		for _, mv := range members {
			sub, err := g.refDictOf(mv)
			if err != nil {
				return nil, err
			}
			d.group = append(d.group, sub)
		}
		return d, nil
	}
	name, _ := m["file"].(string)
	es, ok := g.dicts[name]
	if !ok {
		return nil, fmt.Errorf("unknown dictionary %q", name)
	}
	d := &refDict{entries: make(map[string]string, len(es))}
	for _, e := range es {
		if _, dup := d.entries[e.key]; dup || len(e.values) == 0 {
			continue
		}
		d.entries[e.key] = e.values[0]
		d.maxLen = max(d.maxLen, len(e.key))
	}
	return d, nil
}

// convertWith runs one conversion over s: at each position the longest
// match is replaced by its value, anything else is copied.
func convertWith(d *refDict, s string) string {
	var out []byte
	for i := 0; i < len(s); {
		if k, v, ok := d.matchPrefix(s[i:]); ok {
			out = append(out, v...)
			i += len(k)
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[i:i+n]...)
		i += n
	}
	return string(out)
}

func (c *refConverter) convert(s string) string {
	for _, d := range c.normalization {
		s = convertWith(d, s)
	}
	var segs []string
	if c.segmentation == nil {
		segs = []string{s}
	} else {
		start := 0
		for i := 0; i < len(s); {
			if k, _, ok := c.segmentation.matchPrefix(s[i:]); ok {
				if start < i {
					segs = append(segs, s[start:i])
				}
				segs = append(segs, k)
				i += len(k)
				start = i
				continue
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		if start < len(s) {
			segs = append(segs, s[start:])
		}
	}
	var out []byte
	for _, seg := range segs {
		for _, d := range c.chain {
			seg = convertWith(d, seg)
		}
		out = append(out, seg...)
	}
	return string(out)
}
