package typo

import (
	"testing"

	"github.com/press/press/internal/doc"
	"github.com/press/press/internal/lang"
)

func TestRuns(t *testing.T) {
	ru, _ := lang.Get("ru")
	zh, _ := lang.Get("zh")
	en, _ := lang.Get("en")
	tests := []struct {
		p    *lang.Profile
		in   string
		want []Run
	}{
		{ru, "компании COSCO Shipping и порт", []Run{{"компании ", ""}, {"COSCO Shipping", "en"}, {" и порт", ""}}},
		{zh, "Peyrouse, S. (2008) Chinese Economic Presence. 第34页", []Run{{"Peyrouse, S. (2008) Chinese Economic Presence", "en"}, {". 第34页", ""}}},
		{zh, "见 (Wang 2016)。", []Run{{"见 (", ""}, {"Wang 2016", "en"}, {")。", ""}}},
		{ru, "см. https://example.com/a и www.x.org", []Run{{"см. https://example.com/a и www.x.org", ""}}},
		{ru, "только по-русски 2019", []Run{{"только по-русски 2019", ""}}},
		{en, "English text", []Run{{"English text", ""}}},
	}
	for _, tc := range tests {
		got := Runs(tc.in, tc.p, "en")
		joined := ""
		for _, r := range got {
			joined += r.Text
		}
		if joined != tc.in {
			t.Errorf("%q: runs lose text: %q", tc.in, joined)
		}
		var tagged, want []Run
		for _, r := range got {
			if r.Lang != "" {
				tagged = append(tagged, r)
			}
		}
		for _, r := range tc.want {
			if r.Lang != "" {
				want = append(want, r)
			}
		}
		if len(tagged) != len(want) {
			t.Errorf("%q: tagged %q, want %q", tc.in, tagged, want)
			continue
		}
		for i := range want {
			if tagged[i] != want[i] {
				t.Errorf("%q: run %d = %q, want %q", tc.in, i, tagged[i], want[i])
			}
		}
	}
}

// TestPullQuoteInnerQuotes checks that quotation marks inside a pull
// quote become the inner ones: the renderers add the outer marks.
func TestPullQuoteInnerQuotes(t *testing.T) {
	for _, tc := range []struct{ code, in, want string }{
		{"zh", "据估计，中国的存在和“一带一路”倡议", "据估计，中国的存在和‘一带一路’倡议"},
		{"ru", "инициативы «Один пояс, один путь»", "инициативы „Один пояс, один путь“"},
	} {
		p, _ := lang.Get(tc.code)
		d := &doc.Document{Blocks: []doc.Block{&doc.PullQuote{ID: "q", Content: []doc.Inline{&doc.Text{Text: tc.in}}}}}
		Apply(d, p)
		if got := d.Blocks[0].(*doc.PullQuote).Content[0].(*doc.Text).Text; got != tc.want {
			t.Errorf("%s: %q, want %q", tc.code, got, tc.want)
		}
	}
}
