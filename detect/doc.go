// Package detect analyses Chinese text and raw bytes without changing them.
//
// Each analysis answers one question about its input and reports what it
// found with the byte span it found it at and a confidence in [0, 1]:
//
//   - Encoding: which character encoding raw bytes are in (UTF-8, UTF-16,
//     GBK, GB18030, Big5, HZ, Shift_JIS, EUC-JP, EUC-KR, windows-1252).
//   - Script: whether text is Simplified, Traditional, mixed, Japanese or
//     has no script-specific characters, and where the minority script is.
//   - Mojibake: spans that are text decoded with the wrong codec, with the
//     lossless repair when there is one.
//   - Annotations: pinyin readings flattened into the text (建設(shè)).
//   - Boilerplate: scraper boilerplate lines and phrases.
//
// Nothing in this package modifies text; package normalize applies the
// repairs that detect proposes. All functions are safe for concurrent use.
package detect
