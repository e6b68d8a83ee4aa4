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
// second character alone.
//
// Dictionary words know nothing of the pairs across word boundaries, and
// their frequencies are those of general text. So the model is a mixture,
// half and half, of that dictionary model and a model of running text: the
// Han characters, and pairs of adjacent Han characters, counted in about 21
// MB of clean prose from Debian's documentation (the text of
// scripts/debian-corpus.sh; Witten-Bell weights, not halved). The mixture
// knows 默认值, 字符串 and 它 as technical writing uses them. On text it
// has not learned from (scripts/shift-heldout.sh and
// scripts/lostbyte-heldout.sh set lines aside and learn from the rest),
// mojibake repair restores 22–28% more misaligned GBK runs and 29% more
// lost bytes exactly than with the dictionary model alone, with fewer
// wrong repairs. Characters without statistics get a floor by class
// and block (see Class, which returns a CharClass): punctuation, ASCII
// letters and digits score like the
// ordinary ingredients of Chinese documents, kana and Hangul moderately, and
// rare ideographs, halfwidth katakana, box drawing, private use, controls and
// U+FFFD very low, which is what makes mojibake stand out. A few hand-written
// rules (not tables) give ASCII letter sequences English-like bigram scores,
// accented letters inside Latin words moderate ones, and runs of kana and
// Hangul a bonus.
//
// Trigram looks two characters back, with counts from the same running
// text: for the 97,626 pairs of Han characters written at least three
// times there (before a Han character or at the end of a run), how often
// each Han character follows them, and how often the run ends. Bigram
// after 如果 cannot tell 如果没有 from 如果然有 (果然 is a word); Trigram
// can. Mojibake repair ranks its guesses with it (on the held-out runs of
// scripts/shift-heldout.sh, 1,260 of 2,527 misaligned lines are repaired
// exactly instead of 1,200, and 995 wrongly instead of 1,056).
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
// The embedded model (model.bin) holds 13,954 characters and 410,299 bigrams
// (pairs with a scaled count of at least 2 per 10⁸ characters in the
// dictionaries, or seen at least twice in the running text, that gain at
// least 0.3 nats over the back-off) and 607,050 triples after 97,626 pairs
// in 3,260,240 bytes: log-probabilities are quantised to 0.1 nat, runes and
// successor indices delta-coded as varints; the triples are stored as the
// arrays the model reads them from (two bytes of index and one of count
// each), so that only their pairs are decoded. Default decodes it on first
// use: BenchmarkParse counts 76.5M instructions (50.1M before the
// triples), 7–8 ms of CPU time on the project's 2-core machines before
// them.
//
// Regenerate it with
//
//	go generate ./internal/lm
//
// which runs tools/genlm, tools/genpunct and tools/genlatin in the tools
// module. All three read the text that scripts/debian-corpus.sh extracts
// (HANFIX_CORPUS, /tmp/hanfix-noharm by default), and reproduce model.bin,
// punct.bin and latin.bin byte for byte on the same package versions.
package lm
