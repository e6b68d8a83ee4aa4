package pinyin

// Syllable is a syllable parsed once, for asking HasReading of it for
// many characters: HasReading parses its syllable and looks its
// toneless form up on every call.
type Syllable struct {
	// t is the dictionary, kept so that Of does not ask data's
	// sync.OnceValue on every call (the mojibake searches ask Of of
	// whole rows of candidate characters); nil when the syllable was
	// not parsed or is not in the inventory.
	t    *tables
	id   uint32
	tone uint8
}

// ParseSyllable parses syllable as HasReading does. A syllable that
// HasReading would reject is the reading of no character.
func ParseSyllable(syllable string) Syllable {
	var buf [maxBase]byte
	n, tone, ok := parse(syllable, &buf)
	if !ok {
		return Syllable{}
	}
	t := data()
	id, ok := t.baseID[string(buf[:n])]
	if !ok {
		return Syllable{}
	}
	return Syllable{t: t, id: id, tone: tone}
}

// Of reports HasReading(r, syllable) of the syllable s was parsed from.
func (s Syllable) Of(r rune) bool {
	if s.t == nil {
		return false
	}
	off := s.t.entry(r)
	if off < 0 {
		return false
	}
	return s.t.hasReading(off, s.id, s.tone)
}
