package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"missing", "", ""},
		{"good", "languages = [\"en\", \"ru\"]\ntoc_depth = 1\n[pdf]\nsize = \"a5\"\ntwo_sided = true\n[fonts]\nbody = \"My.ttf\"\n", ""},
		{"broken", "languages = [\"en\"\n", "press.toml:1:"},
		{"unknown", "colour = \"red\"\n", "unknown setting \"colour\""},
		{"unknown role", "[fonts]\nsymbol = \"x.ttf\"\n", "[fonts] symbol: unknown role"},
		{"toc depth", "strict = true\ntoc_depth = 9\n", "press.toml:2: toc_depth = 9: want 1 to 6"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.file != "" {
				os.WriteFile(filepath.Join(dir, Name), []byte(c.file), 0o644)
			}
			f, err := Load(dir)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.name == "good" && (f.PDF.Size != "a5" || !f.PDF.TwoSided || len(f.Languages) != 2 || f.Fonts["body"] != "My.ttf" || f.TOCDepth != 1) {
					t.Errorf("%+v", f)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// Every key of press.toml is in Keys, the README's reference.
func TestKeysCoverTheFile(t *testing.T) {
	var names []string
	var walk func(reflect.Type, string)
	walk = func(ty reflect.Type, prefix string) {
		for i := 0; i < ty.NumField(); i++ {
			f := ty.Field(i)
			tag := f.Tag.Get("toml")
			if tag == "-" || tag == "" {
				continue
			}
			switch f.Type.Kind() {
			case reflect.Struct:
				walk(f.Type, prefix+tag+".")
			case reflect.Map:
				names = append(names, prefix+tag+".<role>")
			default:
				names = append(names, prefix+tag)
			}
		}
	}
	walk(reflect.TypeOf(File{}), "")
	have := map[string]bool{}
	for _, k := range Keys {
		have[k.Name] = true
	}
	for _, n := range names {
		if !have[n] {
			t.Errorf("press.toml key %q is not in config.Keys (the README's reference)", n)
		}
		delete(have, n)
	}
	for n := range have {
		t.Errorf("config.Keys has %q, which press.toml does not", n)
	}
}
