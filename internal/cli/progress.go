package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress prints documents, MB, MB/s and, when the input size is known,
// the ETA on one stderr line that it rewrites.
type progress struct {
	w         io.Writer
	start     time.Time
	total     int64 // raw bytes to read (all passes), 0 when unknown
	bytesRead atomic.Int64
	docs      atomic.Int64
	pass      atomic.Int32 // 0 for a single pass; 1 or 2 for two passes
	enabled   bool
	stopOnce  sync.Once
	quit      chan struct{}
	done      chan struct{}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) begin(w io.Writer, enabled bool, total int64) {
	p.w, p.enabled, p.total, p.start = w, enabled, total, time.Now()
	if !enabled {
		return
	}
	p.quit, p.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.done)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.print(false)
			case <-p.quit:
				p.print(true)
				return
			}
		}
	}()
}

func (p *progress) end() {
	if !p.enabled {
		return
	}
	p.stopOnce.Do(func() { close(p.quit); <-p.done })
}

func (p *progress) print(final bool) {
	el := time.Since(p.start).Seconds()
	n := p.bytesRead.Load()
	mb := float64(n) / 1e6
	rate := 0.0
	if el > 0 {
		rate = mb / el
	}
	line := fmt.Sprintf("hanfix: %d documents, %.1f MB, %.1f MB/s", p.docs.Load(), mb, rate)
	if ps := p.pass.Load(); ps > 0 {
		line = fmt.Sprintf("hanfix: pass %d/2: %d documents, %.1f MB, %.1f MB/s", ps, p.docs.Load(), mb, rate)
	}
	if p.total > 0 && !final {
		pct := 100 * float64(n) / float64(p.total)
		line += fmt.Sprintf(", %.0f%%", pct)
		if rate > 0 && n < p.total {
			eta := time.Duration(float64(p.total-n) / 1e6 / rate * float64(time.Second))
			line += ", ETA " + eta.Round(time.Second).String()
		}
	}
	end := "\r"
	if final {
		end = "\n"
	}
	fmt.Fprintf(p.w, "\r%-78s%s", line, end)
}
