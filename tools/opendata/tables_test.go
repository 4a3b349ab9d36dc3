package opendata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTables: /data/issues.json is the notices' records joined in the
// order of notices.json, byte for byte; each issues.csv has the BOM, the
// header and a row per record in the documented columns, every cell
// quoted, quotes doubled, formulas neutralised, items on lines of their
// own and the provenance codes in the site's words; /data/issues.csv has
// every notice's rows in the same order.
func TestTables(t *testing.T) {
	b := "[\n  {\n    \"notice\": \"b-2021\",\n    \"number\": 2,\n    \"title\": \"=HYPERLINK(\\\"x\\\")\",\n" +
		"    \"area\": {\"number\": 1, \"title\": \"一、方面\"},\n    \"category\": null,\n" +
		"    \"measures\": [\"一是“改”。\", \"-二是\"],\n    \"status\": \"已完成\",\n    \"status_in_notice\": \"正在整改\",\n" +
		"    \"status_basis\": \"inferred\",\n    \"status_provenance\": \"confirmed\",\n    \"status_evidence\": \"正在\",\n" +
		"    \"status_confirmed\": true,\n    \"confirmed_status\": \"基本完成\",\n    \"confirmed_status_evidence\": \"@核实\",\n" +
		"    \"accountability\": [{\"kind\": \"诫勉\", \"count\": 2, \"whom\": \"同志\", \"text\": \"对2名同志诫勉\"}],\n" +
		"    \"regulations\": [{\"title\": \"办法\", \"action\": \"制定\"}, {\"title\": \"规定\", \"action\": \"修订\"}],\n" +
		"    \"updates\": [{\"date\": \"2021-01-02\", \"status\": \"基本完成\", \"note\": \"\", \"source\": \"\"}, " +
		"{\"date\": \"2021-03-04\", \"status\": \"已完成\", \"note\": \"验收\", \"source\": \"第二次通报\"}],\n" +
		"    \"deadline\": \"2020-12-31\",\n    \"deadline_evidence\": \"年底前\",\n    \"deadline_provenance\": \"inferred\",\n" +
		"    \"overdue\": false,\n    \"responsible\": \"\\tA\",\n    \"url\": \"https://example.org/sub/notices/b-2021/issues/2/\"\n  },\n" +
		"  {\n    \"notice\": \"b-2021\",\n    \"number\": 3,\n    \"title\": \"无\",\n    \"area\": null,\n    \"category\": {\"title\": \"类\"},\n" +
		"    \"measures\": [],\n    \"status\": \"通报未说明\",\n    \"status_basis\": \"\",\n    \"status_provenance\": \"\",\n" +
		"    \"deadline_provenance\": \"\",\n    \"overdue\": true\n  }\n]"
	c := "[\n  {\n    \"notice\": \"c-2022\",\n    \"number\": 1,\n    \"status_basis\": \"stated\",\n    \"status_provenance\": \"stated\",\n    \"deadline_provenance\": \"confirmed\"\n  }\n]"
	dir := writeSite(t, map[string]string{
		"data/notices.json":          `[{"id": "c-2022"}, {"id": "a-2020"}, {"id": "b-2021"}]`,
		"notices/a-2020/issues.json": "[]",
		"notices/b-2021/issues.json": b + "\n",
		"notices/c-2022/issues.json": c,
	})
	words, err := LoadWords(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeTables(dir, words); err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if got, want := read("data/issues.json"), "[\n  "+c[4:len(c)-2]+",\n  "+b[4:len(b)-2]+"\n]\n"; got != want {
		t.Errorf("data/issues.json:\n%s\nwant\n%s", got, want)
	}
	header := "\ufeff\"通报编号\",\"序号\",\"问题名称\",\"方面\",\"类别\",\"当前状态\",\"通报所述状态\",\"状态依据\",\"状态已确认\",\"核实的状态\",\"核实依据\",\"状态依据类型\",\"状态来源\",\"整改措施\",\"追责问责\",\"制度建设\",\"进展更新\",\"整改期限\",\"期限依据\",\"期限来源\",\"逾期\",\"责任单位\",\"网址\"\r\n"
	rowsB := `"b-2021","2","'=HYPERLINK(""x"")","一、方面","","已完成","正在整改","正在","是","基本完成","'@核实","据通报推断","工作人员核实",` +
		"\"一是“改”。\n-二是\",\"诫勉 2人次：对2名同志诫勉\",\"制定《办法》\n修订《规定》\",\"2021-01-02 基本完成\n2021-03-04 已完成：验收（来源：第二次通报）\"," +
		`"2020-12-31","年底前","据通报日期推断年份","否","'` + "\tA" + `","https://example.org/sub/notices/b-2021/issues/2/"` + "\r\n" +
		`"b-2021","3","无","","类","通报未说明","","","否","","","","","","","","","","","","是","",""` + "\r\n"
	rowsC := `"c-2022","1","","","","","","","否","","","通报写明","通报写明","","","","","","","工作人员核实","否","",""` + "\r\n"
	for rel, want := range map[string]string{
		"notices/a-2020/issues.csv": header,
		"notices/b-2021/issues.csv": header + rowsB,
		"notices/c-2022/issues.csv": header + rowsC,
		"data/issues.csv":           header + rowsC + rowsB,
	} {
		if got := read(rel); got != want {
			t.Errorf("%s:\n%q\nwant\n%q", rel, got, want)
		}
	}
	// A site of notices without problems.
	dir = writeSite(t, map[string]string{"data/notices.json": `[{"id": "a-2020"}]`, "notices/a-2020/issues.json": "[]"})
	if err := writeTables(dir, words); err != nil {
		t.Fatal(err)
	}
	if got := read("data/issues.json"); got != "[]\n" {
		t.Errorf("data/issues.json of no problems: %q", got)
	}
	if got := read("data/issues.csv"); !strings.HasSuffix(got, "\"网址\"\r\n") {
		t.Errorf("data/issues.csv of no problems: %q", got)
	}
}
