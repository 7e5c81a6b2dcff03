module github.com/press/press

go 1.26.0

require (
	github.com/yuin/goldmark v1.8.7
	go.abhg.dev/goldmark/frontmatter v0.2.0
)

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
