// Package publish holds the tests of the publishing side, which keep these
// correct without network:
//
//   - the CI pipelines (.github/workflows/, .gitlab-ci.yml): actions pinned
//     by commit SHA, only the repository's own commands, what runs for a
//     pull request and for main, deploys only after check, tests and build;
//   - the problem matcher (.github/rectify-problem-matcher.json), against
//     the real output of `rectify check`;
//   - the git pre-commit hook (tools/githooks/pre-commit), in real git
//     repositories;
//   - the security headers (static/_headers), read with the parser of
//     tools/browser that the browser tests serve the site with;
//   - the nginx configuration (deploy/nginx/tracker.conf): its headers are
//     those of static/_headers, read path by path, and a real nginx started
//     on a free port serves a real build of the site with it (Chinese
//     paths, the 404 page, types and charset, gzip, caching, originals as
//     downloads); skipped without nginx, except under CI;
//   - the staff guide (docs/staff.md): its commands, examples and links.
package publish
