package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manCommand writes the man pages, press.1 and press-COMMAND.1, from the
// command tree itself (make man). Hidden: it is for packagers.
func manCommand(root *cobra.Command, stdout io.Writer, code *int) *cobra.Command {
	return &cobra.Command{
		Use:    "man [DIR]",
		Short:  "write the man pages (press.1, press-build.1, …) into DIR (default man)",
		Hidden: true,
		Args:   cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := "man"
			if len(args) == 1 {
				dir = args[0]
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				*code = 1
				return err
			}
			// The date is the revision's, not the clock's, so that the
			// pages are the same from build to build.
			date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			if t, ok := vcsTime(); ok {
				date = t
			}
			root.DisableAutoGenTag = true
			escapeForMarkdown(root)
			h := &doc.GenManHeader{Title: "PRESS", Section: "1", Source: "press " + Version, Manual: "press manual", Date: &date}
			if err := doc.GenManTree(root, h, dir); err != nil {
				*code = 1
				return err
			}
			fmt.Fprintf(stdout, "%s: man pages written (man -l %s/press.1)\n", dir, dir)
			return nil
		},
	}
}

// escapeForMarkdown keeps "<lang>" in the descriptions from being read as
// HTML by the Markdown the man pages are made from.
func escapeForMarkdown(c *cobra.Command) {
	esc := strings.NewReplacer("<", `\<`, ">", `\>`)
	c.Long = esc.Replace(c.Long)
	for _, sub := range c.Commands() {
		escapeForMarkdown(sub)
	}
}
