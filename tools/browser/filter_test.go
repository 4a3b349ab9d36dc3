package browser

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// filterJS is the prelude of the scripts that work the filters of /issues/
// as a reader does. A filter control is found by its name (the URL query
// key) or else by its label; an option is matched by its value or by its
// text (label prefix and count ignored).
const filterJS = `
const names = {status: ['status'], area: ['area'], category: ['category'],
	accountability: ['accountability', 'kind'], notice: ['notice'], q: ['q'],
	level: ['level'], unit: ['unit'], year: ['year']};
const hints = {status: /状态/, area: /方面/, category: /类别/, accountability: /问责/,
	notice: /通报/, q: /关键|搜索|查找|检索/, level: /层级/, unit: /单位/, year: /年份/};
const squash = (s) => (s || '').replace(/\s+/g, '');
const named = (text, value) => {
	let s = squash(text);
	const v = squash(value);
	if (s === v) return true;
	s = s.replace(/(?:[（(]\d+(?:个|项|人次|件|条)?[)）]|\d+(?:个|项|人次|件|条)?)$/, '');
	s = s.replace(/^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])/, '');
	return s === v;
};
const controls = () => [...document.querySelectorAll('input, select, textarea')]
	.map(e => (e.tagName.toLowerCase() + (e.type ? '[type=' + e.type + ']' : '') + (e.name ? '[name=' + e.name + ']' : '') + (e.id ? '#' + e.id : ''))).join(', ');
const control = (dim) => {
	for (const n of names[dim]) {
		// The page's own filters (in main) before the site-wide search
		// box of the header, which has a q too.
		const all = [...document.getElementsByName(n)];
		let els = all.filter(e => e.closest('main'));
		if (!els.length) els = all.filter(e => e.closest('form'));
		if (els.length) return els;
	}
	for (const l of document.querySelectorAll('label')) {
		if (hints[dim].test(l.textContent) && l.control) return [l.control];
	}
	throw new Error('no filter control for ' + dim + ' (by name ' + names[dim].join('/') + ' or by label); controls on the page: ' + controls());
};
const choose = (dim, value) => {
	const els = control(dim);
	const el = els[0];
	if (el.tagName === 'SELECT') {
		const opt = [...el.options].find(o => (value === '' ? o.value === '' : (o.value === value || named(o.textContent, value))));
		if (!opt) throw new Error('the ' + dim + ' filter has no option ' + value + '; options: ' + [...el.options].map(o => o.textContent.trim()).join(' | '));
		el.focus();
		el.value = opt.value;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return opt.value;
	}
	const r = els.find(e => e.value === value || [...(e.labels || [])].some(l => named(l.textContent, value)));
	if (!r) throw new Error('the ' + dim + ' filter has no choice ' + value);
	if (!r.checked) r.click();
	return r.value;
};
const shown = (dim) => {
	const els = control(dim);
	const el = els[0];
	if (el.tagName === 'SELECT') {
		const o = el.selectedOptions[0];
		return !o || o.value === '' ? '' : o.textContent;
	}
	if (el.type === 'radio' || el.type === 'checkbox') {
		const c = els.find(e => e.checked);
		return !c || c.value === '' ? '' : [...(c.labels || [])].map(l => l.textContent).join('') || c.value;
	}
	return el.value;
};
const selectorOf = (dim) => {
	const el = control(dim)[0];
	return el.id ? '#' + CSS.escape(el.id) : el.tagName.toLowerCase() + '[name="' + el.name + '"]';
};
const counts = () => [...document.querySelectorAll('[aria-live]')]
	.filter(e => e.checkVisibility()).map(e => e.textContent.replace(/\s+/g, ' ').trim());
`

// runFilter evaluates an expression after the filter prelude.
func runFilter[T any](p *page, expr string) T {
	p.t.Helper()
	return eval[T](p, "(() => {"+filterJS+"\nreturn "+expr+";\n})()")
}

// choose picks value in the filter of dimension dim, as a reader does. A
// select whose choices come with the index (filters.js) is given the time
// to get them.
func (p *page) choose(dim, value string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf(`(() => {%s
		try {
			const el = control(%s)[0];
			return el.tagName !== 'SELECT' || [...el.options].some(o => o.value === %s || named(o.textContent, %s));
		} catch (e) { return false; }
	})()`, filterJS, jsString(dim), jsString(value), jsString(value)), 10*time.Second)
	runFilter[string](p, fmt.Sprintf("choose(%s, %s)", jsString(dim), jsString(value)))
}

// expectRows waits until the visible problems are want, then reports any
// difference.
func (p *page) expectRows(where string, want []string) bool {
	p.t.Helper()
	wantJSON, _ := json.Marshal(append([]string{}, want...)) // [] rather than null
	// (not while the filters are at work: the rows are cleared on the way)
	p.waitFor(fmt.Sprintf("!document.querySelector('main [aria-busy=\"true\"]') && JSON.stringify(%s) === %s", visibleProblemsJS, jsString(string(wantJSON))), 10*time.Second)
	return compareProblems(p.t, where, want, visibleProblems(p))
}

// expectCount waits until a visible aria-live region (the live result
// count) says n, and reports what it says otherwise.
func (p *page) expectCount(where string, n int) {
	p.t.Helper()
	pred := fmt.Sprintf(`(() => {%s
		return counts().some(t => new RegExp('(^|\\D)%d(\\D|$)').test(t));
	})()`, filterJS, n)
	if p.waitFor(pred, 10*time.Second) {
		return
	}
	texts := runFilter[[]string](p, "counts()")
	if len(texts) == 0 {
		p.t.Errorf("%s: no visible aria-live region (the result count must be announced)", where)
		return
	}
	p.t.Errorf("%s: the result count says %q, want the number %d", where, texts, n)
}

// query returns the decoded query of the page's URL, without empty values.
func (p *page) query() url.Values {
	p.t.Helper()
	raw := eval[string](p, `location.search`)
	v, err := url.ParseQuery(strings.TrimPrefix(raw, "?"))
	if err != nil {
		p.t.Fatalf("the URL query %q does not parse: %v", raw, err)
	}
	for k, vs := range v {
		if len(vs) == 1 && vs[0] == "" {
			delete(v, k)
		}
	}
	return v
}

// expectQuery waits until the URL query has exactly the wanted filters.
func (p *page) expectQuery(where string, want url.Values) {
	p.t.Helper()
	pred := fmt.Sprintf(`(() => {
		const want = %s;
		const got = new URLSearchParams(location.search);
		const keys = new Set([...got.keys()].filter(k => got.get(k) !== ''));
		return keys.size === Object.keys(want).length && Object.entries(want).every(([k, v]) => got.get(k) === v[0]);
	})()`, jsString(want))
	if p.waitFor(pred, 10*time.Second) {
		return
	}
	p.t.Errorf("%s: the URL query is %q (decoded %v), want %v", where, eval[string](p, `location.search`), p.query(), want)
}

// expectShown checks that the filter controls show the state.
func (p *page) expectShown(where string, f filter) {
	p.t.Helper()
	for _, c := range []struct{ dim, want string }{
		{"status", f.Status}, {"area", f.Area}, {"category", f.Category}, {"accountability", f.Kind},
	} {
		if c.want == "" {
			continue
		}
		got := runFilter[string](p, fmt.Sprintf("shown(%s)", jsString(c.dim)))
		if !linkNames(got, c.want) {
			p.t.Errorf("%s: the %s filter shows %q, want %q", where, c.dim, got, c.want)
		}
	}
	if got := runFilter[string](p, "shown('q')"); got != f.Q {
		p.t.Errorf("%s: the keyword box holds %q, want %q", where, got, f.Q)
	}
}

// TestIssuesStatusAndKindFilter: the filters of /issues/ keep their state
// in the URL: Back and Forward return to earlier states, and a shared link
// or a reload restores the filters and the rows.
func TestIssuesStatusAndKindFilter(t *testing.T) {
	p := newPage(t)
	d := env.data
	const status = "正在整改"
	byStatus := filter{Status: status}
	if len(d.keys(byStatus)) == 0 {
		t.Fatalf("no problem has status %s in data/notices: the test cannot tell a working filter from a broken one", status)
	}
	both := filter{Status: status}
	for _, k := range d.kinds() {
		if n := len(d.keys(filter{Status: status, Kind: k})); n > 0 && n < len(d.keys(byStatus)) {
			both.Kind = k
			break
		}
	}
	if both.Kind == "" {
		t.Fatalf("no accountability kind narrows the %s problems: the combination cannot be tested", status)
	}
	t.Logf("status %s: %d problems; with %s: %d", status, len(d.keys(byStatus)), both.Kind, len(d.keys(both)))

	p.goTo("/issues/")
	p.expectRows("/issues/ before filtering", d.keys(filter{}))
	p.expectCount("/issues/ before filtering", len(d.keys(filter{})))

	p.choose("status", status)
	p.expectRows("/issues/ with status "+status, d.keys(byStatus))
	p.expectCount("/issues/ with status "+status, len(d.keys(byStatus)))
	p.expectQuery("/issues/ with status "+status, url.Values{"status": {status}})

	p.choose("accountability", both.Kind)
	where := fmt.Sprintf("/issues/ with status %s and %s", status, both.Kind)
	p.expectRows(where, d.keys(both))
	p.expectCount(where, len(d.keys(both)))
	p.expectQuery(where, url.Values{"status": {status}, "accountability": {both.Kind}})
	filtered := eval[string](p, `location.href`)

	// Back returns to an earlier state, and the page shows that state.
	p.do("going back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	if !p.waitFor(fmt.Sprintf(`location.href !== %s`, jsString(filtered)), 10*time.Second) {
		t.Errorf("Back did not leave %s: the filter states are not in the history", pathOf(filtered))
	} else {
		path := eval[string](p, `location.pathname`)
		if path != "/issues/" {
			t.Fatalf("Back left /issues/ for %s: the filter states are not in the history", path)
		}
		v := p.query()
		prev := filter{Status: v.Get("status"), Kind: v.Get("accountability")}
		for k := range v {
			if k != "status" && k != "accountability" {
				t.Errorf("after Back the URL has the filter %s=%s that was never chosen", k, v.Get(k))
			}
		}
		where := fmt.Sprintf("/issues/ after Back (URL %s)", pathOf(eval[string](p, `location.href`)))
		p.expectRows(where, d.keys(prev))
		p.expectCount(where, len(d.keys(prev)))
		p.expectShown(where, prev)

		p.do("going forward", chromedp.Evaluate[chromedp.Void](`history.forward()`))
		if p.waitFor(fmt.Sprintf(`location.href === %s`, jsString(filtered)), 10*time.Second) {
			p.expectRows("/issues/ after Back and Forward", d.keys(both))
		} else {
			t.Errorf("Forward did not return to %s", pathOf(filtered))
		}
	}

	// The URL is shareable: opening it restores the filters and the rows.
	u, err := url.Parse(filtered)
	if err != nil {
		t.Fatal(err)
	}
	fresh := newPage(t)
	fresh.goTo(u.RequestURI())
	where = "opening " + pathOf(filtered)
	fresh.expectShown(where, both)
	fresh.expectRows(where, d.keys(both))
	fresh.expectCount(where, len(d.keys(both)))

	// And a reload keeps them.
	fresh.do("reloading", chromedp.Reload())
	fresh.expectShown("after a reload of "+pathOf(filtered), both)
	fresh.expectRows("after a reload of "+pathOf(filtered), d.keys(both))
}

func TestIssuesAreaAndAccountabilityFilter(t *testing.T) {
	needSite(t)
	d := env.data
	pair, ok := d.pairFor()
	if !ok {
		t.Fatal("no area and accountability kind in data/notices narrow each other; the combination cannot be tested")
	}
	cases := []filter{pair}
	// The question of issue 3: problems still being rectified that led to 诫勉.
	cases = append(cases, filter{Status: "正在整改", Kind: "诫勉"})
	for _, f := range cases {
		var parts []string
		for _, v := range []string{f.Status, f.Area, f.Kind} {
			if v != "" {
				parts = append(parts, v)
			}
		}
		name := strings.Join(parts, "+")
		t.Run(name, func(t *testing.T) {
			p := newPage(t)
			p.goTo("/issues/")
			where := "/issues/ with " + name
			if f.Status != "" {
				p.choose("status", f.Status)
			}
			if f.Area != "" {
				p.choose("area", f.Area)
				p.expectRows("/issues/ with area "+f.Area, d.keys(filter{Status: f.Status, Area: f.Area}))
			}
			p.choose("accountability", f.Kind)
			p.expectRows(where, d.keys(f))
			p.expectCount(where, len(d.keys(f)))
			// With no rows, no table head over nothing (the count says 0).
			if hidden := eval[bool](p, `document.getElementById('issues').hidden`); hidden != (len(d.keys(f)) == 0) {
				t.Errorf("%s: %d problems, and the table is hidden: %v", where, len(d.keys(f)), hidden)
			}
			if n := len(p.query()); n < 2 {
				t.Errorf("%s: the URL query %v keeps %d filters, want both", where, p.query(), n)
			}
			shared := eval[string](p, `location.pathname + location.search`)
			fresh := newPage(t)
			fresh.goTo(shared)
			// The area's choices come with the index: the rows tell when.
			fresh.expectRows("opening "+pathOf(shared), d.keys(f))
			fresh.expectShown("opening "+pathOf(shared), f)
		})
	}
}

// TestFiltersRestOnKeyboardSteps: stepping through a select's choices with
// the keyboard (one change event a step) filters, announces the count (a
// live region) and adds to the history once, when it rests, not at every
// step; meanwhile the table is aria-busy.
func TestFiltersRestOnKeyboardSteps(t *testing.T) {
	p := newPage(t)
	p.goTo("/issues/?status=" + url.QueryEscape("正在整改"))
	if !p.waitFor(`/符合条件的问题/.test(document.getElementById('result-count').textContent)`, 20*time.Second) {
		t.Fatalf("/issues/?status=正在整改: no count: %q", eval[string](p, `document.getElementById('result-count').textContent`))
	}
	eval[bool](p, `(() => {
		const count = document.getElementById('result-count'), s = document.getElementById('f-status');
		window.stepped = {texts: [], history: history.length};
		new MutationObserver(() => window.stepped.texts.push(count.textContent)).observe(count, {childList: true, characterData: true, subtree: true});
		const values = [...s.options].map(o => o.value);
		let i = 0;
		const step = () => {
			s.value = values[i % values.length];
			s.dispatchEvent(new Event('change', {bubbles: true}));
			if (++i < 4) setTimeout(step, 60);
		};
		step();
		return true;
	})()`)
	// Until the rows are in, the table says it is at work.
	if b := eval[string](p, `document.getElementById('issues').getAttribute('aria-busy') || ''`); b != "true" {
		t.Errorf("/issues/: while the status choices are stepped through, the table's aria-busy is %q, want true", b)
	}
	time.Sleep(1500 * time.Millisecond)
	if b := eval[bool](p, `document.getElementById('issues').hasAttribute('aria-busy')`); b {
		t.Errorf("/issues/: the table is still aria-busy once its rows are in")
	}
	type stepped struct {
		Texts   []string `json:"texts"`
		History int      `json:"history"`
		Now     int      `json:"now"`
	}
	r := eval[stepped](p, `({texts: window.stepped.texts, history: window.stepped.history, now: history.length})`)
	if len(r.Texts) != 1 {
		t.Errorf("/issues/: 4 steps through the status choices changed the count %d times (%q); want once, when they rest", len(r.Texts), r.Texts)
	}
	if r.Now-r.History != 1 {
		t.Errorf("/issues/: 4 steps through the status choices added %d history entries; want 1", r.Now-r.History)
	}
}

// TestFilteredTitle: a filtered list says so in its title (tabs, history,
// bookmarks), and the title comes back when the filters are cleared.
func TestFilteredTitle(t *testing.T) {
	p := newPage(t)
	p.goTo("/issues/")
	plain := eval[string](p, `document.title`)
	p.goTo("/issues/?status=" + url.QueryEscape("正在整改"))
	want := strings.Replace(plain, " - ", "（已选 1 项） - ", 1)
	if !p.waitFor(`document.title === `+jsString(want), 10*time.Second) {
		t.Errorf("/issues/?status=正在整改: title %q, want %q", eval[string](p, `document.title`), want)
	}
	p.do("clearing the filters", chromedp.Click(chromedp.CSS(`#filters button[type="reset"]`)))
	if !p.waitFor(`document.title === `+jsString(plain), 10*time.Second) {
		t.Errorf("/issues/ after clearing: title %q, want %q", eval[string](p, `document.title`), plain)
	}
	// An order is not a filter: /notices/ sorted alone keeps its title, and
	// a year with it counts one.
	p.goTo("/notices/")
	plain = eval[string](p, `document.title`)
	p.goTo("/notices/?sort=level")
	p.waitFor(`/符合条件的通报/.test(document.getElementById('notice-count').textContent)`, 10*time.Second)
	if got := eval[string](p, `document.title + '|' + document.querySelector('#notice-filters .filters-active').textContent`); got != plain+"|" {
		t.Errorf("/notices/?sort=level: title|filters %q, want %q", got, plain+"|")
	}
	year := eval[string](p, `document.querySelector('#n-year option:nth-child(2)').value`)
	p.goTo("/notices/?sort=level&year=" + year)
	want = strings.Replace(plain, " - ", "（已选 1 项） - ", 1)
	if !p.waitFor(`document.title === `+jsString(want), 10*time.Second) {
		t.Errorf("/notices/?sort=level&year=%s: title %q, want %q", year, eval[string](p, `document.title`), want)
	}
}
