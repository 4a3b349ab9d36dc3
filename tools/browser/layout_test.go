package browser

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// switchJS finds the larger-text switch by what it says (大字, 字号, 放大…),
// as a reader does.
const switchJS = `(() => {
	const said = (e) => [e.textContent, e.getAttribute('aria-label'), e.title,
		...[...(e.labels || [])].map(l => l.textContent)].join(' ');
	return [...document.querySelectorAll('button, [role=switch], input[type=checkbox]')]
		.find(e => /大字|字号|放大|文字大小/.test(said(e))) || null;
})()`

// textSizeJS is the font size of the text of main, in CSS px.
const textSizeJS = `parseFloat(getComputedStyle(document.querySelector('main p, main li, main td, main') || document.body).fontSize)`

type switchState struct {
	Found   bool    `json:"found"`
	Visible bool    `json:"visible"`
	Pressed string  `json:"pressed"` // aria-pressed or aria-checked or checked, "" if none
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	Size    float64 `json:"size"`
	Stored  int     `json:"stored"` // localStorage entries
}

func (p *page) switchState() switchState {
	p.t.Helper()
	return eval[switchState](p, `(() => {
		const s = `+switchJS+`;
		const size = `+textSizeJS+`;
		if (!s) return {found: false, visible: false, pressed: '', x: 0, y: 0, size, stored: localStorage.length};
		s.scrollIntoView({block: 'center'});
		const r = s.getBoundingClientRect();
		const pressed = s.getAttribute('aria-pressed') ?? s.getAttribute('aria-checked') ?? (s.type === 'checkbox' ? String(s.checked) : '');
		return {found: true, visible: s.checkVisibility(), pressed, x: r.x + r.width / 2, y: r.y + r.height / 2, size, stored: localStorage.length};
	})()`)
}

// clickSwitch clicks the larger-text switch with the mouse.
func (p *page) clickSwitch() switchState {
	p.t.Helper()
	if !p.waitFor(`(() => { const s = `+switchJS+`; return s && s.checkVisibility(); })()`, 10*time.Second) {
		st := p.switchState()
		if !st.Found {
			p.t.Fatalf("%s: no larger-text switch (a button saying 大字/字号/放大)", eval[string](p, `location.pathname`))
		}
		p.t.Fatalf("%s: the larger-text switch is not visible", eval[string](p, `location.pathname`))
	}
	st := p.switchState()
	p.do("clicking the larger-text switch", chromedp.MouseClickXY(st.X, st.Y))
	return st
}

// largerTextForTheTab turns the larger text on, from the home page, for
// the rest of the tab's test (the choice is kept in localStorage, cleared
// when the test ends).
func (p *page) largerTextForTheTab() {
	p.t.Helper()
	p.goTo("/")
	p.setLargerText(true)
	p.t.Cleanup(func() { chromedp.Do(p.ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`)) })
}

// phoneTab opens a tab width px wide, with the larger text on when large,
// and returns it with the words for its text size (for messages).
func phoneTab(t *testing.T, width int64, large bool) (*page, string) {
	t.Helper()
	p := newPage(t)
	p.viewport(width)
	if !large {
		return p, "default text"
	}
	p.largerTextForTheTab()
	return p, "larger text"
}

// setLargerText turns the larger text on or off through the switch.
func (p *page) setLargerText(on bool) {
	p.t.Helper()
	st := p.switchState()
	if !st.Found {
		p.clickSwitch() // fails with the reason
		return
	}
	if (st.Pressed == "true") == on {
		return
	}
	p.clickSwitch()
	want := "true"
	if !on {
		want = "false"
	}
	p.waitFor(`(() => { const s = `+switchJS+`; return s && (s.getAttribute('aria-pressed') ?? s.getAttribute('aria-checked') ?? String(s.checked)) === `+jsString(want)+`; })()`, 10*time.Second)
}

// TestLargerTextSwitch: the switch makes the text larger, says it is on
// (aria-pressed), is remembered across reloads and pages (localStorage), and
// turns back off.
func TestLargerTextSwitch(t *testing.T) {
	p := newPage(t)
	d := env.data
	other := "/issues/"

	p.goTo(other)
	p.do("clearing storage", chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	otherBase := eval[float64](p, textSizeJS)

	path := d.problems[0].path()
	p.goTo(path)
	before := p.switchState()
	base := before.Size
	if before.Found && before.Pressed == "true" {
		t.Errorf("%s: the larger-text switch is on before anyone pressed it", path)
	}
	t.Cleanup(func() {
		chromedp.Do(p.ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	})

	p.clickSwitch()
	if !p.waitFor(fmt.Sprintf(`%s >= %f`, textSizeJS, base*1.1), 10*time.Second) {
		t.Fatalf("%s: the larger-text switch left the text at %.1f px (was %.1f px); want at least 10%% larger", path, p.switchState().Size, base)
	}
	on := p.switchState()
	t.Logf("text size %.1f px → %.1f px", base, on.Size)
	if on.Pressed != "" && on.Pressed != "true" {
		t.Errorf("%s: the switch is on but says aria-pressed=%q", path, on.Pressed)
	}
	if on.Pressed == "" {
		t.Errorf("%s: the switch does not tell assistive technology its state (aria-pressed)", path)
	}
	if on.Stored == 0 {
		t.Errorf("%s: the larger text is not stored in localStorage", path)
	}

	p.do("reloading", chromedp.Reload())
	if got := p.switchState(); got.Size != on.Size || got.Pressed != on.Pressed {
		t.Errorf("%s after a reload: text %.1f px, switch %q; want %.1f px, %q (the choice must be remembered)", path, got.Size, got.Pressed, on.Size, on.Pressed)
	}
	p.goTo(other)
	if got := eval[float64](p, textSizeJS); got < otherBase*1.1 {
		t.Errorf("%s after turning the larger text on elsewhere: text %.1f px, was %.1f px (the choice must hold on every page)", other, got, otherBase)
	}

	p.goTo(path)
	p.clickSwitch()
	if !p.waitFor(fmt.Sprintf(`Math.abs(%s - %f) < 0.01`, textSizeJS, base), 10*time.Second) {
		t.Errorf("%s: turning the switch off left the text at %.1f px, want %.1f px", path, p.switchState().Size, base)
	}
	p.do("reloading", chromedp.Reload())
	if got := p.switchState(); got.Size != base || got.Pressed == "true" {
		t.Errorf("%s after turning off and reloading: text %.1f px, switch %q; want %.1f px, off", path, got.Size, got.Pressed, base)
	}
}

// overflowJS lists the elements that stick out to the right of the viewport
// (outside any scrolling container), to say why a page scrolls sideways.
const overflowJS = `(() => {
	const w = document.documentElement.clientWidth;
	const out = [];
	const reported = [];
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right <= w + 1 || r.width === 0) continue;
		if (reported.some(a => a.contains(e))) continue;
		let clipped = false;
		for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
			if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
		}
		if (clipped) continue;
		reported.push(e);
		const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '';
		const parent = e.parentElement ? e.parentElement.tagName.toLowerCase() + (e.parentElement.className ? '.' + String(e.parentElement.className).trim().split(/\s+/).join('.') : '') : '';
		out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls + ' in ' + parent + ' (right edge ' + Math.round(r.right) + ' px): ' + (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40));
		if (out.length === 5) break;
	}
	return out;
})()`

type widths struct {
	Scroll int `json:"scroll"`
	Client int `json:"client"`
}

// expectNoSideScroll checks that the page is no wider than the viewport.
func (p *page) expectNoSideScroll(where string, width int) {
	p.t.Helper()
	w := eval[widths](p, `({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`)
	if w.Scroll <= width && w.Client <= width {
		return
	}
	p.t.Errorf("%s at %d px: the page is %d px wide (viewport %d px), so it scrolls sideways; sticking out: %s",
		where, width, w.Scroll, w.Client, strings.Join(eval[[]string](p, overflowJS), "; "))
}

// TestNoHorizontalScrollAt375 loads every page type on a 375 px phone and
// at 320 px (WCAG 1.4.10 reflow), with the default and the larger text,
// and checks nothing scrolls sideways.
func TestNoHorizontalScrollAt375(t *testing.T) {
	types := pageTypes(t)
	for _, width := range []int64{375, 320} {
		for _, large := range []bool{false, true} {
			p, mode := phoneTab(t, width, large)
			for _, pt := range types {
				p.goToStatus(pt.path, pt.status)
				p.expectNoSideScroll(pt.path+" ("+mode+")", int(width))
			}
		}
	}
}

// TestHeaderControlsOnOneLine: at every width from a phone to a wide
// screen, with default and larger text, the header's buttons (搜索, 大字)
// keep their words on one line: at 1,280 px the search button once read
// 搜/索, squeezed by the search box.
func TestHeaderControlsOnOneLine(t *testing.T) {
	for _, large := range []bool{false, true} {
		p := newPage(t)
		if large {
			p.largerTextForTheTab()
		}
		for _, w := range []int64{360, 414, 800, 1024, 1100, 1280, 1366, 1920} {
			p.viewport(w)
			p.goTo("/")
			type button struct {
				Text  string `json:"text"`
				Lines int    `json:"lines"`
			}
			buttons := eval[[]button](p, `[...document.querySelectorAll('.site-header button')].filter(b => b.checkVisibility()).map(b => {
				const r = document.createRange(); r.selectNodeContents(b);
				const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
				return {text: b.textContent.trim(), lines: tops.size};
			})`)
			if len(buttons) == 0 {
				t.Fatalf("%d px: no header buttons", w)
			}
			for _, b := range buttons {
				if b.Lines != 1 {
					t.Errorf("%d px (larger text %v): the header button %q runs to %d lines", w, large, b.Text, b.Lines)
				}
			}
		}
	}
}

// TestScreenshots saves a full-page PNG of every page type at 375 px and
// 1280 px into $ARTIFACTS_DIR/screenshots, for people to look at.
func TestScreenshots(t *testing.T) {
	types := pageTypes(t)
	clearArtifacts(t, "screenshots")
	for _, width := range []int64{375, 1280} {
		p := newPage(t)
		p.viewport(width)
		for _, pt := range types {
			p.goToStatus(pt.path, pt.status)
			png := p.screenshotPNG()
			checkPNGWidth(t, pt.path, png, int(width))
			saveArtifact(t, fmt.Sprintf("screenshots/%s-%d.png", pt.name, width), png)
		}
	}
}

func (p *page) screenshotPNG() []byte {
	p.t.Helper()
	b, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	return b
}

// checkPNGWidth checks that a screenshot is a PNG as wide as the viewport.
func checkPNGWidth(t *testing.T, where string, b []byte, width int) {
	t.Helper()
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Errorf("%s: the screenshot is not a PNG: %v", where, err)
		return
	}
	if cfg.Width != width {
		t.Errorf("%s: the screenshot is %d px wide, want %d (the page is wider than the screen)", where, cfg.Width, width)
	}
}

// TestLongWordsWrap: a long unbroken word in a contact, a notice's facts or
// the site identity (an e-mail address or web address, as a unit may give)
// wraps on a 375 px phone with the larger text instead of pushing the page
// sideways. The seed's own contact is short, so the test writes long ones
// into the rendered fields, then measures.
func TestLongWordsWrap(t *testing.T) {
	needSite(t)
	p := newPage(t)
	p.viewport(375)
	p.largerTextForTheTab()
	const long = "rectification.feedback.office-2025@discipline-inspection-commission.example.gov.cn"
	for _, path := range []string{"/notices/" + env.data.notices[0].ID + "/", env.data.problems[0].path(), "/feedback/"} {
		p.goTo(path)
		n := eval[int](p, `(() => {
			const fields = document.querySelectorAll('.contact dd, .meta dd, .facets dd, .site-identity > *');
			for (const f of fields) { f.textContent = `+"`"+long+"`"+`; }
			return fields.length;
		})()`)
		if n == 0 {
			t.Errorf("%s: no contact, facts or site identity to write into", path)
			continue
		}
		p.expectNoSideScroll(fmt.Sprintf("%s with a long word in %d fields (larger text)", path, n), 375)
	}
}
