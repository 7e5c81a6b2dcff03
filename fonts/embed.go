// Package fonts holds press's default faces, built into the binary so that
// press builds anywhere (press init, a lone notes.md) without a fonts
// folder. A project's own fonts/ folder overrides them file by file.
package fonts

import "embed"

// FS holds the default faces (the files internal/fonts.Spec names) and
// their licences, OFL.txt and (Droid Sans Fallback) Apache-2.0.txt.
//
//go:embed *.ttf OFL.txt Apache-2.0.txt
var FS embed.FS
