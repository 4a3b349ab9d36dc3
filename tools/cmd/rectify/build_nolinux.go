//go:build !linux

package main

// exchange: only Linux can swap two folders in one step (see swapDir).
func exchange(a, b string) error {
	return errNoExchange
}
