// Package site holds the tests of the Hugo site (config.toml, content/,
// layouts/, assets/, i18n/ at the repository root). They build the real site
// with the pinned Hugo (`go tool hugo`) from a temporary copy of the site
// files and read the real output: the pages of the real data
// (data/notices/*.toml), and the pages of a hand-made notice full of hostile
// text (testdata/sample-2024.toml) that must come out as plain text.
//
// Each kind of build happens once per test binary (see build_test.go). The
// budgets (gzipped sizes, JavaScript size) are measured on the output and
// logged with t.Logf; run `go test -v -run Budget ./tools/site` to see them.
package site
