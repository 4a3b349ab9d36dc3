package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wuhan-rectify/tracker/tools/importer"
	"github.com/wuhan-rectify/tracker/tools/notice"
	"github.com/wuhan-rectify/tracker/tools/original"
)

const importUsage = `用法: rectify import [--id ID] [--corrections 更正清单.toml] [--continues 前一份通报ID] [-o 输出.toml] 原文文件

从通报原文生成数据文件（TOML），默认写到标准输出；提示写到标准错误。
原文可以在任何位置，可以是 Word 文档（.docx）、带文字的 PDF、网页（.html）或文本文件
（UTF-8、GBK 或 UTF-16 编码），按文件内容识别并在第一行报告；.doc、.wps、扫描件等报错并说明怎么办。
有 -o 时原文复制到 static/originals/<ID><扩展名>（网站提供下载，source 指向它）；
那里已有不同的文件时报错，不覆盖。
  --id ID             通报编号，默认取原文文件名（不含扩展名）
  --corrections 文件  更正清单，默认 data/corrections/<ID>.toml（存在时）
  --continues ID      本通报接续的前一份通报（data/notices/<ID>.toml）：按问题标题建议两份通报中
                      同一问题的对应关系，写进工作人员文件 data/staff/<本通报ID>.toml（已有该文件时只列出建议）
  -o 文件             写入该文件而不是标准输出
原文中的版式问题（多余空格、断行、半角标点）自动修复；文字更正只按更正清单进行。
数据文件完全由原文和更正清单生成，重新导入时整个改写；工作人员补充的内容（整改进展、核实的状态、
整改期限、原文没有的字段）写在 data/staff/<ID>.toml，导入不会改动它。-o 指定的旧数据文件中如果还有
工作人员填写的内容（旧的写法），报错并列出，不改写文件，请先把它们移到 data/staff/<ID>.toml。
只有完全找不到通报结构或出现上述错误时才以非零状态退出；其余问题以“警告”列出。
`

// runImport is the import verb: read the original in its format (package
// original), keep it at static/originals/<id><ext>, import its text with
// the corrections list, write the TOML and print the diagnostics.
func runImport(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, importUsage) }
	id := fl.String("id", "", "通报编号")
	corrPath := fl.String("corrections", "", "更正清单")
	continues := fl.String("continues", "", "前一份通报的编号")
	out := fl.String("o", "", "输出文件")
	// Flags may come before or after the file name.
	var files []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fl.NArg() == 0 {
			break
		}
		files = append(files, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprint(stderr, "rectify import: 需要且只需要一个原文文件\n\n"+importUsage)
		return 2
	}
	file := files[0]
	raw, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法读取原文：%v；请检查文件路径\n", file, unwrapPath(err))
		return 1
	}
	orig, err := original.Text(file, raw)
	if err != nil {
		var oe *original.Error
		errors.As(err, &oe)
		fmt.Fprintln(stderr, notice.Diagnostic{File: file, Severity: notice.Error, Message: oe.Message, Hint: oe.Hint})
		return 1
	}
	src := []byte(orig.Text)
	base := filepath.Base(file)
	if *id == "" {
		*id = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if !notice.ValidID(*id) {
		fmt.Fprintf(stderr, "rectify import: 错误: 编号 %q 不能用作通报编号；用 --id 给出"+notice.IDRule+"的编号，例如 --id wuhan-eeb-2021（它是网址和文件名的一部分）\n", *id)
		return 2
	}
	if slices.Contains(notice.ReservedIDs, *id) {
		fmt.Fprintf(stderr, "rectify import: 错误: 编号 %q 是网站保留的网址 /notices/%s/，不能用作通报编号；用 --id 换一个编号，例如在前面加上地区或单位的英文缩写（--id wuhan-%s）；保留的有：%s\n",
			*id, *id, *id, strings.Join(notice.ReservedIDs, "、"))
		return 2
	}
	opts := importer.Options{ID: *id, Source: "originals/" + *id + orig.Ext}
	line := "读取原文：" + orig.Format
	if orig.Converted {
		line += "；提示中的行号是转换后文字的行号"
	}
	fmt.Fprintln(stderr, strings.Join(append([]string{line}, orig.Notes...), "；"))
	kept := "" // the copy of the original made by this import, removed if the import fails
	if *out != "" {
		var ok bool
		if kept, ok = keepOriginal(file, raw, filepath.Join("static", filepath.FromSlash(opts.Source)), stderr); !ok {
			return 1
		}
	}
	if *corrPath == "" {
		def := filepath.Join("data", "corrections", *id+".toml")
		if _, err := os.Stat(def); err == nil {
			*corrPath = def
		}
	}
	if *corrPath != "" {
		data, err := os.ReadFile(*corrPath)
		if err != nil {
			fmt.Fprintf(stderr, "%s: 错误: 无法读取更正清单：%v；请检查 --corrections 的路径\n", *corrPath, unwrapPath(err))
			return 1
		}
		opts.Corrections, err = importer.ParseCorrections(*corrPath, data)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		opts.CorrectionsFile = *corrPath
	}
	var earlier *notice.Notice
	if *continues != "" {
		var ok bool
		if earlier, ok = readEarlier(*continues, *id, stderr); !ok {
			return 1
		}
	}
	n, diags, err := importer.Import(file, src, opts)
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	if err != nil {
		if kept != "" {
			os.Remove(kept)
		}
		fmt.Fprintln(stderr, notice.Diagnostic{File: file, Severity: notice.Error, Message: err.Error(),
			Hint: "请确认这是一份整改情况通报，各部分以“一、”“（一）”“1.”“（1）”等编号开头"})
		return 1
	}
	if *out != "" && !noStaffContent(*out, n, stderr) {
		if kept != "" {
			os.Remove(kept)
		}
		return 1
	}
	data, err := notice.Marshal(n)
	if err != nil {
		fmt.Fprintf(stderr, "rectify import: 错误: 无法生成TOML：%v\n", err)
		return 1
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			return 1
		}
	} else if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法写入：%v；请检查 -o 的路径\n", *out, unwrapPath(err))
		return 1
	}
	fmt.Fprintf(stderr, "导入完成：%d 个方面，%d 类，%d 个问题，%d 条警告\n", len(n.Areas), len(n.Categories), len(n.Issues), len(diags))
	if earlier != nil {
		if !proposeSeries(n, earlier, *out != "", stdout, stderr) {
			return 1
		}
	}
	return 0
}

// keepOriginal copies the original file to dest (static/originals/<id><ext>),
// where the data's source points and the site offers it for download. A
// file already there is kept: the same content is fine, a different one is
// an error, and nothing is overwritten. created is dest when this call
// wrote it.
func keepOriginal(file string, data []byte, dest string, stderr io.Writer) (created string, ok bool) {
	// Another original of this notice, in another format, would be left
	// behind with source pointing elsewhere.
	others, _ := filepath.Glob(strings.TrimSuffix(dest, filepath.Ext(dest)) + ".*")
	for _, o := range others {
		if o != dest {
			fmt.Fprintf(stderr, "%s: 错误: 这份通报已有另一份原文，没有导入；如果 %s 是它新的原文，请先核对并删除 %s 再导入；如果是另一份通报，请用 --id 换一个编号\n", o, file, o)
			return "", false
		}
	}
	have, err := os.ReadFile(dest)
	switch {
	case err == nil && bytes.Equal(have, data):
		return "", true
	case err == nil:
		fmt.Fprintf(stderr, "%s: 错误: 已有另一份不同的原文，没有覆盖，也没有导入；"+
			"如果 %s 是这份通报新的原文，请先核对并删除或改名 %s 再导入；如果是另一份通报，请用 --id 换一个编号\n", dest, file, dest)
		return "", false
	case !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "%s: 错误: 无法读取：%v；请检查 static/originals 目录\n", dest, unwrapPath(err))
		return "", false
	}
	err = os.MkdirAll(filepath.Dir(dest), 0o755)
	if err == nil {
		err = os.WriteFile(dest, data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: 错误: 无法保存原文：%v；请在仓库根目录运行，并检查 static/originals 目录\n", dest, unwrapPath(err))
		return "", false
	}
	fmt.Fprintf(stderr, "原文已保存为 %s，网站提供下载\n", dest)
	return dest, true
}

// unwrapPath drops the path from an *fs.PathError (it is printed first).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
