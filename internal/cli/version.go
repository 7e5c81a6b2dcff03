package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Version is press's version when the build carries none (go build in a
// checkout says "(devel)"; go install …@vX.Y.Z says vX.Y.Z).
const Version = "0.1.0"

func init() {
	register(command{"version", "print press's version, VCS revision and Go version", runVersion})
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fl, _ := newFlags("version", `Usage: press version

Prints the module version and VCS revision press was built from (read
from the binary's build information), the Go version and the platform.
press --version prints the same.

Example:
  press version
`, stderr)
	fl.MarkHidden("root")
	if fl.Parse(args) != nil {
		return 2
	}
	fmt.Fprintln(stdout, "press "+versionString())
	return 0
}

// versionString is "VERSION (revision REV, DATE[, modified]) GO OS/ARCH",
// from debug.ReadBuildInfo.
func versionString() string {
	v := Version
	var details []string
	if bi, ok := debug.ReadBuildInfo(); ok {
		if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
			v = mv
		}
		var rev, when string
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
			details = append(details, "revision "+rev[:min(12, len(rev))])
		}
		if when != "" {
			details = append(details, when)
		}
		if modified {
			details = append(details, "modified")
		}
	}
	if len(details) > 0 {
		v += " (" + strings.Join(details, ", ") + ")"
	}
	return fmt.Sprintf("%s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// vcsTime is the time of the revision press was built from, when known.
func vcsTime() (time.Time, bool) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return time.Time{}, false
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.time" {
			t, err := time.Parse(time.RFC3339, s.Value)
			return t, err == nil
		}
	}
	return time.Time{}, false
}
