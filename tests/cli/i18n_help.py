#!/usr/bin/env python3
"""Compare yaku's help in English with the same help in another language
(t1000-i18n.sh).  Expected translations are looked up with gettext(1) in the
compiled catalogues, so the test follows the .po files instead of copying
their text, and does not go through yaku's own gettext binding.

  i18n_help.py main LOCALEDIR LANG EN LOC
      `yaku --help`: the header, every command's summary and the global
      options are translated (msgstr differs from msgid) and shown
  i18n_help.py command LOCALEDIR LANG EN LOC strict|shown
      `yaku CMD --help`: the description and the option help show the
      catalogue's text; strict: they, the usage line and the examples are
      also translated

Prints what is wrong and exits 1, or exits 0.
"""
import re
import subprocess
import sys


def tr(localedir, lang, msgid):
    env = {"LC_ALL": "C.UTF-8", "LANGUAGE": lang, "TEXTDOMAINDIR": localedir,
           "PATH": "/usr/bin:/bin"}
    return subprocess.run(["gettext", "-d", "yaku", "--", msgid], env=env,
                          capture_output=True, text=True, check=True).stdout


def main_help(t, en, loc):
    problems = []
    header, rest = en.split("commands:\n", 1)
    header += "commands:\n"
    footer = rest[rest.index("\nglobal options:"):]
    for msgid in (header, footer):
        msgstr = t(msgid)
        if msgstr == msgid:
            problems.append("untranslated: %r" % msgid[:50])
        elif msgstr not in loc:
            problems.append("not shown: %r" % msgstr[:50])
    commands = [line for line in rest.split("\n") if re.match(r"^  [a-z]+ {2,}", line)]
    if len(commands) < 20:
        problems.append("only %d commands in yaku --help" % len(commands))
    for line in commands:
        name, summary = line.split(None, 1)
        msgstr = t(summary)
        if msgstr == summary:
            problems.append("summary of %s untranslated" % name)
        elif "  %-13s %s\n" % (name, msgstr) not in loc:
            problems.append("summary of %s not shown: %r" % (name, msgstr))
    return problems


def command_help(t, en, loc, strict):
    problems = []
    head, rest = en.split("\n\noptions:\n", 1)
    description = head.split("\n\n", 1)[1]
    options, details = (rest.split("\n\n", 1) + [""])[:2]
    checks = [description] + ([details.rstrip("\n")] if strict and details else [])
    for msgid in checks:
        msgstr = t(msgid)
        if strict and msgstr == msgid:
            problems.append("untranslated: %r" % msgid[:60])
        if msgstr not in loc:
            problems.append("not shown: %r" % msgstr[:60])
    usage = "usage: yaku %s %s\n\n%s\n"
    if strict and (t(usage) == usage or not loc.startswith(t(usage).split("%s")[0])):
        problems.append("usage line untranslated: %r" % loc[:40])
    lines = options.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("  "):
            continue  # the second line of a two-line option help
        help_ = line[31:]
        if i + 1 < len(lines) and not lines[i + 1].startswith("  "):
            help_ += "\n" + lines[i + 1]
        msgstr = t(help_)
        if strict and msgstr == help_:
            problems.append("untranslated option help: %r" % help_)
        if line[:31] + msgstr + "\n" not in loc:
            problems.append("not shown: %r" % (line[:31] + msgstr))
    # option names and placeholders stay as they are
    for opt in re.findall(r"--[a-z-]+(?: [A-Z][A-Z.,\[\]]*)?", options):
        if opt not in loc:
            problems.append("option %r missing from the translated help" % opt)
    return problems


def main(argv):
    kind, localedir, lang = argv[1], argv[2], argv[3]
    with open(argv[4], encoding="utf-8") as f:
        en = f.read()
    with open(argv[5], encoding="utf-8") as f:
        loc = f.read()

    def t(msgid):
        return tr(localedir, lang, msgid)

    if kind == "main":
        problems = main_help(t, en, loc)
    else:
        problems = command_help(t, en, loc, argv[6] == "strict")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
