package lm

import _ "embed" // for the embedded model

//go:generate sh -c "cd ../../tools && go run ./genlm -out ../internal/lm/model.bin"

// modelData is the binary model written by tools/genlm; see format.go.
//
//go:embed model.bin
var modelData []byte
