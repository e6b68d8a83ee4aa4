package mojibake

import (
	"os"
	"strconv"
	"testing"
)

func TestMain(m *testing.M) {
	if v := os.Getenv("LEADPRIOR"); v != "" {
		leadStopPrior, _ = strconv.ParseFloat(v, 64)
	}
	os.Exit(m.Run())
}
