package detect

// charStats holds the charStat of each annotated character of a document.
//
// countTotals looks up every character of the document, and an annotated
// document has hundreds of annotated characters, so the lookup is a table
// indexed by the low 12 bits of the character (for a three-byte UTF-8
// character, the payload of its two continuation bytes) and one compare;
// only characters whose low bits another annotated character shares go to
// a map.
type charStats struct {
	list []charStat
	// slot[slotIndex(r)] is 1 + the index in list of the one annotated
	// character with those low bits, 0 when there is none, and -1 when
	// there are several (see shared).
	slot   [1 << 14]int32
	shared map[rune]int32 // index in list of the characters of slots -1
}

// slotIndex returns the index in charStats.slot of the low 12 bits of r:
// its low six bits above the six before them, as the continuation bytes
// of r's UTF-8 hold them (w>>8&0x3F3F for the little-endian word w of a
// three-byte sequence), so that countTotals finds the slot without
// decoding the character.
func slotIndex(r rune) uint32 {
	return uint32(r&0x3F)<<8 | uint32(r>>6&0x3F)
}

// index returns the index in list of r's charStat, adding one for r when
// there is none.
func (cs *charStats) index(r rune) int32 {
	low := slotIndex(r)
	k := cs.slot[low]
	switch {
	case k > 0 && cs.list[k-1].r == r:
		return k - 1
	case k < 0:
		if i, ok := cs.shared[r]; ok {
			return i
		}
	}
	i := int32(len(cs.list))
	cs.list = append(cs.list, charStat{r: r})
	switch {
	case k == 0:
		cs.slot[low] = i + 1
	case k > 0:
		// The first character to share these low bits moves to the map.
		if cs.shared == nil {
			cs.shared = make(map[rune]int32)
		}
		cs.shared[cs.list[k-1].r] = k - 1
		cs.shared[r] = i
		cs.slot[low] = -1
	default:
		cs.shared[r] = i
	}
	return i
}

// lookupIndex returns the index in list of r's charStat, or -1 when r is
// not annotated.
func (cs *charStats) lookupIndex(r rune) int32 {
	k := cs.slot[slotIndex(r)]
	switch {
	case k > 0:
		if cs.list[k-1].r == r {
			return k - 1
		}
	case k < 0:
		if i, ok := cs.shared[r]; ok {
			return i
		}
	}
	return -1
}

// lookup returns r's charStat, or nil when r is not annotated.
func (cs *charStats) lookup(r rune) *charStat {
	if x := cs.lookupIndex(r); x >= 0 {
		return &cs.list[x]
	}
	return nil
}
