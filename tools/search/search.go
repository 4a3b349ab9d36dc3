// Package search builds the index of the site-wide search (/search/): an
// exact substring search over the problems and notices, in Chinese, on a
// static site.
//
// # Semantics
//
// A query is normalised with NFKC and split at white space into terms. A
// problem is a result iff every term is a substring of its text: its title,
// measures, status evidence, area and category titles, regulations,
// accountability texts, updates (status, note, source), and its notice's
// title and issuer (ProblemFields). A notice is a result iff every term is
// a substring of its title, issuer, preamble and closing (NoticeFields).
// Fields are normalised with NFKC one by one and never joined: a term
// cannot run from one field into the next. Letters keep their case.
//
// # Why not a segmenter
//
// Word-based engines (Pagefind and the like) split Chinese into words and
// find a query only when it is made of whole words: 段简 inside 手段简单
// is missed. Here every substring counts, including one character.
//
// Pagefind 1.6.0 (npm, with its Linux binary) was measured against the
// oracle of this package (Oracle, Queries: the fixed queries and 300
// sampled ones), by scripts kept outside the repository: its Node API
// indexed exactly the oracle's documents, NFKC-normalised, and the queries
// were NFKC-normalised too. On the seed 147 of 335 queries differ:
// precision 79.9 %, recall 94.6 % (决 finds 12 of the 61 problems that
// hold it, 面 31 of 61, full-width commas none). On 100 generated notices
// 181 differ: precision 77.3 %, recall 89.7 %. pagefind --site on the built
// 100-notice site took 41 s and 2.1 GB (35 MB in 7,039 files); a first
// query there transfers 196–211 KB (script, worker, WebAssembly, language
// data, index chunks, ten result fragments), and the WebAssembly needs
// 'wasm-unsafe-eval' in the CSP. It is not exact, so it is not used.
//
// # The index
//
// Built in Go at build time (rectify build and serve, after Hugo, from the
// notices the data check has read and the figures of the site's records:
// see WriteSite), written under search-index/ of the built site (encode.go
// gives their formats):
//
//   - Gram postings, for terms of one to three characters: for every
//     1-, 2- and 3-character string of the texts, the documents (problems,
//     then notices) whose text holds it, and the problems whose title holds
//     it. Exact: a term of up to three characters is in a text iff it is
//     one of its grams.
//   - Positional postings, for terms of four or more characters: for every
//     3-character string, each place (unit, offset) where it occurs. A unit
//     is a notice's title and issuer (shared by its problems: stored once),
//     a notice's preamble and closing, a problem's title, or the rest of a
//     problem's text with its area and category titles first. A term occurs
//     at (u, p) iff the 3-grams starting at 0, 3, 6, … and at len-3 of the
//     term all occur in u at p plus their offset: exact.
//   - Facets (status, overdue, accountability kind, area, category) as
//     posting lists over the problems, loaded only when a filter is set.
//   - Documents, per notice in blocks of DocBlock problems: what a result
//     shows (title, notice, status with provenance, overdue, the fields for
//     the snippet), read only for the page of results shown.
//   - The notice and unit filters' options, read when a filter is used.
//
// The level and year filters are not in the index: a notice's level may be
// inferred, and the templates infer it (func/notice-merge.html). Hugo
// writes them by notice as /search/facets.json (func/search-facets.html,
// published by the page /search/), which search.js reads when one of them
// is set.
//
// Postings are split into shards by a hash of the gram (FNV-1a, 32 bits,
// of its UTF-8), sized so that a shard stays small: a query fetches one
// shard per gram it needs, and skips the other records of the shard by
// their lengths. assets/js/search.js reads them; Reader here is the same
// algorithm in Go, for the tests.
package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/wuhan-rectify/tracker/tools/notice"
	"golang.org/x/text/unicode/norm"
)

// Normalize is the normalisation of queries and texts: NFKC. Text made of
// runes that NFKC leaves alone whatever their neighbours (most Chinese
// text) or maps, alone, to such runes (full-width punctuation, letters and
// digits) is normalised rune by rune from a table; anything else goes
// through the normaliser.
func Normalize(s string) string {
	nfkc := nfkcTable()
	same := true
	for _, r := range s {
		if r >= 0x10000 || nfkc[r] == nil {
			return norm.NFKC.String(s)
		}
		same = same && nfkc[r] == inertMark
	}
	if same {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if m := nfkc[r]; m == inertMark {
			b = utf8.AppendRune(b, r)
		} else {
			b = append(b, *m...)
		}
	}
	return string(b)
}

var inertMark = new(string)

// nfkcTable gives, for each rune of the BMP, inertMark when NFKC leaves it alone
// whatever its neighbours (norm.Properties.BoundaryAfter: no
// decomposition, combining class 0, no composition either way), its NFKC
// when that is made of such runes and it combines with nothing before it,
// and nil otherwise.
var nfkcTable = sync.OnceValue(func() []*string {
	t := make([]*string, 0x10000)
	for r := range rune(0x10000) {
		if !utf8.ValidRune(r) {
			continue
		}
		if norm.NFKC.PropertiesString(string(r)).BoundaryAfter() {
			t[r] = inertMark
		}
	}
	for r := range rune(0x10000) {
		if !utf8.ValidRune(r) || t[r] != nil {
			continue
		}
		p := norm.NFKC.PropertiesString(string(r))
		m := norm.NFKC.String(string(r))
		if !p.BoundaryBefore() || p.CCC() != 0 || m == "" {
			continue
		}
		ok := true
		for _, c := range m {
			ok = ok && c < 0x10000 && t[c] == inertMark
		}
		if ok {
			t[r] = &m
		}
	}
	return t
})

// Terms splits a query into its terms: NFKC, then split at white space;
// repeated terms count once.
func Terms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.Fields(Normalize(q)) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// ProblemFields returns the searchable fields of problem is of notice n
// (the staff file applied), in the order a snippet is looked for: title,
// then the rest. The notice's title and issuer are last.
func ProblemFields(n *notice.Notice, is notice.Issue) []string {
	f := []string{is.Title}
	f = append(f, bodyFields(is)...)
	f = append(f, areaTitle(n, is.Area), categoryTitle(n, is.Category), n.Title, n.Issuer)
	return f
}

// bodyFields are a problem's own fields after its title.
func bodyFields(is notice.Issue) []string {
	f := append([]string(nil), is.Measures...)
	f = append(f, is.StatusEvidence)
	for _, r := range is.Regulations {
		f = append(f, r.Title)
	}
	for _, a := range is.Accountability {
		f = append(f, a.Text)
	}
	for _, u := range is.Updates {
		f = append(f, u.Status, u.Note, u.Source)
	}
	return f
}

// NoticeFields returns the searchable fields of a notice.
func NoticeFields(n *notice.Notice) []string {
	f := []string{n.Title, n.Issuer}
	f = append(f, n.Preamble...)
	return append(f, n.Closing...)
}

func areaTitle(n *notice.Notice, number int) string {
	for _, a := range n.Areas {
		if a.Number == number {
			return a.Title
		}
	}
	return ""
}

func categoryTitle(n *notice.Notice, number int) string {
	for _, c := range n.Categories {
		if c.Number == number {
			return c.Title
		}
	}
	return ""
}
