package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newFlags makes a command's flag set (GNU style: flags before or after
// the arguments, --flag=value, -t pdf, -- ends the flags) with --root, the
// project folder every command takes. usage is the command's help: its
// first line "Usage: press NAME …", a description, and "Examples:".
func newFlags(name, usage string, stderr io.Writer) (*pflag.FlagSet, *string) {
	fl := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fl.SetOutput(io.Discard) // errors are reported once, by Main
	fl.Usage = func() {}
	root := fl.String("root", ".", "project folder")
	if d, ok := stderr.(*describer); ok {
		d.flags, d.usage = fl, usage
	}
	return fl, root
}

// describer stands for stdout and stderr while a command is run with
// --help to learn its flags: newFlags hands it the flag set.
type describer struct {
	flags *pflag.FlagSet
	usage string
}

func (*describer) Write(p []byte) (int, error) { return len(p), nil }

// describe runs a command (with verb, when it has verbs) with --help and
// returns the flags it declared and its usage text.
func describe(c command, verb string) (*pflag.FlagSet, string) {
	d := &describer{}
	args := []string{"--help"}
	if verb != "" {
		args = []string{verb, "--help"}
	}
	c.run(args, d, d)
	if d.flags == nil {
		d.flags = pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	}
	return d.flags, d.usage
}

// tree is the cobra command tree of every registered command. Running a
// leaf hands its run function the flags cobra parsed, written out again as
// --name=value, then --, then the arguments.
func tree(stdout, stderr io.Writer, code *int) *cobra.Command {
	root := &cobra.Command{
		Use:   "press",
		Short: "publish one manuscript as PDF, EPUB 3 and DOCX editions",
		Long: `press publishes one manuscript as print-ready PDF, EPUB 3 and DOCX editions
in every language that has a catalogue under locales/.

A lone Markdown file builds anywhere: press build notes.md -o notes.pdf.
A project (press init NAME) has source/, locales/<lang>/, press.toml and,
optionally, fonts/ — the fonts, hyphenation patterns and language profiles
are built into press, and a project's own files override them.`,
		Example: `  press init mybook && cd mybook && press build
  press build notes.md -o notes.pdf
  press build --lang ru -t pdf
  press lang add de && press sync --lang de`,
		Version:                    versionString(),
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
		SilenceUsage:               true,
		CompletionOptions:          cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	root.SetVersionTemplate("press {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &flagError{c, err} })
	root.Args = func(_ *cobra.Command, args []string) error {
		if len(args) > 0 {
			return &unknownCommandError{args[0]}
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, _ []string) error {
		c.SetOut(stderr)
		c.Help()
		*code = 2
		return nil
	}
	for _, c := range commands {
		vs := verbs[c.name]
		if len(vs) == 0 {
			root.AddCommand(leaf(c, "", stdout, stderr, code))
			continue
		}
		parent := &cobra.Command{
			Use:                        c.name + " {" + strings.Join(vs, "|") + "}",
			Short:                      c.summary,
			SuggestionsMinimumDistance: 2,
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) > 0 {
					return &unknownCommandError{args[0]}
				}
				return nil
			},
			RunE: func(cc *cobra.Command, _ []string) error {
				cc.SetOut(stderr)
				cc.Help()
				*code = 2
				return nil
			},
		}
		for _, v := range vs {
			parent.AddCommand(leaf(c, v, stdout, stderr, code))
		}
		root.AddCommand(parent)
	}
	root.AddCommand(manCommand(root, stdout, code))
	return root
}

// leaf is the cobra command of one command (or one of its verbs).
func leaf(c command, verb string, stdout, stderr io.Writer, code *int) *cobra.Command {
	fl, usage := describe(c, verb)
	use, long, example := splitUsage(usage, c.name, verb)
	short := c.summary
	if verb != "" {
		short = verb + ": " + firstSentence(long)
	}
	cc := &cobra.Command{
		Use:                   use,
		Short:                 short,
		Long:                  long,
		Example:               example,
		DisableFlagsInUseLine: true,
		RunE: func(cc *cobra.Command, args []string) error {
			var argv []string
			if verb != "" {
				argv = append(argv, verb)
			}
			cc.Flags().Visit(func(f *pflag.Flag) {
				if fl.Lookup(f.Name) != nil {
					argv = append(argv, "--"+f.Name+"="+f.Value.String())
				}
			})
			argv = append(argv, "--")
			*code = c.run(append(argv, args...), stdout, stderr)
			return nil
		},
	}
	// A one-letter flag (-o) is also its own shorthand, as users type it.
	fl.VisitAll(func(f *pflag.Flag) {
		if len(f.Name) == 1 && f.Shorthand == "" {
			f.Shorthand = f.Name
		}
	})
	cc.Flags().AddFlagSet(fl)
	completeFlags(cc)
	return cc
}

// splitUsage cuts a command's usage text into cobra's use line, long
// description and examples.
func splitUsage(usage, name, verb string) (use, long, example string) {
	word := name
	if verb != "" {
		word = verb
	}
	use = word
	lines := strings.Split(strings.TrimRight(usage, "\n"), "\n")
	i := 0
	prefix := "press " + name
	if verb != "" {
		prefix += " " + verb
	}
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		l := strings.TrimSpace(strings.TrimPrefix(lines[i], "Usage:"))
		if l == prefix || strings.HasPrefix(l, prefix+" ") {
			use = word + strings.TrimPrefix(l, prefix)
		}
	}
	var body, ex []string
	inExamples := false
	for _, l := range lines[i:] {
		switch {
		case strings.HasPrefix(l, "Example:") || strings.HasPrefix(l, "Examples:"):
			inExamples = true
		case strings.HasPrefix(l, "Flags:"):
			inExamples = false
		case inExamples:
			ex = append(ex, l)
		default:
			body = append(body, l)
		}
	}
	return strings.TrimSpace(use), strings.TrimSpace(strings.Join(body, "\n")), strings.TrimRight(strings.Join(trimBlank(ex), "\n"), " \n")
}

func trimBlank(ls []string) []string {
	for len(ls) > 0 && strings.TrimSpace(ls[0]) == "" {
		ls = ls[1:]
	}
	for len(ls) > 0 && strings.TrimSpace(ls[len(ls)-1]) == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

func firstSentence(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, ".")
}

// completeFlags teaches the shells the values of the flags that have a
// known set.
func completeFlags(cc *cobra.Command) {
	fixed := map[string][]string{
		"format":  {"pdf", "epub", "docx"},
		"t":       {"pdf", "epub", "docx"},
		"size":    {"a4", "a5", "6x9", "letter", "5x8"},
		"profile": {"screen", "kdp", "kdp-bleed", "ingram", "ingram-bleed", "lulu", "offset"},
	}
	for name, vals := range fixed {
		if cc.Flags().Lookup(name) != nil {
			cc.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	if cc.Flags().Lookup("root") != nil {
		cc.MarkFlagDirname("root")
	}
}
