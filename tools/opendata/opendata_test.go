package opendata

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeSite writes files (slash-separated paths) under a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// dataPage is a /data/ page with the size cells of the shortcode.
const dataPage = `<p><span class="file-size" data-size-of="data/notices.json">生成网站时填写</span>
<span class="file-size" data-size-of="data/tracker-data.tar.gz">生成网站时填写</span>
<span class="file-size" data-size-of="notices/*/issues.csv">生成网站时填写</span></p>`

// fixture is a built site of two notices, one without problems, as Hugo
// writes it (Finish makes the rest).
func fixture(t *testing.T) string {
	return writeSite(t, map[string]string{
		"data/notices.json":          `[{"id": "b-2021", "title": "乙"}, {"id": "a-2020", "title": "甲"}]`,
		"data/index.html":            dataPage,
		"notices/a-2020/issues.json": `[]`,
		"notices/b-2021/issues.json": "[\n  {\n    \"notice\": \"b-2021\",\n    \"number\": 1\n  }\n]",
		"notices/index.html":         "not in the bundle",
	})
}

// root is the repository root, whose i18n file gives the CSV its words.
const root = "../.."

var day = time.Date(2026, 11, 30, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

// TestFinish: the bundle holds notices.json and each notice's two files,
// sorted, under tracker-data/, dated the day; the sizes are filled in;
// a second run over a copy gives the same bytes.
func TestFinish(t *testing.T) {
	dir := fixture(t)
	if err := Finish(root, dir, day); err != nil {
		t.Fatal(err)
	}
	bundle, err := os.ReadFile(filepath.Join(dir, BundlePath))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(bundle))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		content, _ := io.ReadAll(tr)
		rel := strings.TrimPrefix(h.Name, BundleFolder+"/")
		if rel == "notices.json" {
			rel = "data/notices.json"
		}
		want, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if !bytes.Equal(content, want) || !h.ModTime.Equal(day) || h.Mode != 0o644 {
			t.Errorf("entry %s: %q, %v, %o; want %q, %v, 644", h.Name, content, h.ModTime, h.Mode, want, day)
		}
		names = append(names, h.Name)
	}
	want := []string{"tracker-data/notices.json", "tracker-data/notices/a-2020/issues.csv", "tracker-data/notices/a-2020/issues.json",
		"tracker-data/notices/b-2021/issues.csv", "tracker-data/notices/b-2021/issues.json"}
	if !slices.Equal(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}

	page, _ := os.ReadFile(filepath.Join(dir, "data", "index.html"))
	size := func(rel string) int64 {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	for _, s := range []string{
		`data-size-of="data/notices.json">` + groupDigits(size("data/notices.json")) + ` 字节</span>`,
		`data-size-of="data/tracker-data.tar.gz">` + groupDigits(int64(len(bundle))) + ` 字节</span>`,
		`data-size-of="notices/*/issues.csv">` + groupDigits(size("notices/a-2020/issues.csv")) + ` 字节～` + groupDigits(size("notices/b-2021/issues.csv")) + ` 字节</span>`,
	} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the page lacks %s:\n%s", s, page)
		}
	}

	// Again, from a fresh copy with the files written in another order.
	again := fixture(t)
	os.Chtimes(filepath.Join(again, "notices/a-2020/issues.json"), time.Unix(1e9, 0), time.Unix(1e9, 0))
	if err := Finish(root, again, day); err != nil {
		t.Fatal(err)
	}
	if b2, _ := os.ReadFile(filepath.Join(again, BundlePath)); !bytes.Equal(b2, bundle) {
		t.Error("two bundles of the same files differ")
	}
	// Finishing twice gives the same page (the filled cells are filled again).
	if err := Finish(root, dir, day); err != nil {
		t.Fatal(err)
	}
	if p2, _ := os.ReadFile(filepath.Join(dir, "data", "index.html")); !bytes.Equal(p2, page) {
		t.Errorf("finishing again changed the page:\n%s\n%s", page, p2)
	}
}

// TestFinishErrors: a notice without its files, a size cell of a missing
// file and a page without cells are errors; a site without open data is
// left alone.
func TestFinishErrors(t *testing.T) {
	dir := fixture(t)
	os.Remove(filepath.Join(dir, "notices/b-2021/issues.json"))
	if err := Finish(root, dir, day); err == nil || !strings.Contains(err.Error(), "b-2021") {
		t.Errorf("a missing issues.json: %v", err)
	}

	dir = fixture(t)
	os.WriteFile(filepath.Join(dir, "notices/b-2021/issues.json"), []byte(`[{"notice": "b-2021"}]`), 0o644)
	if err := Finish(root, dir, day); err == nil || !strings.Contains(err.Error(), "b-2021/issues.json") {
		t.Errorf("an issues.json not laid out as jsonify lays it out: %v", err)
	}

	dir = fixture(t)
	os.WriteFile(filepath.Join(dir, "notices/b-2021/issues.json"), []byte("[\n  {\"status_basis\": \"guessed\"}\n]"), 0o644)
	if err := Finish(root, dir, day); err == nil || !strings.Contains(err.Error(), "provenanceColumn_guessed") {
		t.Errorf("a provenance without words: %v", err)
	}

	dir = fixture(t)
	if err := Finish(t.TempDir(), dir, day); err == nil || !strings.Contains(err.Error(), I18nFile) {
		t.Errorf("a root without %s: %v", I18nFile, err)
	}

	dir = fixture(t)
	os.WriteFile(filepath.Join(dir, "data", "index.html"), []byte(`<span class="file-size" data-size-of="data/nope.json">x</span>`), 0o644)
	if err := Finish(root, dir, day); err == nil || !strings.Contains(err.Error(), "data/nope.json") {
		t.Errorf("a cell of a missing file: %v", err)
	}

	dir = fixture(t)
	os.WriteFile(filepath.Join(dir, "data", "index.html"), []byte(`<p>no cells</p>`), 0o644)
	if err := Finish(root, dir, day); err == nil {
		t.Error("a page without size cells: no error")
	}

	dir = fixture(t)
	os.WriteFile(filepath.Join(dir, "data", "notices.json"), []byte(`[{"id": "../x"}]`), 0o644)
	if err := Finish(root, dir, day); err == nil {
		t.Error("a notice id with a slash: no error")
	}

	dir = writeSite(t, map[string]string{"index.html": "a stand-in"})
	if err := Finish(t.TempDir(), dir, day); err != nil {
		t.Errorf("a site without open data: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, BundlePath)); err == nil {
		t.Error("a site without open data got a bundle")
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 字节", 1023: "1023 字节", 1024: "1.0 KB", 1536: "1.5 KB", 1048575: "1.0 MB",
		2343452: "2.2 MB", 105 << 20: "105.0 MB", 3 << 30: "3.0 GB",
	} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 2343452: "2,343,452"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}
