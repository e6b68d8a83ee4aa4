package mojibake

// Suspicious reports whether text contains anything mojibake produces. It
// is the fast gate: clean text returns false after one pass.
func Suspicious(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] == '?' {
			return true
		}
	}
	return false
}
