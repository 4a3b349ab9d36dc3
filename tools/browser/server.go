package browser

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// SiteHandler serves a built site from dir the way a static host does:
// /dir/ serves dir/index.html, /dir redirects to /dir/, a missing path gets
// the site's 404.html with status 404, and every response carries the headers
// that rules (from the site's _headers file) give its path. The _headers
// file itself is not served.
func SiteHandler(dir string, rules []HeaderRule) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		for name, values := range HeadersFor(rules, p) {
			for _, v := range values {
				w.Header().Add(name, v)
			}
		}
		file := filepath.Join(dir, filepath.FromSlash(p))
		st, err := os.Stat(file)
		if err == nil && st.IsDir() {
			if !strings.HasSuffix(p, "/") {
				target := p + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
			file = filepath.Join(file, "index.html")
			st, err = os.Stat(file)
		}
		if err != nil || st.IsDir() || path.Base(p) == "_headers" {
			notFound(w, r, dir)
			return
		}
		f, err := os.Open(file)
		if err != nil {
			notFound(w, r, dir)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, st.Name(), st.ModTime(), f)
	})
}

func notFound(w http.ResponseWriter, r *http.Request, dir string) {
	body, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
