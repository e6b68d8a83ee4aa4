package normalize

import (
	"sync"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/opencc"
)

// lazyConverter is an OpenCC converter built on first use. A script stage
// holds every converter its target may need, but a document needs only
// some of them (target auto converts mixed documents only; 著 is decided
// with tw2s in machine-converted text only), and building one compiles
// dictionaries for milliseconds: a process that cleans a few documents, or
// none, builds only what they use. It is safe for concurrent use.
type lazyConverter struct {
	get func() (*convert.Converter, error)
	// core returns the OpenCC converter that get's wraps (opencc.New
	// builds each once, so it is the same one), for its ConvertRuns.
	core func() (*opencc.Converter, error)
}

// newLazyConverter returns the converter for config and opts, to be built
// on the first call of its get.
func newLazyConverter(config string, opts convert.Options) *lazyConverter {
	return &lazyConverter{
		get: sync.OnceValues(func() (*convert.Converter, error) {
			return convert.NewWithOptions(config, opts)
		}),
		core: sync.OnceValues(func() (*opencc.Converter, error) {
			// The options convert.NewWithOptions gives OpenCC.
			return opencc.New(config, opencc.Options{Conservative: opts.Conservative, IncludeTofu: !opts.AvoidTofu})
		}),
	}
}

// convertError is what the script stage reports when a converter cannot be
// built (a broken build: the dictionaries are embedded): the stage changes
// nothing and says why.
func convertError(err error) []Finding {
	return []Finding{{Reason: "internal error, script conversion skipped: " + err.Error()}}
}
