package deadline

import (
	"strings"
	"testing"
	"time"
)

func TestWithin(t *testing.T) {
	ran := false
	Within(time.Second, "quick", func() { ran = true })
	if !ran {
		t.Error("f did not run")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "slow: no answer after 10ms") {
			t.Errorf("panic %v", r)
		}
	}()
	Within(10*time.Millisecond, "slow", func() { time.Sleep(time.Second) })
}
