package normalize

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/detect"
)

const bpPage = "您的位置:某某网 > 调研报告 > 正文\n" +
	"加强机关党务干部队伍建设调研报告\n" +
	"会员免费查看机关党务干部是机关党建工作的策划者、组织者和实施者。\n" +
	"新时期,要实现机关党建工作“走前头”的目标要求。(完)(责任编辑: 吕涛)\n" +
	"上一篇:党组织建设面临问题思考\n" +
	"Copyright © 2010-2018 www.example.com All Rights Reserved.\n"

func TestBoilerplateStage(t *testing.T) {
	st, err := NewBoilerplate(Options{})
	require.NoError(t, err)
	assert.Equal(t, KindBoilerplate, st.Kind())
	out, changes := Apply(st, bpPage, Options{})
	assert.Equal(t, "加强机关党务干部队伍建设调研报告\n"+
		"机关党务干部是机关党建工作的策划者、组织者和实施者。\n"+
		"新时期,要实现机关党建工作“走前头”的目标要求。\n", out)
	require.Len(t, changes, 5)
	want := []struct{ rule, before string }{
		{"line:breadcrumb:prefix:您的位置:", "您的位置:某某网 > 调研报告 > 正文\n"},
		{"phrase:paywall:start:会员免费查看", "会员免费查看"},
		{"phrase:editor:end:(完)(责任编辑{sep}{name})", "(完)(责任编辑: 吕涛)"},
		{"line:nav:prefix:上一篇{sep}", "上一篇:党组织建设面临问题思考\n"},
		{"line:copyright:prefix:copyright", "Copyright © 2010-2018 www.example.com All Rights Reserved.\n"},
	}
	for i, c := range changes {
		assert.Equal(t, want[i].rule, c.Rule)
		assert.Equal(t, want[i].before, c.Before)
		assert.Empty(t, c.After)
		assert.NotEmpty(t, c.Reason)
		assert.Greater(t, c.Confidence, 0.5)
	}
}

func TestBoilerplateKeep(t *testing.T) {
	keep, err := New(Options{Target: TargetKeep, Fixes: DefaultFixes &^ FixBoilerplate})
	require.NoError(t, err)
	out, rep, err := keep.String(bpPage)
	require.NoError(t, err)
	assert.Equal(t, bpPage, out)
	assert.Zero(t, rep.Counts[KindBoilerplate])

	strip, err := New(Options{Target: TargetKeep})
	require.NoError(t, err)
	out, rep, err = strip.String(bpPage)
	require.NoError(t, err)
	assert.Equal(t, 5, rep.Counts[KindBoilerplate])
	again, rep2, err := strip.String(out)
	require.NoError(t, err)
	assert.Equal(t, out, again, "idempotent")
	assert.Zero(t, rep2.Counts[KindBoilerplate])
}

func TestBoilerplateOptions(t *testing.T) {
	// Custom rules replace the defaults.
	mine, err := detect.ParseBoilerplateRules(strings.NewReader("ad tail line 广告位招租\n"))
	require.NoError(t, err)
	n, err := New(Options{Target: TargetKeep, Rules: mine})
	require.NoError(t, err)
	out, _, err := n.String("正文。\n上一篇:某\n广告位招租\n")
	require.NoError(t, err)
	assert.Equal(t, "正文。\n上一篇:某\n", out)

	// A site model removes the learned template lines.
	l := detect.NewLearner()
	page := func(i int) string {
		return fmt.Sprintf("晴川学习 第%d期\n标题%c%c\n正文%c%c写得很长很长，讲了很多道理，也举了不少例子。\n本页由晴川学习提供\n", i, 0x4E00+i, 0x4E10+i, 0x4E20+i, 0x4E30+i)
	}
	for i := 0; i < 4; i++ {
		l.Add(page(i))
	}
	n, err = New(Options{Target: TargetKeep, SiteModel: l.Model()})
	require.NoError(t, err)
	out, rep, err := n.String(page(9))
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("标题%c%c\n正文%c%c写得很长很长，讲了很多道理，也举了不少例子。\n", 0x4E09, 0x4E19, 0x4E29, 0x4E39), out)
	for _, c := range rep.Changes {
		assert.True(t, strings.HasPrefix(c.Rule, "learned:"), c.Rule)
	}

	// Learned templates never take most of a document: pages that share
	// their content teach the learner that content, and it stays. (These
	// pages share most of their text but only half of their lines, so the
	// learner does not take them for copies of one page.)
	l = detect.NewLearner()
	same := func(i int) string {
		return fmt.Sprintf("城市交通观察 · 第%d期\n今天我们讨论城市公共交通的发展问题，以及地铁和公交怎样衔接。\n观察点%c%c%c号\n线路%c%c%c段\n",
			i, 0x4E00+i*7, 0x4E01+i*7, 0x4E02+i*7, 0x5E00+i*7, 0x5E01+i*7, 0x5E02+i*7)
	}
	for i := 0; i < 10; i++ {
		l.Add(same(i))
	}
	n, err = New(Options{Target: TargetKeep, SiteModel: l.Model()})
	require.NoError(t, err)
	out, rep, err = n.String(same(3))
	require.NoError(t, err)
	assert.Equal(t, same(3), out)
	assert.NotEmpty(t, rep.Findings, "the learned matches are reported")
}

func TestBoilerplateFindings(t *testing.T) {
	body := "第一段正文写得很长很长,讲了很多道理。\n第二段正文写得很长很长,讲了很多道理。\n第三段正文写得很长很长,讲了很多道理。\n"
	s := body + "上一篇:某某文章\n" + body
	n, err := New(Options{Target: TargetKeep})
	require.NoError(t, err)
	out, rep, err := n.String(s)
	require.NoError(t, err)
	assert.Equal(t, s, out)
	var found []Finding
	for _, f := range rep.Findings {
		if f.Kind == KindBoilerplate {
			found = append(found, f)
		}
	}
	require.Len(t, found, 1)
	assert.Equal(t, "上一篇:某某文章", found[0].Text)
	assert.Equal(t, "上一篇:某某文章", s[found[0].Start:found[0].End])
}

// TestProseHanRanges checks the fast paths of textLetters against the Unicode
// tables: every rune of the CJK unified ideographs and extension A is Han,
// and the ASCII letters and digits are the ASCII runes that unicode calls
// letters or digits.
func TestProseHanRanges(t *testing.T) {
	for _, rg := range [][2]rune{{0x4E00, 0x9FFF}, {0x3400, 0x4DBF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if !unicode.Is(unicode.Han, r) {
				t.Fatalf("%U is not Han", r)
			}
		}
	}
	for r := rune(0); r < utf8.RuneSelf; r++ {
		fast := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		assert.Equal(t, unicode.IsLetter(r) || unicode.IsDigit(r), fast, "%q", r)
		assert.False(t, unicode.Is(unicode.Han, r))
	}
}

// TestProseClass checks proseClass against the Unicode tables on every
// rune of its ranges.
func TestProseClass(t *testing.T) {
	for _, rg := range [][2]rune{{0x2000, 0x303F}, {0xFF00, 0xFFFF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			want := uint8(0)
			switch {
			case unicode.Is(unicode.Han, r):
				want = proseHan
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				want = proseLetter
			}
			if got := proseClass(r); got != want {
				t.Fatalf("proseClass(%U) = %d, want %d", r, got, want)
			}
		}
	}
}

// TestProseThreeByte checks textLetters' fast path, which tells the Han
// characters of U+3400–U+4DBF and U+4E00–U+9FFF by their first two bytes,
// against the unicode tables on every character of U+0800–U+FFFF, in a
// line that counts (eight Han characters) and at every offset the fast
// path reads from.
func TestProseThreeByte(t *testing.T) {
	const base = "一二三四五六七八"
	for r := rune(0x800); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		want := 8
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			want++
		}
		for _, line := range []string{string(r) + base + "。", base + string(r) + "。", base + string(r) + "x。"} {
			extra := 0
			if strings.HasSuffix(line, "x。") {
				extra = 1
			}
			if got := textLetters(line, 0, true); got != want+extra {
				t.Fatalf("textLetters(%q) = %d, want %d", line, got, want+extra)
			}
		}
	}
}

// TestLearnedShareGuard: learned templates may take most of a page's text
// or most of its sentences, not both.
func TestLearnedShareGuard(t *testing.T) {
	footer := "星河云陪你一起学习成长，每天进步一点点。"
	dirs := []string{"apt", "ssh", "cron", "nginx", "mysql", "samba", "postfix", "bind", "dhcp", "ufw"}
	code := func(i int) string {
		d := dirs[i%len(dirs)]
		return fmt.Sprintf("星河云 技术频道 第%d期\nls -l /etc/%s\ncat /etc/%s/%s.conf | grep listen\nsystemctl restart %s\n%s\n", i, d, d, d, d, footer)
	}
	one := func(i int) string {
		return fmt.Sprintf("星河云 技术频道 第%d期\n这是第%d篇文章，讲的是%c%c的事情，写得不长。\n本页面由星河云提供技术支持\n", i, i, 0x4E00+i, 0x4E10+i)
	}
	for _, tc := range []struct {
		name string
		page func(int) string
		gone string
	}{
		// The footer is the page's only sentence, but little of its text.
		{"code under a footer sentence", code, footer},
		// Header and footer are most of the text, but no sentence.
		{"one sentence between header and footer", one, "本页面由星河云提供技术支持"},
	} {
		l := detect.NewLearner()
		for i := 0; i < 5; i++ {
			l.Add(tc.page(i))
		}
		n, err := New(Options{Target: TargetKeep, SiteModel: l.Model()})
		require.NoError(t, err)
		out, _, err := n.String(tc.page(7))
		require.NoError(t, err)
		assert.NotContains(t, out, tc.gone, tc.name)
		assert.NotContains(t, out, "第7期", tc.name)
	}
}
