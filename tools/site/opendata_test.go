package site

// Open data, sitemap and feeds at scale (issue 10, item 3), on a generated
// site of genNotices notices (package gen) built with a small sitemap file
// size and small feed bounds, so that the bounds are reached.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/wuhan-rectify/tracker/tools/finish"
	"github.com/wuhan-rectify/tracker/tools/gen"
	"github.com/wuhan-rectify/tracker/tools/opendata"
)

// The generated site: genNotices notices, sitemap files of genChunk URLs,
// feeds of genFeedNotices notices and genFeedUpdates updates.
const (
	genNotices     = 20
	genChunk       = 150
	genFeedNotices = 7
	genFeedUpdates = 5
)

// finishOpenData does what rectify build does after Hugo (finish.Site) to
// the site built into dir from the source at src, with the build's as-of
// date (testAsOf when it sets none).
func finishOpenData(src, dir, asOf string) error {
	if asOf == "" || asOf == "none" {
		asOf = testAsOf
	}
	day, err := time.ParseInLocation(time.DateOnly, asOf, time.FixedZone("CST", 8*3600))
	if err != nil {
		return err
	}
	return finish.Site(src, dir, day, nil)
}

var (
	genOnce  sync.Once
	genBuilt *build
)

// genSite is the generated site, built once per test binary.
func genSite(t *testing.T) *build {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds the site with Hugo")
	}
	genOnce.Do(func() { genBuilt = buildGenerated(t) })
	if genBuilt.err != nil {
		t.Fatalf("building the generated site: %v", genBuilt.err)
	}
	return genBuilt
}

// buildGenerated writes the generated site (gen.Site), sets the small
// bounds in its config.toml, checks its data as rectify build does and
// builds it.
func buildGenerated(t *testing.T) *build {
	b := &build{name: "gen" + strconv.Itoa(genNotices)}
	root := moduleRoot(t)
	src := filepath.Join(tmpRoot, b.name, "src")
	b.dir = filepath.Join(tmpRoot, b.name, "public")
	if _, b.err = gen.Site(root, src, genNotices); b.err != nil {
		return b
	}
	cfgPath := filepath.Join(src, "config.toml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		b.err = err
		return b
	}
	for key, v := range map[string]int{"sitemapChunkSize": genChunk, "feedNotices": genFeedNotices, "feedUpdates": genFeedUpdates} {
		rx := regexp.MustCompile(`(?m)^` + key + ` = \d+$`)
		if !rx.Match(cfg) {
			b.err = fmt.Errorf("config.toml has no line %q = N", key)
			return b
		}
		cfg = rx.ReplaceAll(cfg, []byte(fmt.Sprintf("%s = %d", key, v)))
	}
	if b.err = os.WriteFile(cfgPath, cfg, 0o644); b.err != nil {
		return b
	}
	paths, _ := filepath.Glob(filepath.Join(src, "data", "notices", "*.toml"))
	ns, diags := checkData(src, paths, paths) // all of them made by the importer
	if b.err = checkError(diags); b.err != nil {
		return b
	}
	b.notices = ns
	if b.raw, b.err = readRaw(src, paths); b.err != nil {
		return b
	}
	b.err = b.hugo(t, root, src)
	return b
}

// TestDefaultBounds: config.toml gives the bounds of issue 10: sitemap
// files of the protocol's 50,000 URLs at most, feeds of the newest 50
// notices and 100 updates.
func TestDefaultBounds(t *testing.T) {
	var cfg struct {
		Params struct {
			SitemapChunkSize int
			FeedNotices      int
			FeedUpdates      int
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(moduleRoot(t), "config.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if p := cfg.Params; p.SitemapChunkSize != 50000 || p.FeedNotices != 50 || p.FeedUpdates != 100 {
		t.Errorf("config.toml params: sitemapChunkSize %d, feedNotices %d, feedUpdates %d; want 50000, 50, 100", p.SitemapChunkSize, p.FeedNotices, p.FeedUpdates)
	}
}

// TestNoticeOpenData: each notice's /notices/<id>/issues.json and .csv hold
// exactly the rows of /data/issues.json and .csv for that notice, in the
// same order, with the same header; together they are the whole. The
// site-wide files equal the data (the checks of TestIssuesJSON and
// TestIssuesCSV on the generated site), and the notice page links to its
// files.
func TestNoticeOpenData(t *testing.T) {
	for _, b := range []*build{genSite(t), siteBuild(t, "both")} {
		checkIssuesJSON(t, b)
		checkIssuesCSV(t, b)
		var all []issueRecord
		if err := json.Unmarshal(b.read(t, "data/issues.json"), &all); err != nil {
			t.Fatalf("%s: data/issues.json: %v", b.name, err)
		}
		allCSV := readCSV(t, b, "data/issues.csv")
		seen := 0
		for _, n := range newestFirst(b.notices) {
			dir := "notices/" + n.ID + "/"
			var want []issueRecord
			for _, r := range all {
				if r.Notice == n.ID {
					want = append(want, r)
				}
			}
			var got []issueRecord
			dec := json.NewDecoder(bytes.NewReader(b.read(t, dir+"issues.json")))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("%s: %sissues.json: %v", b.name, dir, err)
			}
			if len(want) != len(n.Issues) || !equalJSON(got, want) {
				t.Errorf("%s: %sissues.json has %d records, not the %d rows of data/issues.json for %s (%d problems)", b.name, dir, len(got), len(want), n.ID, len(n.Issues))
			}
			rows := readCSV(t, b, dir+"issues.csv")
			wantRows := [][]string{allCSV[0]}
			for _, r := range allCSV[1:] {
				if r[0] == n.ID {
					wantRows = append(wantRows, r)
				}
			}
			if !slices.EqualFunc(rows, wantRows, slices.Equal) {
				t.Errorf("%s: %sissues.csv has %d lines, not the header and the %d rows of data/issues.csv for %s", b.name, dir, len(rows), len(wantRows)-1, n.ID)
			}
			seen += len(got)
			// The notice page links to both files.
			hrefs := links(b.pageAt(t, basePath+dir).root)
			for _, f := range []string{"issues.json", "issues.csv"} {
				if !slices.Contains(hrefs, basePath+dir+f) {
					t.Errorf("%s: the page of %s does not link to %s", b.name, n.ID, dir+f)
				}
			}
		}
		if seen != len(all) {
			t.Errorf("%s: the notices' files hold %d records, data/issues.json %d", b.name, seen, len(all))
		}
		t.Logf("%s site: %d notices' issues.json and issues.csv equal their rows of the site-wide files (%d records)", b.name, len(b.notices), seen)
	}
}

// equalJSON compares two values by their JSON.
func equalJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// readCSV parses a CSV file of the open data (after its BOM).
func readCSV(t *testing.T, b *build, rel string) [][]string {
	t.Helper()
	data, ok := bytes.CutPrefix(b.read(t, rel), []byte("\ufeff"))
	if !ok {
		t.Errorf("%s: %s has no BOM", b.name, rel)
	}
	// The last record ends the file: a quoted cell, then CRLF (csv.Reader
	// skips blank lines, spreadsheet programs and Python's csv do not).
	if !bytes.HasSuffix(data, []byte("\"\r\n")) {
		t.Errorf("%s: %s does not end with its last record (…%q)", b.name, rel, data[max(0, len(data)-8):])
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 23
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %s: %v (%d lines)", b.name, rel, err, len(rows))
	}
	return rows
}

// TestBundle: /data/tracker-data.tar.gz holds notices.json and every
// notice's issues.json and issues.csv under tracker-data/, sorted, byte for
// byte the files of the site, dated the as-of day; made again from a copy
// of the files (other times, another order on disk) it has the same bytes.
// /data/ links to it and shows each file's size.
func TestBundle(t *testing.T) {
	b := genSite(t)
	bundle := b.read(t, opendata.BundlePath)
	var want []string
	want = append(want, "tracker-data/notices.json")
	for _, n := range b.notices {
		want = append(want, "tracker-data/notices/"+n.ID+"/issues.csv", "tracker-data/notices/"+n.ID+"/issues.json")
	}
	sort.Strings(want)
	zr, err := gzip.NewReader(bytes.NewReader(bundle))
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("the gzip header has a time %v or a name %q", zr.ModTime, zr.Name)
	}
	tr := tar.NewReader(zr)
	var names []string
	day, _ := time.ParseInLocation(time.DateOnly, testAsOf, time.FixedZone("CST", 8*3600))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		content, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(h.Name, "tracker-data/")
		if rel == "notices.json" {
			rel = "data/notices.json"
		}
		if !bytes.Equal(content, b.read(t, rel)) {
			t.Errorf("bundle entry %s differs from %s", h.Name, rel)
		}
		if h.Typeflag != tar.TypeReg || h.Mode != 0o644 || !h.ModTime.Equal(day) || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("bundle entry %s: type %c, mode %o, time %v, owner %d:%d %q:%q; want a plain file, 0644, %v, no owner",
				h.Name, h.Typeflag, h.Mode, h.ModTime, h.Uid, h.Gid, h.Uname, h.Gname, day)
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("the bundle holds\n%q\nwant\n%q", names, want)
	}

	// Again from a copy, written at another time.
	cp := t.TempDir()
	files, err := opendata.BundleFiles(b.dir)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(files)
	for _, rel := range append(files, "data/index.html", "data/issues.json", "data/issues.csv") {
		if err := copyFile(filepath.Join(b.dir, filepath.FromSlash(rel)), filepath.Join(cp, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(10 * time.Millisecond)
	if err := opendata.Finish(moduleRoot(t), cp, day); err != nil {
		t.Fatal(err)
	}
	again, err := os.ReadFile(filepath.Join(cp, filepath.FromSlash(opendata.BundlePath)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, bundle) {
		t.Errorf("the bundle made again from the same files differs (%d and %d bytes)", len(again), len(bundle))
	}

	// /data/ links to the bundle and gives every size, in bytes for a file.
	d := b.pageAt(t, basePath+"data/")
	if !slices.Contains(links(d.root), basePath+opendata.BundlePath) {
		t.Errorf("/data/ does not link to %s", opendata.BundlePath)
	}
	cells := all(d.root, tagClass("span", "file-size"))
	if len(cells) < 6 {
		t.Errorf("/data/ has %d size cells, want at least 6 (three files, the bundle, the notices' JSON and CSV)", len(cells))
	}
	sizes := map[string]string{}
	for _, c := range cells {
		of, got := attr(c, "data-size-of"), textOf(c)
		sizes[of] = got
		want, err := opendata.SizeText(b.dir, of)
		if err != nil || got != want {
			t.Errorf("/data/: the size of %s reads %q, want %q (%v)", of, got, want, err)
		}
		if strings.Contains(of, "*") {
			continue
		}
		fi, err := os.Stat(filepath.Join(b.dir, filepath.FromSlash(of)))
		if err != nil || !strings.Contains(got, "（"+groupThousands(fi.Size())+" 字节）") {
			t.Errorf("/data/: the size of %s reads %q, not its %d bytes (%v)", of, got, fi.Size(), err)
		}
	}
	for _, of := range []string{"data/issues.json", "data/issues.csv", "data/notices.json", opendata.BundlePath, "notices/*/issues.json", "notices/*/issues.csv"} {
		if _, ok := sizes[of]; !ok {
			t.Errorf("/data/ gives no size of %s", of)
		}
	}
	t.Logf("bundle: %d entries, %d bytes; sizes on /data/: %v", len(names), len(bundle), sizes)
}

// groupThousands writes n with a comma between groups of three digits.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sitemapNS is the namespace of the sitemap protocol.
const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// w3cTime is the W3C datetime of the sitemap protocol's lastmod.
var w3cTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z))?$`)

// sitemapLocs reads /sitemap.xml, which must be a sitemap index by the
// protocol, and every file it lists, each a urlset of at most chunk URLs
// (and 50 MB), and returns the URLs of the files in order, and the files.
func sitemapLocs(t *testing.T, b *build, chunk int) (locs, files []string) {
	t.Helper()
	var index struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(b.read(t, "sitemap.xml"), &index); err != nil {
		t.Fatalf("%s: sitemap.xml: %v", b.name, err)
	}
	if index.XMLName != (xml.Name{Space: sitemapNS, Local: "sitemapindex"}) || len(index.Sitemaps) == 0 {
		t.Fatalf("%s: sitemap.xml is a %v with %d files, want a sitemapindex in %s", b.name, index.XMLName, len(index.Sitemaps), sitemapNS)
	}
	if len(index.Sitemaps) > 50000 {
		t.Errorf("%s: sitemap.xml lists %d files, more than 50,000", b.name, len(index.Sitemaps))
	}
	for _, s := range index.Sitemaps {
		rel, ok := strings.CutPrefix(s.Loc, baseURL)
		if !ok {
			t.Fatalf("%s: sitemap.xml lists %q, not a file of the site", b.name, s.Loc)
		}
		if s.Lastmod != "" && !w3cTime.MatchString(s.Lastmod) {
			t.Errorf("%s: sitemap.xml: lastmod %q of %s is no W3C datetime", b.name, s.Lastmod, rel)
		}
		files = append(files, rel)
		data := b.read(t, rel)
		if len(data) > 50<<20 {
			t.Errorf("%s: %s has %d bytes, more than the protocol's 50 MB", b.name, rel, len(data))
		}
		var set struct {
			XMLName xml.Name
			URLs    []struct {
				Loc     string `xml:"loc"`
				Lastmod string `xml:"lastmod"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatalf("%s: %s: %v", b.name, rel, err)
		}
		if set.XMLName != (xml.Name{Space: sitemapNS, Local: "urlset"}) || len(set.URLs) == 0 || len(set.URLs) > chunk {
			t.Errorf("%s: %s is a %v with %d URLs, want a urlset of 1 to %d", b.name, rel, set.XMLName, len(set.URLs), chunk)
		}
		for _, u := range set.URLs {
			if len(u.Loc) >= 2048 {
				t.Errorf("%s: %s: a URL of %d characters", b.name, rel, len(u.Loc))
			}
			if u.Lastmod != "" && !w3cTime.MatchString(u.Lastmod) {
				t.Errorf("%s: %s: lastmod %q of %s is no W3C datetime", b.name, rel, u.Lastmod, u.Loc)
			}
			locs = append(locs, u.Loc)
		}
	}
	return locs, files
}

// pagerPath matches the pages 2, 3, … of a paginated list (Hugo's
// pagination.path "page"), which the sitemap leaves out as Hugo's own does.
var pagerPath = regexp.MustCompile(`(^|/)page/\d+/index\.html$`)

// TestSitemapIndex: /sitemap.xml is a sitemap index (robots.txt points to
// it) of files of at most the configured number of URLs; across them every
// page of the site is listed exactly once, and nothing else.
func TestSitemapIndex(t *testing.T) {
	for _, c := range []struct {
		b     *build
		chunk int
	}{{genSite(t), genChunk}, {realSite(t), 50000}} {
		b := c.b
		locs, files := sitemapLocs(t, b, c.chunk)
		if robots := string(b.read(t, "robots.txt")); !strings.Contains(robots, "Sitemap: "+baseURL+"sitemap.xml\n") {
			t.Errorf("%s: robots.txt does not point to the sitemap index: %q", b.name, robots)
		}
		var pages []string
		for _, f := range b.htmlFiles(t) {
			if f == "404.html" || pagerPath.MatchString(f) || bytes.Contains(b.read(t, f), []byte(`http-equiv="refresh"`)) {
				continue
			}
			pages = append(pages, baseURL+(&url.URL{Path: strings.TrimSuffix(f, "index.html")}).EscapedPath())
		}
		count := map[string]int{}
		for _, l := range locs {
			count[l]++
		}
		for l, n := range count {
			if n > 1 {
				t.Errorf("%s: the sitemap lists %s %d times", b.name, l, n)
			}
			if !slices.Contains(pages, l) {
				t.Errorf("%s: the sitemap lists %s, which is no page of the site", b.name, l)
			}
		}
		for _, p := range pages {
			if count[p] == 0 {
				t.Errorf("%s: the sitemap does not list %s", b.name, p)
			}
		}
		if want := (len(pages) + c.chunk - 1) / c.chunk; len(files) != want {
			t.Errorf("%s: %d sitemap files for %d pages of at most %d, want %d", b.name, len(files), len(pages), c.chunk, want)
		}
		t.Logf("%s site: %d pages in %d sitemap files of at most %d URLs", b.name, len(locs), len(files), c.chunk)
	}
}

// boundedFeed is an RSS 2.0 feed, as far as TestFeedsBounded reads it.
type boundedFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string   `xml:"title"`
		Links []string `xml:"link"` // the channel's link and atom:link (empty)
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

// TestFeedsBounded: with more notices and updates than their bounds, the
// feeds are valid RSS and hold the newest feedNotices notices and the
// newest feedUpdates updates, newest first.
func TestFeedsBounded(t *testing.T) {
	b := genSite(t)
	read := func(rel string) boundedFeed {
		var f boundedFeed
		data := b.read(t, rel)
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = true
		if err := d.Decode(&f); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if f.Version != "2.0" || f.Channel.Title == "" || !slices.Contains(f.Channel.Links, baseURL+strings.TrimSuffix(rel, "index.xml")) {
			t.Errorf("%s: not an RSS 2.0 channel with a title and link", rel)
		}
		for _, it := range f.Channel.Items {
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil || it.Title == "" || !strings.HasPrefix(it.Link, baseURL) {
				t.Errorf("%s: item %q: pubDate %q (%v), link %q", rel, it.Title, it.PubDate, err, it.Link)
			}
		}
		t.Logf("%s: %d items, %d bytes", rel, len(f.Channel.Items), len(data))
		return f
	}

	notices := newestFirst(b.notices)
	if len(notices) <= genFeedNotices {
		t.Fatalf("%d notices, not more than the bound %d", len(notices), genFeedNotices)
	}
	nf := read("notices/index.xml")
	var got, want []string
	for _, it := range nf.Channel.Items {
		got = append(got, it.Link)
	}
	for _, n := range notices[:genFeedNotices] {
		want = append(want, baseURL+"notices/"+n.ID+"/")
	}
	if !slices.Equal(got, want) {
		t.Errorf("the notices feed lists\n%q\nwant the newest %d\n%q", got, genFeedNotices, want)
	}
	// /data/ states the bounds.
	page := textOf(b.pageAt(t, basePath+"data/").root)
	for _, s := range []string{fmt.Sprintf("列出最新的 %d 份", genFeedNotices), fmt.Sprintf("列出最新的 %d 条", genFeedUpdates)} {
		if !strings.Contains(page, s) {
			t.Errorf("/data/ does not say %q", s)
		}
	}

	// The updates, newest first (ties in the site's order of problems).
	type update struct{ date, guid string }
	var ups []update
	for _, n := range notices {
		for _, is := range n.Issues {
			for _, u := range is.Updates {
				ups = append(ups, update{u.Date, fmt.Sprintf("%s/%d/%s", n.ID, is.Number, u.Date)})
			}
		}
	}
	if len(ups) <= genFeedUpdates {
		t.Fatalf("the generated site has %d updates, not more than the bound %d", len(ups), genFeedUpdates)
	}
	sort.SliceStable(ups, func(i, j int) bool { return ups[i].date > ups[j].date })
	uf := read("updates/index.xml")
	if len(uf.Channel.Items) != genFeedUpdates {
		t.Fatalf("the updates feed has %d items, want %d of %d", len(uf.Channel.Items), genFeedUpdates, len(ups))
	}
	for i, it := range uf.Channel.Items {
		if it.GUID != ups[i].guid {
			t.Errorf("updates feed item %d is %s, want %s (of %s)", i, it.GUID, ups[i].guid, ups[i].date)
		}
	}
}
