package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the watcher waits after a change for more: an
// editor's save is often several events (write, rename, chmod).
const settle = 40 * time.Millisecond

// watch follows the project's inputs — the manuscript's folder, the
// locales, the fonts, press.toml — and asks for a rebuild when one
// changes.
func (s *Server) watch(ctx context.Context) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	root := s.cfg.Root
	add := func(dir string) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != dir {
					return filepath.SkipDir
				}
				w.Add(p)
			}
			return nil
		})
	}
	w.Add(root) // press.toml
	for _, d := range []string{filepath.Dir(s.cfg.Source), s.cfg.Locales, s.cfg.Fonts} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			add(d)
		}
	}
	go func() {
		var timer *time.Timer
		fire := make(chan struct{}, 1)
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						add(ev.Name) // a new language
					}
				}
				if !s.input(ev.Name) {
					continue
				}
				if timer == nil {
					timer = time.AfterFunc(settle, func() {
						select {
						case fire <- struct{}{}:
						default:
						}
					})
				} else {
					timer.Reset(settle)
				}
			case <-fire:
				select {
				case s.rebuild <- struct{}{}:
				default: // one is waiting already; it will see this change
				}
			case <-w.Errors:
			}
		}
	}()
	return w, nil
}

// input tells whether a changed file is one the editions are made from.
func (s *Server) input(name string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
		return false
	}
	if filepath.Dir(name) == filepath.Clean(s.cfg.Root) {
		return base == "press.toml" || filepath.Clean(name) == filepath.Clean(s.cfg.Source)
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".md", ".toml", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".dic", ".pat", ".txt":
		return true
	}
	return false
}
