// Command press publishes a manuscript as PDF, EPUB and DOCX editions.
package main

import (
	"os"

	"github.com/press/press/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
