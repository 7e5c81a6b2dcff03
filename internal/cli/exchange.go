package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/press/press/internal/build"
	"github.com/press/press/internal/catalog"
	"github.com/press/press/internal/po"
	"github.com/press/press/internal/xliff"
)

func init() {
	register(command{"xliff", "export a catalogue to XLIFF 2.1 for CAT tools, or import one back", runXLIFF})
	register(command{"po", "export a catalogue to gettext PO (Poedit, Weblate), or import one back", runPO})
}

func runXLIFF(args []string, stdout, stderr io.Writer) int {
	return exchange("xliff", args, stdout, stderr)
}

func runPO(args []string, stdout, stderr io.Writer) int {
	return exchange("po", args, stdout, stderr)
}

func exchange(format string, args []string, stdout, stderr io.Writer) int {
	usage := fmt.Sprintf(`Usage: press %[1]s export --lang xx [-o FILE]
       press %[1]s import FILE

export writes the language's catalogue (to stdout, or FILE); import merges a
translated file back into locales/<lang>/document.toml. Each translation is
checked against today's English: one made from other English is stored
stale, never current. Drafts (XLIFF initial, PO fuzzy) stay drafts; an empty
target deletes nothing; a unit no longer in the source goes to obsolete.toml.
An import whose placeholders were broken is refused with the unit and the
reason, and the catalogue stays as it was. Exporting and importing again
changes nothing.

Examples:
  press %[1]s export --lang ru -o ru.%[1]s
  press %[1]s import ru.%[1]s
`, format)
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		fmt.Fprint(stderr, usage)
		return 2
	}
	verb := args[0]
	fl, root := newFlags(format+" "+verb, usage, stderr)
	langFlag := fl.String("lang", "", "language (export; import reads it from the file)")
	out := fl.String("o", "", "output file (export; default stdout)")
	if fl.Parse(args[1:]) != nil {
		return 2
	}
	p := &project{cfg: build.Config{Root: *root}}
	if err := p.cfg.Resolve(); err != nil {
		fmt.Fprintln(stderr, "press:", err)
		return 1
	}
	src, _, err := build.Load(&p.cfg)
	if err != nil {
		fmt.Fprintln(stderr, "press:", err)
		return 1
	}
	p.src = src
	fail := func(err error) int {
		fmt.Fprintf(stderr, "press %s %s: %v\n", format, verb, err)
		return 1
	}
	if verb == "export" {
		if *langFlag == "" {
			return fail(fmt.Errorf("--lang is required"))
		}
		c, err := catalog.Load(p.cfg.Locales, *langFlag)
		if err != nil {
			return fail(err)
		}
		g, err := catalog.LoadGlossary(filepath.Join(p.cfg.Locales, "glossary.toml"))
		if err != nil {
			return fail(err)
		}
		english, err := catalog.Load(p.cfg.Locales, src.Meta.SourceLang)
		if err != nil {
			return fail(err)
		}
		var data []byte
		if format == "xliff" {
			if data, err = xliff.Export(src, english, c, g); err != nil {
				return fail(err)
			}
		} else {
			data = po.Export(src, english, c, g)
		}
		if *out == "" {
			stdout.Write(data)
			return 0
		}
		if err := build.WriteAtomic(*out, data); err != nil {
			return fail(err)
		}
		return 0
	}
	if fl.NArg() != 1 {
		return fail(fmt.Errorf("name the file to import"))
	}
	file := fl.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		return fail(err)
	}
	var ims, edition []catalog.Imported
	lang := *langFlag
	if format == "xliff" {
		l, units, err := xliff.Parse(data)
		if err != nil {
			return fail(fmt.Errorf("%s: %v", file, err))
		}
		if lang == "" {
			lang = l
		}
		ims, edition = xliff.Imports(units), xliff.EditionImports(units)
	} else {
		all, err := po.Parse(data, file)
		if err != nil {
			return fail(err)
		}
		ims, edition = po.Split(all)
		if lang == "" {
			lang = po.Language(data)
		}
	}
	if lang == "" {
		return fail(fmt.Errorf("%s: no target language: give --lang", file))
	}
	c, err := catalog.Load(p.cfg.Locales, lang)
	if err != nil {
		return fail(err)
	}
	english, err := catalog.Load(p.cfg.Locales, src.Meta.SourceLang)
	if err != nil {
		return fail(err)
	}
	document, obsolete, rep, err := catalog.Import(src, c, ims, file)
	if err != nil {
		return fail(err)
	}
	var editionEntries []*catalog.Entry
	if len(edition) > 0 {
		if editionEntries, err = catalog.ImportEdition(english, c, edition, file); err != nil {
			return fail(err)
		}
	}
	if err := writeCatalogue(c, document, obsolete); err != nil {
		return fail(err)
	}
	if len(edition) > 0 {
		if err := writeIfChanged(c.Edition.Path, catalog.Format(c.Edition.HeaderOr(catalog.EditionHeader(lang)), editionEntries)); err != nil {
			return fail(err)
		}
	}
	fmt.Fprintf(stdout, "%s: %d units and %d edition strings read; %d updated, %d stale (made from other English), %d not in the source; %d moved to obsolete\n",
		file, len(ims), len(edition), rep.Updated, rep.Stale, rep.Unknown, rep.Obsoleted)
	return 0
}
