package browser

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Tables on a phone. Many readers are older people on phones: a table too
// wide for a 375 px screen either makes the page scroll sideways or, more
// often, squeezes a column until a unit's name or a column head reads two
// characters a line (as /units/ did before its rows became cards).
// TestPhoneTables visits a page of every kind of the generated site and
// finds both.

// phoneTablesJS measures a page: the widths of the document, every table
// (named by its class, caption, id or the heading above it) and whether its
// .table-wrap scrolls sideways, and every visible table cell holding text
// with its content width, font size and number of lines.
const phoneTablesJS = `(() => {
	// Hidden from sight: clipped away (the heads of card tables, captions
	// for screen readers) or not rendered.
	const hidden = el => {
		if (!el.checkVisibility()) return true;
		for (let e = el; e && e !== document.body; e = e.parentElement) {
			const s = getComputedStyle(e);
			if ((s.position === 'absolute' || s.position === 'fixed') && s.clip !== 'auto') return true;
			if (s.clipPath !== 'none') return true;
		}
		return false;
	};
	const squash = s => (s || '').replace(/\s+/g, ' ').trim();
	const nameOf = t => {
		const parts = [];
		if (typeof t.className === 'string' && t.className.trim()) parts.push('table.' + t.className.trim().split(/\s+/).join('.'));
		else parts.push('table');
		if (t.id) parts.push('#' + t.id);
		if (t.caption && squash(t.caption.textContent)) parts.push('caption “' + squash(t.caption.textContent).slice(0, 30) + '”');
		else {
			const h = document.evaluate('preceding::*[self::h1 or self::h2 or self::h3][1]', t, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
			if (h) parts.push('under “' + squash(h.textContent).slice(0, 30) + '”');
		}
		return parts.join(' ');
	};
	// Lines of text in a cell: the line boxes its visible text nodes fall in.
	const linesOf = cell => {
		const rects = [];
		const w = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n; n = w.nextNode()) {
			if (!n.data.trim() || hidden(n.parentElement)) continue;
			const r = document.createRange();
			r.selectNodeContents(n);
			for (const b of r.getClientRects()) if (b.width > 0 && b.height > 0) rects.push(b);
		}
		rects.sort((a, b) => a.top - b.top);
		let lines = 0, bottom = -Infinity;
		for (const b of rects) {
			if (b.top >= bottom - 2) { lines++; bottom = b.bottom; } else bottom = Math.max(bottom, b.bottom);
		}
		return lines;
	};
	const doc = document.documentElement;
	const out = {scroll: doc.scrollWidth, client: doc.clientWidth, tables: []};
	for (const t of document.querySelectorAll('main table')) {
		if (hidden(t)) continue;
		const wrap = t.closest('.table-wrap');
		const tr = t.getBoundingClientRect();
		const scrolls = !!wrap && wrap.scrollWidth > wrap.clientWidth + 1;
		const edge = wrap ? wrap.getBoundingClientRect().left + wrap.clientWidth : 0;
		const info = {name: nameOf(t), width: tr.width, display: getComputedStyle(t).display,
			wrapScrolls: scrolls, wrapWidth: wrap ? wrap.clientWidth : 0, cells: []};
		for (const c of t.querySelectorAll('th, td')) {
			if (c.closest('table') !== t || hidden(c)) continue;
			const text = squash(c.innerText);
			if (!text) continue;
			const s = getComputedStyle(c);
			const r = c.getBoundingClientRect();
			const px = v => parseFloat(v) || 0;
			const content = r.width - px(s.paddingLeft) - px(s.paddingRight) - px(s.borderLeftWidth) - px(s.borderRightWidth);
			const font = px(s.fontSize);
			// In a table that scrolls in its box: how much of a cell that
			// starts in view (a character of it at least) is cut off by
			// the box's right edge.
			const cut = scrolls && r.left + px(s.paddingLeft) + font <= edge && r.right > edge + 1 ? r.right - edge : 0;
			info.cells.push({text: text.slice(0, 40), width: content, box: r.width, font, lines: linesOf(c), cut});
		}
		out.tables.push(info);
	}
	return out;
})()`

type phoneCell struct {
	Text  string  `json:"text"`
	Width float64 `json:"width"` // content box, px
	Box   float64 `json:"box"`   // border box, px
	Font  float64 `json:"font"`  // computed font size, px
	Lines int     `json:"lines"`
	Cut   float64 `json:"cut"` // px cut off by the right edge of a scrolling .table-wrap
}

type phoneTable struct {
	Name        string      `json:"name"`
	Width       float64     `json:"width"`
	Display     string      `json:"display"`
	WrapScrolls bool        `json:"wrapScrolls"`
	WrapWidth   float64     `json:"wrapWidth"`
	Cells       []phoneCell `json:"cells"`
}

type phoneMeasure struct {
	Scroll int          `json:"scroll"`
	Client int          `json:"client"`
	Tables []phoneTable `json:"tables"`
}

// The rules of a squeezed column, in characters of the cell's own font
// size (a CJK character is about as wide as the font size):
//   - narrower than squeezeChars while its text runs to squeezeLines lines
//     or more (a unit's name or 通报数 two characters a line);
//   - narrower than two characters while its text wraps at all: one
//     character a line (制/定, 合/计), whatever the text's length.
//
// A cell narrower than squeezeChars on two lines (通报/数, 批评教/育) is
// logged as a near miss, not failed.
const (
	squeezeChars = 4
	squeezeLines = 3
)

// TestPhoneTables: at 375 px, on a page of every kind of the generated site
// (every notice page among them), the document does not scroll sideways and
// no table squeezes a column (the rules above). A table may scroll sideways
// in its .table-wrap only while no column is cut by the box's edge: a
// column cut there (its start in view, its end out of it) makes the reader
// swipe back and forth on every row. Every scrolling table is logged.
// The pages that fail are saved as screenshots in
// $ARTIFACTS_DIR/phone-tables.
func TestPhoneTables(t *testing.T) {
	start := time.Now()
	_, phone := openScale(t)
	phone.viewport(375)
	clearArtifacts(t, "phone-tables")

	checked := map[string]bool{}
	var pages []string
	check := func(kind, path string, wait ...string) {
		t.Helper()
		if path == "" {
			t.Errorf("no page found for %s: the link to it was not where the test looked", kind)
			return
		}
		if checked[path] {
			return
		}
		checked[path] = true
		shown := path
		if s, err := url.PathUnescape(path); err == nil {
			shown = s
		}
		where := fmt.Sprintf("%s (%s)", shown, kind)
		pages = append(pages, where)
		phone.goTo(path)
		for _, w := range wait {
			if !phone.waitFor(w, 20*time.Second) {
				t.Errorf("%s: the page never got ready (%s)", where, abbrev(w))
			}
		}
		phone.settle()
		m := eval[phoneMeasure](phone, phoneTablesJS)
		failed := false
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf(format, args...)
			failed = true
		}
		if m.Scroll > m.Client {
			fail("%s at 375 px: the page is %d px wide in a %d px viewport, so it scrolls sideways; sticking out: %s",
				where, m.Scroll, m.Client, strings.Join(eval[[]string](phone, overflowJS), "; "))
		}
		for _, tb := range m.Tables {
			cut, example := 0, ""
			for _, c := range tb.Cells {
				chars := c.Width / c.Font
				switch {
				case c.Lines >= squeezeLines && chars < squeezeChars:
					fail("%s: %s squeezes a column: the cell “%s” is %.0f px wide (%.1f characters of %.0f px) and runs to %d lines",
						where, tb.Name, c.Text, c.Width, chars, c.Font, c.Lines)
				case c.Lines >= 2 && chars < 2:
					fail("%s: %s squeezes a column to one character a line: the cell “%s” is %.0f px wide (%.1f characters of %.0f px) and runs to %d lines",
						where, tb.Name, c.Text, c.Width, chars, c.Font, c.Lines)
				case c.Lines == 2 && chars < squeezeChars:
					t.Logf("%s: %s, near miss: the cell “%s” is %.0f px wide (%.1f characters) on 2 lines", where, tb.Name, c.Text, c.Width, chars)
				}
				if c.Cut > 0 {
					if cut == 0 {
						example = fmt.Sprintf("“%s” (%.0f px wide, %.0f px of it out of view)", c.Text, c.Box, c.Cut)
					}
					cut++
				}
			}
			if tb.WrapScrolls {
				t.Logf("%s: %s is %.0f px wide and scrolls sideways in its .table-wrap of %.0f px", where, tb.Name, tb.Width, tb.WrapWidth)
			}
			if cut > 0 {
				fail("%s: %s (%.0f px wide) scrolls sideways in its %.0f px box and cuts %d cells at the box's edge, the reader swiping back and forth on every row; e.g. %s",
					where, tb.Name, tb.Width, tb.WrapWidth, cut, example)
			}
		}
		if failed {
			name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(shown), "_")
			if name == "" {
				name = "home"
			}
			saveArtifact(t, "phone-tables/"+name+".png", phone.screenshotPNG())
		}
	}
	// first returns the path of the first link matched by selector on the
	// page loaded last, or "".
	first := func(selector string) string {
		t.Helper()
		return eval[string](phone, fmt.Sprintf(`(() => { const a = document.querySelector(%s); return a ? new URL(a.href).pathname : ''; })()`, jsString(selector)))
	}

	check("home", "/")

	// The notices index, every notice (they differ in their summary
	// tables: the sources of their statuses, their kinds of
	// accountability, their corrections), and the problems and change log
	// of the notice with the most problems.
	type row struct {
		Href     string `json:"href"`
		Problems int    `json:"problems"`
	}
	var rows []row
	for path, n := "/notices/", 1; path != "" && n <= 10; n++ {
		check(fmt.Sprintf("notices index, page %d", n), path)
		rows = append(rows, eval[[]row](phone, `[...document.querySelectorAll('table.notices tbody tr[data-notice]')].map(r => ({
			href: new URL(r.querySelector('a[href]').href).pathname,
			problems: parseInt(r.cells[r.cells.length - 1].textContent.replace(/\D/g, '')) || 0}))`)...)
		path = first(`nav.pager a[rel~="next"]`)
	}
	if len(rows) != scaleN {
		t.Errorf("the pages of /notices/ list %d notices, want %d", len(rows), scaleN)
	}
	notice, most := "", -1
	for _, r := range rows {
		if r.Problems > most {
			notice, most = r.Href, r.Problems
		}
	}

	// The facet lists of the notices and a term page of each.
	for _, facet := range []struct{ kind, path string }{
		{"units", "/units/"}, {"levels", "/notices/level/"}, {"years", "/notices/year/"},
		{"inspecting bodies", "/notices/body/"}, {"rounds", "/notices/round/"}, {"issuers", "/notices/issuer/"},
	} {
		check("list of "+facet.kind, facet.path)
		check("a term of "+facet.kind, first(`main table tbody td:first-child a[href]`))
	}

	check("notice", notice)
	issues := first(fmt.Sprintf(`main a[href$=%s]`, jsString(notice+"issues/")))
	changes := first(fmt.Sprintf(`main a[href$=%s]`, jsString(notice+"changes/")))
	check("a notice's problems", issues)
	check("a notice's change log", changes)
	for _, r := range rows {
		check("notice", r.Href)
	}

	// All problems and their second page.
	check("problems", "/issues/")
	check("problems, page 2", first(`nav.pager a[rel~="next"]`))

	// The taxonomies of the problems and a term of each; a combination
	// (from the status term) and a problem with accountability (from the
	// accountability term).
	var problem, combo string
	for _, tax := range []string{"status", "area", "category", "accountability"} {
		check("list of "+tax, "/"+tax+"/")
		check("a term of "+tax, first(fmt.Sprintf(`main table tbody a[href^="/%s/"]`, tax)))
		switch tax {
		case "status":
			combo = first(`main a[href^="/issues/"][href$="/"]:not([href="/issues/"])`)
		case "accountability":
			problem = first(`main table.issues tbody a[href*="/issues/"]`)
		}
	}
	check("problem with accountability", problem)
	check("status and accountability", combo)

	for _, p := range []struct{ kind, path string }{
		{"regulations", "/regulations/"}, {"overdue", "/overdue/"}, {"updates", "/updates/"},
		{"feedback", "/feedback/"}, {"open data", "/data/"}, {"search", "/search/"},
	} {
		check(p.kind, p.path)
	}
	check("search results", "/search/?q="+url.QueryEscape("制度"),
		`document.getElementById('search-status').textContent !== '' && !document.getElementById('search').hasAttribute('aria-busy')`)

	t.Logf("checked %d pages at 375 px in %s:\n  %s", len(pages), time.Since(start).Round(time.Millisecond), strings.Join(pages, "\n  "))
}

// TestPhoneCharts: on a 375 px phone, the text of the home page's charts
// (bar-chart.html: labels and values) is at least 12 px tall. A chart is
// an SVG scaled to the screen: drawn 640 units wide, its text was 8 px.
func TestPhoneCharts(t *testing.T) {
	_, phone := openScale(t)
	phone.viewport(375)
	phone.goTo("/")
	type text struct {
		Text   string  `json:"text"`
		Height float64 `json:"height"`
	}
	texts := eval[[]text](phone, `[...document.querySelectorAll('figure.chart svg text')].map(e => ({text: e.textContent, height: e.getBoundingClientRect().height}))`)
	if len(texts) < 10 {
		t.Fatalf("the home page has %d texts in its charts; want its charts' labels and values", len(texts))
	}
	for _, x := range texts {
		if x.Height < 12 {
			t.Errorf("home at 375 px: the chart text %q is %.1f px tall; want at least 12", x.Text, x.Height)
		}
	}
}
