package detect

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/convert"
)

//go:embed rules/boilerplate.rules
var defaultRulesText string

// BoilerplateRules is a compiled set of rules that classify lines and
// phrases as scraper boilerplate. The rule file format is documented in
// rules/boilerplate.rules, the embedded default set. A BoilerplateRules is
// immutable and safe for concurrent use.
type BoilerplateRules struct {
	rules []*bpRule

	anchored map[rune][]int32      // line/prefix/start rules by the first rune of their leading literal
	loose    []looseEntry          // line/prefix/start rules that begin with a wildcard
	floating map[rune][]floatEntry // contains/suffix/end/infix rules by the first rune of their leading literal, beyond the BMP
	floatASC [128][]floatEntry     // the same for ASCII first runes
	// floatIdx maps a BMP rune to 1 + its index in floatBMP, 0 if none;
	// an array, so that indexing it with a uint16 needs no bounds check.
	floatIdx *[0x10000]uint16
	floatBMP [][]floatEntry
	// long is the index of the floating rules for lines too long for
	// every floating rule with a max.
	long longFloats
}

// longFloats indexes the floating rules that can match a line with more
// than runes folded runes: the rules without a max (lineHits drops the
// matches of the others on such a line). Most of the
// text is in such lines, and most floating rules have a max, so that
// lineHits looks at few rules there; and where those rules all end at the
// end of the line within tail bytes, or begin with ASCII (headOnly), it
// looks, before the last tail bytes of a line, at its ASCII bytes only.
// The hits are the same as with every rule; only the match budget of the
// line (matchBudget) is no longer spent on rules whose matches would be
// dropped, so a line that used to run out of it could now get a further
// hit.
type longFloats struct {
	runes int // the largest max of a floating rule (contains, suffix, end, infix)
	asc   [128][]floatEntry
	bmp   [][]floatEntry // by BoilerplateRules.floatIdx, as floatBMP
	supp  map[rune][]floatEntry
	// tail bounds the length of a match of a suffix or end rule whose
	// pattern bounds it (maxLen).
	tail int
	// head holds the rules that may match before the last tail bytes
	// (the rules of asc but the bounded suffix and end rules), and
	// headOnly says that no other rule may.
	head     [128][]floatEntry
	headOnly bool
}

// floatEntry is an entry of the index of floating rules: the rule and
// pattern (ruleRef), and the length and last byte of the literal of the
// pattern's first token, which lineHits compares before it looks the rule
// up.
type floatEntry struct {
	ref  int32
	n    int32
	last byte
}

type zone uint8

const (
	zoneAny zone = iota
	zoneHead
	zoneTail
	zoneEdge
)

var zoneNames = map[string]zone{"any": zoneAny, "head": zoneHead, "tail": zoneTail, "edge": zoneEdge}

type mode uint8

const (
	modeLine mode = iota
	modePrefix
	modeSuffix
	modeContains
	modeStart
	modeEnd
	modeInfix
)

var modeNames = map[string]mode{"line": modeLine, "prefix": modePrefix, "suffix": modeSuffix,
	"contains": modeContains, "start": modeStart, "end": modeEnd, "infix": modeInfix}

// phrase reports whether a rule of mode m removes a phrase, not a line.
func (m mode) phrase() bool { return m == modeStart || m == modeEnd || m == modeInfix }

type bpRule struct {
	name   string
	kind   string
	zone   zone
	mode   mode
	weight float64
	max    int
	list   bool
	// notNext lists characters (folded) that must not follow a match.
	notNext string
	// alone says that a match must stand apart from the words around it
	// (see standsApart).
	alone bool
	// noHanBefore says that the character before a match, if any, must
	// not be a Han character (see hanBefore); noHanAfter the same of the
	// character after it (see hanAfter).
	noHanBefore, noHanAfter bool
	// notSentence says that the line must not read as a sentence (see
	// readsAsSentence): a label line lists names or a title.
	notSentence bool
	// lowerKeys says that the keys of the key=value pairs in the match's
	// source text must be lower-case (see upperKey).
	lowerKeys bool
	// minHan is the least number of Han characters the matched text must
	// hold (0: any).
	minHan int
	// pats are the rule's pattern and its variants in Taiwan phrasing.
	pats []pattern
	line int // line in the rule file

	lineRule, phraseRule string // "line:"+name, "phrase:"+name
}

// RuleError is a syntax error in a rule file.
type RuleError struct {
	Line int    // 1-based line number
	Msg  string // what is wrong
}

// Error names the rule file line and what is wrong with it.
func (e *RuleError) Error() string {
	return fmt.Sprintf("boilerplate rules: line %d: %s", e.Line, e.Msg)
}

// maxRuleLine bounds the length of one rule line.
const maxRuleLine = 4096

// ParseBoilerplateRules reads rules in the format of rules/boilerplate.rules
// (one rule per line: KIND ZONE MODE [OPTION ...] PATTERN; # comments). A
// syntax error is returned as a *RuleError with its line number.
func ParseBoilerplateRules(r io.Reader) (*BoilerplateRules, error) {
	return parseRules(r, taiwanVariant)
}

// parseRules is ParseBoilerplateRules with variant giving the Taiwan
// phrasing of a pattern.
func parseRules(r io.Reader, variant func(string) string) (*BoilerplateRules, error) {
	loadFold()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), maxRuleLine)
	var rules []*bpRule
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, &RuleError{n, "invalid UTF-8"}
		}
		rule, err := parseRule(line, variant)
		if err != nil {
			return nil, &RuleError{n, err.Error()}
		}
		rule.line = n
		rules = append(rules, rule)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &RuleError{n + 1, fmt.Sprintf("line longer than %d bytes", maxRuleLine)}
		}
		return nil, fmt.Errorf("boilerplate rules: read: %w", err)
	}
	return compileRules(rules), nil
}

// nextField splits off the first whitespace-separated field of s.
func nextField(s string) (field, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

func parseRule(line string, variant func(string) string) (*bpRule, error) {
	kind, rest := nextField(line)
	zs, rest := nextField(rest)
	ms, rest := nextField(rest)
	if rest == "" {
		return nil, errors.New("want KIND ZONE MODE [OPTION ...] PATTERN")
	}
	for _, c := range kind {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return nil, fmt.Errorf("kind %q: use letters, digits, '-' and '_'", kind)
		}
	}
	z, ok := zoneNames[zs]
	if !ok {
		return nil, fmt.Errorf("zone %q: want head, tail, edge or any", zs)
	}
	m, ok := modeNames[ms]
	if !ok {
		return nil, fmt.Errorf("mode %q: want line, prefix, suffix, contains, start, end or infix", ms)
	}
	r := &bpRule{kind: kind, zone: z, mode: m, weight: 0.9}
	// Options come before the pattern; the first field that is not a known
	// key=value option (or "--") starts the pattern.
options:
	for {
		f, more := nextField(rest)
		if f == "--" {
			rest = more
			break
		}
		key, val, isOpt := strings.Cut(f, "=")
		if !isOpt || more == "" {
			break
		}
		switch key {
		case "w":
			w, err := strconv.ParseFloat(val, 64)
			if err != nil || w < 0 || w > 1 || w != w {
				return nil, fmt.Errorf("option w=%s: want a weight from 0 to 1", val)
			}
			r.weight = w
		case "max":
			v, err := strconv.Atoi(val)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("option max=%s: want a number of characters", val)
			}
			r.max = v
		case "name":
			if val == "" {
				return nil, errors.New("option name= needs a value")
			}
			r.name = val
		case "list":
			r.list = val != "0" && val != "false"
		case "notnext":
			if val == "" {
				return nil, errors.New("option notnext= needs the characters that must not follow")
			}
			r.notNext = foldString(val)
		case "alone":
			r.alone = val != "0" && val != "false"
		case "before":
			if val != "nohan" {
				return nil, fmt.Errorf("option before=%s: want before=nohan", val)
			}
			r.noHanBefore = true
		case "after":
			if val != "nohan" {
				return nil, fmt.Errorf("option after=%s: want after=nohan", val)
			}
			r.noHanAfter = true
		case "sentence":
			if val != "0" && val != "false" {
				return nil, fmt.Errorf("option sentence=%s: want sentence=0", val)
			}
			r.notSentence = true
		case "keys":
			if val != "lower" {
				return nil, fmt.Errorf("option keys=%s: want keys=lower", val)
			}
			r.lowerKeys = true
		case "han":
			v, err := strconv.Atoi(val)
			if err != nil || v < 0 || v > 64 {
				return nil, fmt.Errorf("option han=%s: want a number of Han characters from 0 to 64", val)
			}
			r.minHan = v
		default:
			break options
		}
		rest = more
	}
	src := strings.TrimSpace(rest)
	p, err := modePattern(src, m)
	if err != nil {
		return nil, err
	}
	r.pats = []pattern{p}
	// The same phrase as a Simplified-to-Taiwan conversion with phrases
	// (OpenCC s2twp) writes it: 登录后查看 → 登入後檢視, 原文链接 → 原文連結.
	if v := variant(src); v != src {
		if q, err := modePattern(v, m); err == nil && !q.equal(p) {
			r.pats = append(r.pats, q)
		}
	}
	if r.list && m.phrase() {
		return nil, errors.New("option list=1 applies to line rules only")
	}
	if r.name == "" {
		r.name = kind + ":" + ms + ":" + src
	}
	return r, nil
}

// modePattern parses the pattern of a rule of mode m.
func modePattern(src string, m mode) (pattern, error) {
	p, err := parsePattern(src)
	if err != nil {
		return p, fmt.Errorf("pattern %q: %v", src, err)
	}
	switch m {
	case modeContains, modeSuffix, modeEnd, modeInfix:
		if p.toks[0].kind == tAny {
			p.toks = p.toks[1:]
		}
		if p.firstLit() == "" {
			return p, fmt.Errorf("pattern %q: a contains, suffix, end or infix rule must begin with text", src)
		}
	}
	return p, nil
}

var (
	twOnce sync.Once
	twConv *convert.Converter
)

// taiwanVariant returns src converted with OpenCC s2twp (wildcards are
// ASCII and stay as they are), or src when the converter is unavailable.
func taiwanVariant(src string) string {
	twOnce.Do(func() { twConv, _ = convert.New("s2twp") })
	if twConv == nil {
		return src
	}
	return twConv.Convert(src)
}

// defaultTaiwanVariant is taiwanVariant for the patterns of the default
// rules, read from the generated defaultRulesTW (a test checks it against
// the converter), so that the default rules need no s2twp converter: its
// dictionaries and matchers took most of the start-up of a process. A
// pattern missing from the table (an edited rule file before go generate)
// is converted.
func defaultTaiwanVariant(src string) string {
	if v, ok := defaultRulesTW[src]; ok {
		if v == "" {
			return src
		}
		return v
	}
	return taiwanVariant(src)
}

// ruleRef packs a rule index and a pattern index into an index entry.
func ruleRef(rule, pat int) int32 { return int32(rule<<2 | pat) }

// ref returns the rule and pattern of an index entry.
func (r *BoilerplateRules) ref(x int32) (*bpRule, pattern) {
	rule := r.rules[x>>2]
	return rule, rule.pats[x&3]
}

func compileRules(rules []*bpRule) *BoilerplateRules {
	rs := &BoilerplateRules{rules: rules, anchored: map[rune][]int32{}, floating: map[rune][]floatEntry{},
		floatIdx: new([0x10000]uint16)}
	for i, r := range rules {
		r.lineRule, r.phraseRule = "line:"+r.name, "phrase:"+r.name
		if r.weight == 0 {
			continue
		}
		for a, p := range r.pats[:min(len(r.pats), 4)] {
			rs.index(ruleRef(i, a), r.mode, p)
		}
	}
	rs.indexLong()
	return rs
}

// indexLong fills rs.long from the index of the floating rules.
func (rs *BoilerplateRules) indexLong() {
	lg := &rs.long
	lg.headOnly = true
	for _, r := range rs.rules {
		if r.weight > 0 && r.max > 0 && (r.mode == modeContains || r.mode == modeSuffix || r.mode.phrase()) {
			lg.runes = max(lg.runes, r.max)
		}
	}
	// tailLen returns the bound of a match of entry fe when the match
	// ends at the end of the line, and false otherwise.
	tailLen := func(fe floatEntry) (int, bool) {
		r, pat := rs.ref(fe.ref)
		if r.mode != modeSuffix && r.mode != modeEnd {
			return 0, false
		}
		return pat.maxLen()
	}
	// keep returns the entries of ents that can match a long line, and
	// notes their tail bound or, for the ones that may match before the
	// tail and do not begin with ASCII, that headOnly does not hold.
	keep := func(ents []floatEntry, ascii bool) []floatEntry {
		var out []floatEntry
		for _, fe := range ents {
			if r, _ := rs.ref(fe.ref); r.max > 0 {
				continue
			}
			out = append(out, fe)
			if n, ok := tailLen(fe); ok {
				lg.tail = max(lg.tail, n)
			} else if !ascii {
				lg.headOnly = false
			}
		}
		return out
	}
	for c, ents := range rs.floatASC {
		lg.asc[c] = keep(ents, true)
		for _, fe := range lg.asc[c] {
			if _, ok := tailLen(fe); !ok {
				lg.head[c] = append(lg.head[c], fe)
			}
		}
	}
	lg.bmp = make([][]floatEntry, len(rs.floatBMP))
	for k, ents := range rs.floatBMP {
		lg.bmp[k] = keep(ents, false)
	}
	for c, ents := range rs.floating {
		if kept := keep(ents, false); len(kept) > 0 {
			if lg.supp == nil {
				lg.supp = map[rune][]floatEntry{}
			}
			lg.supp[c] = kept
		}
	}
}

// looseEntry is a rule that begins with a wildcard, and, when that
// wildcard is {name} or {*}, the first literal of its pattern, which a
// line must hold for the rule to match it: most lines do not, and looking
// for it is cheaper than trying the wildcard's lengths ({n} and {date}
// fail at once on a line that does not begin with a digit).
type looseEntry struct {
	ref  int32
	need []byte // nil: no literal to look for
	max  int    // the rule's max, copied here to pass over long lines at once
}

// index adds entry x of a rule of mode m with pattern p.
func (rs *BoilerplateRules) index(x int32, m mode, p pattern) {
	lit := p.firstLit()
	switch m {
	case modeLine, modePrefix, modeStart:
		if lit == "" {
			var need []byte
			if len(p.toks) > 0 && (p.toks[0].kind == tName || p.toks[0].kind == tAny) {
				for _, t := range p.toks {
					if t.kind == tLit {
						need = []byte(t.lit)
						break
					}
				}
			}
			rs.loose = append(rs.loose, looseEntry{ref: x, need: need, max: rs.rules[x>>2].max})
			return
		}
		c, _ := utf8.DecodeRuneInString(lit)
		rs.anchored[c] = append(rs.anchored[c], x)
	default:
		c, _ := utf8.DecodeRuneInString(lit)
		fe := floatEntry{ref: x}
		if len(p.toks) > 0 {
			if head := p.toks[0].lit; head != "" {
				fe.n, fe.last = int32(len(head)), head[len(head)-1]
			}
		}
		switch {
		case c < 128:
			rs.floatASC[c] = append(rs.floatASC[c], fe)
		case c >= 0x10000:
			rs.floating[c] = append(rs.floating[c], fe)
		default:
			k := rs.floatIdx[c]
			if k == 0 {
				rs.floatBMP = append(rs.floatBMP, nil)
				k = uint16(len(rs.floatBMP))
				rs.floatIdx[c] = k
			}
			rs.floatBMP[k-1] = append(rs.floatBMP[k-1], fe)
		}
	}
}

var (
	defaultRulesOnce sync.Once
	defaultRules     *BoilerplateRules
)

// DefaultBoilerplateRules returns the embedded default rules
// (rules/boilerplate.rules). The result is shared; it is immutable. The
// first call parses them, with the generated fold table and Taiwan-phrasing
// variants, so that no OpenCC converter is built (ParseBoilerplateRules
// builds the s2twp converter for rules of its own).
func DefaultBoilerplateRules() *BoilerplateRules {
	defaultRulesOnce.Do(func() {
		rs, err := parseRules(strings.NewReader(defaultRulesText), defaultTaiwanVariant)
		if err != nil {
			panic("detect: embedded boilerplate rules: " + err.Error())
		}
		defaultRules = rs
	})
	return defaultRules
}

// Merge returns a rule set with the rules of r followed by those of more. A
// later rule with the name of an earlier one replaces it; a later rule with
// weight 0 (w=0) removes it. Use it to extend the default rules:
//
//	mine, err := detect.ParseBoilerplateRules(f)
//	rules := detect.DefaultBoilerplateRules().Merge(mine)
func (r *BoilerplateRules) Merge(more ...*BoilerplateRules) *BoilerplateRules {
	var all []*bpRule
	pos := map[string]int{}
	add := func(rs *BoilerplateRules) {
		if rs == nil {
			return
		}
		for _, x := range rs.rules {
			if i, ok := pos[x.name]; ok {
				all[i] = x
				continue
			}
			pos[x.name] = len(all)
			all = append(all, x)
		}
	}
	add(r)
	for _, m := range more {
		add(m)
	}
	kept := all[:0]
	for _, x := range all {
		if x.weight > 0 {
			kept = append(kept, x)
		}
	}
	return compileRules(kept)
}

// Len returns the number of active rules.
func (r *BoilerplateRules) Len() int {
	n := 0
	for _, x := range r.rules {
		if x.weight > 0 {
			n++
		}
	}
	return n
}

// Names returns the names of the active rules in file order.
func (r *BoilerplateRules) Names() []string {
	var out []string
	for _, x := range r.rules {
		if x.weight > 0 {
			out = append(out, x.name)
		}
	}
	return out
}
