package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"
	"github.com/wuhan-rectify/tracker/tools/notice"
)

// The overdue filter (逾期) needs problems with deadlines. The real data may
// have none, so these tests build a copy of the site whose seed notice has
// deadlines, a staff file and a change log, with a later notice that
// continues it, as of a fixed day, and serve it like the real one (with the
// headers of static/_headers).

const (
	overdueAsOf     = "2026-11-30"
	overdueAsOfText = "截至2026年11月30日"
)

// overdueStaff is the seed's staff file of the copy: problem 6's deadline is
// past but an update says 已完成, so it is not overdue.
const overdueStaff = `[[problems.6.updates]]
date = "2021-02-01"
status = "已完成"
note = "已整改完毕。"
`

// laterStaff and laterNotice make a later notice that continues the seed:
// its problem 2 is the seed's 2, still being rectified.
const laterStaff = `[notice]
continues = "wuhan-eeb-2020"
official_url = "https://www.example.gov.cn/zhenggai/2021.html"

[problems.2]
continues = 2
status = "正在整改"
status_evidence = "仍在推进"
`

func laterNotice(t *testing.T, seed map[string]any) []byte {
	t.Helper()
	later := map[string]any{}
	for k, v := range seed {
		later[k] = v
	}
	later["id"], later["published"] = "t-later-2021", "2021-01"
	later["title"] = fmt.Sprint(seed["title"]) + "（续）"
	var issues []map[string]any
	for _, is := range seed["issues"].([]map[string]any) {
		c := map[string]any{}
		for k, v := range is {
			if !strings.HasPrefix(k, "deadline") {
				c[k] = v
			}
		}
		issues = append(issues, c)
	}
	later["issues"] = issues
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(later); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// overdueChangelog is the seed's change log in the copy.
const overdueChangelog = `{"notice":"wuhan-eeb-2020","first":{"date":"2020-06-01","commit":"abc1234"},
"entries":[
{"date":"2026-11-30","commit":"c0ffee1","problem":2,"problem_title":"大局观念不够牢固","field":"status","label":"整改状态","old":"正在整改","new":"已完成"},
{"date":"2026-11-29","commit":"c0ffee2","problem":0,"problem_title":"","field":"official_url","label":"官方发布页面","old":"","new":"https://www.example.gov.cn/a"}]}`

// overdueCopy is the built copy: its address and what its open data says
// (/data/issues.json, which tools/site checks against the data): every
// problem's key with its status and whether it is overdue.
type overdueCopy struct {
	base, host string
	all        []string
	overdue    []string
	status     map[string]string
}

// buildOverdueCopy builds the copy into a temporary directory of t and
// serves it until t ends.
func buildOverdueCopy(t *testing.T) *overdueCopy {
	t.Helper()
	needSite(t)
	if testing.Short() {
		t.Skip("builds a Hugo site")
	}
	src, dest := t.TempDir(), t.TempDir()
	for _, f := range []string{"config.toml", "content", "layouts", "static", "i18n", "assets"} {
		if err := copyAll(filepath.Join(env.root, f), filepath.Join(src, f)); err != nil {
			t.Fatal(err)
		}
	}
	var seed map[string]any
	if _, err := toml.DecodeFile(filepath.Join(env.root, "data", "notices", "wuhan-eeb-2020.toml"), &seed); err != nil {
		t.Fatal(err)
	}
	deadlines := map[int64][3]string{
		2: {"2020-12-31", "stated", "拟于2020年底前提请市政府常务会议审议"},
		4: {"2020-06-30", "inferred", "6月底前完成"},
		6: {"2020-12-31", "stated", "2020年底前完成"},
	}
	for _, is := range seed["issues"].([]map[string]any) {
		delete(is, "status_confirmed")
		delete(is, "updates")
		if d, ok := deadlines[is["number"].(int64)]; ok {
			is["deadline"], is["deadline_basis"], is["deadline_evidence"] = d[0], d[1], d[2]
		}
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(seed); err != nil {
		t.Fatal(err)
	}
	for rel, data := range map[string][]byte{
		"data/notices/wuhan-eeb-2020.toml":       buf.Bytes(),
		"data/staff/wuhan-eeb-2020.toml":         []byte(overdueStaff),
		"data/notices/t-later-2021.toml":         laterNotice(t, seed),
		"data/staff/t-later-2021.toml":           []byte(laterStaff),
		".rectify/changelog/wuhan-eeb-2020.json": []byte(overdueChangelog),
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The copy's data files are not imports (deadlines set by hand, a later
	// notice made from the seed): they must pass every rule of the data
	// model and of the staff files (notice.CheckFiles), though not the
	// comparison with a fresh import.
	paths := []string{filepath.Join(src, "data", "notices", "wuhan-eeb-2020.toml"), filepath.Join(src, "data", "notices", "t-later-2021.toml")}
	if _, diags := notice.CheckFiles(src, paths, time.Now()); notice.HasErrors(diags) {
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, d.String())
		}
		t.Fatalf("the copy's data does not pass the check:\n%s", strings.Join(msgs, "\n"))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &overdueCopy{host: ln.Addr().String(), status: map[string]string{}}
	c.base = "http://" + c.host
	if err := buildCopy(src, dest, c.base+"/", "HUGO_PARAMS_ASOF="+overdueAsOf); err != nil {
		ln.Close()
		t.Fatal(err)
	}
	srv := &http.Server{Handler: SiteHandler(dest, env.rules), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	data, err := os.ReadFile(filepath.Join(dest, "data", "issues.json"))
	if err != nil {
		t.Fatal(err)
	}
	var records []struct {
		Notice  string `json:"notice"`
		Number  int    `json:"number"`
		Status  string `json:"status"`
		Overdue bool   `json:"overdue"`
	}
	if err := json.Unmarshal(data, &records); err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		key := fmt.Sprintf("%s#%d", r.Notice, r.Number)
		c.all = append(c.all, key)
		c.status[key] = r.Status
		if r.Overdue {
			c.overdue = append(c.overdue, key)
		}
	}
	sort.Strings(c.all)
	sort.Strings(c.overdue)
	// The copy must tell a working filter from a broken one.
	for key, want := range map[string]bool{"wuhan-eeb-2020#2": true, "wuhan-eeb-2020#4": true, "wuhan-eeb-2020#6": false} {
		if slices.Contains(c.overdue, key) != want {
			t.Fatalf("the copy's open data says %s overdue=%v, want %v", key, !want, want)
		}
	}
	return c
}

// open opens a tab on the copy.
func (c *overdueCopy) open(t *testing.T, opts ...pageOption) *page {
	p := newPage(t, opts...)
	p.base, p.host = c.base, c.host
	return p
}

// keysWith returns the sorted keys of the overdue problems with a status
// ("" for any).
func (c *overdueCopy) keysWith(status string) []string {
	var out []string
	for _, k := range c.overdue {
		if status == "" || c.status[k] == status {
			out = append(out, k)
		}
	}
	return out
}

// TestOverdueFilter: on /issues/ the checkbox 只看逾期 (which states its count
// and the as-of date) keeps exactly the overdue problems, combines with the
// other filters, lives in the URL (?overdue=1), is restored when the URL is
// opened, and the reset button clears it.
func TestOverdueFilter(t *testing.T) {
	c := buildOverdueCopy(t)
	p := c.open(t)
	p.goTo("/issues/")
	// Unfiltered, /issues/ shows its first page of problems.
	own := visibleProblems(p)
	if size := eval[int](p, `+document.getElementById('filters').dataset.pageSize`); len(own) != min(size, len(c.all)) {
		t.Errorf("/issues/ before filtering shows %d problems, want a page of %d (of %d)", len(own), min(size, len(c.all)), len(c.all))
	}
	label := eval[string](p, `document.querySelector('label[for="f-overdue"]').textContent`)
	if want := fmt.Sprintf("只看逾期的问题（%d 个，%s）", len(c.overdue), overdueAsOfText); label != want {
		t.Errorf("the checkbox is labelled %q, want %q", label, want)
	}
	p.do("ticking 只看逾期", chromedp.Click(chromedp.CSS(`#f-overdue`)))
	p.expectRows("/issues/ with 只看逾期", c.overdue)
	p.expectCount("/issues/ with 只看逾期", len(c.overdue))
	p.expectQuery("/issues/ with 只看逾期", url.Values{"overdue": {"1"}})
	for _, key := range c.overdue {
		sel := fmt.Sprintf(`tr[data-issue="%s"] .tag.overdue`, strings.Replace(key, "#", "/", 1))
		if got := eval[string](p, fmt.Sprintf(`(document.querySelector(%s) || {}).textContent || ''`, jsString(sel))); got != "逾期" {
			t.Errorf("%s: its row has no text tag 逾期", key)
		}
	}

	const status = "正在整改"
	both := c.keysWith(status)
	if len(both) == 0 || len(both) == len(c.overdue) {
		t.Fatalf("the copy has %d overdue problems %s of %d overdue: the combination tells nothing", len(both), status, len(c.overdue))
	}
	p.choose("status", status)
	p.expectRows("/issues/ with 只看逾期 and "+status, both)
	p.expectQuery("/issues/ with 只看逾期 and "+status, url.Values{"overdue": {"1"}, "status": {status}})

	shared := eval[string](p, `location.pathname + location.search`)
	fresh := c.open(t)
	fresh.goTo(shared)
	if !eval[bool](fresh, `document.getElementById('f-overdue').checked`) {
		t.Errorf("opening %s: the checkbox 只看逾期 is not ticked", shared)
	}
	fresh.expectRows("opening "+shared, both)

	fresh.do("clearing the filters", chromedp.Click(chromedp.CSS(`#filters button[type="reset"]`)))
	fresh.expectRows("/issues/ after clearing the filters", own)
	fresh.expectQuery("/issues/ after clearing the filters", url.Values{})
	if eval[bool](fresh, `document.getElementById('f-overdue').checked`) {
		t.Error("clearing the filters leaves 只看逾期 ticked")
	}
}

// TestOverdueWithoutJS: without JavaScript the filter form stays hidden, and
// /issues/, the home page and the notice page link /overdue/, which lists
// exactly the overdue problems with the as-of date.
func TestOverdueWithoutJS(t *testing.T) {
	c := buildOverdueCopy(t)
	p := c.open(t, withoutJS)
	const visibleLink = `(() => {
		const a = [...document.querySelectorAll('main a[href]')].find(a =>
			new URL(a.href).pathname.startsWith('/overdue/') && a.checkVisibility({visibilityProperty: true}));
		return a ? new URL(a.href).pathname : '';
	})()`
	for _, path := range []string{"/", "/notices/wuhan-eeb-2020/", "/issues/"} {
		p.goTo(path)
		if got := eval[string](p, visibleLink); got == "" {
			t.Errorf("%s (JavaScript off) shows no link to /overdue/", path)
		}
	}
	if eval[bool](p, `document.getElementById('filters').checkVisibility()`) {
		t.Error("/issues/ (JavaScript off) shows the filter form, which needs JavaScript")
	}
	p.goTo(eval[string](p, visibleLink))
	compareProblems(t, "/overdue/ (JavaScript off)", c.overdue, visibleProblems(p))
	if text := eval[string](p, `document.querySelector('main').textContent`); !strings.Contains(strings.Join(strings.Fields(text), ""), overdueAsOfText) {
		t.Errorf("/overdue/ does not give the as-of date %s", overdueAsOfText)
	}
}

// TestOverduePagesAccessible runs axe-core (WCAG 2.1 A/AA) on the pages of
// the copy that show deadlines, 逾期, the history across notices and the
// change log, and checks that none scrolls sideways on a 375 px phone.
func TestOverduePagesAccessible(t *testing.T) {
	needAxe(t)
	c := buildOverdueCopy(t)
	paths := []string{"/", "/overdue/", "/issues/?overdue=1", "/notices/wuhan-eeb-2020/", "/notices/t-later-2021/",
		"/notices/wuhan-eeb-2020/issues/2/", "/notices/t-later-2021/issues/2/", "/notices/wuhan-eeb-2020/issues/",
		"/notices/wuhan-eeb-2020/changes/", "/notices/t-later-2021/changes/"}
	p := c.open(t)
	for _, path := range paths {
		p.goTo(path)
		reportAxe(t, path, runAxe(t, p))
	}
	phone := c.open(t)
	phone.viewport(375)
	for _, path := range paths {
		phone.goTo(path)
		phone.expectNoSideScroll(path, 375)
	}
	// The history marks the page itself, in words too.
	phone.goTo("/notices/t-later-2021/issues/2/")
	if got := eval[string](phone, `(document.querySelector('.history a[aria-current="page"]') || {}).pathname || ''`); got != "/notices/t-later-2021/issues/2/" {
		t.Errorf("the history of the later notice's problem 2 marks %q as the current page", got)
	}
}

// copyAll copies a file or a folder.
func copyAll(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
}
