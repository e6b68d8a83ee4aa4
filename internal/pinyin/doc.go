// Package pinyin knows the valid Hanyu Pinyin syllables and the readings of
// Han characters.
//
// The readings, heteronyms included, come from the dictionary of
// github.com/mozillazg/go-pinyin (itself generated from pinyin-data), which
// covers Simplified and Traditional characters alike; `go generate` turns it
// into the compact embedded readings.bin (gen.go), so that programs do not
// pay for go-pinyin's 42,000-entry map at start-up. The syllable inventory
// is every toneless syllable that occurs in that dictionary. A Traditional
// character that the dictionary lacks gets the readings of its Simplified
// form (OpenCC t2s). The tables are built once, on first use (well under a
// millisecond), and are safe for concurrent use.
//
// A reading may be written in any of the usual forms, and all functions that
// take one accept all of them:
//
//	shè  she4  she  (tone mark, tone number, toneless)
//	lǜ  lü4  lv4  lu:4  lü  lv
//	zhe  zhe5  zhe0  (neutral tone; toneless "zhe" matches every tone)
//
// Canonical is the tone-marked lowercase form with ü (lǜ, shè, zhe).
package pinyin
