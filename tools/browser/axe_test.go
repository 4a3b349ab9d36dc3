package browser

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// axeTags are the rules axe-core runs: WCAG 2.1 A and AA (issue 3).
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']`

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// needAxe returns axe.min.js from tools/browser/node_modules (npm ci
// --prefix tools/browser). Missing, it fails the test in CI and skips it
// elsewhere.
func needAxe(t *testing.T) string {
	t.Helper()
	needSite(t)
	axeOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join(env.root, "tools", "browser", "node_modules", "axe-core", "axe.min.js"))
		axeSource, axeErr = string(b), err
	})
	if axeErr != nil {
		msg := fmt.Sprintf("axe-core is not installed (%v); run `npm ci --prefix tools/browser` (bash .ci/run does this)", axeErr)
		if errors.Is(axeErr, os.ErrNotExist) && os.Getenv("CI") != "true" {
			t.Skip(msg)
		}
		t.Fatal(msg)
	}
	return axeSource
}

type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// runAxe injects axe-core into the page through the DevTools protocol (which
// the page's CSP does not govern) and returns the WCAG 2.1 A/AA violations.
func runAxe(t *testing.T, p *page) []axeViolation {
	t.Helper()
	src := needAxe(t)
	if !eval[bool](p, `typeof window.axe === 'object'`) {
		eval[bool](p, src+"\n;true")
	}
	return eval[[]axeViolation](p, `axe.run(document, {
		runOnly: {type: 'tag', values: `+axeTags+`},
		resultTypes: ['violations'],
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''})),
	})))`)
}

// reportAxe fails t with every violation: rule, impact, elements and help.
func reportAxe(t *testing.T, where string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s — %s", where, v.ID, v.Impact, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == 8 {
				fmt.Fprintf(&b, "\n    … %d elements in all", len(v.Nodes))
				break
			}
			fmt.Fprintf(&b, "\n    %s  %s", strings.Join(n.Target, " "), abbrev(n.HTML))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(abbrev(n.Summary), "\n", " "))
			}
		}
		t.Error(b.String())
	}
}

// TestAxeOnEveryPageType runs axe-core (WCAG 2.1 A/AA) on every page type,
// on /issues/ with a filter applied, and with the larger text on.
func TestAxeOnEveryPageType(t *testing.T) {
	needAxe(t)
	for _, pt := range pageTypes(t) {
		t.Run(pt.name, func(t *testing.T) {
			p := newPage(t)
			p.goToStatus(pt.path, pt.status)
			reportAxe(t, pt.path, runAxe(t, p))
		})
	}
	t.Run("issues-filtered", func(t *testing.T) {
		p := newPage(t)
		p.goTo("/issues/")
		p.choose("status", "正在整改")
		p.expectRows("/issues/ with status 正在整改", env.data.keys(filter{Status: "正在整改"}))
		reportAxe(t, "/issues/ filtered by status", runAxe(t, p))
	})
	t.Run("larger-text", func(t *testing.T) {
		p := newPage(t)
		p.goTo(env.data.problems[0].path())
		p.setLargerText(true)
		defer p.setLargerText(false)
		reportAxe(t, env.data.problems[0].path()+" with larger text", runAxe(t, p))
	})
}
