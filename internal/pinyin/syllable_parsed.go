package pinyin

// Syllable is a syllable parsed once, for asking HasReading of it for
// many characters: HasReading parses its syllable and looks its
// toneless form up on every call.
type Syllable struct {
	id   uint32
	tone uint8
	ok   bool // parsed and in the inventory
}

// ParseSyllable parses syllable as HasReading does. A syllable that
// HasReading would reject is the reading of no character.
func ParseSyllable(syllable string) Syllable {
	var buf [maxBase]byte
	n, tone, ok := parse(syllable, &buf)
	if !ok {
		return Syllable{}
	}
	id, ok := data().baseID[string(buf[:n])]
	if !ok {
		return Syllable{}
	}
	return Syllable{id: id, tone: tone, ok: true}
}

// Of reports HasReading(r, syllable) of the syllable s was parsed from.
func (s Syllable) Of(r rune) bool {
	if !s.ok {
		return false
	}
	t := data()
	off := t.entry(r)
	if off < 0 {
		return false
	}
	return t.hasReading(off, s.id, s.tone)
}
