package opencc

import "unicode/utf8"

// Segments calls fn for every span of s that the conversion replaces, with
// byte offsets in s and the replacement, in order.
func (c *Converter) Segments(s string, fn func(start, end int, repl string)) {
	out := c.Convert(s)
	if out == s {
		return
	}
	// Provisional: one span between the common prefix and suffix.
	p := 0
	for p < len(s) && p < len(out) && s[p] == out[p] {
		p++
	}
	for p > 0 && !utf8.RuneStart(s[p]) {
		p--
	}
	q := 0
	for q < len(s)-p && q < len(out)-p && s[len(s)-1-q] == out[len(out)-1-q] {
		q++
	}
	for q > 0 && !utf8.RuneStart(s[len(s)-q]) {
		q--
	}
	fn(p, len(s)-q, out[p:len(out)-q])
}
