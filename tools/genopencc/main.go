// Command genopencc turns OpenCC's text dictionaries and JSON configurations
// (as shipped under package/data/ in the npm package "opencc") into the data
// that github.com/hanfix/hanfix/internal/opencc embeds.
//
// It writes two files into the output directory:
//
//   - dicts.txt: every dictionary a configuration refers to, including the
//     ones OpenCC derives at build time (TWVariantsRev, HKVariantsRev,
//     JPShinjitaiCharactersRev, TSCharactersExt and
//     STPhrases_GeneratedFromRegionalPhrases), as "=Name" header lines each
//     followed by sorted "key<TAB>value value…" lines;
//   - configs.json: the 16 configurations, with dictionary file names stripped
//     of their ".ocd2" suffix.
//
// The output depends only on the input files: running it twice gives
// byte-identical files. Usage:
//
//	go run ./genopencc -data /path/to/package/data -out ../internal/opencc/data
//
// Normally it is run by fetch.sh through `go generate ./internal/opencc`.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
)

func main() {
	dataDir := flag.String("data", "", "OpenCC data directory (package/data of the npm tarball)")
	outDir := flag.String("out", "", "output directory (internal/opencc/data)")
	source := flag.String("source", "opencc", "source description written into the generated header")
	flag.Parse()
	if *dataDir == "" || *outDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dataDir, *outDir, *source); err != nil {
		log.Fatalf("genopencc: %v", err)
	}
}

func run(dataDir, outDir, source string) error {
	g, err := load(dataDir)
	if err != nil {
		return err
	}
	if err := g.derive(); err != nil {
		return err
	}
	dicts, err := g.writeDicts(source)
	if err != nil {
		return err
	}
	configs, err := g.writeConfigs()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", outDir, err)
	}
	if err := os.WriteFile(outDir+"/dicts.txt", dicts, 0o644); err != nil {
		return fmt.Errorf("write dicts: %w", err)
	}
	if err := os.WriteFile(outDir+"/configs.json", configs, 0o644); err != nil {
		return fmt.Errorf("write configs: %w", err)
	}
	fmt.Printf("genopencc: %d dictionaries, dicts.txt %d bytes, configs.json %d bytes\n",
		len(g.used), len(dicts), len(configs))
	return nil
}
