// Package skeleton lays out a new press project: a sample manuscript, the
// English edition strings, press.toml and the fonts, so the toolkit
// serves any manuscript, not only this repository's.
package skeleton

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// edition.toml is a copy of locales/en/edition.toml (a test keeps the two
// equal).
//
//go:embed edition.toml
var EditionStrings []byte

var nameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Create makes the project folder dir, naming its manuscript after the
// folder. The fonts are press's own, built in; fontsDir, when given, is
// copied into the project's fonts/ (to change or add faces).
func Create(dir, fontsDir string) error {
	name := filepath.Base(dir)
	if !nameRe.MatchString(name) {
		return fmt.Errorf("%s: use lower-case letters, digits and hyphens for a project name", name)
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("%s: exists and is not empty", dir)
	}
	if fontsDir != "" {
		if st, err := os.Stat(fontsDir); err != nil || !st.IsDir() {
			return fmt.Errorf("%s: no fonts folder to copy", fontsDir)
		}
	}
	title := strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
	files := map[string][]byte{
		filepath.Join("source", name+".md"):            []byte(fmt.Sprintf(manuscript, title)),
		filepath.Join("source", "figures", ".keep"):    nil,
		filepath.Join("locales", "en", "edition.toml"): EditionStrings,
		"press.toml":     []byte(fmt.Sprintf(pressTOML, name)),
		".gitignore":     []byte("/dist/*\n!/dist/README.md\n"),
		"dist/README.md": []byte("Build outputs of `press build` (git-ignored).\n"),
	}
	for rel, data := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	if fontsDir == "" {
		return nil
	}
	return copyFonts(fontsDir, filepath.Join(dir, "fonts"))
}

func copyFonts(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".ttf") || strings.HasPrefix(n, "OFL")) {
			continue
		}
		in, err := os.Open(filepath.Join(from, n))
		if err != nil {
			return err
		}
		out, err := os.Create(filepath.Join(to, n))
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

const manuscript = `---
title: "%s"
editor: "A. Editor (ed.)"
authors:
  - First Author
  - Second Author
date: 2026-01
lang: en
---

# Introduction {#introduction .unnumbered}

This is the manuscript's first paragraph. Write in CommonMark; a footnote is
cited like this.[^1] *Emphasis*, **strong** and [links](https://example.org)
travel into every edition and language.

# The First Chapter {#first-chapter}

## A Section {#a-section}

Numbers of chapters, sections and figures are generated per language: do not
type them.

::: pullquote
A sentence repeated in display type.
:::

::: {.figure #fig-example kind=graph}
A caption for the figure; put its image in source/figures/fig-example.png.

Source: Where the figure comes from.
:::

[^1]: A footnote, with its source and a URL: https://example.org.
`

const pressTOML = `# press configuration: every setting is optional; flags override it.
# source = "source/%s.md"
# languages = ["en", "kk", "ru", "zh"]   # default: every folder in locales/
# formats = ["pdf", "epub", "docx"]
# out = "dist"
# strict = false                          # untranslated or stale units fail the build
# toc_depth = 2                           # heading levels in the contents (1: chapters only)

[pdf]
size = "a4"          # a4, a5, 6x9
profile = "screen"   # screen, kdp, ingram, lulu, offset
two_sided = false

# [fonts]            # a TrueType file in fonts/ per role (default: press's built-in faces)
# body = "NotoSerif-Regular.ttf"
# cjk_body = "NotoSerifCJKsc-Regular.ttf"
`
