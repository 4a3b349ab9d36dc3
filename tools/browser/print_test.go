package browser

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// printMedia switches the tab to print media (or back to screen).
func (p *page) printMedia(on bool) {
	p.t.Helper()
	media := ""
	if on {
		media = "print"
	}
	p.do("emulating "+media+" media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// chromeJS lists what must not print: the site navigation (every nav outside
// main that is not the breadcrumbs), the larger-text switch, and the filter
// controls and skip link.
const chromeJS = `(() => {
	const out = [];
	const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('aria-label') ? '[aria-label=' + e.getAttribute('aria-label') + ']' : '') + (e.name ? '[name=' + e.name + ']' : '');
	for (const n of document.querySelectorAll('nav')) {
		if (/当前位置|面包屑|breadcrumb/i.test(n.getAttribute('aria-label') || '')) continue;
		if (n.closest('main')) continue;
		if (n.checkVisibility()) out.push('site navigation ' + name(n));
	}
	for (const e of document.querySelectorAll('main input, main select, main button, main form')) {
		if (e.checkVisibility()) out.push('control ' + name(e));
	}
	const s = ` + switchJS + `;
	if (s && s.checkVisibility()) out.push('larger-text switch ' + name(s));
	return out;
})()`

type labelHeading struct {
	Label string `json:"label"`
	Tag   string `json:"tag"` // the visible element whose text starts with the label, "" if none
}

// TestPrintStylesheet prints a notice, a problem and /issues/ with print
// media: the site navigation, the switch and the filters do not print; the
// notice keeps its official heading hierarchy (一、/（一）/1./（1）) visible,
// in heading levels that nest; a problem prints its title and measures. The
// PDFs and print-media screenshots go to $ARTIFACTS_DIR/print.
func TestPrintStylesheet(t *testing.T) {
	needSite(t)
	clearArtifacts(t, "print")
	d := env.data
	n := d.notices[0]
	// Each level of the hierarchy: its label and the words that follow it.
	var levels []printLevel
	for _, s := range n.Sections {
		if s.Problems {
			levels = append(levels, printLevel{s.Label, []string{s.Title}})
		}
	}
	if len(n.Areas) > 0 {
		levels = append(levels, printLevel{n.Areas[0].Label, []string{n.Areas[0].Title}})
	}
	if len(n.Categories) > 0 {
		levels = append(levels, printLevel{n.Categories[0].Label, []string{n.Categories[0].Title}})
	}
	is := n.Issues[0]
	lead := []rune(is.Lead)
	levels = append(levels, printLevel{is.Label, []string{is.Title, string(lead[:min(len(lead), 8)])}})

	first := d.problems[0] // the first problem of notice n
	types := []pageType{
		{"notice", "/notices/" + n.ID + "/", 200},
		{fmt.Sprintf("problem-%d", first.Number), first.path(), 200},
		{"issues", "/issues/", 200},
	}
	for _, pt := range types {
		t.Run(pt.name, func(t *testing.T) {
			p := newPage(t)
			p.viewport(800)
			p.goTo(pt.path)
			p.printMedia(true)

			if shown := eval[[]string](p, chromeJS); len(shown) > 0 {
				t.Errorf("%s in print: still printed: %s", pt.path, strings.Join(shown, "; "))
			}
			// The page says where it came from, on paper only.
			source := eval[[]string](p, `[document.querySelector('link[rel=canonical]').href, document.body.innerText]`)
			if !strings.Contains(source[1], source[0]) {
				t.Errorf("%s in print: the page does not say its address %s", pt.path, source[0])
			}
			switch {
			case pt.name == "notice":
				checkPrintedHierarchy(t, p, pt.path, levels)
			case strings.HasPrefix(pt.name, "problem-"):
				checkPrintedProblem(t, p, pt.path, first)
			}

			png := p.screenshotPNG()
			saveArtifact(t, "print/"+pt.name+".png", png)
			pdf, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
			if err != nil {
				t.Fatalf("printing %s to PDF: %v", pt.path, err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("printing %s gave no PDF", pt.path)
			}
			saveArtifact(t, "print/"+pt.name+".pdf", pdf)
		})
	}
}

// printLevel is one level of a notice's hierarchy: a label (二、, （一）…)
// and the words that follow it on screen (any one of Next).
type printLevel struct {
	Label string   `json:"label"`
	Next  []string `json:"next"`
}

// checkPrintedHierarchy checks that each level of the notice's hierarchy
// starts a visible element in print, the headings in nesting levels.
func checkPrintedHierarchy(t *testing.T, p *page, path string, levels []printLevel) {
	t.Helper()
	found := eval[[]labelHeading](p, `(() => {
		const squash = (s) => (s || '').replace(/\s+/g, '');
		const levels = `+jsString(levels)+`;
		const els = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6, main li, main p, main dt, main a, main strong, main span, main summary')];
		return levels.map(({label, next}) => {
			const e = els.find(e => {
				const s = squash(e.textContent);
				return next.some(n => s.startsWith(squash(label + n)) || (s.startsWith(label) && s.includes(squash(n)))) && e.checkVisibility();
			});
			return {label, tag: e ? e.tagName.toLowerCase() : ''};
		});
	})()`)
	prev := 0
	for i, f := range found {
		if f.Tag == "" {
			t.Errorf("%s in print: no visible element starts with %q: the notice's heading hierarchy must print", path, f.Label)
			continue
		}
		if i == len(found)-1 {
			continue // a problem may be a list item or a heading
		}
		if len(f.Tag) != 2 || f.Tag[0] != 'h' {
			t.Errorf("%s in print: %q starts a <%s>, want a heading", path, f.Label, f.Tag)
			continue
		}
		level := int(f.Tag[1] - '0')
		if level <= prev {
			t.Errorf("%s in print: %q is an <%s> under an <h%d>: the levels must nest", path, f.Label, f.Tag, prev)
		}
		prev = level
	}
	t.Logf("%s printed hierarchy: %+v", path, found)
}

// checkPrintedProblem checks that a problem prints its title (in the h1) and
// every measure.
func checkPrintedProblem(t *testing.T, p *page, path string, pr problem) {
	t.Helper()
	h1 := eval[string](p, `(() => { const h = document.querySelector('h1'); return h && h.checkVisibility() ? h.textContent : ''; })()`)
	if !strings.Contains(strings.Join(strings.Fields(h1), ""), strings.Join(strings.Fields(pr.Title), "")) {
		t.Errorf("%s in print: the visible h1 is %q, want it to hold the title %q", path, h1, pr.Title)
	}
	text := eval[string](p, `document.querySelector('main').innerText`)
	text = strings.Join(strings.Fields(text), "")
	for i, m := range pr.Measures {
		if !strings.Contains(text, strings.Join(strings.Fields(m), "")) {
			t.Errorf("%s in print: measure %d is not printed: %s", path, i+1, abbrev(m))
		}
	}
}
