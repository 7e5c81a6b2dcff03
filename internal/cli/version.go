package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Version is press's version.
const Version = "0.1.0"

func init() {
	register(command{"version", "print press's version", runVersion})
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	fmt.Fprintf(stdout, "press %s%s %s %s/%s\n", Version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}
