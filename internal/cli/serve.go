package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/serve"
)

func init() {
	register(command{"serve", "preview the editions live, with a bilingual view of every unit", runServe})
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fl, root := newFlags("serve", `Usage: press serve [--addr HOST:PORT] [--lang xx] [SOURCE.md]

Serves the project on http://127.0.0.1:8080/: / lists the languages with
their counts and files, /<lang>/ is the web edition, /<lang>/bilingual every
unit with the English beside it, its state, its lint and layout problems
and its place in the catalogue. When the manuscript, a catalogue,
press.toml or a font changes, press rebuilds and open pages update
themselves; a failed build is shown on the page over the last good one.
The web editions are built into dist/ (press build -t html).

Examples:
  press serve
  press serve --addr 127.0.0.1:9000
  press serve --lang ru,kk -t html
`, stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (not loopback: anyone on the network can read the project)")
	langs := fl.String("lang", "all", "languages: all, or a comma-separated list")
	formats := fl.StringP("format", "t", "html", "formats rebuilt on a change: html, or html plus pdf,epub,docx (slower; the PDF gives the layout problems)")
	if fl.Parse(args) != nil {
		return 2
	}
	if fl.NArg() > 1 {
		fmt.Fprintf(stderr, "press serve: one SOURCE.md at a time (got %s)\n", strings.Join(fl.Args(), " "))
		return 2
	}
	var extra []string
	for _, f := range strings.Split(*formats, ",") {
		if f = strings.TrimSpace(f); f != "" && f != "html" {
			extra = append(extra, f)
		}
	}
	configureServe := func() (build.Config, error) {
		c := build.Config{Root: *root}
		if fl.NArg() == 1 {
			c.Source = fl.Arg(0)
		}
		if *langs != "all" && *langs != "" {
			c.Langs = strings.Split(*langs, ",")
		}
		err := configure(&c, fl)
		return c, err
	}
	if !serve.Loopback(*addr) {
		fmt.Fprintf(stderr, "press serve: warning: %s is not a loopback address: anyone who can reach this machine can read the project's editions and catalogues\n", *addr)
	}
	s, err := serve.New(serve.Options{Configure: configureServe, Formats: extra, Log: stderr})
	if err != nil {
		fmt.Fprintln(stderr, "press serve:", err)
		return 1
	}
	if msg := s.Err(); msg != "" {
		fmt.Fprintln(stderr, "press serve: the first build failed (fix it and save; the page will show it):", msg)
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "press serve:", err)
		return 1
	}
	fmt.Fprintf(stdout, "press serve: http://%s/ (Ctrl-C to stop)\n", l.Addr())
	if f, ok := stdout.(*os.File); ok {
		f.Sync()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Run(ctx, l); err != nil {
		fmt.Fprintln(stderr, "press serve:", err)
		return 1
	}
	return 0
}
