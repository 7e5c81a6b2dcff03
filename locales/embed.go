// Package locales builds into press the language profiles
// (<code>/language.toml) and edition strings (<code>/edition.toml) of the
// languages it ships, so that press builds outside any project. A
// project's own locales/<code>/ files override them.
package locales

import "embed"

// FS holds <code>/language.toml and <code>/edition.toml of en, kk, ru, zh.
//
//go:embed */language.toml */edition.toml
var FS embed.FS
