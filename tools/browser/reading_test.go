package browser

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The tests of what reading the site is like with a Chinese input method
// and on a phone (issue 9): the keyword box waits for the input method,
// takes several words and full-width characters and searches the area and
// category names.

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

// TestKeywordWaitsForIME: while an input method composes, the rows and the
// announced count stay as they were (not 0 rows at every keystroke of
// 拼音); the words are applied when the composition ends.
func TestKeywordWaitsForIME(t *testing.T) {
	skipShort(t)
	p := newPage(t)
	d := env.data
	all := d.keys(filter{})
	want := d.keys(filter{Q: "政治"})
	if len(want) == 0 || len(want) == len(all) {
		t.Fatalf("政治 matches %d of %d problems: the test cannot tell filtering from not", len(want), len(all))
	}
	p.goTo("/issues/")
	p.expectCount("/issues/", len(all))
	seen := eval[[]imeStep](p, imeJS([]string{"z", "zh", "zhe", "zheng", "zheng'z", "zheng'zhi"}, "政治"))
	for i, s := range seen[1:] {
		if s != seen[0] {
			t.Errorf("composing step %d: %d rows shown, the result count says %q; while the input method composes both must stay as before (%d rows, %q): the composed text is not yet the reader's words",
				i+1, s.Rows, s.Count, seen[0].Rows, seen[0].Count)
		}
	}
	p.expectRows("/issues/ after the composition of 政治", want)
	p.expectCount("/issues/ after the composition of 政治", len(want))
}

// TestKeywordWords: the keyword box takes several words separated by a
// space (all of them must be found), matches full-width digits to the
// data's ASCII ones (NFKC on both sides), and searches the names of areas
// and categories too.
func TestKeywordWords(t *testing.T) {
	skipShort(t)
	d := env.data
	needSite(t)
	all := len(d.keys(filter{}))
	cases := []struct{ why, q string }{
		{"two words, both required", "政治 建设"},
		{"two words with a full-width space", "政治　建设"},
		{"full-width digits", "２０１９"},
	}
	// A category name that no problem of the category repeats in its
	// title or measures: only the category can make them match.
	for _, c := range d.categories() {
		name := c
		if i, j := strings.Index(c, "“"), strings.LastIndex(c, "”"); i >= 0 && j > i {
			name = c[i+len("“") : j]
		}
		if slices.ContainsFunc(d.problems, func(p problem) bool {
			return p.Category == c && (strings.Contains(p.Title, name) || slices.ContainsFunc(p.Measures, func(m string) bool { return strings.Contains(m, name) }))
		}) {
			continue
		}
		cases = append(cases, struct{ why, q string }{"a category name", name})
		break
	}
	if len(cases) < 4 {
		t.Error("no category name of data/notices is missing from its problems' texts: the category search is not tested")
	}
	p := newPage(t)
	p.goTo("/issues/")
	for _, c := range cases {
		want := d.keys(filter{Q: c.q})
		if len(want) == 0 || len(want) == all {
			t.Errorf("%s %q matches %d of %d problems: pick another", c.why, c.q, len(want), all)
			continue
		}
		p.enterKeyword(c.q)
		where := fmt.Sprintf("/issues/ with the keyword %q (%s)", c.q, c.why)
		p.expectRows(where, want)
		p.expectCount(where, len(want))
	}
}

// enterKeyword empties the keyword box and enters q as committed text (as
// an input method or a paste does: one input event, any characters, the
// full-width ones included).
func (p *page) enterKeyword(q string) {
	p.t.Helper()
	runFilter[bool](p, `(() => { const q = control('q')[0]; q.focus(); q.value = ''; q.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'deleteContentBackward'})); return true; })()`)
	p.do("entering the keyword", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: q})
		return err
	}))
	if got := runFilter[string](p, "control('q')[0].value"); got != q {
		p.t.Fatalf("the keyword box holds %q after entering %q", got, q)
	}
}
