package mojibake

import "testing"

// BenchmarkFindDamagedShift is Find on the GBK one-byte misalignments of
// the development set alone (category c), where most of the time goes to
// the shift search (shiftAt) rather than to the codec chains of category d.
func BenchmarkFindDamagedShift(b *testing.B) {
	benchFind(b, devsetInputs(b, "c*.txt"))
}
