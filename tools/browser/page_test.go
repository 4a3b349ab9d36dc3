package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The CSP watch: a script in an isolated world of every document listens for
// securitypolicyviolation events and reports them through a binding. The
// page's own scripts cannot see or disturb it, and the page's CSP does not
// apply to it. Chromium's console messages about the CSP are caught as well
// (they also come when scripts are off).
const (
	watchWorld  = "rectify-test-watch"
	cspBinding  = "rectifyReportCSP"
	watchScript = `document.addEventListener('securitypolicyviolation', (e) => {
  ` + cspBinding + `(JSON.stringify({
    document: e.documentURI, directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, sample: e.sample, disposition: e.disposition,
  }));
}, true);`
)

// page is one browser tab of a test. Everything the tab does is watched: a
// CSP violation, a console error or uncaught exception, and a request to any
// host but the test server fail the test when it ends.
type page struct {
	t    *testing.T
	ctx  context.Context
	base string // server of the pages, normally env.base
	host string // the one host the tab may request, normally env.host

	mu        sync.Mutex
	csp       []string // securitypolicyviolation events
	cspLog    []string // Chromium's console messages about the CSP
	errs      []string
	foreign   []string
	docs      map[string]http.Header // main document responses by URL
	notFound  map[string]bool        // URLs whose 404 the test expects
	noChecks  bool                   // for the harness self-test
	scriptOff bool
}

type pageOption func(*page)

// forFixture marks a tab of the harness self-tests: it does not need the
// site, and its end-of-test checks are off (the test inspects the findings).
func forFixture(p *page) { p.noChecks = true }

// withoutJS turns JavaScript off in the tab before the first page loads.
func withoutJS(p *page) { p.scriptOff = true }

// newPage opens a tab and arranges the checks that run when the test ends.
func newPage(t *testing.T, opts ...pageOption) *page {
	t.Helper()
	p := &page{t: t, base: env.base, host: env.host, docs: map[string]http.Header{}, notFound: map[string]bool{}}
	for _, o := range opts {
		o(p)
	}
	if p.noChecks {
		needBrowser(t)
	} else {
		needSite(t)
	}
	ctx, cancel := context.WithTimeout(env.browser, 3*time.Minute)
	tab, cancelTab := chromedp.NewContext(ctx, chromedp.WithListener(p.on))
	t.Cleanup(cancel)
	t.Cleanup(cancelTab)
	t.Cleanup(p.check) // runs first: cleanups run last-in first-out
	p.ctx = tab
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, runtime.AddBinding, runtime.AddBindingParams{Name: cspBinding, ExecutionContextName: watchWorld}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript, WorldName: watchWorld}); err != nil {
			return err
		}
		if p.scriptOff {
			if _, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				return err
			}
		}
		return nil
	}))
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return p
}

// on runs in the tab's event loop: it must return fast and send no command.
func (p *page) on(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventBindingCalled:
		if ev.Name == cspBinding {
			p.csp = append(p.csp, describeViolation(ev.Payload))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.errs = append(p.errs, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			p.errs = append(p.errs, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		switch {
		case strings.Contains(e.Text, "Content Security Policy"):
			p.cspLog = append(p.cspLog, fmt.Sprintf("console (%s) %s: %s", e.Source, e.URL, e.Text))
		case e.Level == cdplog.EntryLevelError && e.Source == cdplog.EntrySourceNetwork && p.notFound[e.URL]:
			// The test asked for a missing page on purpose.
		case e.Level == cdplog.EntryLevelError:
			p.errs = append(p.errs, fmt.Sprintf("console (%s) %s: %s", e.Source, e.URL, e.Text))
		}
	case *network.EventRequestWillBeSent:
		if !p.local(ev.Request.URL) {
			p.foreign = append(p.foreign, ev.Request.URL+" (from "+ev.DocumentURL+")")
		}
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument && ev.Response != nil {
			h := http.Header{}
			for k, v := range ev.Response.Headers {
				for _, line := range strings.Split(fmt.Sprint(v), "\n") {
					h.Add(k, line)
				}
			}
			p.docs[unescapeURL(ev.Response.URL)] = h
		}
	}
}

// describeViolation turns the watch script's report into one line:
// "<document>: <directive> blocked <what> at <source>:<line>".
func describeViolation(payload string) string {
	var v struct {
		Document, Directive, Blocked, Source, Sample, Disposition string
		Line                                                      int
	}
	if err := json.Unmarshal([]byte(payload), &v); err != nil {
		return payload
	}
	s := fmt.Sprintf("%s: %s blocked %s at %s:%d", unescapeURL(v.Document), v.Directive, v.Blocked, unescapeURL(v.Source), v.Line)
	if v.Sample != "" {
		s += " (" + v.Sample + ")"
	}
	if v.Disposition != "enforce" {
		s += " [" + v.Disposition + "]"
	}
	return s
}

// local says whether a request goes to the test server (or needs no
// network at all, like data: and blob: URLs, which the CSP governs).
func (p *page) local(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		return u.Host == p.host
	}
	return false
}

// settle lets the page deliver pending events (violation reports are queued
// as tasks) before the test reads what was seen.
// With scripts off the page runs no timers; a round trip is all there is.
func (p *page) settle() {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	js := `new Promise(r => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0))`
	if p.scriptOff {
		js = `0`
	}
	chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js, chromedp.EvalAwaitPromise))
}

// findings returns what the tab has seen so far. The CSP violations are the
// securitypolicyviolation events, or Chromium's console messages when no
// event came (the same violation usually gives both).
func (p *page) findings() (csp, errs, foreign []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	csp = append([]string(nil), p.csp...)
	if len(csp) == 0 {
		csp = append(csp, p.cspLog...)
	}
	return csp, append([]string(nil), p.errs...), append([]string(nil), p.foreign...)
}

// check fails the test for every CSP violation, console error and request to
// another host that the tab saw.
func (p *page) check() {
	if p.noChecks || p.ctx == nil {
		return
	}
	p.settle()
	csp, errs, foreign := p.findings()
	for _, v := range csp {
		p.t.Errorf("CSP violation (policy from %s): %s", env.headersOf, v)
	}
	for _, e := range errs {
		p.t.Errorf("browser console error: %s", e)
	}
	for _, f := range foreign {
		p.t.Errorf("request to a host other than the test server %s: %s", p.host, f)
	}
}

// goTo loads the site path (e.g. "/issues/?status=x") and fails the test on
// an error or a status other than 200.
func (p *page) goTo(path string) {
	p.t.Helper()
	p.goToStatus(path, http.StatusOK)
}

// goToStatus loads path and checks the HTTP status of the document.
func (p *page) goToStatus(path string, status int) {
	p.t.Helper()
	u := p.base + path
	if status == http.StatusNotFound {
		p.mu.Lock()
		p.notFound[u] = true
		p.mu.Unlock()
	}
	resp, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(u))
	if err != nil {
		p.t.Fatalf("loading %s: %v", path, err)
	}
	if resp != nil && int(resp.Status) != status {
		p.t.Fatalf("loading %s: HTTP %d, want %d", path, resp.Status, status)
	}
}

// docHeaders returns the response headers of the main document at path.
func (p *page) docHeaders(path string) http.Header {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.docs[unescapeURL(p.base+path)]
}

// unescapeURL decodes the percent-encoding of a URL, so that a URL as the
// browser reports it and a path with Chinese terms compare equal.
func unescapeURL(u string) string {
	if s, err := url.PathUnescape(u); err == nil {
		return s
	}
	return u
}

// do runs actions and fails the test on an error.
func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value
// into T; the test fails on an exception.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", abbrev(js), err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is true; it reports false
// when timeout passes first (the caller then reports what it sees instead).
func (p *page) waitFor(predicate string, timeout time.Duration) bool {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](predicate,
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(timeout)))
	if errors.Is(err, chromedp.ErrPollingTimeout) {
		return false
	}
	if err != nil {
		p.t.Fatalf("waiting for %s: %v", abbrev(predicate), err)
	}
	return true
}

// viewport sets the width of the tab (and a phone's properties below 800 px).
func (p *page) viewport(width int64) {
	p.t.Helper()
	if width < 800 {
		p.do("emulating a phone", chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile, chromedp.EmulateTouch))
		return
	}
	p.do("setting the viewport", chromedp.EmulateViewport(width, 900))
}

// saveArtifact writes a test artifact under $ARTIFACTS_DIR.
func saveArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	path := filepath.Join(env.artifacts, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("artifact: %s", path)
}

// clearArtifacts removes the artifacts of an earlier run from one subfolder.
func clearArtifacts(t *testing.T, sub string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(env.artifacts, sub)); err != nil {
		t.Fatal(err)
	}
}

func abbrev(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// jsString quotes a Go value for JavaScript source.
func jsString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
