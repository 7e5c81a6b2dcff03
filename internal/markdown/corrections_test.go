package markdown

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// A correction is one entry of source/CORRECTIONS.md: the publisher's
// record of where the manuscript departs from the original, and why.
type correction struct {
	Line      int      // line of the entry's heading, for messages
	Where     []string // "body" or "note N", one per place corrected
	Original  string
	Corrected string
	Reason    string
}

var (
	fieldRe = regexp.MustCompile("^- (Where|Original|Corrected|Reason):\\s*(.*)$")
	codeRe  = regexp.MustCompile("^`([^`]+)`$")
	whereRe = regexp.MustCompile(`^(body|note [1-9][0-9]*)$`)
)

// parseCorrections reads the entries: each "## " heading starts one, and
// every entry must give all four fields.
func parseCorrections(md string) ([]correction, error) {
	var cs []correction
	var cur *correction
	var last string // the field a continuation line belongs to
	finish := func() error {
		if cur == nil {
			return nil
		}
		switch {
		case len(cur.Where) == 0:
			return fmt.Errorf("line %d: entry has no Where", cur.Line)
		case cur.Original == "":
			return fmt.Errorf("line %d: entry has no Original", cur.Line)
		case cur.Corrected == "":
			return fmt.Errorf("line %d: entry has no Corrected", cur.Line)
		case strings.TrimSpace(cur.Reason) == "":
			return fmt.Errorf("line %d: entry has no Reason", cur.Line)
		case cur.Original == cur.Corrected:
			return fmt.Errorf("line %d: Original and Corrected are the same", cur.Line)
		}
		cs = append(cs, *cur)
		return nil
	}
	for i, line := range strings.Split(md, "\n") {
		n := i + 1
		if strings.HasPrefix(line, "## ") {
			if err := finish(); err != nil {
				return nil, err
			}
			cur, last = &correction{Line: n}, ""
			continue
		}
		if cur == nil {
			continue
		}
		m := fieldRe.FindStringSubmatch(line)
		if m == nil {
			if last == "Reason" && strings.TrimSpace(line) != "" {
				cur.Reason += " " + strings.TrimSpace(line)
			} else {
				last = ""
			}
			continue
		}
		last = m[1]
		switch m[1] {
		case "Where":
			for _, w := range strings.Split(m[2], ",") {
				w = strings.TrimSpace(w)
				if !whereRe.MatchString(w) {
					return nil, fmt.Errorf("line %d: Where %q is neither \"body\" nor \"note N\"", n, w)
				}
				cur.Where = append(cur.Where, w)
			}
		case "Original", "Corrected":
			c := codeRe.FindStringSubmatch(strings.TrimSpace(m[2]))
			if c == nil {
				return nil, fmt.Errorf("line %d: %s must be one code span in backticks", n, m[1])
			}
			if m[1] == "Original" {
				cur.Original = c[1]
			} else {
				cur.Corrected = c[1]
			}
		case "Reason":
			cur.Reason = m[2]
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, fmt.Errorf("no corrections found")
	}
	return cs, nil
}

// applyCorrections turns the original into what the manuscript must say.
// Each Original must occur in the original exactly once per place listed, so
// an entry can neither miss its text nor change more than it records.
func applyCorrections(original string, cs []correction) (string, error) {
	for _, c := range cs {
		if got := strings.Count(original, c.Original); got != len(c.Where) {
			return "", fmt.Errorf("line %d: %q occurs %d times in the original, Where lists %d", c.Line, c.Original, got, len(c.Where))
		}
		original = strings.ReplaceAll(original, c.Original, c.Corrected)
	}
	return original, nil
}

func TestParseCorrections(t *testing.T) {
	good := "# x\n\n## 1. a\n\n- Where: note 9, note 12\n- Original: `a b`\n- Corrected: `ab`\n- Reason: one\n  two\n"
	tests := []struct {
		name, md, err string
	}{
		{"good", good, ""},
		{"no reason", strings.Replace(good, "- Reason: one\n  two\n", "", 1), "no Reason"},
		{"bad where", strings.Replace(good, "note 9", "page 9", 1), "neither"},
		{"no backticks", strings.Replace(good, "`a b`", "a b", 1), "code span"},
		{"unchanged", strings.Replace(good, "`ab`", "`a b`", 1), "the same"},
		{"empty", "# nothing\n", "no corrections"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := parseCorrections(tt.md)
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(cs) != 1 || len(cs[0].Where) != 2 || cs[0].Original != "a b" || cs[0].Reason != "one two" {
					t.Fatalf("parsed %+v", cs)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}

func TestApplyCorrections(t *testing.T) {
	c := correction{Line: 3, Where: []string{"note 1", "note 2"}, Original: "chin p", Corrected: "chinap"}
	got, err := applyCorrections("x chin p y chin p", []correction{c})
	if err != nil || got != "x chinap y chinap" {
		t.Fatalf("got %q, %v", got, err)
	}
	// One place listed, two in the text: the entry would change more than it says.
	c.Where = c.Where[:1]
	if _, err := applyCorrections("x chin p y chin p", []correction{c}); err == nil {
		t.Fatal("a correction changing an unlisted place was accepted")
	}
	if _, err := applyCorrections("nothing here", []correction{c}); err == nil {
		t.Fatal("a correction the original does not contain was accepted")
	}
}
