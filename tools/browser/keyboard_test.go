package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusJS describes the focused element: what it is, whether it is on
// screen, and whether it shows a focus indicator (outline or box shadow).
const focusJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {name: 'body', href: '', onScreen: false, ring: false};
	const s = getComputedStyle(e);
	const r = e.getBoundingClientRect();
	const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
	const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
	const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '') + ' "' + ((e.tagName === 'SELECT' ? e.selectedOptions[0]?.textContent : e.textContent) || e.value || '').replace(/\s+/g, ' ').trim().slice(0, 20) + '"';
	return {name, href: e.getAttribute('href') || '', onScreen, ring};
})()`

type focused struct {
	Name     string `json:"name"`
	Href     string `json:"href"`
	OnScreen bool   `json:"onScreen"`
	Ring     bool   `json:"ring"`
}

// TestKeyboard checks issue 3's keyboard promises: the first Tab reaches a
// skip link that shows itself and leads into main; every control met by Tab
// on /issues/ (links, the switch, the filters) shows a focus indicator.
func TestKeyboard(t *testing.T) {
	p := newPage(t)
	p.goTo("/issues/")
	tab := func() focused {
		p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
		return eval[focused](p, focusJS)
	}

	first := tab()
	if !strings.HasPrefix(first.Href, "#") {
		t.Fatalf("/issues/: the first Tab reaches %s, want the skip link to the main content", first.Name)
	}
	if !first.OnScreen {
		t.Errorf("/issues/: the skip link %s stays off screen when focused", first.Name)
	}
	if !first.Ring {
		t.Errorf("/issues/: the skip link %s shows no focus indicator", first.Name)
	}
	p.do("pressing Enter on the skip link", chromedp.KeyEvent(kb.Enter))
	target := strings.TrimPrefix(first.Href, "#")
	if !p.waitFor(`(() => { const m = document.getElementById(`+jsString(target)+`); return m && m.closest('main') && (m.contains(document.activeElement) || document.activeElement === m); })()`, 5*time.Second) {
		t.Errorf("/issues/: the skip link %s does not move the focus into main (focus is on %s)", first.Href, eval[focused](p, focusJS).Name)
	}

	p.goTo("/issues/")
	var noRing, seen []string
	for i := 0; i < 25; i++ {
		f := tab()
		if f.Name == "body" {
			break
		}
		seen = append(seen, f.Name)
		if !f.Ring {
			noRing = append(noRing, f.Name)
		}
	}
	t.Logf("Tab reached %d elements: %s", len(seen), strings.Join(seen, "; "))
	if len(noRing) > 0 {
		t.Errorf("/issues/: these elements show no focus indicator when reached by Tab (outline or box-shadow): %s", strings.Join(noRing, "; "))
	}
}

// ringsJS focuses each visible control of the page in turn (after a Tab,
// so that the focus shows as it does for a keyboard user) and returns
// those whose focus ring is missing or contrasts less than 3:1 with what
// is around it (WCAG 1.4.11): the ring of a white button in the red header
// once took the header's red, and the one of a red button its white text.
const ringsJS = `(() => {
	const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
	const around = el => {
		for (let a = el; a; a = a.parentElement) {
			const c = rgb(getComputedStyle(a).backgroundColor);
			if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
		}
		return [255, 255, 255];
	};
	const lum = c => {
		const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	// behind: the background painted where the ring is, just left of the
	// control (the skip link shows over the header, not over its parent).
	const behind = e => {
		const r = e.getBoundingClientRect();
		for (const a of document.elementsFromPoint(Math.max(0, r.left - 3), r.top + r.height / 2)) {
			if (a !== e && !e.contains(a)) return around(a);
		}
		return around(e.parentElement);
	};
	const bad = [];
	let n = 0;
	for (const e of document.querySelectorAll('a[href], button, input, select, summary, [tabindex]')) {
		if (!e.checkVisibility() || e.disabled || e.tabIndex < 0 && e.tagName !== 'MAIN') continue;
		if (e.tagName === 'MAIN') continue; // the skip link's target, not a control
		e.focus();
		if (document.activeElement !== e) continue;
		n++;
		const s = getComputedStyle(e);
		const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' "' + (e.textContent || e.value || '').replace(/\s+/g, ' ').trim().slice(0, 16) + '"';
		if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0) {
			if (!s.boxShadow || s.boxShadow === 'none') bad.push(name + ': no ring');
			continue;
		}
		const bg = behind(e), r = ratio(rgb(s.outlineColor), bg);
		if (r < 3) bad.push(name + ': ring ' + s.outlineColor + ' on ' + bg.join(',') + ' (' + r.toFixed(2) + ':1)');
	}
	return {n, bad};
})()`

type rings struct {
	N   int      `json:"n"`
	Bad []string `json:"bad"`
}

// TestFocusRingsContrast: every control of the home page, a problem page,
// /issues/, /search/ and a page 2 of a list shows a focus ring that stands out from what is
// around it by at least 3:1, in the header too.
func TestFocusRingsContrast(t *testing.T) {
	needSite(t)
	p := newPage(t)
	for _, path := range []string{"/", env.data.problems[0].path(), "/issues/", "/search/?q=" + "%E6%95%B4%E6%94%B9"} {
		p.goTo(path)
		p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
		checkRings(t, p, path)
	}
	// The pager's current page (white on red) on a list of many pages.
	_, sp := openScale(t)
	sp.goTo("/issues/page/2/")
	sp.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
	checkRings(t, sp, "/issues/page/2/")
}

func checkRings(t *testing.T, p *page, path string) {
	t.Helper()
	r := eval[rings](p, ringsJS)
	if r.N < 10 {
		t.Errorf("%s: only %d controls took the focus", path, r.N)
	}
	for _, b := range r.Bad {
		t.Errorf("%s: %s", path, b)
	}
}
