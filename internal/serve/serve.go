// Package serve is press serve: a local web server that shows each
// edition in HTML, a bilingual view of every unit with its state and
// problems, and rebuilds when the project changes, telling open pages
// to update themselves (Server-Sent Events).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/press/press/internal/build"
)

// Options configure a server.
type Options struct {
	// Configure gives the build configuration (press.toml read again,
	// flags applied), before every build: an edit of press.toml counts.
	Configure func() (build.Config, error)
	// Formats are rebuilt after the web edition on every change (pdf,
	// epub, docx): links on / and layout problems come from them.
	Formats []string
	Log     io.Writer
}

// Server holds the last good state of the project and the pages open on it.
type Server struct {
	opt Options
	cfg build.Config // resolved

	mu      sync.RWMutex
	snap    *snapshot // the last good one
	err     string    // the last build's error, "" when it built
	version int
	subs    map[chan int]bool

	rebuild chan struct{}
	// Built, when set, hears of every finished rebuild (tests).
	Built func(version int, err string)
}

// New prepares a server and makes the first build.
func New(opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	s := &Server{opt: opt, subs: map[chan int]bool{}, rebuild: make(chan struct{}, 1)}
	cfg, err := s.configure()
	if err != nil {
		return nil, err
	}
	s.cfg = cfg
	s.build()
	return s, nil
}

// Err is the last build's error, "" when it built.
func (s *Server) Err() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.err
}

// Version counts the builds, good or not.
func (s *Server) Version() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}

// build makes the web editions and the bilingual model; on failure the
// last good state stays and the error is shown on every page.
func (s *Server) build() {
	start := time.Now()
	var snap *snapshot
	cfg, err := s.configure()
	if err == nil {
		s.mu.Lock()
		s.cfg = cfg
		s.mu.Unlock()
		cfg.Formats = []string{"html"}
		cfg.Langs = append([]string(nil), s.cfg.Langs...)
		_, err = build.Run(cfg)
	}
	if err == nil {
		snap, err = s.makeSnapshot(cfg)
	}
	s.mu.Lock()
	s.version++
	v := s.version
	if err != nil {
		s.err = err.Error()
	} else {
		s.err = ""
		s.snap = snap
	}
	msg := s.err
	for c := range s.subs {
		select {
		case c <- v:
		default: // a slow page catches up with the next one
		}
	}
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.opt.Log, "press serve: build failed (%d ms): %s\n", time.Since(start).Milliseconds(), msg)
	} else {
		fmt.Fprintf(s.opt.Log, "press serve: built in %d ms\n", time.Since(start).Milliseconds())
	}
	if s.Built != nil {
		s.Built(v, msg)
	}
	if err == nil && len(s.opt.Formats) > 0 {
		cfg.Formats = s.opt.Formats
		if _, err := build.Run(cfg); err != nil {
			fmt.Fprintf(s.opt.Log, "press serve: %s: %s\n", strings.Join(s.opt.Formats, ", "), err)
		}
	}
	// A build's garbage (font subsets, editions) is large and the server
	// then waits idle: give the memory back now rather than keep it.
	debug.FreeOSMemory()
}

func (s *Server) configure() (build.Config, error) {
	cfg, err := s.opt.Configure()
	if err != nil {
		return cfg, err
	}
	if err := cfg.Resolve(); err != nil {
		return cfg, err
	}
	cfg.Progress = nil
	return cfg, nil
}

// Run serves on l until ctx ends, watching the project.
func (s *Server) Run(ctx context.Context, l net.Listener) error {
	w, err := s.watch(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.rebuild:
				s.build()
			}
		}
	}()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	err = srv.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Loopback tells whether addr's host is this machine only.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// outDir is where the edition folders are.
func (s *Server) outDir() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cfg.Out
}

// languages are the served languages, source first.
func (s *Server) languages() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.snap == nil {
		return nil
	}
	var ls []string
	for _, l := range s.snap.langs {
		ls = append(ls, l.Code)
	}
	return ls
}

// dist lists the built files of a language, by format.
func (s *Server) dist(code, name string) map[string]string {
	out := map[string]string{}
	for _, f := range append(build.FormatNames(), "html") {
		p := build.OutputPath(s.outDir(), code, name, f)
		if _, err := os.Stat(p); err == nil {
			rel := strings.TrimPrefix(filepath.ToSlash(p), filepath.ToSlash(filepath.Join(s.outDir(), code))+"/")
			if f == "html" {
				rel = ""
			}
			out[f] = "/" + code + "/" + rel
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
