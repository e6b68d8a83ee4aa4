package normalize

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/cputime"
	"github.com/hanfix/hanfix/internal/testshared"
)

// BenchmarkPipelineSeeds measures the whole pipeline with target simp on
// the seed documents, one document per call, raw bytes in. The
// converters, rules and models are built before the timing starts (by New
// and a first pass over the documents). A -cpuprofile covers the whole
// test process, so it still shows that one-time construction (the OpenCC
// converters the script stage builds on first use, the mojibake models);
// run enough iterations (-benchtime 40x) for it to fade.
func BenchmarkPipelineSeeds(b *testing.B) {
	benchmarkPipelineBytes(b, Options{Target: TargetSimplified})
}

// BenchmarkPipelineLarge measures the pipeline as the CLI runs it (no
// change list, no findings) on one large document, the seeds joined ten
// times over (3 MB): whole, on one core, and in sections of 1 MB
// (Options.SectionSize), on every core.
func BenchmarkPipelineLarge(b *testing.B) {
	text := seedsJoined(b, 10)
	for _, bc := range []struct {
		name    string
		section int
	}{{"whole", 0}, {"sections", 1 << 20}} {
		b.Run(bc.name, func(b *testing.B) {
			n, err := New(Options{Target: TargetSimplified, OmitChanges: true, OmitFindings: true, SectionSize: bc.section})
			if err != nil {
				b.Fatal(err)
			}
			n.String(text) // first-use tables outside the timing
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu0, runs := cputime.Now(), 0
			for b.Loop() {
				if _, _, err := n.String(text); err != nil {
					b.Fatal(err)
				}
				runs++
			}
			cputime.ReportRate(b, cpu0, runs*len(text))
		})
	}
}

// BenchmarkStream streams the 3 MB of BenchmarkPipelineLarge through
// Stream in sections of 1 MB, from a reader to io.Discard.
func BenchmarkStream(b *testing.B) {
	text := []byte(seedsJoined(b, 10))
	n, err := New(Options{Target: TargetSimplified, OmitChanges: true, OmitFindings: true, SectionSize: 1 << 20})
	if err != nil {
		b.Fatal(err)
	}
	n.String(string(text)) // first-use tables outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0, runs := cputime.Now(), 0
	for b.Loop() {
		if err := n.Stream(io.Discard, bytes.NewReader(text), nil); err != nil {
			b.Fatal(err)
		}
		runs++
	}
	cputime.ReportRate(b, cpu0, runs*len(text))
}

// BenchmarkPipelineClean measures the pipeline with target auto on clean
// Simplified prose.
func BenchmarkPipelineClean(b *testing.B) {
	text := cleanSample(200 << 10)
	n, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	n.String(text) // first-use tables outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := n.String(text); err != nil {
			b.Fatal(err)
		}
	}
}

// seedDocs returns the seed documents, raw, and their total size.
func seedDocs(b testing.TB) ([][]byte, int) {
	corpus := testshared.Dir(b, "corpus")
	return readDocs(b, filepath.Join(corpus, "seeds"))
}

// readDocs returns the *.txt documents of dir, raw, and their total size;
// it skips b when there are none.
func readDocs(b testing.TB, dir string) ([][]byte, int) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs [][]byte
	size := 0
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		size += len(d)
	}
	if len(docs) == 0 {
		b.Skip("no documents in " + dir)
	}
	return docs, size
}

// benchmarkPipelineBytes runs a Normalizer for opts over docs, one
// document per call, and reports MB per CPU second beside MB/s.
func benchmarkPipelineBytes(b *testing.B, opts Options) {
	docs, size := seedDocs(b)
	benchmarkDocs(b, opts, docs, size)
}

// benchmarkDocs runs a Normalizer for opts over docs (size bytes in all),
// one document per call, and reports MB per CPU second beside MB/s.
func benchmarkDocs(b *testing.B, opts Options, docs [][]byte, size int) {
	n, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range docs { // first-use tables outside the timing
		if _, _, err := n.Bytes(d); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0, runs := cputime.Now(), 0
	for b.Loop() {
		for _, d := range docs {
			if _, _, err := n.Bytes(d); err != nil {
				b.Fatal(err)
			}
		}
		runs++
	}
	cputime.ReportRate(b, cpu0, runs*size)
}

// BenchmarkPipelineSeedDocs measures the pipeline as the CLI runs it with
// -to simp (no change list, no findings) on 110 seed-like documents (about
// 5 MB, testshared.SeedDocs: the CLI's throughput workload), one document
// per call, raw bytes in.
func BenchmarkPipelineSeedDocs(b *testing.B) {
	docs := testshared.SeedDocs(b, 110)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	benchmarkDocs(b, Options{Target: TargetSimplified, OmitChanges: true, OmitFindings: true}, docs, size)
}

// BenchmarkPipelineNoMojibake is BenchmarkPipelineSeeds without the
// mojibake stage, so that the cost of the other stages and of building the
// report is visible.
func BenchmarkPipelineNoMojibake(b *testing.B) {
	benchmarkPipelineBytes(b, Options{Target: TargetSimplified, Fixes: DefaultFixes &^ FixMojibake})
}

// BenchmarkPipelineNoMojibakeOmitChanges is BenchmarkPipelineNoMojibake
// without the change list (Options.OmitChanges), as the CLI runs unless
// -report asks for it.
func BenchmarkPipelineNoMojibakeOmitChanges(b *testing.B) {
	benchmarkPipelineBytes(b, Options{Target: TargetSimplified, Fixes: DefaultFixes &^ FixMojibake, OmitChanges: true})
}

// BenchmarkStagesSeeds measures each stage of the target-simp pipeline on
// the seed documents as that stage sees them in the pipeline (the output
// of the stages before it): Edits plus applying them.
func BenchmarkStagesSeeds(b *testing.B) {
	raw, _ := seedDocs(b)
	opts := Options{Target: TargetSimplified}
	n, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, len(raw))
	reps := make([]*Report, len(raw))
	for i, d := range raw {
		r, err := convert.DecodeAuto(d)
		if err != nil {
			b.Fatal(err)
		}
		texts[i] = r.Text
		reps[i] = &Report{Counts: map[Kind]int{}}
	}
	for _, st := range n.stages {
		b.Run(string(st.Kind()), func(b *testing.B) {
			size := 0
			for _, t := range texts {
				size += len(t)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			cpu0, runs := cputime.Now(), 0
			for b.Loop() {
				for i, t := range texts {
					edits, _ := st.Edits(t, &Doc{Report: &Report{Counts: map[Kind]int{KindAnnotation: reps[i].Counts[KindAnnotation]}}, Opts: &opts})
					applyEdits(t, edits)
				}
				runs++
			}
			cputime.ReportRate(b, cpu0, runs*size)
		})
		// The next stage sees this one's output.
		for i, t := range texts {
			edits, _ := st.Edits(t, &Doc{Report: reps[i], Opts: &opts})
			reps[i].Counts[st.Kind()] += len(edits)
			texts[i] = applyEdits(t, edits)
		}
	}
}
