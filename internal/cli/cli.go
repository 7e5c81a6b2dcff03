// Package cli is press's command line: one file per subcommand.
package cli

import (
	"fmt"
	"io"
)

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func register(c command) { commands = append(commands, c) }

// Main runs press with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "press: unknown command %q (see press --help)\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `press publishes one manuscript as print-ready PDF, EPUB 3 and DOCX editions
in every language that has a catalogue under locales/.

Usage: press <command> [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'press <command> --help' for a command's flags and examples.
`)
}
