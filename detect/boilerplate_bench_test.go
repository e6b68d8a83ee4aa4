package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/cputime"
	"github.com/hanfix/hanfix/internal/testshared"
)

// benchPage is a page of boilerplate-laden text: a template from the rule
// set around an article of ordinary sentences, in Simplified and
// Traditional.
func benchPage(i int) string {
	var b strings.Builder
	b.WriteString("您的位置:某某网 > 总结报告 > 正文\n\n")
	b.WriteString("关于加强" + words(i) + "工作的调研报告\n")
	b.WriteString("调研报告 发布时间:2016/10/5 阅读次数:2951\n")
	for p := 0; p < 12; p++ {
		b.WriteString("机关党务干部是机关党建工作的策划者、组织者和实施者,其素质的高低,直接关系到" + words(i*12+p) +
			"的吸引力和实效性。新時期,要實現機關黨建工作“走前頭”的目標要求,建設一支黨性強、業務精、肯幹事的黨務幹部隊伍顯得尤為重要。\n")
	}
	b.WriteString("会员免费查看二要突出实践,扎实创新。(完)(责任编辑: 吕涛)\n")
	b.WriteString("- 上一篇:党组织建设面临问题思考\n- 下一篇:领导体制运行机制问题报告\n")
	b.WriteString("本文由某某网整理分享,版权归原作者所有,转载请注明出处。\n")
	b.WriteString("Copyright © 2010-2018 www.example.com All Rights Reserved.\n京ICP备12345678号\nvid=714&pv=6582")
	return b.String()
}

func benchmarkBoilerplate(b *testing.B, docs []string, model *SiteModel) {
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	rules := DefaultBoilerplateRules()
	Boilerplate(docs[0], rules, model) // build the fold table outside the timing
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := cputime.Now()
	n := 0
	for b.Loop() {
		for _, d := range docs {
			Boilerplate(d, rules, model)
		}
		n++
	}
	cputime.ReportRate(b, cpu0, n*size)
}

// BenchmarkBoilerplate measures rule classification (and the site model
// lookup) in bytes of input per second.
func BenchmarkBoilerplate(b *testing.B) {
	var pages []string
	for i := 0; i < 50; i++ {
		pages = append(pages, benchPage(i))
	}
	b.Run("rules", func(b *testing.B) { benchmarkBoilerplate(b, pages, nil) })
	l := NewLearner()
	for _, p := range pages {
		l.Add(p)
	}
	b.Run("rules+model", func(b *testing.B) { benchmarkBoilerplate(b, pages, l.Model()) })
	b.Run("seeds", func(b *testing.B) {
		corpus := testshared.Dir(b, "corpus")
		paths, _ := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
		var docs []string
		for _, p := range paths {
			d, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, string(d))
		}
		if len(docs) == 0 {
			b.Skip("no seeds")
		}
		benchmarkBoilerplate(b, docs, nil)
	})
}

// BenchmarkLearnerAdd measures learning speed on the benchmark pages.
func BenchmarkLearnerAdd(b *testing.B) {
	var pages []string
	size := 0
	for i := 0; i < 50; i++ {
		pages = append(pages, benchPage(i))
		size += len(pages[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := cputime.Now()
	n := 0
	for b.Loop() {
		l := NewLearner()
		for _, p := range pages {
			l.Add(p)
		}
		l.Model()
		n++
	}
	cputime.ReportRate(b, cpu0, n*size)
}

// BenchmarkFoldTable measures building the fold table from the generated
// pairs (done once per process, on first use).
func BenchmarkFoldTable(b *testing.B) {
	for b.Loop() {
		foldTable(foldPairs)
	}
}
