package browser

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wuhan-rectify/tracker/tools/finish"
	"github.com/wuhan-rectify/tracker/tools/internal/repo"
)

// env is what TestMain sets up once for the whole test binary: the real site
// built with the real Hugo, served on 127.0.0.1 with the headers of
// static/_headers, and one headless Chromium.
var env struct {
	root      string // module root
	site      string // built site
	base      string // http://127.0.0.1:PORT (no trailing slash)
	host      string // 127.0.0.1:PORT
	rules     []HeaderRule
	headersOf string // where the rules come from, for messages
	artifacts string // where screenshots and PDFs go
	data      *siteData

	browser context.Context // chromedp context of the browser; tabs are its children

	// unavailable says why the browser tests cannot run; fatal makes them
	// fail (CI) instead of skip. siteErr says why the site is not there.
	unavailable string
	fatal       bool
	siteErr     string
}

// defaultCSP is applied when static/_headers does not exist yet: the policy
// the site must work under (issue 3, security).
const defaultCSP = "default-src 'self'"

func TestMain(m *testing.M) {
	flag.Parse()
	cleanup := setup()
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// setup prepares env and returns what undoes it. It never stops the run: a
// missing browser is recorded in env.unavailable and a broken site in
// env.siteErr, so that every test that needs them reports why (needBrowser,
// needSite) while the tests that do not still run.
func setup() (cleanup func()) {
	var cleanups []func()
	cleanup = func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	unavailable := func(fatal bool, format string, args ...any) func() {
		env.unavailable = fmt.Sprintf(format, args...)
		env.fatal = fatal
		return cleanup
	}
	ci := os.Getenv("CI") == "true"

	root, err := repo.Root()
	if err != nil {
		return unavailable(true, "%v", err)
	}
	env.root = root
	if testing.Short() {
		// Neither the browser nor the site: the tests that need them skip.
		return unavailable(false, "-short: no browser tests")
	}
	env.artifacts = os.Getenv("ARTIFACTS_DIR")
	if env.artifacts == "" {
		env.artifacts = filepath.Join(root, "artifacts")
	}

	exe := chromiumPath()
	if exe == "" {
		return unavailable(ci, "headless Chromium not found (looked for $CHROMIUM, /usr/bin/chromium, and chromium, chromium-browser on PATH); install it with `apt-get install chromium` (bash .ci/run does this)")
	}

	tmp, err := os.MkdirTemp("", "rectify-browser-")
	if err != nil {
		return unavailable(true, "%v", err)
	}
	cleanups = append(cleanups, func() { os.RemoveAll(tmp) })

	profile := filepath.Join(tmp, "profile")
	var browserLog bytes.Buffer
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&browserLog),
	)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	cleanups = append(cleanups, cancelAlloc, cancelBrowser)
	// The first Do starts the browser; its life is bound to browserCtx.
	if err := chromedp.Do(browserCtx); err != nil {
		return unavailable(true, "starting %s: %v\n%s", exe, err, browserLog.String())
	}
	env.browser = browserCtx

	if err := setupSite(root, tmp, &cleanups); err != nil {
		env.siteErr = err.Error()
	}
	return cleanup
}

// setupSite builds the real site and serves it; an error fails every test
// that needs the site (see needSite).
func setupSite(root, tmp string, cleanups *[]func()) error {
	data, err := loadSiteData(root)
	if err != nil {
		return fmt.Errorf("reading the notices: %v", err)
	}
	env.data = data

	env.rules, env.headersOf, err = loadHeaderRules(root)
	if err != nil {
		return err
	}

	// The port is chosen first, because the site is built for its address.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening on 127.0.0.1: %v", err)
	}
	env.host = ln.Addr().String()
	env.base = "http://" + env.host

	env.site = filepath.Join(tmp, "public")
	if err := buildSite(root, env.site, env.base+"/"); err != nil {
		ln.Close()
		return err
	}

	srv := &http.Server{Handler: SiteHandler(env.site, env.rules), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	*cleanups = append(*cleanups, func() { srv.Close() })
	return nil
}

// needBrowser skips or fails t when the browser tests cannot run.
func needBrowser(t testing.TB) {
	t.Helper()
	if env.unavailable == "" {
		return
	}
	if env.fatal {
		t.Fatal(env.unavailable)
	}
	t.Skip(env.unavailable + " (skipped: CI is not true)")
}

var siteErrTold atomic.Bool

// needSite fails t when the site could not be built or served.
func needSite(t testing.TB) {
	t.Helper()
	needBrowser(t)
	if env.siteErr != "" {
		if siteErrTold.Swap(true) {
			t.Fatal("the site could not be built or served; the first failing test says why")
		}
		t.Fatal(env.siteErr)
	}
}

// chromiumPath returns the Chromium to drive ($CHROMIUM if set), or "" if
// there is none.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return ""
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// loadHeaderRules reads static/_headers, or gives the default CSP when the
// file does not exist yet.
func loadHeaderRules(root string) ([]HeaderRule, string, error) {
	name := filepath.Join("static", "_headers")
	src, err := os.ReadFile(filepath.Join(root, name))
	if errors.Is(err, os.ErrNotExist) {
		rules, err := ParseHeaders("default", []byte("/*\n  Content-Security-Policy: "+defaultCSP+"\n"))
		return rules, "the default policy (static/_headers does not exist)", err
	}
	if err != nil {
		return nil, "", err
	}
	rules, err := ParseHeaders(name, src)
	if err != nil {
		return nil, "", err
	}
	if HeadersFor(rules, "/").Get("Content-Security-Policy") == "" {
		return nil, "", fmt.Errorf("%s gives no Content-Security-Policy for /", name)
	}
	return rules, name, nil
}

// buildSite builds the real site with the pinned Hugo (go tool hugo) from the
// module root into dest, for baseURL.
func buildSite(root, dest, baseURL string) error {
	cmd := exec.Command("go", "tool", "hugo",
		"--source", root,
		"--destination", dest,
		"--baseURL", baseURL,
		"--enableGitInfo=false",
		"--noBuildLock",
		"--cleanDestinationDir",
		"--logLevel", "warn",
	)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("building the site (%s): %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		return fmt.Errorf("building the site gave no index.html in %s:\n%s", dest, out)
	}
	return finishSite(root, dest)
}

// buildCopy builds the site at src (a copy of the repository's site files
// with data of a test's own) into out for baseURL with the pinned Hugo, as
// with the environment variables vars (HUGO_PARAMS_ASOF=…), and finishes
// it as rectify build does (finishSite).
func buildCopy(src, out, baseURL string, vars ...string) error {
	cmd := exec.Command("go", "tool", "hugo", "--source", src, "--destination", out, "--baseURL", baseURL,
		"--enableGitInfo=false", "--noBuildLock", "--logLevel", "warn")
	cmd.Dir = env.root
	cmd.Env = append(os.Environ(), vars...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", src, err, b)
	}
	return finishSite(src, out)
}

// finishSite does to the site built into dest from src what rectify build
// does after Hugo (finish.Site: the rest of the open data, dated today,
// and the search index).
func finishSite(src, dest string) error {
	if err := finish.Site(src, dest, time.Now(), nil); err != nil {
		return fmt.Errorf("finishing %s: %v", dest, err)
	}
	return nil
}
