package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchJSONL returns n JSON Lines documents of seed-like Chinese prose of
// mixed sizes.
func benchJSONL(n int) []byte {
	paras := []string{
		"中文信息处理是人工智能的一个分支，它研究如何让计算机理解和生成自然语言。",
		"本文介绍了软件包的安装方法（包括源代码编译）以及常见问题的解决办法。",
		"在這篇文章裡，我們討論了繁體中文與簡體中文之間的轉換問題。",
		"使用 apt-get install 命令可以安装软件包；配置文件位于 /etc 目录下。",
	}
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		var t strings.Builder
		for k := 0; k < 1+i%20; k++ {
			t.WriteString(paras[(i+k)%len(paras)])
			if k%3 == 2 {
				t.WriteString("\\n")
			}
		}
		fmt.Fprintf(&b, "{\"id\":%d,\"text\":\"%s\",\"meta\":{\"src\":\"bench\",\"n\":%d}}\n", i, t.String(), i)
	}
	return b.Bytes()
}

// BenchmarkJSONL measures JSON Lines throughput through Main (bytes of
// input per second), with the default pipeline and with the pure OpenCC
// conversion.
func BenchmarkJSONL(b *testing.B) {
	data := benchJSONL(4000)
	for _, args := range [][]string{
		{"-jsonl", "-to", "simp", "-j", "2"},
		{"-jsonl", "-to", "keep", "-j", "2"},
		{"-jsonl", "-convert", "t2s", "-j", "2"},
		{"-jsonl", "-to", "simp", "-j", "2", "-report"},
	} {
		b.Run(strings.Join(args[1:], " "), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if code := Main(args, bytes.NewReader(data), io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
