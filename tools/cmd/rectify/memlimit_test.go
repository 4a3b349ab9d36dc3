package main

import (
	"strings"
	"testing"
)

func TestMemAvailable(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"MemTotal:       24576000 kB\nMemFree:         1000 kB\nMemAvailable:   8000000 kB\n", 8000000 * 1024, true},
		{"MemTotal:       24576000 kB\n", 0, false},
		{"MemAvailable:   x kB\n", 0, false},
		{"MemAvailable:   0 kB\n", 0, false},
	} {
		got, ok := memAvailable(strings.NewReader(c.in))
		if got != c.want || ok != c.ok {
			t.Errorf("memAvailable(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestMemLimitEnvKeepsTheUsersChoice(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "3GiB")
	if env := memLimitEnv(); env != nil {
		t.Errorf("memLimitEnv() = %q with GOMEMLIMIT set; want nil", env)
	}
	t.Setenv("GOMEMLIMIT", "")
	env := memLimitEnv()
	if len(env) != 1 || !strings.HasPrefix(env[0], "GOMEMLIMIT=") || !strings.HasSuffix(env[0], "B") {
		t.Errorf("memLimitEnv() = %q; want one GOMEMLIMIT=<bytes>B on Linux", env)
	}
}
