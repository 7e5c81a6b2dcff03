// Command press publishes a manuscript as PDF, EPUB and DOCX editions.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"github.com/press/press/internal/cli"
)

// memoryLimit is where the collector starts work, unless GOGC or
// GOMEMLIMIT say otherwise. A build allocates a few hundred megabytes in a
// fraction of a second and exits: collecting from the first 4 MB on took
// a quarter of its time. Past the limit the collector runs as usual.
const memoryLimit = 120 << 20

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(memoryLimit)
	}
	// PRESS_CPUPROFILE=FILE writes a CPU profile of the whole run, start-up
	// included, for `go tool pprof` (benchmarks in-process miss that part).
	if path := os.Getenv("PRESS_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "press:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "press:", err)
			os.Exit(1)
		}
		code := cli.Main(os.Args[1:], os.Stdout, os.Stderr)
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(code)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
