package docx

import "strings"

// defaultRegion gives the region Word pairs with a bare language tag.
var defaultRegion = map[string]string{
	"en": "GB", "ru": "RU", "kk": "KZ", "uk": "UA", "de": "DE", "fr": "FR",
	"es": "ES", "it": "IT", "pt": "PT", "nl": "NL", "pl": "PL", "tr": "TR",
	"ja": "JP", "ko": "KR", "uz": "UZ", "ky": "KG", "tg": "TJ", "tk": "TM",
	"be": "BY", "ar": "SA", "fa": "IR", "he": "IL", "el": "GR", "cs": "CZ",
}

// language describes the edition's language as Word wants it.
type language struct {
	Tag      string // BCP 47 as given, "" when unknown
	Word     string // w:lang w:val, e.g. "en-GB"; "" when unknown
	EastAsia string // w:lang w:eastAsia, e.g. "zh-CN"; "" for other languages
	CJK      bool   // Chinese, Japanese or Korean: kinsoku, no hyphenation
}

// wordLang maps a BCP 47 tag ("en", "ru", "kk", "zh-Hans", "en-US") to the
// language-region tags Word uses.
func wordLang(tag string) language {
	tag = strings.TrimSpace(strings.ReplaceAll(tag, "_", "-"))
	if tag == "" {
		return language{}
	}
	parts := strings.Split(tag, "-")
	primary := strings.ToLower(parts[0])
	var script, region string
	for _, p := range parts[1:] {
		switch {
		case len(p) == 4 && isAlpha(p) && script == "" && region == "":
			script = strings.ToLower(p)
		case (len(p) == 2 && isAlpha(p) || len(p) == 3 && isDigits(p)) && region == "":
			region = strings.ToUpper(p)
		}
	}
	l := language{Tag: tag}
	switch primary {
	case "zh":
		switch {
		case region == "TW" || region == "HK" || region == "MO":
			l.Word = "zh-" + region
		case script == "hant":
			l.Word = "zh-TW"
		case region == "SG":
			l.Word = "zh-SG"
		default:
			l.Word = "zh-CN"
		}
		l.EastAsia, l.CJK = l.Word, true
		return l
	case "ja", "ko":
		l.CJK = true
	}
	if region == "" || len(region) != 2 {
		region = defaultRegion[primary]
	}
	if region != "" {
		l.Word = primary + "-" + region
	} else {
		l.Word = primary
	}
	if l.CJK {
		l.EastAsia = l.Word
	}
	return l
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
