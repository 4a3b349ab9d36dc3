// Package publish holds the publishing side's Go code: a reader for the
// _headers file (static/_headers, the format that Netlify and Cloudflare Pages
// read), used by the tests here and by the browser tests, which serve public/
// with exactly these headers; and the tests that keep the CI pipelines
// (.github/, .gitlab-ci.yml), the git pre-commit hook (tools/githooks/) and
// the security headers correct, without network.
package publish

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// HeaderRule is one path pattern of a _headers file with the headers it sets.
type HeaderRule struct {
	Pattern string      // "/*", "/notices/*", "/feedback/"; * matches any run of characters
	Header  http.Header // the headers, names canonicalised
	Line    int         // line of the pattern in the file
}

// Matches reports whether the URL path p is covered by the rule's pattern.
func (r HeaderRule) Matches(p string) bool {
	return patternRegexp(r.Pattern).MatchString(p)
}

func patternRegexp(pattern string) *regexp.Regexp {
	parts := strings.Split(pattern, "*")
	for i, s := range parts {
		parts[i] = regexp.QuoteMeta(s)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// ReadHeadersFile reads and parses a _headers file.
func ReadHeadersFile(path string) ([]HeaderRule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseHeaders(path, f)
}

// ParseHeaders parses the _headers format: a path pattern at the start of a
// line, then its headers on the following indented lines, one "Name: value"
// each; blank lines and lines starting with # are ignored. name is used in
// error messages, which have the form "name:line: 错误: …；hint".
func ParseHeaders(name string, r io.Reader) ([]HeaderRule, error) {
	var rules []HeaderRule
	sc := bufio.NewScanner(r)
	line := 0
	fail := func(msg, hint string) error {
		return fmt.Errorf("%s:%d: 错误: %s；%s", name, line, msg, hint)
	}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if text[0] != ' ' && text[0] != '\t' {
			if !strings.HasPrefix(text, "/") || strings.ContainsAny(text, " \t") {
				return nil, fail(fmt.Sprintf("路径 %q 不是以 / 开头的单个路径", text), "每条规则以顶格的路径（如 /*）开头，响应头写在其下的缩进行")
			}
			rules = append(rules, HeaderRule{Pattern: text, Header: http.Header{}, Line: line})
			continue
		}
		if len(rules) == 0 {
			return nil, fail("响应头前没有路径", "先写一行顶格的路径，如 /*")
		}
		key, value, ok := strings.Cut(trimmed, ":")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if !ok || key == "" || value == "" || strings.ContainsAny(key, " \t") {
			return nil, fail(fmt.Sprintf("%q 不是“名称: 值”形式的响应头", trimmed), "每行一个响应头，名称后加冒号和空格再写值")
		}
		rules[len(rules)-1].Header.Add(key, value)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, r := range rules {
		if len(r.Header) == 0 {
			line = r.Line
			return nil, fail(fmt.Sprintf("路径 %s 下没有响应头", r.Pattern), "在路径下加缩进的“名称: 值”行，或删去该路径")
		}
	}
	return rules, nil
}

// HeadersFor returns the headers that apply to the URL path p: those of
// every rule whose pattern matches p, in file order (as both hosts do,
// repeated names are joined with ", ").
func HeadersFor(rules []HeaderRule, p string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !r.Matches(p) {
			continue
		}
		for k, vs := range r.Header {
			for _, v := range vs {
				if old := h.Get(k); old != "" {
					v = old + ", " + v
				}
				h.Set(k, v)
			}
		}
	}
	return h
}

// ParseCSP splits a Content-Security-Policy value into its directives, each
// name lower-cased, mapped to its source list in order.
func ParseCSP(policy string) map[string][]string {
	d := map[string][]string{}
	for _, part := range strings.Split(policy, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if _, dup := d[name]; dup {
			continue // browsers ignore a repeated directive
		}
		d[name] = fields[1:]
	}
	return d
}
