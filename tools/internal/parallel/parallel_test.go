package parallel

import (
	"sync/atomic"
	"testing"
)

// TestFor: every index runs exactly once, on no more goroutines than asked,
// for any number of workers, none included.
func TestFor(t *testing.T) {
	for _, c := range []struct{ workers, n int }{{4, 100}, {1, 10}, {8, 3}, {0, 5}, {3, 0}} {
		runs := make([]int32, c.n)
		var now, most atomic.Int32
		For(c.workers, c.n, func(i int) {
			cur := now.Add(1)
			for {
				m := most.Load()
				if cur <= m || most.CompareAndSwap(m, cur) {
					break
				}
			}
			atomic.AddInt32(&runs[i], 1)
			now.Add(-1)
		})
		for i, r := range runs {
			if r != 1 {
				t.Errorf("For(%d, %d): f(%d) ran %d times", c.workers, c.n, i, r)
			}
		}
		if limit := int32(max(1, c.workers)); most.Load() > limit {
			t.Errorf("For(%d, %d): %d at once", c.workers, c.n, most.Load())
		}
	}
}
