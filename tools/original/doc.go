// Package original reads the file a notice was published as — a text file
// in any of the encodings staff meet, a Word document, a web page or a PDF
// with a text layer — and returns its text as UTF-8, one paragraph a line,
// for the importer. It is pure: Text takes a name and the bytes and neither
// reads nor writes files.
//
// # Detection
//
// The kind of file is decided by its content first and its name second, so
// a Word document named .txt is read as Word. Magic bytes name the binary
// formats (%PDF-, a zip holding word/document.xml, OLE2 for .doc/.wps/.xls,
// PNG/JPEG/GIF/BMP/TIFF/WebP images, RTF, archives); what is left must
// decode as text, and text that sniffs as HTML (net/http's sniffing rules,
// or a .html/.htm name with markup) is read as a web page.
//
// Text encodings are detected, never guessed: a BOM names UTF-8 or UTF-16;
// without one, NUL bytes only at odd (or only at even) positions name
// UTF-16 LE (BE); bytes that are valid UTF-8 are UTF-8; bytes that are not
// are GB18030 (a superset of GBK and GB2312) only when they decode without
// a single invalid sequence, the non-ASCII characters are mostly Chinese
// and most double-byte characters lie in the GB2312 block (Big5 text, which
// GB18030 would also decode, spreads over the whole table). Anything else is
// an error. CRLF and CR line endings become LF.
//
// # Word (.docx)
//
// word/document.xml is read with encoding/xml as a token stream: each w:p
// is one line (w:t runs concatenated, w:tab a tab, w:br and w:cr a line
// break; deleted text, field codes, hidden runs and the fallback copy of
// text boxes are skipped). A table is read cell by cell, one line per
// paragraph of a cell: notices put numbered problems and long measures in
// table cells, and a cell's paragraphs on lines of their own keep their
// numbering at the start of a line, where the importer finds it; joining a
// row with tabs would bury it in the middle of a line.
//
// Word's automatic numbering (w:numPr on the paragraph or on its style) is
// not in the text runs, yet notices number "一、", "（一）", "1." that way.
// The label is rendered from word/numbering.xml as Word shows it: lvlText
// with %1…%9 replaced by each level's counter in its numFmt (decimal,
// chineseCounting, chineseCountingThousand, chineseLegalSimplified,
// ideographTraditional, decimalEnclosedCircle, letters, roman numerals…);
// counters belong to the abstract numbering, a deeper level restarts when a
// shallower one advances, and a w:startOverride restarts a list. The label
// is followed by a space only when its suffix is a tab or space and it does
// not already end in punctuation ("一、整改情况", "第一章 总则").
//
// # Web pages (.html, .htm)
//
// The charset is the BOM's, else the page's meta charset / http-equiv
// (golang.org/x/net/html/charset prescan), else the text detection above; a
// page declared GBK whose bytes are valid UTF-8 (re-saved by a browser) is
// read as UTF-8. The page is parsed with golang.org/x/net/html. The article
// block is chosen the readability way, tuned for Chinese government CMS
// pages: scripts, styles, forms, nav/header/footer/aside and blocks whose
// class or id names navigation, footers or share buttons are dropped; each
// text block scores by its length and its Chinese commas and full stops
// (link text does not count), the score goes to its parent and half of it
// to its grandparent, and the best-scoring element is the article. When the
// article's title (h1, or an element whose class or id says title) sits
// just outside it, the block widens to the nearest ancestor, at most three
// levels up, that holds the title. Inside the block, children that are
// mostly links (share bars, previous/next links) are dropped; the metadata
// line (发布时间…【打印】) stays when it is inside the block, for the importer.
// Block elements (p, div, li, tr, td, h1–h6, br…) end lines.
//
// github.com/go-shiori/go-readability was evaluated on the fixtures in
// testdata: it lost the <br> line breaks (joining numbered measures), it
// dropped a small table inside the article, on the table-layout GBK page it
// left out the title in the row above the article, and its text keeps the
// source's indentation instead of one paragraph a line; it also brings four
// more modules. The few rules here do better on these pages.
//
// # PDF
//
// PDFs are read with github.com/ledongthuc/pdf (BSD, pure Go), which decodes
// CID fonts through their ToUnicode maps. Of the candidates, rsc.io/pdf
// returned undecoded glyph codes for the CID fonts Chinese PDFs use;
// ledongthuc's GetPlainText breaks a line at every font change (digits are
// often set in another font) and GetTextByRow ignores the page's transform
// matrix, so Chromium's PDFs came out bottom-up; github.com/dslipak/pdf
// returned the whole page without any line break; pdfcpu has no text
// extraction; go-pdfium (WebAssembly) was exactly right but takes about four
// seconds to start and brings an 11 MB module. So the characters come from
// ledongthuc's Page.Content (device-space positions, including the
// transform) and this package puts them in lines: characters on one
// baseline (within half a font size) form a line, lines run top to bottom,
// characters within a line left to right in content order. Each line of the
// page is a line of text; the importer joins lines broken in mid-sentence.
// A PDF whose pages have no text is a scan and an error; so is text whose
// characters are mostly not letters (a font without a Unicode map).
//
// # Everything else
//
// .doc, .wps, .xls (OLE2), .xlsx, .pptx, .odt, .ofd, RTF, images, archives,
// empty and binary files are errors: one Chinese line naming what the file
// is and what to do, typed *Error so the caller can print it as a
// diagnostic.
package original
