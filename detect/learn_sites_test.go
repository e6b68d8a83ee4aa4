package detect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sitesPage is page i of site "site" (its header and footer name it);
// with glue, a phrase glued after its second paragraph and another before
// its fourth. bare leaves out the header and footer.
func sitesPage(site string, i int, glue, bare bool) string {
	var b strings.Builder
	if !bare {
		fmt.Fprintf(&b, "%s 第%d期 · 新闻频道\n", site, i)
	}
	for p := 0; p < 6; p++ {
		if glue && p == 3 {
			b.WriteString("一键复制")
		}
		fmt.Fprintf(&b, "这是%s的正文,内容%s各不相同,讨论%s的问题。", words(i*100+p), words(i*7+p), words(i*13+p))
		if glue && p == 1 {
			b.WriteString("（按此睇圖輯）")
		}
		b.WriteString("\n")
	}
	if !bare {
		fmt.Fprintf(&b, "版权所有 © %s传媒有限公司 不得转载\n", site)
	}
	return b.String()
}

// sitesModel learns a run of pages: for each site, pages of which the
// first glued ones glue the phrases.
func sitesModel(t *testing.T, runs []sitesRun) *SiteModel {
	t.Helper()
	l := NewLearner()
	n := 0
	for _, r := range runs {
		for i := 0; i < r.pages; i++ {
			l.Add(sitesPage(r.site, n, i < r.glued, r.bare))
			n++
		}
	}
	return l.Model()
}

type sitesRun struct {
	site         string
	pages, glued int
	bare         bool
}

// TestSitePhrases checks the share of a site's pages that a phrase glued
// to a paragraph needs in a run of many sites' pages.
func TestSitePhrases(t *testing.T) {
	others := []sitesRun{{"甲讯", 10, 0, false}, {"乙讯", 10, 0, false}, {"丙讯", 10, 0, false}, {"丁讯", 10, 0, false}}
	for _, tc := range []struct {
		name string
		run  sitesRun
		gone bool
	}{
		// 4 of 44 pages, 9%: all of the site's pages
		{"every page of the site", sitesRun{"港讯", 4, 4, false}, true},
		// 5 of 50: half the site's pages
		{"half the site's pages", sitesRun{"港讯", 10, 5, false}, true},
		// 4 of 50: fewer than half
		{"few of the site's pages", sitesRun{"港讯", 10, 4, false}, false},
		// 2 of 42: fewer than MinDocs
		{"two pages", sitesRun{"港讯", 2, 2, false}, false},
		// 4 of 44 pages that share no template: no site to tell them
		{"pages without furniture", sitesRun{"港讯", 4, 4, true}, false},
	} {
		m := sitesModel(t, append([]sitesRun{tc.run}, others...))
		page := sitesPage("港讯", 99, true, false)
		spans := Boilerplate(page, nil, m)
		checkSpans(t, page, spans)
		out := applySpans(page, spans)
		require.Equal(t, 6, strings.Count(out, "。"), "%s: every sentence stays\n%s", tc.name, out)
		for _, ph := range []string{"（按此睇圖輯）", "一键复制"} {
			assert.Equal(t, !tc.gone, strings.Contains(out, ph), "%s: %s\n%s", tc.name, ph, out)
		}
		site := 0
		for _, tp := range m.Templates() {
			if tp.Site {
				site++
			}
		}
		if tc.gone {
			assert.Equal(t, 2, site, "%s: both phrases are the site's", tc.name)
		} else {
			assert.Zero(t, site, tc.name)
		}
	}
}

// TestSitePhrasesSaved checks that a saved model keeps what a phrase's
// share of its site's pages told.
func TestSitePhrasesSaved(t *testing.T) {
	m := sitesModel(t, []sitesRun{{"港讯", 4, 4, false}, {"甲讯", 10, 0, false}, {"乙讯", 10, 0, false}, {"丙讯", 10, 0, false}})
	var b strings.Builder
	_, err := m.WriteTo(&b)
	require.NoError(t, err)
	assert.Contains(t, b.String(), `"site": true`)
	ms, err := ReadSiteModels(strings.NewReader(b.String()))
	require.NoError(t, err)
	back := ms[""]
	require.NotNil(t, back)
	page := sitesPage("港讯", 99, true, false)
	assert.Equal(t, applySpans(page, Boilerplate(page, nil, m)), applySpans(page, Boilerplate(page, nil, back)))
	assert.NotContains(t, applySpans(page, Boilerplate(page, nil, back)), "一键复制")
}

// TestCountSitesBounded checks that the pairs stay within their bound and
// that pruning keeps the pairs of many documents.
func TestCountSitesBounded(t *testing.T) {
	l := NewLearner()
	l.MaxEntries = 256 // pairs: at most 64
	const phrase, header = 1, 2
	for d := uint64(0); d < 1000; d++ {
		ps := []linePrint{
			{fp: phrase, phrase: true},
			{fp: header, whole: true, edge: true},
			{fp: 1000 + d, phrase: true},             // a phrase of its own
			{fp: 5000 + d, whole: true, edge: true},  // and a line
			{fp: 9000 + d, whole: true, edge: false}, // not at the edges: no pair
		}
		l.countSites(ps)
		require.LessOrEqual(t, len(l.sites), 64)
	}
	assert.Equal(t, int32(1000), l.sites[pairKey(phrase, header)].docs)
	for _, p := range l.sites {
		assert.NotEqual(t, uint64(9000), p.edge/1000*1000, "a line inside the page pairs with nothing")
	}
}
