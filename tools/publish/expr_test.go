package publish

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

// evalCond evaluates the small part of the condition languages that our
// pipelines use, so that tests can ask "which jobs and steps run for a pull
// request, and which for a push to main?":
//
//   - GitHub Actions `if:` (with or without ${{ }}): github.ref,
//     github.event_name, 'strings', ==, !=, &&, ||, !, ( ), and the status
//     functions success(), always(), cancelled(), failure() for a run in
//     which nothing failed;
//   - GitLab CI `rules: if:`: $VARIABLES (unset is empty), "strings", ==,
//     !=, &&, ||, ( ).
//
// vars maps a context path ("github.ref") or variable ("CI_COMMIT_BRANCH")
// to its value. Anything else is an error, so that a condition this
// evaluator does not understand fails the test instead of being guessed.
func evalCond(cond string, vars map[string]string) (bool, error) {
	s := strings.TrimSpace(cond)
	if strings.HasPrefix(s, "${{") && strings.HasSuffix(s, "}}") {
		s = strings.TrimSpace(s[3 : len(s)-2])
	}
	toks, err := lex(s)
	if err != nil {
		return false, err
	}
	p := &condParser{toks: toks, vars: vars}
	v, err := p.or()
	if err != nil {
		return false, err
	}
	if p.pos != len(p.toks) {
		return false, fmt.Errorf("unexpected %q in %q", p.toks[p.pos].text, cond)
	}
	return truthy(v), nil
}

type tokKind int

const (
	tokOp tokKind = iota
	tokString
	tokName
)

type token struct {
	kind tokKind
	text string
}

func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case strings.HasPrefix(s[i:], "==") || strings.HasPrefix(s[i:], "!=") ||
			strings.HasPrefix(s[i:], "&&") || strings.HasPrefix(s[i:], "||"):
			toks = append(toks, token{tokOp, s[i : i+2]})
			i += 2
		case c == '!' || c == '(' || c == ')':
			toks = append(toks, token{tokOp, s[i : i+1]})
			i++
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("unterminated string in %q", s)
			}
			toks = append(toks, token{tokString, s[i+1 : i+1+end]})
			i += end + 2
		case c == '$' || c == '_' || unicode.IsLetter(rune(c)):
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] == '.' || s[j] == '-' ||
				unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j]))) {
				j++
			}
			toks = append(toks, token{tokName, s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q in %q", c, s)
		}
	}
	return toks, nil
}

type condParser struct {
	toks []token
	pos  int
	vars map[string]string
}

// A value is a string; booleans are "true" and "".
func truthy(v string) bool { return v != "" }

func boolValue(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func (p *condParser) peek(op string) bool {
	return p.pos < len(p.toks) && p.toks[p.pos].kind == tokOp && p.toks[p.pos].text == op
}

func (p *condParser) or() (string, error) {
	v, err := p.and()
	for err == nil && p.peek("||") {
		p.pos++
		var w string
		w, err = p.and()
		v = boolValue(truthy(v) || truthy(w))
	}
	return v, err
}

func (p *condParser) and() (string, error) {
	v, err := p.cmp()
	for err == nil && p.peek("&&") {
		p.pos++
		var w string
		w, err = p.cmp()
		v = boolValue(truthy(v) && truthy(w))
	}
	return v, err
}

func (p *condParser) cmp() (string, error) {
	v, err := p.unary()
	if err != nil {
		return "", err
	}
	for _, op := range []string{"==", "!="} {
		if p.peek(op) {
			p.pos++
			w, err := p.unary()
			if err != nil {
				return "", err
			}
			return boolValue((v == w) == (op == "==")), nil
		}
	}
	return v, nil
}

func (p *condParser) unary() (string, error) {
	if p.peek("!") {
		p.pos++
		v, err := p.unary()
		return boolValue(!truthy(v)), err
	}
	if p.peek("(") {
		p.pos++
		v, err := p.or()
		if err != nil {
			return "", err
		}
		if !p.peek(")") {
			return "", fmt.Errorf("missing )")
		}
		p.pos++
		return v, nil
	}
	if p.pos >= len(p.toks) {
		return "", fmt.Errorf("condition ends too early")
	}
	t := p.toks[p.pos]
	p.pos++
	switch t.kind {
	case tokString:
		return t.text, nil
	case tokName:
		if p.peek("(") { // status function of a run in which nothing failed
			p.pos++
			if !p.peek(")") {
				return "", fmt.Errorf("function %s with arguments is not supported", t.text)
			}
			p.pos++
			switch t.text {
			case "success", "always":
				return "true", nil
			case "cancelled", "failure":
				return "", nil
			}
			return "", fmt.Errorf("unknown function %s()", t.text)
		}
		name := strings.TrimPrefix(t.text, "$")
		v, ok := p.vars[name]
		if !ok && !strings.HasPrefix(t.text, "$") {
			return "", fmt.Errorf("unknown name %q (not in the scenario)", t.text)
		}
		return v, nil // an unset $VARIABLE is empty
	}
	return "", fmt.Errorf("unexpected %q", t.text)
}

func TestEvalCond(t *testing.T) {
	gh := map[string]string{"github.ref": "refs/heads/main", "github.event_name": "push"}
	gl := map[string]string{"CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}
	for _, tc := range []struct {
		cond string
		vars map[string]string
		want bool
	}{
		{"${{ github.ref == 'refs/heads/main' && github.event_name != 'pull_request' }}", gh, true},
		{"github.ref != 'refs/heads/main' || github.event_name == 'pull_request'", gh, false},
		{"${{ !cancelled() }}", gh, true},
		{"!(github.ref == 'refs/heads/main')", gh, false},
		{`$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`, gl, true},
		{`$CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH`, gl, false},
		{`$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS`, gl, false},
		{`$CI_PIPELINE_SOURCE == "merge_request_event"`, gl, false},
		{`$CI_COMMIT_BRANCH`, gl, true},
	} {
		got, err := evalCond(tc.cond, tc.vars)
		if err != nil || got != tc.want {
			t.Errorf("evalCond(%q) = %v, %v; want %v", tc.cond, got, err, tc.want)
		}
	}
	for _, bad := range []string{"github.sha == 'x'", "contains(github.ref, 'x')", "github.ref ==", "'a' = 'b'"} {
		if _, err := evalCond(bad, gh); err == nil {
			t.Errorf("evalCond(%q): no error for a condition it cannot evaluate", bad)
		}
	}
}
