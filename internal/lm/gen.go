package lm

import _ "embed" // for the embedded model

//go:generate sh -c "cd ../../tools && go run ./genlm -out ../internal/lm/model.bin"
//go:generate sh -c "cd ../../tools && go run ./genpunct -out ../internal/lm/punct.bin"
//go:generate sh -c "cd ../../tools && go run ./genlatin -out ../internal/lm/latin.bin"

// modelData is the binary model written by tools/genlm; see format.go.
//
//go:embed model.bin
var modelData []byte

// punctData is written by tools/genpunct from the text of
// scripts/debian-corpus.sh; its format is described there.
//
//go:embed punct.bin
var punctData []byte

// latinData is written by tools/genlatin from the text of
// scripts/debian-corpus.sh; its format is described there.
//
//go:embed latin.bin
var latinData []byte
