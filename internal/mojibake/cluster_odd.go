// Odd runs: the evidence that opens a sparse cluster to the CJK codecs.

package mojibake

import (
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// A misreading through GBK or Big5 turns each character into one or two
// others picked by byte value, almost never common ones: of the unigram
// log-probabilities of the garbled runes, most lie below -10, where clean
// Chinese text has few characters. The gate marks only the rarest
// (gateRareHan, -13.5), so a short misread run such as 濡傛灉鏂囦欢瀛樺湪
// (如果文件存在 read as GBK) may hold just two suspicious runes, too few
// for findRecodes' density test, and was left alone: on the held-out
// Debian documents of scripts/recode-heldout.sh 92 of 311 runs of 6-12
// Han characters read as GBK inside clean lines (utf8_as_gbk_clean) were.
//
// oddRun lets such a cluster through when a suspicious rune stands in a
// run of oddRunLen runes that are all odd: suspicious, or from the CJK
// radicals (U+2E80) up with a unigram log-probability below oddRuneLP.
// acceptRecode, unchanged, still decides every repair. Measured with
// recode-heldout.sh (tuned on the even-numbered documents), it repairs
// 128 more of 3,933 garbled spans: utf8_as_gbk_clean 219 -> 307 of 311,
// utf8_as_gbk spans 208 -> 221, gbk_as_big5 spans 231 -> 254, big5_as_gbk
// spans 235 -> 237, the odd-numbered half alone 1,556 -> 1,620 of 1,968,
// with no original changed. A run of 2 finds 7 more, 4 finds 11 fewer; a
// bound of -9 finds 2 more, -11 17 fewer. Of the 15,806 lines of the 21 MB
// of clean text of scripts/noharm.sh that trip the gate, 769 have such a
// run (classical verse, kana, Greek, tables), and nothing there is
// repaired (as when every cluster is open to the CJK codecs, which finds
// 8 more spans at 25% more instructions on BenchmarkFindClean; the odd
// run costs 0.1% there and 1.2% on BenchmarkFindDamaged).
const (
	oddRuneLP = -10.0
	oddRunLen = 3
)

var (
	oddOnce sync.Once
	// oddBits marks the odd runes of the BMP: the gate's set and the
	// CJK runes rarer than oddRuneLP.
	oddBits [0x10000 / 64]uint64
)

func oddTable() {
	oddOnce.Do(func() {
		gateTable()
		oddBits = gateBits
		m := lm.Default()
		for r := rune(0x2E80); r < 0x10000; r++ {
			if m.Unigram(r) < oddRuneLP {
				oddBits[r>>6] |= 1 << (r & 63)
			}
		}
	})
}

// oddRune reports whether r is odd (see oddRun); r outside the BMP is not.
func oddRune(r rune) bool {
	return r < 0x10000 && oddBits[r>>6]&(1<<(r&63)) != 0
}

// oddRun reports whether text[start:end] has a run of oddRunLen or more
// consecutive odd runes with a suspicious one among them: evidence enough
// to let the CJK codecs read a cluster that the density test rejects.
func oddRun(text string, start, end int) bool {
	oddTable()
	run, susp := 0, false
	for i := start; i < end; {
		r, n := decodeRune(text, i)
		i += n
		if r < utf8.RuneSelf || !oddRune(r) {
			run, susp = 0, false
			continue
		}
		run++
		susp = susp || suspiciousRune(r)
		if susp && run >= oddRunLen {
			return true
		}
	}
	return false
}
