// Package lm is the character language model shared by the detectors:
// encoding detection, mojibake repair and script detection.
//
// The model scores how much a string looks like Chinese running text. Han
// characters have unigram and bigram statistics built by tools/genlm from the
// word frequency lists of github.com/go-ego/gse (data/dict/zh/s_1.txt for
// Simplified and t_1.txt for Traditional Chinese): a character counts the
// frequency of every word it occurs in, a pair of adjacent characters inside a
// word counts that word's frequency. gse's Traditional list is written in
// OpenCC's standard forms (爲, 衆); each of its words counts once more in its
// Taiwan and once more in its Hong Kong form (OpenCC's TWVariants and
// HKVariants, read from internal/opencc/data), the forms of real zh-TW and
// zh-HK text (為, 眾). The two dictionaries are normalised and
// mixed half and half, so Simplified and Traditional text score alike; the
// separate per-script frequencies are kept for script detection
// (SimplifiedFreq, TraditionalFreq).
//
// Bigrams are interpolated with the unigram (Witten-Bell weights, halved
// because dictionary words give no pairs across word boundaries), so an
// unseen pair of two common characters costs about 0.7 nats more than the
// second character alone. Characters without statistics get a floor by class
// and block (see Class, which returns a CharClass): punctuation, ASCII
// letters and digits score like the
// ordinary ingredients of Chinese documents, kana and Hangul moderately, and
// rare ideographs, halfwidth katakana, box drawing, private use, controls and
// U+FFFD very low, which is what makes mojibake stand out. A few hand-written
// rules (not tables) give ASCII letter sequences English-like bigram scores,
// accented letters inside Latin words moderate ones, and runs of kana and
// Hangul a bonus.
//
// PunctStats (DefaultPunct) adds what dictionary words cannot teach: which
// CJK punctuation mark running text puts after a character and what
// follows the mark, counted in clean prose from Debian's documentation
// (tools/genpunct), on the scale of Bigram. LatinStats (DefaultLatin) says,
// from the same text (tools/genlatin), which characters stand next to a
// Latin word: 按 before F9 and Ctrl, 个 before gcc.
//
// LogProb and Score score whole strings; a Chain scores runes one at a time
// for callers that decode as they go. Neither allocates.
//
// Subpackage charset builds encoding detection on the model.
//
// The embedded model (model.bin) holds 13,606 characters and 289,737 bigrams
// (pairs with a scaled count of at least 2 per 10⁸ characters that gain at
// least 0.3 nats over the back-off) in 763,672 bytes: log-probabilities are
// quantised to 0.1 nat, runes and successor indices delta-coded as varints.
// Default decodes it on first use, in about 3 ms of CPU time
// (BenchmarkParse).
//
// Regenerate it with
//
//	go generate ./internal/lm
//
// which runs tools/genlm in the tools module and reproduces model.bin byte
// for byte, and tools/genpunct, which reads the text that
// scripts/debian-corpus.sh extracts (HANFIX_CORPUS, /tmp/hanfix-noharm by
// default) and reproduces punct.bin on the same package versions, and
// tools/genlatin, which reproduces latin.bin from the same text.
package lm
