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
