package cli

import (
	"encoding/json"
	"io"
	"time"

	"github.com/hanfix/hanfix/normalize"
)

// stats is the -stats summary.
type stats struct {
	Documents    int64          `json:"documents"`
	Changed      int64          `json:"changed"`
	BytesIn      int64          `json:"bytes_in"`
	BytesOut     int64          `json:"bytes_out"`
	Seconds      float64        `json:"seconds"`
	MBPerS       float64        `json:"mb_per_s"`
	Counts       map[string]int `json:"counts"`
	Errors       int64          `json:"errors"`
	Skipped      int64          `json:"skipped"`
	Lines        int64          `json:"lines,omitempty"`
	MissingField int64          `json:"missing_field,omitempty"`
	Groups       int            `json:"groups,omitempty"`
	Passes       int            `json:"passes"`
	// LearnCopies counts the documents that in-run learning (or -learn)
	// took for copies of documents learnt before, and did not learn from.
	LearnCopies int `json:"learn_copies,omitempty"`
}

func (s *stats) addCounts(c map[normalize.Kind]int) {
	if s.Counts == nil {
		s.Counts = map[string]int{}
	}
	for k, v := range c {
		s.Counts[string(k)] += v
	}
}

func (s *stats) write(w io.Writer, elapsed time.Duration) error {
	s.Seconds = round3(elapsed.Seconds())
	if s.Seconds > 0 {
		s.MBPerS = round3(float64(s.BytesIn) / 1e6 / elapsed.Seconds())
	}
	if s.Counts == nil {
		s.Counts = map[string]int{}
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
