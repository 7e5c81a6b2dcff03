package cli

import (
	"fmt"
	"strings"

	"github.com/press/press/internal/config"
)

// configReference is the README's press.toml reference: every key, the
// press build flag that overrides it, its default and meaning, taken
// from config.Keys and the build command's own flag definitions.
func configReference() string {
	var build command
	for _, c := range commands {
		if c.name == "build" {
			build = c
		}
	}
	fl, _ := describe(build, "")
	var b strings.Builder
	b.WriteString("| key | flag | default | what it sets |\n| --- | --- | --- | --- |\n")
	for _, k := range config.Keys {
		flag, def, doc := "—", k.Default, k.Doc
		switch {
		case k.Flag == "SOURCE.md":
			flag = "`press build SOURCE.md`"
		case k.Flag != "":
			f := fl.Lookup(k.Flag)
			if f == nil {
				panic("config.Keys: press build has no --" + k.Flag)
			}
			flag = "`--" + f.Name + "`"
			if f.Shorthand != "" {
				flag += ", `-" + f.Shorthand + "`"
			}
			if def == "" {
				def = f.DefValue
			}
			if doc == "" {
				doc = f.Usage
			}
		}
		if def == "" {
			def = "—"
		} else if k.Default == "" {
			def = "`" + def + "`" // the flag's own
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.Name, flag, def, strings.ReplaceAll(doc, "|", "\\|"))
	}
	return b.String()
}
