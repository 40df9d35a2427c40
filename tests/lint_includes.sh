#!/bin/sh
# Include direction (STYLE.md §2): a module includes only lower layers, and
# each external library has one home.  Prints offending lines; exit 1 if any.
bad=0
check() { # pattern, allowed-path-regex, message
    hits=$(grep -rnE "$1" src | grep -vE "$2" || true)
    if [ -n "$hits" ]; then
        echo "$3:"
        echo "$hits"
        bad=1
    fi
}
check '#include [<"](core|store|segment|glossary|tm|check|formats|build|cli)/' '^src/(core|store|segment|glossary|tm|check|formats|build|cli)/' "util must not include upper layers" 
check '^#include "(core|segment|glossary|tm|check|formats|build|cli)/' '^src/(core|segment|glossary|tm|check|formats|build|cli)/' "store includes only util"
# glossary: core, store, util, and the ICU word tokens of segment/words.h (ICU's one home)
hits=$(grep -nE '#include "(formats|check|tm|build|cli)/|#include "segment/(segment|segment_internal)\.h"' src/glossary/* 2>/dev/null || true)
[ -z "$hits" ] || { echo "glossary includes an upper layer or sibling:"; echo "$hits"; bad=1; }
hits=$(grep -nE '#include "(segment|formats|build|cli)/' src/core/*.c src/core/*.h 2>/dev/null || true)
[ -z "$hits" ] || { echo "core includes an upper layer:"; echo "$hits"; bad=1; }
hits=$(grep -nE '#include "(formats|build|cli)/' src/segment/* 2>/dev/null || true)
[ -z "$hits" ] || { echo "segment includes an upper layer:"; echo "$hits"; bad=1; }
hits=$(grep -nE '#include "(build|cli)/' src/formats/* 2>/dev/null || true)
[ -z "$hits" ] || { echo "formats includes an upper layer:"; echo "$hits"; bad=1; }
hits=$(grep -nE '#include "(core|store|segment|formats|build)/' src/cli/* | grep -v 'util/' || true)
[ -z "$hits" ] || { echo "cli includes library internals (use <yaku/...>):"; echo "$hits"; bad=1; }
check '#include <sqlite3.h>' '^src/store/' "sqlite3.h outside src/store"
check '#include <cmark' '^src/formats/markdown.c' "cmark outside formats/markdown.c"
check '#include <yaml.h>' '^src/formats/frontmatter.c' "libyaml outside formats/frontmatter.c"
check '#include <unicode/' '^src/segment/' "ICU outside src/segment"
exit $bad
