package detect

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sitePage builds page i of a fictional site whose template the default
// rules do not know: a header with a counter, a footer line, a label line
// with a varying title and an article body.
// words returns a few Han characters that differ for every n, so that
// content lines differ by more than their numbers.
func words(n int) string {
	var b strings.Builder
	x := uint32(n)*2654435761 + 12345
	for k := 0; k < 6; k++ {
		x = x*1664525 + 1013904223
		b.WriteRune(rune(0x4E00 + x>>8%0x4000))
	}
	return b.String()
}

func sitePage(site, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "栏目%d · 第%d期 · 访问%d\n", site, i%7+1, 1000+i*13)
	fmt.Fprintf(&b, "文章标题%s号:关于%s的说明\n", words(i), words(i+site))
	for p := 0; p < 5; p++ {
		fmt.Fprintf(&b, "这是%s的正文,内容%s各不相同,%s讨论的问题也不一样,字数足够长。\n", words(site*1000003+i*10+p), words(i*7+p), words(i*13+p+site))
	}
	fmt.Fprintf(&b, "往期回顾:%s的标题\n", words(i*3+site))
	fmt.Fprintf(&b, "本页面由某某站点%d提供技术支持\n", site)
	return b.String()
}

func TestLearner(t *testing.T) {
	l := NewLearner()
	for i := 0; i < 6; i++ {
		l.Add(sitePage(1, i))
	}
	m := l.Model()
	assert.Equal(t, 6, m.Docs)
	assert.Equal(t, 3, m.MinDocs)
	assert.Positive(t, m.Len())

	page := sitePage(1, 99)
	spans := Boilerplate(page, nil, m)
	checkSpans(t, page, spans)
	out := applySpans(page, spans)
	assert.NotContains(t, out, "访问")
	assert.NotContains(t, out, "技术支持")
	assert.NotContains(t, out, "往期回顾")
	assert.Contains(t, out, "文章标题"+words(99))
	assert.Equal(t, 6, strings.Count(out, "\n"), out) // title + 5 paragraphs
	for _, sp := range spans {
		assert.True(t, strings.HasPrefix(sp.Rule, "learned:"), sp.Rule)
		assert.Equal(t, "learned", sp.Kind)
	}

	// Without the model nothing of this template is known.
	assert.Empty(t, Boilerplate(page, nil, nil))
}

func TestLearnerRepeatedContentStays(t *testing.T) {
	// A quotation repeated in the middle of several pages is content.
	quote := "问渠哪得清如许,唯有源头活水来。这句诗常被引用来说明学习的重要性。"
	l := NewLearner()
	var pages []string
	for i := 0; i < 5; i++ {
		p := fmt.Sprintf("标题%s\n第一段正文%s,内容不同。\n第二段正文%s,内容不同。\n%s\n第三段正文%s,内容不同。\n第四段正文%s。\n第五段%s。\n",
			words(i), words(i+100), words(i+200), quote, words(i+300), words(i+400), words(i+500))
		pages = append(pages, p)
		l.Add(p)
	}
	m := l.Model()
	for _, p := range pages {
		assert.Contains(t, applySpans(p, Boilerplate(p, nil, m)), quote)
	}
}

func TestLearnerLoneSentenceStays(t *testing.T) {
	// The same sentence opens four documents that share nothing else.
	l := NewLearner()
	var docs []string
	for i := 0; i < 4; i++ {
		d := "该项目创立于上世纪九十年代(1993年)。\n" + words(i) + "的正文,写得很长。\n" + words(i+9) + "。\n"
		docs = append(docs, d)
		l.Add(d)
	}
	m := l.Model()
	assert.Equal(t, 1, m.Len())
	for _, d := range docs {
		assert.Empty(t, Boilerplate(d, nil, m))
	}
}

func TestLearnerTwoDocsNotEnough(t *testing.T) {
	l := NewLearner()
	l.Add("在上一篇笔记里,我们提到过软件源的配置。\n正文一。\n")
	l.Add("正文二。\n在上一篇笔记里,我们提到过软件源的配置。\n")
	assert.Zero(t, l.Model().Len())
}

func TestLearnerMinShare(t *testing.T) {
	l := NewLearner()
	l.MinShare = 0.5
	for i := 0; i < 10; i++ {
		if i < 3 {
			l.Add("本站公告:欢迎访问\n正文" + words(i))
		} else {
			l.Add("其他页面正文" + words(i))
		}
	}
	assert.Zero(t, l.Model().Len(), "3 of 10 documents is below MinShare 0.5")
	l.MinShare = 0.2
	assert.Positive(t, l.Model().Len())
}

func TestGroupLearner(t *testing.T) {
	g := NewGroupLearner()
	for i := 0; i < 4; i++ {
		g.Add("a.example", sitePage(1, i))
		g.Add("b.example", sitePage(2, i))
	}
	ms := g.Models()
	require.Len(t, ms, 2)
	assert.Positive(t, ms["a.example"].Len())
	page := sitePage(2, 50)
	assert.NotEmpty(t, Boilerplate(page, nil, ms["b.example"]))
}

// TestLearnerBoundedMemory feeds 10,000 pages of 50 sites with unique
// content lines and checks that the table stays within MaxEntries while the
// site templates survive the pruning.
func TestLearnerBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 pages")
	}
	l := NewLearner()
	l.MaxEntries = 1 << 14
	peak := 0
	for i := 0; i < 10000; i++ {
		l.Add(sitePage(i%50, i))
		peak = max(peak, l.Entries())
	}
	assert.LessOrEqual(t, peak, l.MaxEntries)
	m := l.Model()
	page := sitePage(7, 123457)
	out := applySpans(page, Boilerplate(page, nil, m))
	assert.NotContains(t, out, "技术支持")
	t.Logf("10000 pages: peak %d entries (cap %d), %d pruned, model %d templates", peak, l.MaxEntries, l.pruned, m.Len())
}

func TestSiteModelRoundTrip(t *testing.T) {
	g := NewGroupLearner()
	for i := 0; i < 4; i++ {
		g.Add("a.example", sitePage(1, i))
		g.Add("b.example", sitePage(2, i))
	}
	ms := g.Models()
	var buf bytes.Buffer
	_, err := ms.WriteTo(&buf)
	require.NoError(t, err)
	assert.Contains(t, buf.String(), `"format": "hanfix-sitemodel"`)
	back, err := ReadSiteModels(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	require.Len(t, back, 2)
	for k, m := range ms {
		assert.Equal(t, m.Templates(), back[k].Templates())
		assert.Equal(t, m.Docs, back[k].Docs)
	}
	_, err = ReadSiteModel(bytes.NewReader(buf.Bytes()))
	assert.ErrorContains(t, err, "2 groups")

	buf.Reset()
	_, err = ms["a.example"].WriteTo(&buf)
	require.NoError(t, err)
	one, err := ReadSiteModel(&buf)
	require.NoError(t, err)
	page := sitePage(1, 77)
	assert.Equal(t, Boilerplate(page, nil, ms["a.example"]), Boilerplate(page, nil, one))
}

func TestReadSiteModelErrors(t *testing.T) {
	for _, tc := range []struct{ in, msg string }{
		{``, "decode"},
		{`[]`, "decode"},
		{`{"format":"other","version":1}`, "format"},
		{`{"format":"hanfix-sitemodel","version":2}`, "version 2"},
		{`{"format":"hanfix-sitemodel","version":1,"groups":{"":null}}`, "null"},
		{`{"format":"hanfix-sitemodel","version":1,"groups":{"":{"docs":1,"min_docs":0}}}`, "min_docs"},
		{`{"format":"hanfix-sitemodel","version":1,"groups":{"":{"docs":1,"min_docs":3,"templates":[{"fp":"xyz","docs":3}]}}}`, "16 hex"},
		{`{"format":"hanfix-sitemodel","version":1,"groups":{"":{"docs":1,"min_docs":3,"templates":[{"fp":"0123456789abcdef","docs":0}]}}}`, "docs 0"},
		{`{"format":"hanfix-sitemodel","version":1,"groups":{}} {}`, "after"},
	} {
		_, err := ReadSiteModels(strings.NewReader(tc.in))
		assert.ErrorContains(t, err, tc.msg, tc.in)
	}
}

// BenchmarkLearner10k learns 10,000 pages of 50 sites with the table
// capped at 1<<14 entries, and reports the heap in use after learning (the
// pages are generated one at a time, so the heap is the learner's) and the
// table size.
func BenchmarkLearner10k(b *testing.B) {
	size := 0
	for i := 0; i < 10000; i++ {
		size += len(sitePage(i%50, i))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var heap uint64
	var entries int
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		l := NewLearner()
		l.MaxEntries = 1 << 14
		for i := 0; i < 10000; i++ {
			l.Add(sitePage(i%50, i))
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
		entries = l.Entries()
		runtime.KeepAlive(l)
	}
	b.ReportMetric(float64(heap)/(1<<20), "learner-MiB")
	b.ReportMetric(float64(entries), "entries")
}

func TestLabelOf(t *testing.T) {
	loadFold()
	for _, tc := range []struct{ line, label string }{
		{"上一則：使用者介面", "上一则:"},
		{"[上一篇] 筛选数据透视表", "[上一篇]"},
		{"- 上一篇:党组织建设", "上一篇:"},
		{"导航：首页 >> 学习资料", "导航:"},
		{"上一篇 标题文字", "上一篇"},
		{"栏目导读 » 学习园地", "栏目导读"},
		{"描述 DESCRIPTION", ""},
		{"描述 (DESCRIPTION)", ""},
		{"表格 9.18. 用於系統安全性", ""},
		{"在上一篇笔记里,我们提到过", ""},
		{"这是一个很长的句子没有冒号", ""},
	} {
		var f folder
		f.fold(tc.line)
		assert.Equal(t, tc.label, string(labelOf(&f)), tc.line)
	}
}

// TestAddFingerprints checks that fingerprints taken apart, in any order,
// and added in document order learn what Add learns, pruning included.
func TestAddFingerprints(t *testing.T) {
	a, b := NewGroupLearner(), NewGroupLearner()
	a.New = func() *Learner { return &Learner{MaxEntries: 1 << 8} }
	b.New = a.New
	var docs []string
	for i := 0; i < 300; i++ {
		docs = append(docs, sitePage(i%3, i))
	}
	fps := make([]Fingerprints, len(docs))
	for i := len(docs) - 1; i >= 0; i-- {
		fps[i] = FingerprintDoc(docs[i])
	}
	for i, d := range docs {
		group := []string{"x", "y"}[i%2]
		a.Add(group, d)
		b.AddFingerprints(group, fps[i])
	}
	var wa, wb bytes.Buffer
	_, err := a.Models().WriteTo(&wa)
	require.NoError(t, err)
	_, err = b.Models().WriteTo(&wb)
	require.NoError(t, err)
	assert.Equal(t, wa.String(), wb.String())
	assert.Contains(t, wa.String(), "sample")
}

// TestFingerprintReference checks fingerprint against its definition, on
// random bytes of ASCII, digits, Han and other characters and broken
// UTF-8: FNV-1a (64 bits) of the bytes with each run of digits as one
// '#', and ok when ranging over the bytes finds two lower-case ASCII
// letters or Han characters. Learned models and model files hold these
// hashes, so any change to them shows here.
func TestFingerprintReference(t *testing.T) {
	reference := func(b []byte) (uint64, bool) {
		h := uint64(14695981039346656037)
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c >= '0' && c <= '9' {
				if i > 0 && b[i-1] >= '0' && b[i-1] <= '9' {
					continue
				}
				c = '#'
			}
			h = (h ^ uint64(c)) * 1099511628211
		}
		letters := 0
		for _, r := range string(b) {
			if r >= 'a' && r <= 'z' || isHan(r) {
				letters++
			}
		}
		return h, letters >= 2
	}
	pieces := []string{"a", "Z", "7", "42", " ", "#", "。", "設", "中", "𠀀", "é", "\u3400", "\uf900",
		"\xe8", "\xe8\xa8", "\xed\xa0\x80", "\xe0\x80\x80", "\xe0\xa0\x80", "\xff"}
	seed := uint64(5)
	next := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for range 50000 {
		var b []byte
		for range next(16) {
			b = append(b, pieces[next(len(pieces))]...)
		}
		h, ok := fingerprint(b)
		wh, wok := reference(b)
		if h != wh || ok != wok {
			t.Fatalf("fingerprint(%q) = %x, %v; want %x, %v", b, h, ok, wh, wok)
		}
	}
}
