// Command press publishes a manuscript as PDF, EPUB and DOCX editions.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/press/press/internal/cli"
)

func main() {
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
