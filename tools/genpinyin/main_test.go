package main

import (
	"bytes"
	"os"
	"testing"
)

// TestReproducible checks that the committed readings.bin is what the
// generator writes from the go-pinyin version in tools/go.mod.
func TestReproducible(t *testing.T) {
	committed, err := os.ReadFile("../../internal/pinyin/readings.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(generate(), committed) {
		t.Fatal("internal/pinyin/readings.bin is out of date: run go generate ./internal/pinyin")
	}
}
