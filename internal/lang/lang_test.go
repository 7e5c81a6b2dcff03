package lang

import "testing"

func TestChinese(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{1, "一"}, {5, "五"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {21, "二十一"}, {99, "九十九"}, {100, "100"}} {
		if got := Chinese(c.n); got != c.want {
			t.Errorf("Chinese(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestGet(t *testing.T) {
	for _, code := range []string{"en", "ru", "kk", "zh"} {
		p, err := Get(code)
		if err != nil || p.Code != code || p.Tag == "" || p.Numeral == nil {
			t.Errorf("Get(%q) = %+v, %v", code, p, err)
		}
	}
	if _, err := Get("xx"); err == nil {
		t.Error("Get(xx): want an error")
	}
}
