# edition.sh — shared by the edition tests (t05NN-*.sh); source it after lib.sh.
#
# edition_project DIR   a copy of examples/ (report, notes, po) in DIR with a
#   generated image for ch01 (report/images/members-2024.png, which ch01
#   references) and a cover; init zh-Hans -> ja,ko; add; import po/ja.po when
#   the examples have it; Korean translations of a few ch01 sentences (written
#   for these tests) imported from a PO.  Stops the script when a step fails.
# make_png FILE W H     writes a valid RGB PNG (standard library only)
# run_epubcheck FILE    runs epubcheck; output in $OUT/$ERR, status in $rc
# ko_words              the Korean sentences the tests look for

make_png() {
    "$PY" - "$@" <<'PYEOF'
import struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = b"".join(b"\x00" + bytes((40 + x % 200, 90, 160)) * 1 + bytes((40, 90, 160)) * (w - 1)
               for x in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
PYEOF
}

# Korean for sentences of examples/report/ch01-overview.md (our own wording).
KO_TABLE='{
 "总览": "개요",
 "2024 年开源社区年度报告：总览": "2024 오픈소스 커뮤니티 연례 보고서: 개요",
 "2024 年是社区发展最快的一年。": "2024년은 커뮤니티가 가장 빠르게 성장한 해였습니다.",
 "我们的成员数量第一次超过了一万人！": "회원 수가 처음으로 만 명을 넘었습니다!",
 "关键数字": "주요 수치",
 "重要发布": "주요 릴리스"
}'

ko_words() { echo "커뮤니티가 가장 빠르게 성장한 해였습니다"; }

edition_project() {
    mkdir -p "$1"
    cp -R "$EXAMPLES/report" "$EXAMPLES/notes" "$1/"
    [ -d "$EXAMPLES/po" ] && cp -R "$EXAMPLES/po" "$1/"
    mkdir -p "$1/report/images"
    make_png "$1/report/images/members-2024.png" 64 32
    make_png "$1/cover.png" 60 80
    (
        cd "$1" &&
            "$YAKU" init --source zh-Hans --target ja,ko --title "开源社区年度报告 2024" &&
            "$YAKU" add report/ch01-overview.md report/ch02-community.md \
                report/ch03-governance.md &&
            "$YAKU" add notes/slides.txt --format txt --segment line
    ) >"$OUT" 2>"$ERR" || { fail "set up the example project" "$(last_output)"; finish; }
    if [ -f "$1/po/ja.po" ]; then
        (cd "$1" && "$YAKU" import po/ja.po) >"$OUT" 2>"$ERR" ||
            { fail "import examples/po/ja.po" "$(last_output)"; finish; }
    else
        # no Japanese PO in the examples: mark every ch01 segment translated
        (cd "$1" && "$YAKU" export --lang ja --chapter ch01-overview -o ja-ch01.po &&
            po_fill ja-ch01.po ja-ch01-filled.po 'ja:' && "$YAKU" import ja-ch01-filled.po) \
            >"$OUT" 2>"$ERR" || { fail "import Japanese for ch01" "$(last_output)"; finish; }
    fi
    (cd "$1" && "$YAKU" export --lang ko --chapter ch01-overview -o ko.po) >"$OUT" 2>"$ERR" ||
        { fail "export ko" "$(last_output)"; finish; }
    "$PY" - "$1/ko.po" "$1/ko-filled.po" "$KO_TABLE" "$TESTDIR/potool.py" <<'PYEOF' ||
import json, subprocess, sys
src, dst, table, tool = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
entries = json.loads(subprocess.check_output([sys.executable, tool, "json", src]))["entries"]
hits = [e["msgid"] for e in entries if e["msgid"] in table]
if len(hits) < 3:
    sys.exit("only %d of the Korean sentences match segments: %r" % (len(hits), hits))
# rewrite msgstr of the matching entries; the rest stays empty (untranslated)
out, cur_id, lines = [], None, open(src, encoding="utf-8").read().split("\n")
i = 0
while i < len(lines):
    l = lines[i]
    out.append(l)
    if l.startswith("msgid "):
        j, mid = i, [json.loads(l[6:])]
        while j + 1 < len(lines) and lines[j + 1].startswith('"'):
            j += 1
            out.append(lines[j])
            mid.append(json.loads(lines[j]))
        cur_id = "".join(mid)
        i = j
    elif l.startswith("msgstr ") and cur_id in table:
        out[-1] = "msgstr " + json.dumps(table[cur_id], ensure_ascii=False)
        while i + 1 < len(lines) and lines[i + 1].startswith('"'):
            i += 1
    i += 1
open(dst, "w", encoding="utf-8").write("\n".join(out))
PYEOF
        { fail "write the Korean PO"; finish; }
    (cd "$1" && "$YAKU" import ko-filled.po) >"$OUT" 2>"$ERR" ||
        { fail "import Korean for ch01" "$(last_output)"; finish; }
}

run_epubcheck() {
    if java -version >/dev/null 2>&1 && [ -f /usr/share/java/epubcheck.jar ]; then
        run java -jar /usr/share/java/epubcheck.jar "$1"
    else
        run epubcheck "$1"
    fi
}

# assert_epubcheck_clean what FILE   epubcheck: exit 0, no error, no warning
assert_epubcheck_clean() {
    run_epubcheck "$2"
    if [ "$rc" -eq 0 ] && grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$OUT" &&
        ! grep -qE "^(ERROR|WARNING|FATAL)" "$OUT" "$ERR"; then
        pass "$1"
    else
        fail "$1" "epubcheck exit $rc" "$(grep -hE '^(ERROR|WARNING|FATAL)|Messages' "$OUT" "$ERR" | head -n 12)"
    fi
}
