package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/press/press/internal/fonts"
	"github.com/press/press/internal/lang"
)

// The build cache lives in <out>/.cache/. A file is rebuilt unless its
// cache entry's key — a hash of every input that reaches it: the press
// binary, the manuscript and its figures, the language's catalogues, the
// fonts, the options — matches and the file on disk is the one the entry
// recorded. A corrupt entry, or one from another cache version, is
// ignored: it only ever causes a rebuild.

const cacheVersion = "press-cache-1"

type cacheEntry struct {
	Version  string   `json:"version"`
	Key      string   `json:"key"`
	SHA256   string   `json:"sha256"`
	Warnings []string `json:"warnings,omitempty"`
}

type cache struct {
	dir   string
	mu    sync.Mutex
	stats map[string]statSum // path → content hash, reused while size and mtime hold
	dirty bool
}

type statSum struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"`
	Sum   string `json:"sum"`
}

func openCache(out string) *cache {
	c := &cache{dir: filepath.Join(out, ".cache"), stats: map[string]statSum{}}
	if data, err := os.ReadFile(filepath.Join(c.dir, "stat.json")); err == nil {
		if json.Unmarshal(data, &c.stats) != nil {
			c.stats = map[string]statSum{}
		}
	}
	return c
}

// fileSum is the content hash of a file, from the stat cache when its
// size and modification time are unchanged.
func (c *cache) fileSum(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	s, ok := c.stats[path]
	c.mu.Unlock()
	if ok && s.Size == st.Size() && s.MTime == st.ModTime().UnixNano() {
		return s.Sum, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	c.mu.Lock()
	c.stats[path] = statSum{Size: st.Size(), MTime: st.ModTime().UnixNano(), Sum: sum}
	c.dirty = true
	c.mu.Unlock()
	return sum, nil
}

// key hashes the inputs of one file.
func (c *cache) key(cfg *Config, code, format string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\nformat=%s lang=%s size=%s two-sided=%v profile=%s toc-depth=%d strict=%v unnumbered=%v epoch=%s\n",
		cacheVersion, format, code, cfg.Size, cfg.TwoSided, cfg.Profile, cfg.TOCDepth, cfg.Strict, cfg.Unnumbered, os.Getenv("SOURCE_DATE_EPOCH"))
	if t, err := lastCommit(cfg); err == nil {
		fmt.Fprintf(h, "inputs-committed=%d\n", t.Unix()) // the editions' modification date
	}
	var files []string
	if exe, err := os.Executable(); err == nil {
		files = append(files, exe)
	}
	files = append(files, cfg.Source)
	figs, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.Source), "figures", "*"))
	files = append(files, figs...)
	for _, l := range []string{code, "en"} {
		loc, _ := filepath.Glob(filepath.Join(cfg.Locales, l, "*.toml"))
		files = append(files, loc...)
	}
	p, err := lang.Get(code)
	if err != nil {
		return "", err
	}
	fs := EditionFonts(cfg, p, cfg.FontSet())
	for _, r := range fonts.Roles(p.Script == lang.Han) {
		files = append(files, fs.File(r))
	}
	sort.Strings(files)
	for _, f := range files {
		sum, err := c.fileSum(f)
		if err != nil {
			if os.IsNotExist(err) {
				continue // a missing optional file: the build itself will complain if it matters
			}
			return "", err
		}
		fmt.Fprintf(h, "%s %s\n", f, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *cache) entryPath(code, format string) string {
	return filepath.Join(c.dir, code+"."+format+".json")
}

// fresh reports whether the file for (code, format) is up to date, with
// the warnings its build gave.
func (c *cache) fresh(code, format, key, output string, extra ...string) ([]string, bool) {
	data, err := os.ReadFile(c.entryPath(code, format))
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || e.Version != cacheVersion || e.Key != key {
		return nil, false
	}
	for _, x := range extra {
		if _, err := os.Stat(x); err != nil {
			return nil, false
		}
	}
	// The file is hashed again only when its size or time changed.
	sum, err := c.fileSum(output)
	return e.Warnings, err == nil && sum == e.SHA256
}

// record stages the cache entry of a file just made.
func (c *cache) record(st *stage, code, format, key string, data []byte, warnings []string) error {
	s := sha256.Sum256(data)
	e, _ := json.Marshal(cacheEntry{Version: cacheVersion, Key: key, SHA256: hex.EncodeToString(s[:]), Warnings: warnings})
	return st.write(c.entryPath(code, format), e)
}

// save stages the file hashes, when any changed.
func (c *cache) save(st *stage) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	data, err := json.Marshal(c.stats)
	if err != nil {
		return err
	}
	return st.write(filepath.Join(c.dir, "stat.json"), data)
}
