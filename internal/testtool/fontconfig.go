package testtool

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	fcOnce sync.Once
	fcFile string
	fcErr  error
)

// FontconfigFile is a fontconfig configuration whose only font folder is
// the project's fonts/: LibreOffice, Chromium and poppler started by the
// tests see those fonts and none of the machine's, so a test cannot pass
// because of a font that happens to be installed. The file (and its cache)
// lives in the system's temporary folder under a name derived from the
// project's path, so every test binary of one checkout shares it.
func FontconfigFile(t testing.TB) string {
	t.Helper()
	fcOnce.Do(func() { fcFile, fcErr = writeFontconfig(filepath.Join(Root(t), "fonts")) })
	if fcErr != nil {
		t.Fatalf("hermetic fontconfig: %v", fcErr)
	}
	return fcFile
}

func writeFontconfig(fonts string) (string, error) {
	sum := sha256.Sum256([]byte(fonts))
	dir := filepath.Join(os.TempDir(), "press-fontconfig-"+hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(filepath.Join(dir, "cache"), 0o755); err != nil {
		return "", err
	}
	conf := fmt.Sprintf(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Written by press's tests: only the project's fonts, never the machine's. -->
<fontconfig>
  <dir>%s</dir>
  <cachedir>%s</cachedir>
</fontconfig>
`, xmlEscape(fonts), xmlEscape(filepath.Join(dir, "cache")))
	file := filepath.Join(dir, "fonts.conf")
	if old, err := os.ReadFile(file); err == nil && string(old) == conf {
		return file, nil
	}
	// Written aside and renamed: test binaries running in parallel never
	// read half a file.
	tmp, err := os.CreateTemp(dir, "fonts-*.conf")
	if err != nil {
		return "", err
	}
	if _, err := tmp.WriteString(conf); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return file, os.Rename(tmp.Name(), file)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Env is the test process's environment with FONTCONFIG_FILE pointing at
// FontconfigFile and FONTCONFIG_PATH/FONTCONFIG_SYSROOT removed, so that
// whatever the caller's environment says, the validators see the project's
// fonts only.
func Env(t testing.TB) []string {
	t.Helper()
	conf := FontconfigFile(t)
	env := make([]string, 0, len(os.Environ())+1)
	for _, kv := range os.Environ() {
		switch {
		case strings.HasPrefix(kv, "FONTCONFIG_FILE="),
			strings.HasPrefix(kv, "FONTCONFIG_PATH="),
			strings.HasPrefix(kv, "FONTCONFIG_SYSROOT="):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "FONTCONFIG_FILE="+conf)
}
