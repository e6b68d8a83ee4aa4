package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"
)

// entry is one dictionary line: a key and its candidates, default first.
type entry struct {
	key    string
	values []string
}

// textDict is an OpenCC text dictionary in file order, with the
// "# @reverse-prefer:" and "# @tofu-risk:" annotations it carries.
type textDict struct {
	entries []entry
	// reversePrefer maps a value to the key that its reversed entry must
	// list first (OpenCC's "# @reverse-prefer: value [key]").
	reversePrefer map[string]string
	reverseOrder  []string
	// tofuRisk lists the entries that follow a "# @tofu-risk:" line.
	tofuRisk []entry
}

const (
	reversePreferPrefix = "# @reverse-prefer:"
	tofuRiskPrefix      = "# @tofu-risk:"
)

// readTextDict parses an OpenCC text dictionary as OpenCC's data/scripts
// (common.py) do: comment and blank lines are skipped, a line is
// "key<TAB>value( value)*".
func readTextDict(path string) (*textDict, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read dictionary: %w", err)
	}
	d := &textDict{reversePrefer: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	lineNo := 0
	tofuNext := false
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, reversePreferPrefix) {
			f := strings.Fields(line[len(reversePreferPrefix):])
			if len(f) != 1 && len(f) != 2 {
				return nil, fmt.Errorf("%s:%d: invalid reverse preference", path, lineNo)
			}
			if _, dup := d.reversePrefer[f[0]]; !dup {
				d.reverseOrder = append(d.reverseOrder, f[0])
			}
			d.reversePrefer[f[0]] = f[len(f)-1]
		}
		if strings.HasPrefix(line, tofuRiskPrefix) {
			tofuNext = true
			continue
		}
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			if tofuNext {
				return nil, fmt.Errorf("%s:%d: expected a mapping after %s", path, lineNo, tofuRiskPrefix)
			}
			continue
		}
		key, value, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no tab in %q", path, lineNo, line)
		}
		e := entry{key: key, values: strings.Split(value, " ")}
		d.entries = append(d.entries, e)
		if tofuNext {
			tofuNext = false
			vals := strings.Fields(value)
			if len(vals) > 0 && vals[0] == key {
				vals = vals[1:]
			}
			if len(vals) == 0 {
				return nil, fmt.Errorf("%s:%d: expected an extension mapping after %s", path, lineNo, tofuRiskPrefix)
			}
			d.tofuRisk = append(d.tofuRisk, entry{key: key, values: vals})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return d, nil
}

// reversed swaps keys and values as OpenCC's reverse.py does: every value
// becomes a key whose candidates are the original keys in file order, a
// reverse preference moves its key to the front, and entries are sorted.
func (d *textDict) reversed() ([]entry, error) {
	index := map[string]int{}
	var out []entry
	for _, e := range d.entries {
		for _, v := range e.values {
			i, ok := index[v]
			if !ok {
				i = len(out)
				index[v] = i
				out = append(out, entry{key: v})
			}
			out[i].values = append(out[i].values, e.key)
		}
	}
	for _, k := range d.reverseOrder {
		pref := d.reversePrefer[k]
		i, ok := index[k]
		if !ok {
			return nil, fmt.Errorf("reverse preference %s -> %s has no matching mapping", k, pref)
		}
		vals := out[i].values
		at := -1
		for j, v := range vals {
			if v == pref {
				at = j
				break
			}
		}
		if at < 0 {
			return nil, fmt.Errorf("reverse preference %s -> %s has no matching mapping", k, pref)
		}
		vals = append(vals[:at], vals[at+1:]...)
		out[i].values = append([]string{pref}, vals...)
	}
	sortEntries(out)
	return out, nil
}

// sortEntries sorts by key in code point order (stable, like Python's sort).
func sortEntries(es []entry) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].key < es[j].key })
}
