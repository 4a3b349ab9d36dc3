package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The tests of what reading the site is like with a Chinese input method
// and on a phone (issue 9): the keyword box waits for the input method
// (it leads to the search, whose own tests check words, full-width
// characters and area and category names: search_test.go); the filters
// fold away on a phone; tables fit or scroll
// in a box a keyboard reaches; a closing bracket never starts a line.

func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("drives a browser")
	}
}

// imeJS types text into the keyword box the way an input method does:
// compositionstart, input events while the reader is still choosing
// (isComposing true, the value holding 拼音), then the chosen words and
// compositionend, in Chromium's order (the last input event before
// compositionend). It returns, for the start and each composing step, the
// visible rows and what the live result count says.
func imeJS(pinyin []string, chosen string) string {
	return fmt.Sprintf(`(async () => {%s
	const q = control('q')[0];
	q.focus();
	const seen = [];
	const look = () => seen.push({rows: [...document.querySelectorAll('tr[data-issue]')].filter(r => r.checkVisibility()).length, count: counts().join(' ')});
	const tick = () => new Promise(r => setTimeout(r, 50));
	look();
	q.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true, data: ''}));
	for (const p of %s) {
		q.value = p;
		q.dispatchEvent(new CompositionEvent('compositionupdate', {bubbles: true, data: p}));
		q.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: p}));
		await tick();
		look();
	}
	q.value = %s;
	q.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: q.value}));
	await tick();
	look();
	q.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: q.value}));
	return seen;
})()`, filterJS, jsString(pinyin), jsString(chosen))
}

// imeStep is what imeJS saw at one step.
type imeStep struct {
	Rows  int    `json:"rows"`
	Count string `json:"count"`
}

// TestKeywordWaitsForIME: the keyword box of /issues/ leads to the site's
// search (which reads its own index, in pieces): while an input method
// composes, and after, the rows and the announced count stay as they were
// (the box filters nothing on this page), and nothing leaves the page
// until the reader submits; then the search opens with the composed words.
func TestKeywordWaitsForIME(t *testing.T) {
	skipShort(t)
	_, p := openScale(t)
	p.goTo("/issues/")
	seen := eval[[]imeStep](p, imeJS([]string{"z", "zh", "zhe", "zheng", "zheng'z", "zheng'zhi"}, "政治"))
	for i, s := range seen[1:] {
		if s != seen[0] {
			t.Errorf("composing step %d: %d rows shown, the result count says %q; the keyword box must leave them as before (%d rows, %q)",
				i+1, s.Rows, s.Count, seen[0].Rows, seen[0].Count)
		}
	}
	after := eval[imeStep](p, `(() => {`+filterJS+`
		return {rows: [...document.querySelectorAll('tr[data-issue]')].filter(r => r.checkVisibility()).length, count: counts().join(' ')}; })()`)
	if after != seen[0] || eval[string](p, `location.pathname`) != "/issues/" {
		t.Errorf("after the composition: %d rows, %q, at %s: the keyword box acted before the reader submitted", after.Rows, after.Count, eval[string](p, `location.pathname`))
	}
	p.do("submitting", chromedp.Click(chromedp.CSS(`#f-search`)))
	p.do("waiting for the search page", chromedp.WaitReady(chromedp.CSS(`#search-form`)))
	if got := p.query().Get("q"); got != "政治" || eval[string](p, `location.pathname`) != "/search/" {
		t.Errorf("submitting leads to %s, want /search/?q=政治", eval[string](p, `location.href`))
	}
}

// phoneWidths are the widths of the phones most readers hold.
var phoneWidths = []int64{360, 414}

// TestFiltersFoldOnPhone: on a phone the filters of /issues/ fold into one
// line (筛选), so the first problems are on the first screen; the reader
// opens them with a tap. On a wide screen they are open, and so they are on
// a phone when the link sets a filter (the reader must see what hides rows).
func TestFiltersFoldOnPhone(t *testing.T) {
	skipShort(t)
	type state struct {
		Found    bool    `json:"found"`
		Open     bool    `json:"open"`
		Summary  string  `json:"summary"`
		FirstRow float64 `json:"firstRow"`
		Screen   float64 `json:"screen"`
		QShown   bool    `json:"qShown"`
	}
	const stateJS = `(() => {
		const box = document.querySelector('form#filters details');
		const row = [...document.querySelectorAll('tr[data-issue]')].find(r => r.checkVisibility());
		const q = document.querySelector('form#filters [name=q]');
		return {found: !!box, open: !!box && box.open, summary: box ? box.querySelector('summary').textContent.trim() : '',
			firstRow: row ? row.getBoundingClientRect().bottom + scrollY : 1e9, screen: innerHeight,
			qShown: !!q && q.checkVisibility()};
	})()`
	for _, w := range phoneWidths {
		p := newPage(t)
		p.viewport(w)
		p.goTo("/issues/")
		s := eval[state](p, stateJS)
		where := fmt.Sprintf("/issues/ at %d px", w)
		if !s.Found {
			t.Fatalf("%s: the filters are not in a <details>", where)
		}
		if s.Open || s.QShown {
			t.Errorf("%s: the filters are open: they fill the first screen", where)
		}
		if !strings.HasPrefix(s.Summary, "筛选") {
			t.Errorf("%s: the folded filters say %q, want 筛选", where, s.Summary)
		}
		if s.FirstRow > s.Screen {
			t.Errorf("%s: the first problem ends at %.0f px, below the first screen (%.0f px)", where, s.FirstRow, s.Screen)
		}
		p.expectNoSideScroll(where, int(w))
		p.do("opening the filters", chromedp.Click(chromedp.CSS("form#filters summary")))
		if !p.waitFor(`document.querySelector('form#filters [name=q]').checkVisibility()`, 5*time.Second) {
			t.Errorf("%s: tapping 筛选 does not show the filters", where)
		}
		p.expectNoSideScroll(where+" with the filters open", int(w))

		p.goTo("/issues/?status=" + "正在整改")
		if s := eval[state](p, stateJS); !s.Open {
			t.Errorf("%s with ?status=正在整改: the filters are folded, hiding why rows are missing", where)
		}
	}
	p := newPage(t)
	p.viewport(1280)
	p.goTo("/issues/")
	if s := eval[state](p, stateJS); !s.Open || !s.QShown {
		t.Errorf("/issues/ at 1280 px: the filters are folded (open %v, keyword box shown %v)", s.Open, s.QShown)
	}
}

// tableFitJS lists the tables of the page whose cells reach out of sight:
// past the viewport, or past their .table-wrap when that box is not a
// focusable (tabindex), named region that scrolls.
const tableFitJS = `(() => {
	const out = [];
	const w = document.documentElement.clientWidth;
	for (const table of document.querySelectorAll('main table')) {
		if (!table.checkVisibility()) continue;
		const name = (table.caption && table.caption.textContent.trim()) || (table.className ? 'table.' + table.className : 'table') + ' ' + (table.querySelector('th') || {}).textContent;
		const box = table.closest('.table-wrap');
		// Visually hidden heads (a reflowed table's) are clipped to 1 px.
		const hidden = (c) => { for (let e = c; e && e !== table; e = e.parentElement) { if (e.getBoundingClientRect().width <= 1) return true; } return false; };
		const cells = [...table.querySelectorAll('th, td')].filter(c => c.checkVisibility() && !hidden(c));
		const right = Math.max(...cells.map(c => c.getBoundingClientRect().right));
		const limit = box ? Math.min(w, box.getBoundingClientRect().right) : w;
		if (right <= limit + 1) continue;
		if (!box) { out.push(name + ': cells reach ' + Math.round(right) + ' px, past the screen (' + w + ' px), in no scrolling box'); continue; }
		const cs = getComputedStyle(box);
		const problems = [];
		if (!/auto|scroll/.test(cs.overflowX)) problems.push('does not scroll');
		if (box.tabIndex < 0 || !box.hasAttribute('tabindex')) problems.push('is not focusable (tabindex)');
		if (!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'))) problems.push('has no name (aria-label)');
		if (box.getAttribute('role') !== 'region') problems.push('is not a region');
		if (problems.length) out.push(name + ': cells reach ' + Math.round(right) + ' px, past its box (' + Math.round(limit) + ' px), which ' + problems.join(', '));
	}
	return out;
})()`

// TestTablesOnPhone: on a phone, with the default and the larger text, every
// table either fits (the lists of items reflow, one block per item) or
// scrolls sideways in a box that a keyboard can focus and a screen reader
// names; the page itself never scrolls sideways.
func TestTablesOnPhone(t *testing.T) {
	skipShort(t)
	needSite(t)
	n := env.data.notices[0]
	paths := []string{"/accountability/", "/regulations/", "/notices/" + n.ID + "/", "/", "/issues/", "/status/"}
	for _, large := range []bool{false, true} {
		for _, w := range phoneWidths {
			p, mode := phoneTab(t, w, large)
			for _, path := range paths {
				p.goTo(path)
				p.settle()
				where := fmt.Sprintf("%s at %d px (%s)", path, w, mode)
				p.expectNoSideScroll(where, int(w))
				for _, s := range eval[[]string](p, tableFitJS) {
					t.Errorf("%s: %s", where, s)
				}
			}
		}
	}
}

// closingJS lists the lines inside the table cells of the page that start
// with closing punctuation (避头尾: ） 》 ” ， 。 、 … never begin a line):
// it walks each cell's characters and takes the first of every line box.
// Cells clipped out of sight (the column heads of a table shown as cards
// on a phone, kept for screen readers) are not read.
const closingJS = `(() => {
	const closing = /[）)】》」』〉〕］｝，。、；：！？”’…%％·]/;
	const clipped = el => {
		for (let e = el; e && e !== document.body; e = e.parentElement) {
			const s = getComputedStyle(e);
			if ((s.position === 'absolute' || s.position === 'fixed') && s.clip !== 'auto') return true;
		}
		return false;
	};
	const out = [];
	for (const cell of document.querySelectorAll('main th, main td')) {
		if (!cell.checkVisibility() || clipped(cell)) continue;
		const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		let prevBottom = null, text = '';
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			for (let i = 0; i < n.data.length; i++) {
				const ch = n.data[i];
				text += ch;
				if (/\s/.test(ch)) continue;
				const r = document.createRange();
				r.setStart(n, i);
				r.setEnd(n, i + 1);
				const rect = r.getClientRects()[0];
				if (!rect || rect.width === 0) continue;
				if (prevBottom !== null && rect.top >= prevBottom - 2 && closing.test(ch)) {
					out.push('“' + ch + '” starts a line in the cell “' + cell.textContent.replace(/\s+/g, ' ').trim().slice(0, 30) + '”');
				}
				prevBottom = rect.bottom;
			}
		}
	}
	return out.slice(0, 10);
})()`

// TestClosingPunctuationKeepsItsText: in the tables of the notice (its
// corrections above all), of /accountability/ and /regulations/, no line
// starts with a closing bracket or punctuation, on phones and in print.
func TestClosingPunctuationKeepsItsText(t *testing.T) {
	skipShort(t)
	needSite(t)
	n := env.data.notices[0]
	if len(n.Corrections) == 0 {
		t.Fatal("the first notice has no corrections: the corrections table is not tested")
	}
	paths := []string{"/notices/" + n.ID + "/", "/accountability/", "/regulations/"}
	for _, w := range phoneWidths {
		p := newPage(t)
		p.viewport(w)
		for _, path := range paths {
			p.goTo(path)
			for _, s := range eval[[]string](p, closingJS) {
				t.Errorf("%s at %d px: %s", path, w, s)
			}
		}
	}
	// Print: an A4 page less the margins of the print stylesheet is about
	// 590 CSS px wide.
	p := newPage(t)
	p.do("setting a print page width", chromedp.EmulateViewport(590, 900))
	for _, path := range paths {
		p.goTo(path)
		p.printMedia(true)
		for _, s := range eval[[]string](p, closingJS) {
			t.Errorf("%s in print: %s", path, s)
		}
		p.printMedia(false)
	}
}
