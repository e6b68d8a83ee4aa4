//go:build tools

package main

// genwords reads gse's dictionary files from the module cache (go list -m);
// this import keeps github.com/go-ego/gse in tools/go.mod.
import _ "github.com/go-ego/gse"
