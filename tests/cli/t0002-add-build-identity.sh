#!/bin/sh
# add every examples/ file, then `build --fallback source` with no translations
# reproduces each source byte for byte, in a tree mirroring the source tree.
# Also a few hand-made Markdown edge cases (CRLF, no final newline, BOM, setext
# headings, nested lists, hard breaks, HTML blocks, reference links, tabs).
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
new_project "$p"
cd "$p"

mkdir -p edge
printf '# 标题\r\n\r\n第一段第一句。第二句！\r\n\r\n- 项目一\r\n- 项目二\r\n' >edge/crlf.md
printf '# 没有结尾换行\n\n最后一段没有换行符。最后一句？' >edge/nofinal.md
printf '\357\273\277# 带 BOM 的文件\n\n正文。\n' >edge/bom.md
cat >edge/misc.md <<'MD'
Setext 标题
===========

副标题
------

第一行末尾有两个空格  
第二行用反斜杠\
第三行。软换行在这里
继续同一段。

1. 外层一
   - 内层甲：内容。
   - 内层乙
     1. 更深一层
2. 外层二

* [ ] 未完成的任务
* [x] 已完成的任务

<div class="note">
  <p>HTML 块里的段落。</p>
</div>

<!-- 注释不翻译 -->

参见[参考链接][ref]和 ~~删除线~~，还有 emoji 🎉 和 <https://example.org/a?b=1&c=2>。

[ref]: https://example.org/ref "参考标题"

    缩进代码块
	带制表符的代码

> 引用第一层
>> 引用第二层。带句号。

行尾有空格的段落。   
| a | b |
|---|---|
| 单元格 `code` | **粗体** |

Term with trailing tab	
MD
printf 'Plain text paragraph one.\nStill paragraph one.\n\n第二段。第二句。\n\n\n第三段前有两个空行。\n' >edge/plain.txt

assert_ok yaku add report/ch01-overview.md report/ch02-community.md report/ch03-governance.md
assert_ok yaku add notes/slides.txt --format txt --segment line
assert_ok yaku add edge/crlf.md edge/nofinal.md edge/bom.md edge/misc.md --chapter edge
assert_ok yaku add edge/plain.txt --format txt

assert_ok yaku list chapters --json
cp "$OUT" chapters.json
assert_py "list chapters: report chapters, slides, edge group, plain; edge has 4 documents" '
d = load(sys.argv[1])
by = {c["chapter"]: c for c in d}
for name in ("ch01-overview", "ch02-community", "ch03-governance", "slides", "edge", "plain"):
    assert name in by, "missing chapter %s in %s" % (name, sorted(by))
# SPEC names the field, not its type: a count or the list of document paths
ndocs = lambda c: c["documents"] if isinstance(c["documents"], int) else len(c["documents"])
assert ndocs(by["edge"]) == 4, by["edge"]
assert ndocs(by["ch01-overview"]) == 1, by["ch01-overview"]
if isinstance(by["edge"]["documents"], list):
    assert sorted(by["edge"]["documents"]) == ["edge/bom.md", "edge/crlf.md", "edge/misc.md", "edge/nofinal.md"], by["edge"]
for c in d:
    assert c["segments"] > 0, c
' chapters.json
assert_py "slides.txt in line mode: one segment per line (8 lines)" '
d = load(sys.argv[1])
s = [c for c in d if c["chapter"] == "slides"][0]
assert s["segments"] == 8, s
' chapters.json

for lang in ja ko; do
    assert_ok yaku build --lang "$lang" --fallback source -o "out-$lang"
    for f in report/ch01-overview.md report/ch02-community.md report/ch03-governance.md \
             notes/slides.txt edge/crlf.md edge/nofinal.md edge/bom.md edge/misc.md edge/plain.txt; do
        assert_same_file "$lang build with no translations reproduces $f" "$f" "out-$lang/$f"
    done
done

# The source files themselves are untouched by add/build.
for f in ch01-overview.md ch02-community.md ch03-governance.md; do
    assert_same_file "add/build leave source $f untouched" "$EXAMPLES/report/$f" "report/$f"
done

finish
