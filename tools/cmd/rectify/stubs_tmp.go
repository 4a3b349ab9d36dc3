package main

import (
	"fmt"
	"io"
)

// Temporary stubs so that the package compiles until the owners of these
// verbs commit them; each is deleted as soon as the real one lands.

func runImport(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "rectify import: 尚未实现")
	return 2
}
