// Package opendata finishes the open data of a built site (issue 10), the
// step of `rectify build` after Hugo. Hugo writes /data/notices.json and
// each notice's /notices/<id>/issues.json (the records of
// func/issue-record.html, where the site derives every figure it shows),
// and Finish
//
//   - writes /data/issues.json, each notice's /notices/<id>/issues.csv and
//     /data/issues.csv from those files alone (writeTables, tables.go);
//   - writes the bundle /data/tracker-data.tar.gz: a gzip-compressed tar of
//     notices.json and every notice's issues.json and issues.csv, under
//     the folder tracker-data/ (tracker-data/notices.json,
//     tracker-data/notices/<id>/issues.json, …), byte for byte the files
//     of the site;
//   - fills in the file sizes on /data/ (the size cells that
//     layouts/_shortcodes/data-files.html leaves for it), which are known
//     only now.
//
// All are deterministic: the bundle's entries are in a fixed order (by
// name), each dated the as-of day, with no owner and mode 0644, and its
// gzip header has no name or time, so two builds of one commit with one
// as-of date are byte-identical.
package opendata

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// BundlePath is where the bundle is written, relative to the site's
// output (slash-separated); /data/ links to it.
const BundlePath = "data/tracker-data.tar.gz"

// BundleFolder is the folder of the bundle's entries: unpacking it makes
// this one folder, not files all over the current one.
const BundleFolder = "tracker-data"

// Finish writes the site-wide issues.json and the CSV files, then the
// bundle, of the site built into dir from the site's source at root (for
// its words, I18nFile), and fills in the sizes on dir/data/index.html.
// day is the as-of date (the date of the bundle's entries). A site
// without open data (no data/notices.json: a site whose content has no
// /data/, or a stand-in for Hugo in a test) is left as it is.
func Finish(root, dir string, day time.Time) error {
	if _, err := os.Stat(filepath.Join(dir, "data", "notices.json")); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	words, err := LoadWords(root)
	if err != nil {
		return fmt.Errorf("读取网站用语 %s：%w", I18nFile, err)
	}
	if err := writeTables(dir, words); err != nil {
		return fmt.Errorf("生成 issues.json 和 issues.csv：%w", err)
	}
	files, err := BundleFiles(dir)
	if err != nil {
		return err
	}
	if err := writeBundle(dir, files, day); err != nil {
		return fmt.Errorf("生成开放数据压缩包 %s：%w", BundlePath, err)
	}
	return fillSizes(dir)
}

// BundleFiles lists the files of the bundle, relative to dir and
// slash-separated, sorted: data/notices.json, and each notice's
// notices/<id>/issues.json and issues.csv (the notices of notices.json).
// A notice without both files is an error.
func BundleFiles(dir string) ([]string, error) {
	ids, err := NoticeIDs(dir)
	if err != nil {
		return nil, err
	}
	files := []string{"data/notices.json"}
	for _, id := range ids {
		for _, name := range []string{"issues.json", "issues.csv"} {
			rel := "notices/" + id + "/" + name
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
				return nil, fmt.Errorf("通报 %s 没有开放数据文件 %s：%w", id, rel, err)
			}
			files = append(files, rel)
		}
	}
	sort.Strings(files)
	return files, nil
}

// EntryName is the name in the bundle of the site's file rel:
// tracker-data/notices.json for data/notices.json, tracker-data/notices/<id>/…
// for a notice's files.
func EntryName(rel string) string {
	return path.Join(BundleFolder, strings.TrimPrefix(rel, "data/"))
}

// writeBundle writes files (relative to dir) to dir/BundlePath, through a
// temporary file next to it.
func writeBundle(dir string, files []string, day time.Time) error {
	dest := filepath.Join(dir, filepath.FromSlash(BundlePath))
	f, err := os.CreateTemp(filepath.Dir(dest), ".bundle-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	// The default level: as small as level 9 within a few per cent on this
	// text, and about twice as fast.
	zw, _ := gzip.NewWriterLevel(f, gzip.DefaultCompression)
	tw := tar.NewWriter(zw)
	for _, rel := range files {
		src, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		fi, err := src.Stat()
		if err == nil {
			err = tw.WriteHeader(&tar.Header{
				Typeflag: tar.TypeReg,
				Name:     EntryName(rel),
				Size:     fi.Size(),
				Mode:     0o644,
				ModTime:  day,
			})
		}
		if err == nil {
			_, err = io.Copy(tw, src)
		}
		src.Close()
		if err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), dest)
}

// sizeCell is a size cell that layouts/_shortcodes/data-files.html leaves
// on /data/: the file (a path relative to the site, or a pattern of
// path.Match for a file of each notice) and the text shown until the
// size is known.
var sizeCell = regexp.MustCompile(`(<span class="file-size" data-size-of="([^"<>]+)">)([^<]*)(</span>)`)

// fillSizes writes the size of each file into its cell on /data/: the
// size of one file, or the smallest and largest when the cell names a
// pattern (a file of each notice). A cell naming no file is an error, as
// is a page with no cell.
func fillSizes(dir string) error {
	page := filepath.Join(dir, "data", "index.html")
	html, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	var bad error
	cells := 0
	out := sizeCell.ReplaceAllFunc(html, func(m []byte) []byte {
		cells++
		g := sizeCell.FindSubmatch(m)
		text, err := SizeText(dir, string(g[2]))
		if err != nil {
			bad = errors.Join(bad, err)
			return m
		}
		return bytes.Join([][]byte{g[1], []byte(text), g[4]}, nil)
	})
	if bad != nil {
		return fmt.Errorf("/data/ 的文件大小：%w", bad)
	}
	if cells == 0 {
		return errors.New("/data/ 没有文件大小的位置（layouts/_shortcodes/data-files.html）")
	}
	return os.WriteFile(page, out, 0o644)
}

// SizeText is the text of the size cell for pattern (relative to dir,
// slash-separated; a pattern of path.Match for the files of every notice):
// "2.2 MB（2,343,452 字节）" for one file ("980 字节" below 1 KB),
// "12.5 KB～380.2 KB" for several (smallest～largest).
func SizeText(dir, pattern string) (string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	if err != nil {
		return "", err
	}
	var sizes []int64
	for _, m := range matches {
		if fi, err := os.Stat(m); err == nil && fi.Mode().IsRegular() {
			sizes = append(sizes, fi.Size())
		}
	}
	switch {
	case len(sizes) == 0:
		return "", fmt.Errorf("没有 %s", pattern)
	case !strings.ContainsAny(pattern, "*?[") && sizes[0] < 1024:
		return humanBytes(sizes[0]), nil
	case !strings.ContainsAny(pattern, "*?["):
		return fmt.Sprintf("%s（%s 字节）", humanBytes(sizes[0]), groupDigits(sizes[0])), nil
	}
	lo, hi := sizes[0], sizes[0]
	for _, s := range sizes {
		lo, hi = min(lo, s), max(hi, s)
	}
	if lo == hi {
		return humanBytes(lo), nil
	}
	return humanBytes(lo) + "～" + humanBytes(hi), nil
}

// humanBytes writes n bytes in KB, MB or GB (of 1,024) with one decimal,
// or in bytes below 1 KB.
func humanBytes(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " 字节"
	}
	v, unit := float64(n)/1024, "KB"
	for _, u := range []string{"MB", "GB"} {
		if v < 1023.95 { // not "1024.0 KB"
			break
		}
		v, unit = v/1024, u
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + unit
}

// groupDigits writes n with commas between groups of three digits.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
