package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sitePages returns JSON Lines pages: six of site "a" in a template with a
// header and a footer line no rule knows, then two of site "b" in the same
// template (too few to learn from).
func sitePages() string {
	bodies := []string{
		"今天我们讨论中文信息处理的基本方法，包括分词和词性标注。",
		"软件包的安装方法有很多种，本文介绍最常见的两种。",
		"经济发展离不开科技创新，各地政府出台了一系列政策。",
		"他认为学习语言最重要的是坚持，每天都要练习。",
		"这座城市的历史可以追溯到两千年前，留下了很多古迹。",
		"研究人员发现，适量运动可以改善睡眠质量。",
		"春天来了，公园里的花都开了，游人很多。",
		"这本书讲述了一个普通家庭三代人的故事。",
	}
	var b strings.Builder
	for i, body := range bodies {
		site := "a"
		if i >= 6 {
			site = "b"
		}
		text := fmt.Sprintf("星河云阅读频道 第%d期\n%s\n本页面由星河云提供技术支持 欢迎常来看看\n", i+1, body)
		line, _ := json.Marshal(map[string]any{"id": i, "site": site, "text": text})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func texts(t *testing.T, out string) []string {
	t.Helper()
	var res []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var o struct{ Text string }
		require.NoError(t, json.Unmarshal([]byte(l), &o), l)
		res = append(res, o.Text)
	}
	return res
}

const footer = "本页面由星河云提供技术支持"

func TestInRunLearning(t *testing.T) {
	in := sitePages()
	r := runMain(t, in, "-jsonl", "-to", "keep", "-stats")
	require.Equal(t, 0, r.code, r.stderr)
	got := texts(t, r.stdout)
	require.Len(t, got, 8)
	for _, s := range got {
		assert.NotContains(t, s, footer, "without -group all pages form one group and learn the template")
	}
	assert.Contains(t, r.stderr, `"passes":2`)

	r = runMain(t, in, "-jsonl", "-to", "keep", "-group", "site")
	require.Equal(t, 0, r.code, r.stderr)
	got = texts(t, r.stdout)
	for i, s := range got {
		if i < 6 {
			assert.NotContains(t, s, footer, "page %d of site a", i)
		} else {
			assert.Contains(t, s, footer, "site b has too few pages to learn from: page %d", i)
		}
	}

	r = runMain(t, in, "-jsonl", "-to", "keep", "-learn-run=false")
	require.Equal(t, 0, r.code, r.stderr)
	for _, s := range texts(t, r.stdout) {
		assert.Contains(t, s, footer, "-learn-run=false turns learning off")
	}

	r = runMain(t, in, "-jsonl", "-to", "keep", "-keep-boilerplate")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, in, r.stdout, "-keep-boilerplate passes the pages through")

	// FILE input is read twice instead of spooled; the result is the same.
	p := writeFile(t, t.TempDir(), "pages.jsonl", []byte(in))
	r2 := runMain(t, "", "-jsonl", "-to", "keep", "-group", "site", p)
	require.Equal(t, 0, r2.code, r2.stderr)
	r = runMain(t, in, "-jsonl", "-to", "keep", "-group", "site")
	assert.Equal(t, r.stdout, r2.stdout)

	// -detect counts the learned lines.
	r = runMain(t, in, "-jsonl", "-detect")
	require.Equal(t, 0, r.code, r.stderr)
	var d struct {
		BoilerplateLines int `json:"boilerplate_lines"`
	}
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &d))
	assert.GreaterOrEqual(t, d.BoilerplateLines, 1)
}

func TestInRunLearningKeepsBadLineErrors(t *testing.T) {
	in := sitePages() + "{bad\n"
	r := runMain(t, in, "-jsonl", "-to", "keep")
	assert.Equal(t, 1, r.code)
	oneLineMsg(t, r, "stdin:9: malformed JSON")
	assert.Len(t, strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n"), 8, "pass 2 writes the good lines before stopping")
}

func TestLearnAndModel(t *testing.T) {
	dir := t.TempDir()
	pages := writeFile(t, dir, "pages.jsonl", []byte(sitePages()))
	model := filepath.Join(dir, "site.model")

	r := runMain(t, "", "-learn", model, "-group", "site", pages)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout, "-learn writes no cleaned output")
	data, err := os.ReadFile(model)
	require.NoError(t, err)
	var m struct {
		Format string
		Groups map[string]json.RawMessage
	}
	require.NoError(t, json.Unmarshal(data, &m))
	assert.Equal(t, "hanfix-sitemodel", m.Format)
	assert.Contains(t, m.Groups, "a")

	// Apply the model to one new page of site a, and one of another site.
	page := "{\"site\":\"a\",\"text\":\"星河云阅读频道 第9期\\n新的文章内容在这里，讲的是别的事情。\\n本页面由星河云提供技术支持 欢迎常来看看\\n\"}\n" +
		"{\"site\":\"c\",\"text\":\"新的文章内容在这里。\\n本页面由星河云提供技术支持 欢迎常来看看\\n\"}\n"
	r = runMain(t, page, "-jsonl", "-to", "keep", "-model", model, "-group", "site")
	require.Equal(t, 0, r.code, r.stderr)
	got := texts(t, r.stdout)
	assert.NotContains(t, got[0], footer, "the model of site a applies to page of site a")
	assert.Contains(t, got[1], footer, "site c has no model")

	for _, bad := range []struct{ args []string }{
		{[]string{"-learn", model, "-detect"}},
		{[]string{"-learn", model, "-model", model}},
		{[]string{"-learn", model, "-o", filepath.Join(dir, "x")}},
	} {
		r = runMain(t, "", bad.args...)
		assert.Equal(t, 2, r.code, "%v", bad.args)
	}
	notModel := writeFile(t, dir, "not.model", []byte("{}"))
	r = runMain(t, page, "-jsonl", "-model", notModel)
	assert.Equal(t, 1, r.code)
	oneLineMsg(t, r, "-model "+notModel)
}

// A page that a run holds three times (crawled again, or reposted under
// another site's furniture) is learnt once: its lines are no template, and
// every copy comes out whole. Cleaning the output again changes nothing.
func TestInRunLearningCopies(t *testing.T) {
	page := "这是一个用户数据报协议的实现. 它实现无连接的, 不可靠的数据报信息包服务.\n" +
		"当创建一个套接字时, 它的本地和远程地址是不确定的. 可以使用 sendto 立即发送数据报.\n" +
		"所有接收操作只返回一个信息包. 当信息包小于所传递的缓冲区时, 则只返回那些数据.\n" +
		"如果设置了这个标志, 则发送时目的地址必须指向一个本地接口地址.\n" +
		"选项可以使用描述于手册中的套接字选项发送或接收.\n" +
		"只有打开了合适的内核参数时, 内核才处理它们.\n" +
		"为了接收信息包, 套接字必须首先绑定一个本地地址.\n" +
		"如果没有这么做, 套接字层在第一个接收请求时将自动分配一个本地端口.\n"
	var b strings.Builder
	b.WriteString(sitePages())
	for i, text := range []string{page, page, "星河云阅读频道 第9期\n" + page + footer + " 欢迎常来看看\n", page} {
		line, _ := json.Marshal(map[string]any{"id": 100 + i, "text": text})
		b.Write(line)
		b.WriteByte('\n')
	}
	in := b.String()
	r := runMain(t, in, "-jsonl", "-to", "keep", "-stats")
	require.Equal(t, 0, r.code, r.stderr)
	got := texts(t, r.stdout)
	require.Len(t, got, 12)
	for i, s := range got[8:] {
		assert.Equal(t, page, s, "copy %d", i)
	}
	for i, s := range got[:6] {
		assert.NotContains(t, s, footer, "page %d of site a", i)
	}
	assert.Contains(t, r.stderr, `"learn_copies":3`)

	again := runMain(t, r.stdout, "-jsonl", "-to", "keep")
	require.Equal(t, 0, again.code, again.stderr)
	assert.Equal(t, r.stdout, again.stdout)
}
