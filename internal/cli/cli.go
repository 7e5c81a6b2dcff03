// Package cli is press's command line: one file per subcommand.
//
// Each subcommand is a function run(args, stdout, stderr) that declares its
// flags with newFlags and parses them itself. The tree users see — help,
// suggestions, shell completion, the man page — is cobra's, built from the
// same declarations: every command is run once with --help against a
// describer, which keeps the flag set it declared (see tree.go).
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/press/press/internal/catalog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func register(c command) { commands = append(commands, c) }

// verbs are the commands whose first argument picks an action with flags
// of its own: they become cobra subcommands of their own.
var verbs = map[string][]string{
	"xliff": {"export", "import"},
	"po":    {"export", "import"},
}

// Main runs press with args and returns the exit code: 0 done, 1 failed,
// 2 a usage error (unknown command or flag, bad value).
func Main(args []string, stdout, stderr io.Writer) int {
	code := 0
	root := tree(stdout, stderr, &code)
	root.SetArgs(args)
	if len(args) == 0 {
		root.SetOut(stderr)
		root.Help()
		return 2
	}
	cmd, err := root.ExecuteC()
	if err == nil {
		return code
	}
	fmt.Fprintln(stderr, usageLine(root, cmd, args, err))
	return 2
}

// flagError marks an error of the command line itself (exit 2).
type flagError struct {
	cmd *cobra.Command
	err error
}

func (e *flagError) Error() string { return e.err.Error() }

// usageLine is the one line press prints for a usage error, with the
// closest command or flag when there is one.
func usageLine(root, cmd *cobra.Command, args []string, err error) string {
	var fe *flagError
	if errors.As(err, &fe) {
		cmd = fe.cmd
		err = fe.err
	}
	who := "press"
	if cmd != nil && cmd != root {
		who = cmd.CommandPath()
	}
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		if name := ne.GetSpecifiedName(); name != "" {
			msg := fmt.Sprintf("%s: unknown flag --%s", who, name)
			if s := closestFlag(cmd, name); s != "" {
				msg += fmt.Sprintf(" (did you mean --%s?)", s)
			}
			return msg + "; see " + cmd.CommandPath() + " --help"
		}
		return fmt.Sprintf("%s: unknown shorthand flag -%s; see %s --help", who, ne.GetSpecifiedShortnames(), cmd.CommandPath())
	}
	if word, ok := unknownCommand(err); ok {
		parent := root
		if cmd != nil {
			parent = cmd
		}
		msg := fmt.Sprintf("%s: unknown command %q", parent.CommandPath(), word)
		if s := parent.SuggestionsFor(word); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		return msg + "; see " + parent.CommandPath() + " --help"
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	return who + ": " + line
}

// unknownCommand recognises cobra's "unknown command" error, which is
// only text, and gives the word typed.
func unknownCommand(err error) (string, bool) {
	var uc *unknownCommandError
	if errors.As(err, &uc) {
		return uc.word, true
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return "", false
	}
	rest := strings.TrimPrefix(msg, "unknown command ")
	if i := strings.Index(rest, `"`); i == 0 {
		if j := strings.Index(rest[1:], `"`); j >= 0 {
			return rest[1 : 1+j], true
		}
	}
	return rest, true
}

type unknownCommandError struct{ word string }

func (e *unknownCommandError) Error() string { return fmt.Sprintf("unknown command %q", e.word) }

// closestFlag is the flag of cmd nearest to name, within a third of its
// length (at least 2 edits), or "".
func closestFlag(cmd *cobra.Command, name string) string {
	best, bestD := "", 0
	limit := max(2, len(name)/3)
	seen := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := catalog.EditDistance([]rune(name), []rune(f.Name))
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = f.Name, d
		}
	}
	cmd.Flags().VisitAll(seen)
	cmd.InheritedFlags().VisitAll(seen)
	return best
}
