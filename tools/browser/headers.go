package browser

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// HeaderRule is one block of a _headers file: a path pattern and the headers
// that the host adds to every response whose path matches it.
type HeaderRule struct {
	Pattern string      // e.g. "/*" or "/data/:file"
	Line    int         // line of the pattern in the file, 1-based
	Set     http.Header // headers to add
	Detach  []string    // canonical names removed by "! Name" lines (Cloudflare Pages)

	re *regexp.Regexp
}

// ParseHeaders reads a _headers file in the format of Netlify and Cloudflare
// Pages: a line with a path pattern at the start of the line, followed by
// indented "Name: value" lines. Lines starting with # are comments. A pattern
// may use * (any characters) and :name (one path segment); a pattern that is
// an absolute URL is matched by its path. Errors name the file and line.
func ParseHeaders(file string, src []byte) ([]HeaderRule, error) {
	var rules []HeaderRule
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		raw := strings.TrimRight(sc.Text(), " \t\r")
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\uFEFF")
		}
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if raw[0] != ' ' && raw[0] != '\t' {
			re, err := compilePattern(line)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", file, n, err)
			}
			rules = append(rules, HeaderRule{Pattern: line, Line: n, Set: http.Header{}, re: re})
			continue
		}
		if len(rules) == 0 {
			return nil, fmt.Errorf("%s:%d: header %q before any path pattern", file, n, line)
		}
		r := &rules[len(rules)-1]
		if name, ok := strings.CutPrefix(line, "!"); ok {
			r.Detach = append(r.Detach, http.CanonicalHeaderKey(strings.TrimSpace(name)))
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("%s:%d: want an indented \"Name: value\" line, got %q", file, n, line)
		}
		r.Set.Add(name, value)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return rules, nil
}

var placeholder = regexp.MustCompile(`^:[A-Za-z_][A-Za-z0-9_]*`)

// compilePattern turns a path pattern into an anchored regular expression.
func compilePattern(p string) (*regexp.Regexp, error) {
	if i := strings.Index(p, "://"); i >= 0 {
		rest := p[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			rest = "/*"
		} else {
			rest = rest[j:]
		}
		p = rest
	}
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("path pattern %q must start with / (or be an absolute URL)", p)
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); {
		switch {
		case p[i] == '*':
			b.WriteString(".*")
			i++
		case placeholder.MatchString(p[i:]):
			b.WriteString("[^/]+")
			i += len(placeholder.FindString(p[i:]))
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
			i++
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// Match reports whether the rule applies to the URL path.
func (r HeaderRule) Match(path string) bool {
	if r.re == nil {
		re, err := compilePattern(r.Pattern)
		if err != nil {
			return false
		}
		r.re = re
	}
	return r.re.MatchString(path)
}

// HeadersFor returns the headers that rules add to a response for path: the
// headers of every matching rule, in file order; a header set by several
// rules keeps every value (a browser enforces each Content-Security-Policy).
// "! Name" removes what earlier matching rules set.
func HeadersFor(rules []HeaderRule, path string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !r.Match(path) {
			continue
		}
		for _, name := range r.Detach {
			h.Del(name)
		}
		for name, values := range r.Set {
			for _, v := range values {
				h.Add(name, v)
			}
		}
	}
	return h
}
