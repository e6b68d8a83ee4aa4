package opencc

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/liuzl/gocc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The differential test loads gocc's own configurations and dictionaries
// into this engine (with GoccCompat: no segmentation, which gocc ignores)
// and checks that it converts exactly as gocc does, on valid UTF-8 without
// the byte 0x01. gocc differs by its own bugs elsewhere: on invalid UTF-8 it
// replaces the bad byte with U+FFFD and drops the two bytes after it, and
// it drops a 0x01 byte that precedes a dictionary key ("\x01们" gives "們";
// its trie library, cedar-go, mishandles that byte). This engine keeps
// every byte (TestGoccDifferences).

// goccConfigs are the configurations gocc ships.
var goccConfigs = []string{"s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw", "t2hk"}

type goccPair struct {
	ref  *gocc.OpenCC
	ours *Converter
}

var goccSetup struct {
	once  sync.Once
	pairs map[string]goccPair
	err   error
}

// goccModuleDir finds gocc's module directory in the module cache.
func goccModuleDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/liuzl/gocc").Output()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func goccPairs(t testing.TB) map[string]goccPair {
	t.Helper()
	goccSetup.once.Do(func() {
		dir, err := goccModuleDir()
		if err != nil {
			goccSetup.err = err
			return
		}
		lib := NewLibrary(func(file string) (*Dict, error) {
			raw, err := os.ReadFile(filepath.Join(dir, "dictionary", file))
			if err != nil {
				return nil, err
			}
			return ParseText(file, string(raw), FormatGocc)
		})
		goccSetup.pairs = map[string]goccPair{}
		for _, name := range goccConfigs {
			raw, err := os.ReadFile(filepath.Join(dir, "config", name+".json"))
			if err != nil {
				goccSetup.err = err
				return
			}
			spec, err := ParseConfig(raw)
			if err != nil {
				goccSetup.err = err
				return
			}
			ours, err := lib.NewConverter(name, spec, Options{GoccCompat: true})
			if err != nil {
				goccSetup.err = err
				return
			}
			ref, err := gocc.New(name)
			if err != nil {
				goccSetup.err = err
				return
			}
			goccSetup.pairs[name] = goccPair{ref, ours}
		}
	})
	if goccSetup.err != nil {
		t.Skipf("gocc's data is not available: %v", goccSetup.err)
	}
	return goccSetup.pairs
}

var goccInputs = []string{
	"",
	"abc 123",
	"我们的头发干了，这里面积很大。",
	"汉字转换测试 鼠标 软件 计算机 打印机 内存 硬盘 网络 信息",
	"滑鼠 軟體 計算機 印表機 記憶體 硬碟 網路 資訊",
	"想到自己一緊張就口吃，我就沒胃口吃飯",
	"香港特別行政區 粵語 噉樣 嘅 喺 冇",
	"一丝不挂 一了百了 乾隆皇帝 皇后 后来 以后 干部 干净 发展 头发",
	"⿰氵青 ⿱艹 乾坤 𠮷野家 😀 \u00e9",
	"鬥爭 著名 著作 着落 臺灣 台風 颱風 檯燈 范仲淹 範圍",
	"这是一个非常长的句子，其中包含了许多不同的词语和短语，用于测试转换器在处理较长文本时的行为是否正确。",
}

func TestDifferentialGocc(t *testing.T) {
	pairs := goccPairs(t)
	for _, name := range goccConfigs {
		p := pairs[name]
		for _, in := range goccInputs {
			want, err := p.ref.Convert(in)
			require.NoError(t, err)
			assert.Equal(t, want, p.ours.Convert(in), "%s %q", name, in)
		}
	}
}

// TestDifferentialGoccDictionaries converts every key of gocc's
// dictionaries, alone and run together, with every configuration.
func TestDifferentialGoccDictionaries(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	pairs := goccPairs(t)
	dir, err := goccModuleDir()
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(dir, "dictionary", "*.txt"))
	require.NoError(t, err)
	var keys []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, line := range strings.Split(string(raw), "\n") {
			if k, _, ok := strings.Cut(line, "\t"); ok {
				keys = append(keys, k)
			}
		}
	}
	// Runs of 40 keys give both isolated keys and overlaps between them.
	var texts []string
	for i := 0; i < len(keys); i += 40 {
		texts = append(texts, strings.Join(keys[i:min(i+40, len(keys))], ""))
	}
	for _, name := range goccConfigs {
		p := pairs[name]
		bad := 0
		for _, in := range texts {
			want, err := p.ref.Convert(in)
			require.NoError(t, err)
			if got := p.ours.Convert(in); got != want {
				bad++
				if bad <= 5 {
					t.Errorf("%s: %q\n want %q\n  got %q", name, in, want, got)
				}
			}
		}
		t.Logf("%s: %d texts (%d keys), %d differ", name, len(texts), len(keys), bad)
	}
}

func FuzzDifferentialGocc(f *testing.F) {
	for _, in := range goccInputs {
		f.Add(in, uint8(0))
	}
	f.Fuzz(func(t *testing.T, in string, which uint8) {
		if !utf8.ValidString(in) || strings.IndexByte(in, 0x01) >= 0 {
			t.Skip("gocc drops bytes after invalid UTF-8 and 0x01 before keys; compared without them")
		}
		pairs := goccPairs(t)
		p := pairs[goccConfigs[int(which)%len(goccConfigs)]]
		want, err := p.ref.Convert(in)
		require.NoError(t, err)
		require.Equal(t, want, p.ours.Convert(in))
	})
}

// TestGoccDifferences pins where gocc loses bytes and this engine does not.
func TestGoccDifferences(t *testing.T) {
	pairs := goccPairs(t)
	p := pairs["s2t"]
	for _, tc := range []struct{ in, gocc, ours string }{
		{"a\xffbcd", "a\uFFFDd", "a\xffbcd"},
		{"\x01们", "們", "\x01們"},
	} {
		got, err := p.ref.Convert(tc.in)
		require.NoError(t, err)
		assert.Equal(t, tc.gocc, got, "gocc %q", tc.in)
		assert.Equal(t, tc.ours, p.ours.Convert(tc.in), "ours %q", tc.in)
	}
}
