package serve

import (
	"net/http/httptest"
	"testing"
)

func TestCleanPath(t *testing.T) {
	for _, c := range []struct {
		path string
		ok   bool
	}{
		{"/", true},
		{"/ru/", true},
		{"/ru/bilingual", true},
		{"/ru/fonts/NotoSerif-Regular.ttf", true},
		{"/ru/../etc/passwd", false},
		{"/../etc/passwd", false},
		{"/ru/%2e%2e/%2e%2e/etc/passwd", false},
		{"/ru/%2E%2E/x", false},
		{"/ru/..%2fx", false},
		{"/ru/..%5cx", false},
		{"/ru/.cache/stat.json", false},
		{"/ru/./style.css", false},
		{"/ru//style.css", false},
		{"/ru/a%00b", false},
	} {
		r := httptest.NewRequest("GET", "http://x"+c.path, nil)
		if _, ok := cleanPath(r); ok != c.ok {
			t.Errorf("cleanPath(%q) = %v, want %v", c.path, ok, c.ok)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "127.1.2.3:9": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.5:8080": false, "[::]:8080": false, "example.com:80": false,
	} {
		if got := Loopback(addr); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
