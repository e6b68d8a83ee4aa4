package lm

// Row is the bigrams after one character a: Model.After returns it.
type Row struct {
	m  *Model
	a  rune
	ia int
}

// After returns the row of bigrams after a, for a search that scores many
// characters after the same one: it looks a up once, where Bigram looks
// up both characters of every pair.
func (m *Model) After(a rune) Row { return Row{m, a, m.lookup(a)} }

// Bigram returns Bigram(a, b) for the row's a.
func (r Row) Bigram(b rune) float64 {
	if uint32(b) < 0x10000 {
		// b's index without lookup's map, as in Model.Bigram.
		return r.m.bigram(r.a, r.ia, b, int(r.m.bmp[b].idx)-1)
	}
	return r.m.bigram(r.a, r.ia, b, r.m.lookup(b))
}
