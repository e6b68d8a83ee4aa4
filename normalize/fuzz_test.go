package normalize

import (
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	fuzzOnce sync.Once
	fuzzNorm map[string]*Normalizer
)

// fuzzNormalizers are the pipelines the fuzz targets run, by name: the
// default fixes for three targets, and every fix, the opt-in punctuation
// fixes too, for Traditional.
func fuzzNormalizers(t *testing.T) map[string]*Normalizer {
	fuzzOnce.Do(func() {
		fuzzNorm = map[string]*Normalizer{}
		for name, opts := range map[string]Options{
			"keep": {Target: TargetKeep}, "auto": {Target: TargetAuto}, "simp": {Target: TargetSimplified},
			"trad+punct": {Target: TargetTraditional, Fixes: DefaultFixes | FixFullwidthASCII | FixCJKPunct | FixSpaceComma},
		} {
			n, err := New(opts)
			if err != nil {
				panic(err)
			}
			fuzzNorm[name] = n
		}
	})
	return fuzzNorm
}

// FuzzNormalizer checks that the pipeline never panics, writes valid UTF-8,
// rejects invalid UTF-8 with an error, and is idempotent.
func FuzzNormalizer(f *testing.F) {
	for _, s := range []string{
		"", "中文", "建設(shè)發(fā)展(zhǎn)", "文件?!秾嵤┮庖姟穼ψセ鶎狱h建", "鍙戝睍", "cafÃ©",
		"您的位置:网站 > 总结报告 > 正文\n正文内容。\nbook=43,ebook=38", "\ufeffa\r\nb\x00", "干部于后",
		"\xff\xfe", "(一)(二)(AI)(2010年)",
		"基地址(记忆体(16进制)),(如)", "鏀?鎸, 乙?(„å°¾))",
		// Pages that mix kinds of damage, where one stage changes what
		// another judged (TestIdempotentOnMixedDocuments).
		"上一篇:某某文章\n文/张明\n關於加強機關黨建(jiàn)的思考\n京ICP备12345678号\n文/张明\n" +
			"登录后查看完整内容第一段內容(nèi),寫得很長很長。這个(gè)问题鍙戝睍?,鎵?得到的結果\n",
		"这个(gè)问(wèn)题很重要。發(fā)(fā)布日期:2021-03-02 阅读次数:318",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for tg, n := range fuzzNormalizers(t) {
			out, rep, err := n.String(s)
			if !utf8.ValidString(s) {
				if err == nil {
					t.Fatalf("%s: no error for invalid UTF-8 %q", tg, s)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tg, err)
			}
			if !utf8.ValidString(out) {
				t.Fatalf("%s: invalid UTF-8 out of %q: %q", tg, s, out)
			}
			for _, c := range rep.Changes {
				if c.Start < 0 || c.End < c.Start || c.End > len(s) {
					t.Fatalf("%s: change span %d-%d out of range for %q", tg, c.Start, c.End, s)
				}
			}
			again, _, err := n.String(out)
			if err != nil || again != out {
				t.Fatalf("%s: not idempotent:\n in  %q\n out %q\n out2 %q", tg, s, out, again)
			}
		}
	})
}

// FuzzBytes checks raw input the way FuzzNormalizer checks text: no
// panic, valid UTF-8 out, each change of KindEncoding spanning its After
// in the decoded text, and the output its own cleaning. The seeds mix
// encodings (see convert.DecodeAuto).
func FuzzBytes(f *testing.F) {
	for _, s := range []string{
		"今天的会议讨论了明年的工作计划。\n\xb1\xbe\xce\xc4\xc0\xb4\xd4\xb4\xa3\xba\xd0\xc2\xbb\xaa\xc9\xe7\n",
		"\xb8\xf7\xb5\xd8\xd2\xaa\xc8\xcf\xd5\xe6\n联系我们",
		"\xe8\xbd?\xe6\x8d\xa2\xe5\x99\xa8", "\xd6\x81\x30\x81\x30", "同 \xcd\xac Windows", "\xef\xbb\xbf中\xd6\xd0文",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for tg, n := range fuzzNormalizers(t) {
			out, rep, err := n.Bytes(raw)
			if err != nil {
				continue // binary input
			}
			if !utf8.ValidString(out) {
				t.Fatalf("%s: invalid UTF-8 out of %q: %q", tg, raw, out)
			}
			for _, c := range rep.Changes {
				if c.Kind == KindEncoding && (c.Start < 0 || c.End < c.Start || !utf8.ValidString(c.After) || c.Before == "") {
					t.Fatalf("%s: bad change %+v for %q", tg, c, raw)
				}
			}
			again, _, err := n.String(out)
			if err != nil || again != out {
				t.Fatalf("%s: not idempotent:\n in  %q\n out %q\n out2 %q", tg, raw, out, again)
			}
		}
	})
}

// cleanTexts are clean documents, each in one script: any piece of one
// must come through the pipeline unchanged.
var cleanTexts = []string{
	"机关党务干部是机关党建工作的策划者、组织者和实施者，其素质的高低，直接关系到机关党建活动的吸引力和实效性。\n" +
		"如果你有一个空的分区（例如 “/dev/sdx”），你可以使用 mkfs.ext4(1) 将它格式化。\n" +
		"自然语言处理(NLP)是人工智能(AI)的一个分支，始于(1950年代)。你好(nǐ hǎo)是问候语。\n",
	"群眾路線是我們黨的生命線和根本工作路線。組織部門只有更加自覺地貫徹好黨的群眾路線，才能使組織工作更具活力。\n" +
		"床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。\n" +
		"如果您有一個空的分割區（例如「/dev/sdx」），您可以使用 mkfs.ext4(1) 將它格式化。\n",
	"このマニュアルページは日本語で書かれています。詳しくは man(1) を参照してください。\n",
}

// FuzzCleanUnchanged cuts clean text at arbitrary places and checks that
// no piece is changed.
func FuzzCleanUnchanged(f *testing.F) {
	f.Add(uint(0), uint(0), uint(1<<20))
	f.Add(uint(1), uint(10), uint(40))
	f.Add(uint(2), uint(0), uint(1<<20))
	f.Fuzz(func(t *testing.T, which, off, n uint) {
		clean := cleanTexts[which%uint(len(cleanTexts))]
		start := int(off % uint(len(clean)+1))
		end := min(len(clean), start+int(n%uint(len(clean)+1)))
		for start < len(clean) && !utf8.RuneStart(clean[start]) {
			start++
		}
		for end > start && end < len(clean) && !utf8.RuneStart(clean[end]) {
			end--
		}
		if start > end {
			return
		}
		piece := clean[start:end]
		for tg, nz := range fuzzNormalizers(t) {
			if tg != "keep" && tg != "auto" {
				continue
			}
			out, _, err := nz.String(piece)
			if err != nil || out != piece {
				t.Fatalf("%s changed clean text %q -> %q (%v)", tg, piece, out, err)
			}
		}
	})
}
