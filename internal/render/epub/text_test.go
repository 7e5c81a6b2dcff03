package epub

import "testing"

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain “curly” text\u00a0with no-break space", "plain “curly” text\u00a0with no-break space"},
		{"a\x00b\x01c\x1fd\re", "abcde"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"non\ufffe\uffffchars", "nonchars"},
		{"bad \xff\xfe utf-8", "bad \ufffd utf-8"},
		{"C1 \u0085 and DEL \x7f stay", "C1 \u0085 and DEL \x7f stay"},
	}
	for _, tc := range tests {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEsc(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<script>&"x"`, "&lt;script&gt;&amp;&quot;x&quot;"},
		{"]]>", "]]&gt;"},
		{"&amp;", "&amp;amp;"},
		{"a\x0bb", "ab"},
	}
	for _, tc := range tests {
		if got := esc(tc.in); got != tc.want {
			t.Errorf("esc(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJoinLabel(t *testing.T) {
	tests := []struct{ label, sep, want string }{
		{"Chapter 1", ". ", ". "},
		{"Source:", "", " "},
		{"Источник:", "", " "},
		{"资料来源：", "", ""},
		{"Label ", "", ""},
	}
	for _, tc := range tests {
		if got := joinLabel(tc.label, tc.sep); got != tc.want {
			t.Errorf("joinLabel(%q, %q) = %q, want %q", tc.label, tc.sep, got, tc.want)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"https://www.fmprc.gov.cn/mfa_eng/t1376908.shtml", "https://www.fmprc.gov.cn/mfa_eng/t1376908.shtml", true},
		{"http://lup.lub.lu.se/luur/download?func=downloadFile&recordId=8960031", "http://lup.lub.lu.se/luur/download?func=downloadFile&recordId=8960031", true},
		{"www.jstor.org/stable/1148580", "http://www.jstor.org/stable/1148580", true},
		{"https://example.com/a b", "https://example.com/a%20b", true},
		{"https://example.com/?q=\"><script>", "https://example.com/?q=%22%3E%3Cscript%3E", true},
		{"https://example.com/100%", "https://example.com/100%25", true},
		{"https://example.com/x#frag ment", "https://example.com/x#frag%20ment", true},
		{"https://example.com/путь", "https://example.com/%D0%BF%D1%83%D1%82%D1%8C", true},
		{"mailto:someone@example.com", "mailto:someone@example.com", true},
		{"javascript:alert(1)", "", false},
		{"data:text/html,<script>", "", false},
		{"../../etc/passwd", "", false},
		{"#chapter-2", "", false},
		{"http://exa mple.com/", "", false},
		{"http://user:pw@example.com/", "", false},
		{"https://пример.рф/", "", false},
	}
	for _, tc := range tests {
		got, ok := linkTarget(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("linkTarget(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestXMLID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"economic-agenda", "economic-agenda"},
		{"1-intro", "x-1-intro"},
		{"", "x-"},
		{`"><x`, "x----x"},
		{"fig.1_a", "fig.1_a"},
	}
	for _, tc := range tests {
		if got := xmlID(tc.in); got != tc.want {
			t.Errorf("xmlID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
