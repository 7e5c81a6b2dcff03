package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/press/press/internal/render/html"
)

// ServeHTTP routes: / the languages, /events the update stream,
// /<lang>/ the web edition, /<lang>/bilingual the units side by side,
// /<lang>/<file> the edition's files. Reading only: nothing writes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	// Nothing from elsewhere: every asset is the project's own.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "press serve only reads", http.StatusMethodNotAllowed)
		return
	}
	p, ok := cleanPath(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case p == "/":
		s.index(w, r)
		return
	case p == "/events":
		s.events(w, r)
		return
	case p == "/favicon.ico":
		w.WriteHeader(http.StatusNoContent) // none, and no error in the console
		return
	}
	parts := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)
	code := parts[0]
	known := false
	for _, l := range s.languages() {
		known = known || l == code
	}
	if !known {
		http.NotFound(w, r)
		return
	}
	if len(parts) == 1 {
		http.Redirect(w, r, "/"+code+"/", http.StatusFound)
		return
	}
	switch rest := parts[1]; rest {
	case "bilingual":
		s.bilingual(w, r, code)
	case "", "index.html":
		s.edition(w, r, code)
	default:
		s.file(w, r, code, rest)
	}
}

// cleanPath is the request path when it is one press serves: no "..",
// no encoded dot or slash, no backslash or NUL (each would be a way out
// of the project on some system).
func cleanPath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2e") || strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := r.URL.Path
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || strings.HasPrefix(seg, ".") && seg != "" {
			return "", false // dot files too: .cache holds hashes, not editions
		}
	}
	if path.Clean(p) != p && path.Clean(p)+"/" != p {
		return "", false
	}
	return p, true
}

// file serves a file of the edition folder, else of the language folder
// (the PDF, EPUB, DOCX). os.Root refuses any path, symlinks included,
// that leads outside the folder.
func (s *Server) file(w http.ResponseWriter, r *http.Request, code, rest string) {
	s.mu.RLock()
	name := ""
	if s.snap != nil {
		name = s.snap.name
	}
	s.mu.RUnlock()
	for _, dir := range []string{filepath.Join(s.outDir(), code, name), filepath.Join(s.outDir(), code)} {
		data, err := readIn(dir, rest)
		if err != nil {
			continue
		}
		ct := mime.TypeByExtension(path.Ext(rest))
		switch path.Ext(rest) {
		case ".ttf":
			ct = "font/ttf"
		case ".json":
			ct = "application/json"
		case ".docx":
			ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case ".epub":
			ct = "application/epub+zip"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	http.NotFound(w, r)
}

// readIn reads name inside dir without leaving it.
func readIn(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fs.ErrNotExist
	}
	return io.ReadAll(f)
}

// liveScript makes a page follow the builds: on each one it fetches
// itself again and swaps its body in place (no reload: the scroll
// position and open notes stay), and restyles when fonts changed.
func (s *Server) liveScript() string {
	return strings.Replace(liveScriptText, "BUILD", strconv.Itoa(s.Version()), 1)
}

const liveScriptText = `<script>
(function () {
  if (!window.EventSource) return;
  var seen = "BUILD";
  var es = new EventSource("/events");
  es.addEventListener("build", function (ev) {
    var v = ev.data;
    if (v === seen) return;
    seen = v;
    fetch(location.pathname, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (t) {
      var d = new DOMParser().parseFromString(t, "text/html");
      document.body.replaceWith(document.adoptNode(d.body));
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
        var u = new URL(l.href); u.searchParams.set("v", v); l.href = u.toString();
      });
      document.documentElement.setAttribute("data-build", v);
    });
  });
})();
</script>
`

// errorBanner shows the last build's error on every page, above the
// last good content.
func (s *Server) errorBanner() string {
	msg := s.Err()
	if msg == "" {
		return ""
	}
	return `<div id="press-error" role="alert" style="position:sticky;top:0;z-index:20;background:#fde8e8;color:#7a0000;border:2px solid #c00;padding:0.6em 1em;margin:0 0 1em;font:14px/1.4 monospace;white-space:pre-wrap">` +
		"press: the build failed; the last good edition is shown.\n" + html.Esc(msg) + "</div>\n"
}

// edition serves the web edition with the live script and the banner.
func (s *Server) edition(w http.ResponseWriter, r *http.Request, code string) {
	s.mu.RLock()
	name := ""
	if s.snap != nil {
		name = s.snap.name
	}
	s.mu.RUnlock()
	data, err := readIn(filepath.Join(s.outDir(), code, name), "index.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	page := string(data)
	page = strings.Replace(page, "</head>", s.liveScript()+"</head>", 1)
	page = bodyOpen.ReplaceAllStringFunc(page, func(b string) string { return b + s.errorBanner() })
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, page)
}

var bodyOpen = regexp.MustCompile(`<body[^>]*>`)

// events streams the build number: a page that sees it change fetches
// itself again.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	c := make(chan int, 1)
	s.mu.Lock()
	s.subs[c] = true
	v := s.version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, c)
		s.mu.Unlock()
	}()
	fmt.Fprintf(w, "retry: 500\nevent: build\ndata: %d\n\n", v)
	fl.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case v := <-c:
			fmt.Fprintf(w, "event: build\ndata: %d\n\n", v)
			fl.Flush()
		case <-tick.C:
			io.WriteString(w, ": idle\n\n")
			fl.Flush()
		}
	}
}

var errNoSnapshot = errors.New("no build has succeeded yet")
