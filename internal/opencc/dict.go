package opencc

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Dict is one OpenCC dictionary: keys with their candidate values, the
// default candidate first, sorted by key. Keys and values are substrings of the text the
// dictionary was parsed from, so a Dict costs little beyond that text.
type Dict struct {
	name   string
	keys   []string
	values []string // candidates separated by single spaces, default first
}

// Name returns the dictionary's name (its file name without extension).
func (d *Dict) Name() string { return d.name }

// Len returns the number of entries.
func (d *Dict) Len() int { return len(d.keys) }

// Entry returns the key and candidates of entry i; candidates are separated
// by spaces, the default first.
func (d *Dict) Entry(i int) (key, candidates string) { return d.keys[i], d.values[i] }

// TextFormat selects how ParseText reads a dictionary.
type TextFormat int

const (
	// FormatOpenCC reads OpenCC's text format: "key<TAB>value( value)*"
	// lines, lines starting with '#' and blank lines skipped; the first entry
	// of a duplicated key wins.
	FormatOpenCC TextFormat = iota
	// FormatGocc reads dictionaries the way github.com/liuzl/gocc does:
	// every line is trimmed and split at tabs, values are the further tab
	// fields or the space-separated words of the second field, a final line
	// without a newline is ignored and the last entry of a duplicated key
	// wins. It exists for the differential test against gocc.
	FormatGocc
)

// ParseText parses a text dictionary named name.
func ParseText(name, text string, format TextFormat) (*Dict, error) {
	d := &Dict{name: name}
	n := strings.Count(text, "\n") + 1
	d.keys = make([]string, 0, n)
	d.values = make([]string, 0, n)
	var seen map[string]int // only FormatGocc: the trie keeps the first of duplicates
	if format == FormatGocc {
		seen = map[string]int{}
	}
	lineNo := 0
	for len(text) > 0 {
		lineNo++
		line, rest, found := strings.Cut(text, "\n")
		text = rest
		if format == FormatGocc && !found {
			break
		}
		var key, value string
		switch format {
		case FormatGocc:
			line = strings.TrimSpace(line)
			k, v, ok := strings.Cut(line, "\t")
			if !ok {
				continue
			}
			if strings.Contains(v, "\t") {
				v = strings.ReplaceAll(v, "\t", " ")
			} else {
				v = strings.Join(strings.Fields(v), " ")
			}
			key, value = k, v
		default:
			line = strings.TrimSuffix(line, "\r")
			if line == "" || line[0] == '#' || strings.TrimSpace(line) == "" {
				continue
			}
			k, v, ok := strings.Cut(line, "\t")
			if !ok {
				return nil, fmt.Errorf("dictionary %s line %d: no tab between key and value", name, lineNo)
			}
			key, value = k, v
		}
		if key == "" || value == "" {
			if format == FormatGocc {
				continue
			}
			return nil, fmt.Errorf("dictionary %s line %d: empty key or value", name, lineNo)
		}
		if !utf8.ValidString(key) {
			return nil, fmt.Errorf("dictionary %s line %d: key is not valid UTF-8", name, lineNo)
		}
		if seen != nil {
			if i, dup := seen[key]; dup {
				d.values[i] = value
				continue
			}
			seen[key] = len(d.keys)
		}
		d.keys = append(d.keys, key)
		d.values = append(d.values, value)
	}
	if !sort.StringsAreSorted(d.keys) {
		sort.Stable(byKey{d})
	}
	return d, nil
}

// byKey sorts a dictionary's entries by key.
type byKey struct{ d *Dict }

func (b byKey) Len() int           { return len(b.d.keys) }
func (b byKey) Less(i, j int) bool { return b.d.keys[i] < b.d.keys[j] }
func (b byKey) Swap(i, j int) {
	b.d.keys[i], b.d.keys[j] = b.d.keys[j], b.d.keys[i]
	b.d.values[i], b.d.values[j] = b.d.values[j], b.d.values[i]
}

// defaultValue returns the first candidate of a space-separated list.
func defaultValue(candidates string) string {
	if i := strings.IndexByte(candidates, ' '); i >= 0 {
		return candidates[:i]
	}
	return candidates
}

// ambiguousCandidates returns the distinct candidates of a single-character
// key that has more than one, or nil.
func ambiguousCandidates(key, candidates string) []string {
	if strings.IndexByte(candidates, ' ') < 0 || utf8.RuneCountInString(key) != 1 {
		return nil
	}
	var out []string
	for _, c := range strings.Split(candidates, " ") {
		if c == "" {
			continue
		}
		dup := false
		for _, o := range out {
			if o == c {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
