package cli

import "sync"

// budget is a weighted semaphore over bytes in flight. A weight larger than
// the capacity is clamped to it, so one huge job runs alone instead of
// deadlocking.
type budget struct {
	mu       sync.Mutex
	cond     *sync.Cond
	capacity int64
	used     int64
	stopped  bool
}

func newBudget(capacity int64) *budget {
	b := &budget{capacity: capacity}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *budget) clamp(w int64) int64 {
	if w > b.capacity {
		return b.capacity
	}
	if w < 0 {
		return 0
	}
	return w
}

// acquire waits until w bytes are free; it returns false when stopped.
func (b *budget) acquire(w int64) bool {
	w = b.clamp(w)
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.stopped && b.used+w > b.capacity && b.used > 0 {
		b.cond.Wait()
	}
	if b.stopped {
		return false
	}
	b.used += w
	return true
}

func (b *budget) release(w int64) {
	w = b.clamp(w)
	b.mu.Lock()
	b.used -= w
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) stop() {
	b.mu.Lock()
	b.stopped = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

type orderedItem[J any] struct {
	job    J
	weight int64
	done   chan struct{}
}

// runOrdered runs work on the jobs that produce emits, on workers
// goroutines, and passes each finished job to consume in the order the jobs
// were emitted. At most window jobs, and at most maxBytes of job weight
// (one job at least), are in flight at once, so memory stays bounded
// whatever the input size. emit returns false once consume has failed; the
// producer should then return. The first error of consume is returned.
func runOrdered[J any](workers, window int, maxBytes int64,
	produce func(emit func(job J, weight int64) bool),
	work func(J),
	consume func(J) error) error {
	if workers < 1 {
		workers = 1
	}
	if window < workers {
		window = workers
	}
	sem := newBudget(maxBytes)
	stop := make(chan struct{})
	order := make(chan *orderedItem[J], window)
	todo := make(chan *orderedItem[J], window)
	go func() {
		defer close(order)
		defer close(todo)
		produce(func(job J, weight int64) bool {
			if !sem.acquire(weight) {
				return false
			}
			it := &orderedItem[J]{job: job, weight: weight, done: make(chan struct{})}
			select {
			case order <- it:
			case <-stop:
				return false
			}
			select {
			case todo <- it:
			case <-stop:
				return false
			}
			return true
		})
	}()
	for i := 0; i < workers; i++ {
		go func() {
			for it := range todo {
				work(it.job)
				close(it.done)
			}
		}()
	}
	for it := range order {
		<-it.done
		err := consume(it.job)
		sem.release(it.weight)
		if err != nil {
			close(stop)
			sem.stop()
			return err
		}
	}
	return nil
}
