// Package site holds the tests of the Hugo site (config.toml, content/,
// layouts/, assets/, i18n/ at the repository root). They build the real site
// with the pinned Hugo (`go tool hugo`) from a temporary copy of the site
// files and read the real output: the pages of the real data
// (data/notices/*.toml), and the pages of a hand-made notice full of hostile
// text (testdata/sample-2024.toml) that must come out as plain text.
//
// The shape tests (shapes_test.go) make "rectify check passes ⇒ the site
// builds and every page exists" a property of the templates: they import
// every test notice of tools/importer and generate notices of every shape
// the check accepts (no areas, no categories, problems outside them, empty
// optional fields, one to 300 problems), check them as `rectify check`
// does, build them and run the page checks on the output. The templates
// read the data through func/notice.html, which gives absent keys their
// zero values; -short skips these builds.
//
// The site reads a second file per notice, the staff file data/staff/<id>.toml
// (confirmed statuses, status updates, deadlines, successive notices), and
// the change log .rectify/changelog/<id>.json that `rectify build` writes.
// The builds write staff files as staff do (testdata/staff/, or
// notice.MarshalStaff) and check the data first (checkData): imported data
// files with the full check of `rectify check`, which compares them with a
// fresh import, and the synthetic fixtures, which are not imports, with
// notice.CheckFiles (every rule of the data model and the staff files).
// The feature sites (featureBuild) are
// written as in the repository, with deadlines, staff files, a later notice
// that continues the seed and a change log, built as of fixed dates
// (HUGO_PARAMS_ASOF) and once without one (today in UTC+8): they test the
// merge (features_test.go), deadlines and 逾期 with its counts
// (overdue_test.go), the history across notices (series_test.go) and the
// change log with its feed (changes_test.go). Every build sets
// HUGO_PARAMS_ASOF (testAsOf) unless it says otherwise, so that the output
// does not depend on the clock.
// The variant builds (variant_test.go) are sites of hand-written data and
// staff files with site params of config.toml set: several notices with
// their own contacts, control characters and markup-like words in the
// texts, a configured site identity. -short skips them too.
//
// Each kind of build happens once per test binary (see build_test.go). The
// budgets (gzipped sizes, JavaScript size) are measured on the output and
// logged with t.Logf; run `go test -v -run Budget ./tools/site` to see them.
package site
