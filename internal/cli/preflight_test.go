package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/press/press/internal/preflight"
)

// press build --profile P then press preflight --profile P: exit 0, one
// line per check; the same file against another printer: exit 1; --json
// for CI; flags after the file.
func TestPreflightCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "preflight-report")
	if code, _, errs := press(t, "init", "--fonts", "../../fonts", dir); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	out := filepath.Join(dir, "dist")
	if code, _, errs := press(t, "build", "--root", dir, "--lang", "en", "-t", "pdf", "--profile", "offset", "--quiet", "-o", out); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	pdf := filepath.Join(out, "en", "preflight-report.pdf")
	code, stdout, errs := press(t, "preflight", pdf, "--profile", "offset")
	if code != 0 {
		t.Fatalf("preflight: %d\n%s%s", code, stdout, errs)
	}
	if n := strings.Count(stdout, "\n  pass  "); n != 13 {
		t.Errorf("%d passed checks:\n%s", n, stdout)
	}
	code, stdout, _ = press(t, "preflight", "--profile", "kdp", pdf)
	if code != 1 || !strings.Contains(stdout, "FAIL  bleed") || !strings.Contains(stdout, "1 failed") {
		t.Errorf("offset file as kdp: %d\n%s", code, stdout)
	}
	code, stdout, _ = press(t, "preflight", "--json", "--profile", "kdp", pdf, pdf)
	var doc struct {
		Version int                `json:"version"`
		Command string             `json:"command"`
		OK      bool               `json:"ok"`
		Failed  int                `json:"failed"`
		Reports []preflight.Report `json:"reports"`
	}
	reps := doc.Reports
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || code != 1 || doc.Version != JSONVersion || doc.Command != "preflight" || doc.OK || doc.Failed != 2 {
		t.Errorf("--json: %d %v %+v", code, err, doc)
	}
	if reps = doc.Reports; len(reps) != 2 || reps[0].OK || reps[0].Pages == 0 {
		t.Errorf("--json reports: %+v", reps)
	}
	if code, _, errs := press(t, "preflight", "--profile", "nope", pdf); code != 2 || !strings.Contains(errs, "unknown printer profile") {
		t.Errorf("unknown profile: %d %s", code, errs)
	}
	if code, stdout, _ := press(t, "preflight", "--profiles"); code != 0 || !strings.Contains(stdout, "offset") || !strings.Contains(stdout, "kdp-bleed") {
		t.Errorf("--profiles: %d\n%s", code, stdout)
	}
}
