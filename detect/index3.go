package detect

// index3 returns an index for the three-byte UTF-8 sequence 1110xxxx
// 10xxxxxx 10xxxxxx in the low 24 bits of the little-endian word w: the
// low four bits of the lead byte above the low six bits of the third and
// second bytes, each still in its own byte. It takes five operations,
// where decoding the character takes eight, so that the loops over runs
// of Han characters (fold, countRun) index their tables with it, and any
// such w indexes a table of 1<<18 entries without a bounds check.
func index3(w uint32) uint32 {
	return w&0x0F<<14 | w>>8&0x3F3F
}

// utf8Word3 returns the UTF-8 of r, a character of U+0800–U+FFFF, as a
// little-endian word (the three bytes in its low 24 bits).
func utf8Word3(r rune) uint32 {
	return uint32(0xE0|r>>12) | uint32(0x80|r>>6&0x3F)<<8 | uint32(0x80|r&0x3F)<<16
}
