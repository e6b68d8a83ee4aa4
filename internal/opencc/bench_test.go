package opencc

import "testing"

// BenchmarkNewFirst builds a configuration from the embedded data with
// nothing cached: the cost of the first New of a configuration.
func BenchmarkNewFirst(b *testing.B) {
	for _, name := range []string{"s2t", "t2s", "s2twp"} {
		b.Run(name, func(b *testing.B) {
			Names() // parse the embedded index
			spec := builtin.configs[name]
			b.ReportAllocs()
			for b.Loop() {
				lib := NewLibrary(func(file string) (*Dict, error) {
					return ParseText(file, builtin.sections[file], FormatOpenCC)
				})
				if _, err := lib.NewConverter(name, spec, Options{IncludeTofu: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewCached is New of a configuration already built.
func BenchmarkNewCached(b *testing.B) {
	if _, err := New("s2twp", Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New("s2twp", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
