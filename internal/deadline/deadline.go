// Package deadline turns a hang into a panic, for fuzz targets: the
// fuzzer records a panic as a crasher, while a hang only stalls it.
package deadline

import "time"

// Within runs f and panics, naming what, if f has not returned after
// limit.
func Within(limit time.Duration, what string, f func()) {
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(limit):
		panic(what + ": no answer after " + limit.String())
	}
}
