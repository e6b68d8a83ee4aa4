// Package mojibake finds text that was decoded with the wrong codec and
// computes its lossless repair.
//
// It knows these mechanisms, each described by a replayable Plan:
//
//   - GBK one-byte misalignment ("gbk-shift"): GBK text that lost or gained
//     a byte (a cut full-width punctuation pair, an inserted pinyin reading)
//     and was then decoded one byte out of phase until an ASCII-range byte
//     resynchronised it: 文件?!秾嵤┮庖姟穼ψセ鶎狱h建 for 文件。《實施意見》對抓基層黨建.
//   - Codec chains ("utf8<-gbk", "utf8<-cp1252", "big5<-gbk", "gbk<-big5",
//     "gbk<-cp950", and chains of them such as double-encoded UTF-8): bytes
//     in one encoding that were decoded with another: 鍙戝睍 for 发展,
//     ä¸­æ–‡ for 中文, cafÃ© for café. (cp950 is Big5 as Python's big5
//     and cp950 codecs read it, with the ETEN extensions: 督昢ん for
//     服务器.) Between GBK and Big5, a run that a reader which dropped a
//     byte without a trace, or wrote '?' for it, read one byte out of
//     step is reported, not repaired (recode_step.go).
//   - Unrecoverable damage: runs of U+FFFD, 锟斤拷 (U+FFFD encoded as UTF-8
//     and read as GBK) and question marks that stand for lost characters.
//     These are reported and never repaired; a lone U+FFFD inside a
//     codec misreading is restored only as described below.
//
// A span is repaired only when the repair is lossless (re-applying the
// mechanism to the repair reproduces the garbled text exactly) and the
// character language model of package lm finds it clearly more probable
// than the garbled text. Bytes the mechanism lost are supplied only where
// the mechanism leaves a small set of candidates (the first byte of a
// misaligned run, a dropped private-use pair, a windows-1252 byte the
// reader dropped, the one byte behind a lone U+FFFD of a GBK, GB18030 or
// Big5 reader, which fails one byte at a time, or behind a '?' glued into
// misread text with no U+FFFD, which a reader that writes '?' instead
// leaves: see questionLost) and the model, helped by the
// document's own character pairs and pinyin readings, prefers one clearly;
// the plan records each supplied byte (lostbyte.go explains the U+FFFD
// case). Runs of three or more U+FFFD are never filled. A thin misaligned
// run, one with at most one character that is not ASCII (?_@ for 。這), looks
// like a question mark before ASCII in clean text (有人知道吗?Thanks): unless it
// reads far better than the text, it is taken for text, unless it holds a
// character that is not ASCII and that the repair does not take apart, in
// a document that shows its misalignment otherwise by a run that is not
// thin. Pinyin readings are no evidence of misalignment: machine-made ruby
// is glued to clean text as often. Everything else is reported
// with its span. A repair that would leave the text with a further repair
// of its own text (so that cleaning twice would differ) is reported
// instead; a further repair found next to it, or elsewhere once the repairs
// changed the document, is made in the same cleaning.
//
// Clean text passes a byte-level gate that looks only for code points that
// mojibake produces (rare ideographs, Latin-1 letters, box drawing, kana,
// private use, U+FFFD, '?'), so it costs almost nothing; text that trips it
// is analysed only near the suspicious code points, and the number of
// misalignment searches per document is bounded.
package mojibake
