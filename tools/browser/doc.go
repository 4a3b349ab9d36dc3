// Package browser holds the browser tests of the public site: they build the
// real site with the real Hugo into a temporary folder, serve it on 127.0.0.1
// with the headers of static/_headers (the strict CSP that the hosts send),
// and drive Debian's headless Chromium through chromedp.
//
// The tests check what a reader meets: the filters of /issues/ (rows, result
// count, URL state, reload, Back), the term pages with JavaScript off,
// axe-core (WCAG 2.1 A/AA) on every page type, the larger-text switch, no
// horizontal scroll at 375 px, no CSP violation and no request to another
// host, and the print stylesheet; and reading (reading_test.go): the
// keyword box with an input method, several words, full-width characters
// and category names; the filters folded and the tables fitting (or
// scrolling in a focusable, named box) on 360–414 px phones; no closing
// punctuation starting a line of a table, on phones and in print. Screenshots (375 px and 1280 px) and print
// PDFs go to $ARTIFACTS_DIR (default artifacts/ at the repository root).
//
// Needs: chromium (apt-get install chromium) and axe-core
// (npm ci --prefix tools/browser); .ci/run installs both. With CI=true a
// missing browser fails the tests; elsewhere they are skipped.
//
// The non-test code is what the tests share with a static host: reading a
// _headers file (ParseHeaders, HeadersFor) and serving a built site
// (SiteHandler).
package browser
