//go:build tools

package main

// genlm reads gse's dictionary files from the module cache (go list -m)
// rather than importing its code; this import keeps github.com/go-ego/gse
// in tools/go.mod when go mod tidy runs. The tools build tag is never set,
// so nothing of gse is compiled.
import _ "github.com/go-ego/gse"
