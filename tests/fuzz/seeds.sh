#!/bin/sh
# Regenerates the seed corpora tests/fuzz/corpus/<target>/seed-* from the
# examples, the shipped glossary and the files the CLI writes (TMX, TBX,
# TSV, PO, XLIFF, translate sessions).  Files named crash-* (regression inputs
# from fuzzing) are kept.  Each file is cut at 12 KB.  The first byte of a
# seed is the target's option byte (see each fuzz_<target>.c).
#   YAKU=build/yaku sh tests/fuzz/seeds.sh
set -eu
YAKU=${YAKU:-$(pwd)/build/yaku}
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
top=$(pwd)
PY=${PYTHON:-python3}
c=$top/tests/fuzz/corpus
work=$(mktemp -d "${TMPDIR:-/tmp}/yaku-seeds.XXXXXX")
trap 'rm -rf "$work"' EXIT
for t in markdown text po segment tbx tsv tmx session xliff markup srx; do
    mkdir -p "$c/$t"
    rm -f "$c/$t"/seed-*
done
n=0
# seed TARGET OPTION-BYTE-OCTAL FILE   (option byte "" for none)
seed() {
    n=$((n + 1))
    out=$c/$1/seed-$(printf '%03d' "$n")
    { [ -z "$2" ] || printf "\\$2"; head -c 12288 "$3"; } >"$out"
}
text() { # TARGET OPTION TEXT
    printf '%s' "$3" >"$work/t"
    seed "$1" "$2" "$work/t"
}

# Markdown: the examples in several option combinations, then constructs
# option bits: 0-1 mode (0 sentence, 1 paragraph), 2-4 language, 5 no front matter
for f in "$top"/examples/report/*.md "$top"/tests/check/planted/src/*.md; do
    seed markdown 000 "$f"
done
seed markdown 001 "$top/examples/report/ch01-overview.md"
seed markdown 004 "$top/examples/report/ch02-community.md"
seed markdown 014 "$top/examples/report/ch03-governance.md"
text markdown 000 '---
title: "标题：引号 \"里\""
description: >
  折叠的
  描述。
tags: [a, b]
---
# 标题 {#id}

正文第一句。第二句！
'
text markdown 014 '+++
title = "Title"
summary = '"'"'literal'"'"'
+++
Body. Dr. Smith said e.g. this works. Version 1.2.3 is out.
'
text markdown 000 '> 引用一句。
> > 嵌套引用。
>
> - 列表项
>   1. 编号项。第二句。
>      继续。

* [ ] 任务
* [x] 完成
'
text markdown 000 '| 列 | 表 |
|:--|--:|
| 单元格。 | `代码` |
| [链接](https://example.org/a?b=c "标题") | ![图片](a.png "图") |

脚注[^1]。

[^1]: 脚注正文。

{{< shortcode param="值" >}}内部。{{< /shortcode >}}

<div class="x">HTML 块</div>

```go
code block
```

    indented code

Setext 标题
===
'
text markdown 000 '1. a
   - b
     > c
     > - d
     >   e。f。

Line with hard break  
next\
third <br> <span>内联</span> &amp; &#x4E2D;
'
text markdown 040 '---
not: front matter
---
'
# Plain text: option bits 0-1 mode (0 sentence, 1 paragraph, 2 line), 2-4 language
seed text 000 "$top/examples/notes/slides.txt"
seed text 002 "$top/examples/notes/slides.txt"
seed text 001 "$top/examples/notes/slides.txt"
text text 014 'First paragraph. It has two sentences.
  An indented continuation line.

Second paragraph!	Tabs	inside.
'
text text 006 '一行目。
二行目です。

  三行目。'
text text 000 "$(printf 'CRLF line.\r\nNext line.\r\n\r\nOld Mac\rline.\r')"
# Segmenter: option byte = language
for f in "$top"/examples/report/*.md; do seed segment 000 "$f"; done
text segment 001 '「こんにちは。」と彼は言った。次の文です……本当に？はい！'
text segment 002 '안녕하세요. 반갑습니다! 정말요? 네.'
text segment 003 'See https://example.org/a.b?c=d. Mail me@example.org. Dr. Who, e.g. U.S. v1.2.3 costs 3.14. `a. b` [x](y. z) <a href="b. c"> {{< s "a. b" >}} Done 😀. Next.'
text segment 000 '第一句。第二句！第三句？“引号。”（括号。）—— 破折号 …… 省略号。

空行后。　全角空格。'
text segment 007 'Fin. Mr. Dupont a dit « bonjour ». Voilà !'
# PO: option bit 0 = 64-byte line ceiling
for f in "$top"/examples/po/ja.po "$top"/tests/check/planted/*.po; do seed po 000 "$f"; done
seed po 001 "$top/examples/po/ja.po"
text po 000 '# translator comment
#. extracted
#: ref.md:1
#, fuzzy, c-format
#| msgctxt "old"
#| msgid "old id"
msgctxt "ch01:1"
msgid ""
"multi "
"line\n"
msgstr "a\tb\\c\"d\x41\101\n"

#~ msgid "obsolete"
#~ msgstr "gone"
'
text po 000 "$(printf '\357\273\277msgid ""\r\nmsgstr ""\r\n"Content-Type: text/plain; charset=UTF-8\\n"\r\n"X-Yaku-Lang: ja\\n"\r\n\r\nmsgctxt "a:1"\r\nmsgid "x"\r\nmsgstr "y"\r\n')"
text po 000 'msgid "one"
msgid_plural "many"
msgstr[0] "x"
msgstr[1] "y"
'
text po 000 'msgid "dup"
msgstr "a"

msgid "dup"
msgstr "b"
'
# TSV / CSV glossary: option bit 0 = CSV
seed tsv 000 "$top/glossaries/oss-community.tsv"
seed tsv 000 "$top/tests/check/planted/expected.tsv"
text tsv 000 'id	zh-Hans	ja	forbidden:ja	note	note:ja	pos	case
g1	维护者	メンテナー|メンテナ	メンテナ	note	ja note	noun	yes
g2	PMC	PMC			
'
text tsv 001 'zh-Hans,ja,ko,forbidden:ko
开源,オープンソース,오픈소스,"오픈 소스"
"引号,逗号","a ""b""",c,
'
# Translate sessions, TMX and TBX written by yaku itself
(
    cd "$work"
    export YAKU_USER=seed@example.org
    mkdir p && cd p
    "$YAKU" init --source zh-Hans --target ja,ko >/dev/null
    mkdir docs && cp "$top/examples/report/ch01-overview.md" docs/ch01.md
    "$YAKU" add docs/ch01.md >/dev/null
    "$YAKU" glossary import "$top/glossaries/oss-community.tsv" >/dev/null 2>&1 || true
    "$YAKU" glossary export --format tbx -o "$work/g.tbx" >/dev/null
    "$YAKU" glossary export --format csv -o "$work/g.csv" >/dev/null
    "$YAKU" export --lang ja -o "$work/ja.po" >/dev/null
    "$PY" "$top/examples/fill_po.py" "$work/ja.po" "$top/examples/translations/ja.tsv" \
        -o "$work/ja-filled.po" --lang ja >/dev/null 2>&1 || true
    "$YAKU" import "$work/ja-filled.po" >/dev/null 2>&1 || true
    "$YAKU" tm export --lang ja -o "$work/ja.tmx" >/dev/null 2>&1 || true
    # a chapter of its own, small enough for whole XLIFF seeds, that no
    # other seed sees
    printf '# 小标题\n\n今年共有 **1,284** 位贡献者，`git` 与[链接](https://e.org "题")。\n\n{{< note >}}注意<br/>事项。{{< /note >}}脚注[^1]。\n\n[^1]: 脚注。\n' >docs/small.md
    "$YAKU" add docs/small.md >/dev/null
    "$YAKU" export --lang ja --chapter small --format xliff -o "$work/small.xlf" >/dev/null
    "$YAKU" export --lang ko --chapter small --format xliff2 -o "$work/small.xlf2" >/dev/null
    "$PY" "$top/tests/cli/xlifftool.py" fill "$work/small.xlf" "$work/small-filled.xlf" "訳" >/dev/null
    "$PY" "$top/tests/cli/xlifftool.py" fill "$work/small.xlf2" "$work/small-filled.xlf2" "역" >/dev/null
    "$YAKU" claim ch01 --lang ja >/dev/null
    mkdir "$work/s"
    EDITOR="cp -t $work/s" "$YAKU" translate --lang ja --all >/dev/null 2>&1 || true
) || true

seed tbx "" "$work/g.tbx"
head -c 3000 "$top/glossaries/oss-community.tbx" >"$work/g2.tbx"
seed tbx "" "$work/g2.tbx"
text tbx "" '<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1"><descrip type="definition">def</descrip>
<langSet xml:lang="zh-Hans"><tig><term>维护者</term></tig></langSet>
<langSet xml:lang="ja"><tig><term>メンテナー</term></tig><tig><term>メンテナ</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>
'
text tbx "" '<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;"> ]>
<tbx><text><body><conceptEntry><langSec xml:lang="zh-Hans"><termSec><term>&b;</term></termSec></langSec></conceptEntry></body></text></tbx>
'
[ -f "$work/g.csv" ] && seed tsv 001 "$work/g.csv"
[ -f "$work/ja.tmx" ] && seed tmx "" "$work/ja.tmx"
text tmx "" "$(sed -n '/^<?xml/,/^<\/tmx>/p' "$top/tests/cli/t0300-tm.sh" | head -n 29)"
text tmx "" '<?xml version="1.0"?>
<tmx version="1.4"><header srclang="*all*"/><body>
<tu tuid="1" changedate="20250115T103000Z" changeid="a"><prop type="x-yaku-project">p</prop>
<prop type="x-yaku-chapter">c</prop>
<tuv lang="zh-Hans"><seg>请<ph x="1">&lt;br/&gt;</ph>阅读<hi>重点</hi>。<it pos="begin">&lt;i&gt;</it></seg></tuv>
<tuv xml:lang="ja-JP"><seg>お読み<ut>x</ut>ください。<![CDATA[cdata]]></seg></tuv></tu>
<tu><tuv xml:lang="ko"><seg></seg></tuv><tuv xml:lang="en"><seg>only</seg></tuv></tu>
</body></tmx>
'
text tmx "" '<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://example.org/tmx14.dtd" [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>&x;</seg></tuv></tu></body></tmx>
'
for f in "$work"/s/*; do
    [ -f "$f" ] && seed session 000 "$f"
done
text session 000 '==> ch01:1  [r0]
# source: 标题
标题訳

==> ch01:2  fuzzy  [r0]
# source: 维护者每年选举一次。
\# starts with a hash
\==> starts with the marker

line after a blank

==> ch01:9  [r5]
stray
==> ch01:1
dup
'
text session 002 'text before any block
==> ch01:3  [r0]
# source: x
# comment after text? no
訳
# late comment
orphan text
'
# XLIFF: option bit 0 = the whole import into the fuzz project (else parse
# and rewrite), bit 1 = with --lang ja
for f in "$work/small.xlf" "$work/small-filled.xlf" "$work/small.xlf2" "$work/small-filled.xlf2"; do
    [ -f "$f" ] && seed xliff 000 "$f" && seed xliff 001 "$f"
done
text xliff 000 '<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-Hans" trgLang="ja">
<file id="f"><group id="g"><unit id="u1" name="ch01:2"><notes><note category="yaku:revision">yaku-rev: 2</note>
<note category="yaku:previous-source">旧的</note></notes>
<originalData><data id="a">**</data><data id="b"><cp hex="000C"/></data></originalData>
<segment state="initial" subState="yaku:fuzzy"><source><pc id="1" dataRefStart="a" dataRefEnd="a">粗</pc><ph id="2" dataRef="b"/><sc id="3" dataRef="a"/>x</source>
<target><pc id="1">太</pc><ph id="2"/><mrk id="m" type="term">語</mrk><sm id="s"/><em startRef="s"/><sc id="3"/>y<ec startRef="3" dataRef="a"/><cp hex="FFFE"/></target></segment>
<ignorable><source> </source></ignorable><segment state="final"><source>二</source><target>ニ</target></segment></unit>
<unit id="u2" translate="no"><segment><source>skip</source></segment></unit></group></file></xliff>
'
text xliff 001 '<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:yaku="urn:yaku:xliff">
<file original="ch01.md" source-language="zh-Hans" target-language="ja" datatype="plaintext"><body>
<group><trans-unit id="x" resname="ch01:1" approved="no"><source>标题</source><seg-source><mrk mtype="seg" mid="0">标题</mrk></seg-source>
<target state="needs-translation"><mrk mtype="seg" mid="0">見出し</mrk></target><note>yaku-rev: 0</note></trans-unit></group>
<trans-unit id="ch01:2"><source><bpt id="1">&lt;b&gt;</bpt>维护者<ept id="1">&lt;/b&gt;</ept><it id="2" pos="open">&lt;i&gt;</it><x id="3" yaku:cp="0B"/><g id="4" yaku:start="[" yaku:end="](u)">a</g></source>
<target state="signed-off"><bpt id="1"/>メンテナー<ept id="1"/><it id="2" pos="open"/><x id="3"/><g id="4">b</g></target>
<alt-trans alttranstype="previous-version"><source>旧<ph id="1">`x`</ph></source><target>t</target></alt-trans></trans-unit>
</body></file></xliff>
'
text xliff 001 '<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;"> ]>
<xliff version="1.2"><file original="a" source-language="zh-Hans" target-language="ja" datatype="plaintext"><body><trans-unit id="ch01:1"><source>&b;</source></trans-unit></body></file></xliff>
'
# HTML, XHTML, DocBook and PO sources: option bits 0-1 format (0 html,
# 1 xhtml, 2 docbook, 3 po), 2 paragraph mode, 3-5 language, 6 target ja
f=$top/tests/cli/fixtures/sources
seed markup 000 "$f/ch05-community.html"
seed markup 104 "$f/ch05-community.html"
seed markup 001 "$f/ch06-events.xhtml"
seed markup 101 "$f/ch06-events.xhtml"
seed markup 002 "$f/ch07-governance.dbk"
seed markup 106 "$f/ch07-governance.dbk"
seed markup 003 "$f/site-ui.pot"
seed markup 103 "$top/examples/po/ja.po"
text markup 000 '<P CLASS=x title='"'"'a>b 标题'"'"'>大写 <B>标签</b> a < b &amp c &copy 2024</P>
<p>一<p>二<ul><li>甲<li>乙</ul><dl><dt>术语<dd>定义</dl>
<div><b><i>错误嵌套</b>之后</i></div><p/>顶层 <a href=x.html>链接</a>
<script>var s = "</p><div>";</script><style>p{}</style><![CDATA[x]]><?pi x?>
<table><tr><td>一<td>二</table><img alt=bare src=x.png><textarea>不</textarea>
<!-- unterminated'
text markup 001 '<?xml version="1.0"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh" lang="zh"><body>
<p>社区&amp;基金会&nbsp;<br/>第二行，<span title="提示">跨度</span>。<![CDATA[<原样>]]></p>
<p><img src="a.png" alt='"'"'图 "一"'"'"'/></p><svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:text>图</svg:text></svg:svg>
</body></html>'
text markup 002 '<?xml version="1.0"?>
<book xmlns="http://docbook.org/ns/docbook" xml:lang="zh"><info><title>书</title></info>
<chapter><title>章</title><para>正文<footnote><para>脚注。</para></footnote>继续<indexterm><primary>索引</primary></indexterm>。</para>
<variablelist><varlistentry><term>术语</term><listitem><para>定义</para></listitem></varlistentry></variablelist>
<programlisting>code &lt; x</programlisting><mediaobject><alt>替代文字</alt></mediaobject></chapter></book>'
text markup 003 'msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#, c-format
msgctxt "menu"
msgid "Open %s"
msgstr "打开 %s"

msgid ""
"\n"
"two\n"
"lines"
msgstr ""

#~ msgid "old"
#~ msgstr "旧"
'
text markup 001 '<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY a "aaaa"> <!ENTITY b "&a;&a;&a;"> ]>
<html><p>&b;</p></html>'
# SRX rules: option byte = language; the SRX file, a NUL byte, the text
srx() { # OPTION SRX TEXT   (no TEXT: no NUL, the target's own text)
    if [ $# -ge 3 ]; then printf '%s\000%s' "$2" "$3"; else printf '%s' "$2"; fi >"$work/t"
    seed srx "$1" "$work/t"
}
srx_rules='<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="yes"/>
<body><languagerules>
<languagerule languagerulename="Chinese">
<rule break="yes"><beforebreak>；</beforebreak><afterbreak></afterbreak></rule>
<rule break="no"><beforebreak>！</beforebreak><afterbreak>还有</afterbreak></rule>
</languagerule>
<languagerule languagerulename="Default">
<rule break="no"><beforebreak>\bMgr\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule><beforebreak>(?&lt;=[0-9])\.</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
</languagerule>
</languagerules>
<maprules>
<languagemap languagepattern="zh.*" languagerulename="Chinese"/>
<languagemap languagepattern="ja.*" languagerulename="Chinese"/>
<languagemap languagepattern=".*" languagerulename="Default"/>
</maprules></body></srx>'
srx 000 "$srx_rules" '第一句；第二句。第三句！还有一句。

Contact Mgr. Smith today. Then run `make a. B` now. See [a. b](x. md). Page 3. Next.'
srx 001 "$srx_rules"
srx 003 "$(printf '%s' "$srx_rules" | sed 's/cascade="yes"/cascade="no"/')" 'Ask Mgr. Kim. e. g. 3. Then.'
srx 000 '<srx version="2.0"><body><languagerules><languagerule languagerulename="x">
<rule break="no"><beforebreak>(a+)+b</beforebreak></rule>
<rule break="no"><beforebreak></beforebreak><afterbreak></afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>' \
    "$(printf 'a%.0s' $(seq 1 200))。结束。"
srx 000 '<srx version="2.0"><body><languagerules><languagerule languagerulename="x">
<rule><beforebreak>[a-</beforebreak><afterbreak>\Qx</afterbreak></rule>
</languagerule></languagerules></body></srx>'
srx 000 '<?xml version="1.0"?>
<!DOCTYPE srx [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;"> ]>
<srx version="2.0"><body><languagerules><languagerule languagerulename="&b;"/></languagerules></body></srx>'
du -sh "$c"
