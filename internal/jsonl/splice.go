package jsonl

// An Edit replaces line[Start:End] by New. Start == End inserts.
type Edit struct {
	Start, End int
	New        []byte
}

// AppendEdits appends line to dst with the edits applied. The edits must be
// sorted by Start and must not overlap; every byte of line outside them is
// copied unchanged.
func AppendEdits(dst, line []byte, edits ...Edit) []byte {
	pos := 0
	for _, e := range edits {
		dst = append(dst, line[pos:e.Start]...)
		dst = append(dst, e.New...)
		pos = e.End
	}
	return append(dst, line[pos:]...)
}

// ReplaceValue returns the edit that replaces the value of member m by the
// raw JSON value.
func ReplaceValue(m Member, value []byte) Edit {
	return Edit{Start: m.ValueStart, End: m.ValueEnd, New: value}
}

// SetMember returns the edit that gives the object a member key with the
// raw JSON value: it replaces the value of the last member named key when
// there is one, and otherwise adds the member after the last member, before
// the closing brace. buf is reused for the new bytes.
func (o *Object) SetMember(line []byte, key string, value, buf []byte) Edit {
	if k := o.Find(line, key); k >= 0 {
		return ReplaceValue(o.Members[k], value)
	}
	buf = buf[:0]
	if len(o.Members) > 0 {
		buf = append(buf, ',')
	}
	buf = AppendQuote(buf, key)
	buf = append(buf, ':')
	buf = append(buf, value...)
	return Edit{Start: o.Close, End: o.Close, New: buf}
}

// AppendWithout appends the object in line to dst without the members for
// which drop returns true, followed by extra (raw JSON members
// `"key":value,…`, or nothing) as its last members. Each kept member is
// copied byte for byte from the start of its key to the end of its value;
// the separators between members and the white space around them are not
// kept.
func AppendWithout(dst, line []byte, o *Object, drop func(m Member) bool, extra []byte) []byte {
	dst = append(dst, '{')
	n := 0
	for _, m := range o.Members {
		if drop != nil && drop(m) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, line[m.KeyStart:m.ValueEnd]...)
		n++
	}
	if len(extra) > 0 {
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, extra...)
	}
	return append(dst, '}')
}
