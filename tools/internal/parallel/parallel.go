// Package parallel runs independent pieces of work on several goroutines.
package parallel

import "sync"

// For calls f(0) … f(n-1) on up to workers goroutines (at least one) and
// returns when all have returned. f must be safe to run at once for
// different i.
func For(workers, n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
