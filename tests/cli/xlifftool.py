#!/usr/bin/env python3
"""XLIFF helper for the CLI scenario tests (standard library only).

  xlifftool.py fill IN OUT PREFIX [--chapter C] [--state S] [--only ID]...
      gives every unit (or those whose segment id starts with "C:", or the
      ones named) a target: a copy of its source, placeholders and all, with
      PREFIX in front; marks it S (default translated: 1.2 state and
      approved="yes", 2.x segment state); writes OUT and prints the count.
      This is what a translator in OmegaT does: text changes, tags move.
  xlifftool.py units FILE
      prints [{id, state, approved, has_target, notes, prev_source}] as JSON
      (state: the 1.2 target state or the 2.x segment state).
  xlifftool.py check2 FILE
      checks an XLIFF 2.0 file against the structure of the OASIS XLIFF 2.0
      core schema that yaku's output relies on (element order, required and
      allowed attributes, attribute value types, dataRef targets, unique
      ids); prints each violation and exits 1 when there is one.  This is a
      structural check written for these tests, not the schema itself.
"""
import copy
import json
import re
import sys
import xml.etree.ElementTree as ET

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NSYAKU = "urn:yaku:xliff"
XML = "{http://www.w3.org/XML/1998/namespace}"
ET.register_namespace("yaku", NSYAKU)


def version_of(root):
    if root.tag == "{%s}xliff" % NS12:
        return NS12
    if root.tag == "{%s}xliff" % NS20:
        return NS20
    raise SystemExit("not XLIFF 1.2 or 2.0: root %s" % root.tag)


def units(root, ns):
    tag = "{%s}%s" % (ns, "trans-unit" if ns == NS12 else "unit")
    return list(root.iter(tag))


def seg_id(u, ns):
    return u.get("resname" if ns == NS12 else "name") or u.get("id")


def fill(args):
    src, out, prefix = args[0], args[1], args[2]
    chapter, state, only = None, "translated", []
    rest = args[3:]
    while rest:
        if rest[0] == "--chapter":
            chapter = rest[1]
        elif rest[0] == "--state":
            state = rest[1]
        elif rest[0] == "--only":
            only.append(rest[1])
        else:
            raise SystemExit("unknown option %s" % rest[0])
        rest = rest[2:]
    tree = ET.parse(src)
    root = tree.getroot()
    ns = version_of(root)
    ET.register_namespace("", ns)
    n = 0
    for u in units(root, ns):
        sid = seg_id(u, ns)
        if chapter and not sid.startswith(chapter + ":"):
            continue
        if only and sid not in only:
            continue
        holder = u if ns == NS12 else u.find("{%s}segment" % ns)
        source = holder.find("{%s}source" % ns)
        old = holder.find("{%s}target" % ns)
        if old is not None:
            holder.remove(old)
        target = ET.Element("{%s}target" % ns, dict(source.attrib))
        target.text = prefix + (source.text or "")
        for c in source:
            target.append(copy.deepcopy(c))
        holder.insert(list(holder).index(source) + 1, target)
        if ns == NS12:
            target.set("state", state)
            u.set("approved", "yes" if state in ("translated", "signed-off", "final") else "no")
        else:
            holder.set("state", state)
            holder.attrib.pop("subState", None)
        n += 1
    tree.write(out, encoding="UTF-8", xml_declaration=True)
    print(n)


def units_json(args):
    root = ET.parse(args[0]).getroot()
    ns = version_of(root)
    res = []
    for u in units(root, ns):
        holder = u if ns == NS12 else u.find("{%s}segment" % ns)
        t = holder.find("{%s}target" % ns)
        notes = ["".join(n.itertext()) for n in u.iter("{%s}note" % ns)]
        prev = None
        if ns == NS12:
            for a in u.findall("{%s}alt-trans" % ns):
                if a.get("alttranstype") == "previous-version":
                    prev = "".join(a.find("{%s}source" % ns).itertext())
            state = t.get("state") if t is not None else None
        else:
            for n in u.iter("{%s}note" % ns):
                if n.get("category") == "yaku:previous-source":
                    prev = n.text
            state = holder.get("state")
        res.append({"id": seg_id(u, ns), "state": state, "approved": u.get("approved"),
                    "has_target": t is not None, "notes": notes, "prev_source": prev})
    json.dump(res, sys.stdout, ensure_ascii=False)


# ---- XLIFF 2.0 structure ----

NMTOKEN = re.compile(r"^[\w.\-:\u00b7\u0300-\u036f\u203f\u2040]+$")
LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
USERDEF = re.compile(r"^[^\s:]+:[^\s:]+$")
TYPES = {"fmt", "ui", "quote", "link", "image", "other"}
YESNO = {"yes", "no"}
INLINE = {"cp", "ph", "pc", "sc", "ec", "mrk", "sm", "em"}
PH_ATTRS = {"canCopy", "canDelete", "canReorder", "copyOf", "disp", "equiv", "id", "dataRef",
            "subFlows", "subType", "type"}
PC_ATTRS = {"canCopy", "canDelete", "canOverlap", "canReorder", "copyOf", "dispEnd", "dispStart",
            "equivEnd", "equivStart", "id", "dataRefEnd", "dataRefStart", "subFlowsEnd",
            "subFlowsStart", "subType", "type", "dir"}


def check2(args):
    errors = []

    def err(where, msg):
        errors.append("%s: %s" % (where, msg))

    def local(e):
        return e.tag.split("}", 1)[1] if e.tag.startswith("{%s}" % NS20) else None

    def own_attrs(e):
        # attributes without namespace, plus xml:*; other namespaces are allowed anywhere
        return {k for k in e.attrib if not k.startswith("{") or k.startswith(XML)}

    def allowed(e, names, where):
        for a in own_attrs(e):
            if a not in names:
                err(where, "attribute %s not allowed on <%s>" % (a, local(e)))

    def nmtoken(e, a, where, required=True):
        v = e.get(a)
        if v is None:
            if required:
                err(where, "<%s> needs %s" % (local(e), a))
            return None
        if not NMTOKEN.match(v):
            err(where, "%s=%r is not an NMTOKEN" % (a, v))
        return v

    def inline(e, where, data, ids):
        for c in e:
            name = local(c)
            if name not in INLINE:
                err(where, "<%s> not allowed inside <%s>" % (c.tag, local(e)))
                continue
            if name == "cp":
                allowed(c, {"hex"}, where)
                h = c.get("hex", "")
                if not re.match(r"^([0-9A-Fa-f]{2})+$", h):
                    err(where, "cp hex=%r is not hexBinary" % h)
                continue
            i = nmtoken(c, "id", where, required=name != "ec")
            if i is not None and name in ("ph", "pc", "sc", "mrk", "sm"):
                if i in ids:
                    err(where, "inline id %s used twice" % i)
                ids.add(i)
            if name in ("ph", "pc"):
                allowed(c, PH_ATTRS if name == "ph" else PC_ATTRS, where)
                for a in ("dataRef", "dataRefStart", "dataRefEnd"):
                    if c.get(a) is not None and c.get(a) not in data:
                        err(where, "%s=%r names no <data>" % (a, c.get(a)))
                if c.get("type") is not None and c.get("type") not in TYPES:
                    err(where, "type=%r" % c.get("type"))
                if c.get("subType") is not None:
                    if not USERDEF.match(c.get("subType")):
                        err(where, "subType=%r" % c.get("subType"))
                    if c.get("type") is None:
                        err(where, "subType without type")
            if name == "ph" and (len(c) or (c.text or "").strip()):
                err(where, "<ph> must be empty")
            if name in ("pc", "mrk"):
                inline(c, where, data, ids)

    root = ET.parse(args[0]).getroot()
    if root.tag != "{%s}xliff" % NS20:
        raise SystemExit("root is %s" % root.tag)
    allowed(root, {"version", "srcLang", "trgLang", XML + "space"}, "xliff")
    if root.get("version") != "2.0":
        err("xliff", "version %r" % root.get("version"))
    for a in ("srcLang", "trgLang"):
        if not LANGUAGE.match(root.get(a) or ""):
            err("xliff", "%s=%r is not a language" % (a, root.get(a)))
    files = [c for c in root]
    if not files:
        err("xliff", "no <file>")
    file_ids = set()
    for f in files:
        if local(f) != "file":
            err("xliff", "<%s> is not a <file>" % f.tag)
            continue
        fid = nmtoken(f, "id", "file")
        if fid in file_ids:
            err("file", "id %s twice" % fid)
        file_ids.add(fid)
        allowed(f, {"id", "canResegment", "original", "translate", "srcDir", "trgDir",
                    XML + "space"}, "file " + str(fid))
        kids = [local(c) for c in f if local(c) is not None]
        units_seen = [k for k in kids if k in ("unit", "group")]
        if not units_seen:
            err("file " + str(fid), "no <unit>")
        if [k for k in kids if k not in ("notes", "unit", "group")]:
            err("file " + str(fid), "unexpected children %s" % kids)
        unit_ids = set()
        for u in f:
            if local(u) != "unit":
                continue
            uid = nmtoken(u, "id", "unit")
            w = "unit " + str(u.get("name") or uid)
            if uid in unit_ids:
                err(w, "id %s twice in the file" % uid)
            unit_ids.add(uid)
            allowed(u, {"id", "name", "canResegment", "translate", "srcDir", "trgDir",
                        XML + "space", "type"}, w)
            for a in ("canResegment", "translate"):
                if u.get(a) is not None and u.get(a) not in YESNO:
                    err(w, "%s=%r" % (a, u.get(a)))
            order = [local(c) for c in u if local(c) is not None]
            rank = {"notes": 0, "originalData": 1, "segment": 2, "ignorable": 2}
            if [rank.get(k, 9) for k in order] != sorted(rank.get(k, 9) for k in order) or \
                    order.count("notes") > 1 or order.count("originalData") > 1 or \
                    "segment" not in order or any(k not in rank for k in order):
                err(w, "children %s are not notes?, originalData?, segment+" % order)
            data = set()
            for c in u:
                name = local(c)
                if name == "notes":
                    if not len(c):
                        err(w, "empty <notes>")
                    for n in c:
                        if local(n) != "note":
                            err(w, "<%s> in <notes>" % n.tag)
                        allowed(n, {"id", "appliesTo", "category", "priority"}, w)
                        if len(n):
                            err(w, "<note> holds elements")
                elif name == "originalData":
                    if not len(c):
                        err(w, "empty <originalData>")
                    for d in c:
                        if local(d) != "data":
                            err(w, "<%s> in <originalData>" % d.tag)
                            continue
                        allowed(d, {"id", "dir", XML + "space"}, w)
                        did = nmtoken(d, "id", w)
                        if did in data:
                            err(w, "data id %s twice" % did)
                        data.add(did)
                        for x in d:
                            if local(x) != "cp":
                                err(w, "<%s> in <data>" % x.tag)
                elif name in ("segment", "ignorable"):
                    allowed(c, {"id", "canResegment", "state", "subState"}
                            if name == "segment" else {"id"}, w)
                    st = c.get("state")
                    if st is not None and st not in ("initial", "translated", "reviewed", "final"):
                        err(w, "state=%r" % st)
                    if c.get("subState") is not None and not USERDEF.match(c.get("subState")):
                        err(w, "subState=%r" % c.get("subState"))
                    kids = [local(x) for x in c]
                    if kids not in (["source"], ["source", "target"]):
                        err(w, "segment children %s" % kids)
                    if st not in (None, "initial") and "target" not in kids:
                        err(w, "state %s without <target>" % st)
                    for x in c:
                        if local(x) == "source":
                            allowed(x, {XML + "lang", XML + "space"}, w)
                        else:
                            allowed(x, {XML + "lang", XML + "space", "order"}, w)
                        inline(x, w + " " + str(local(x)), data, set())
    for e in errors:
        print(e)
    if errors:
        sys.exit(1)
    print("ok: %d units" % sum(1 for _ in root.iter("{%s}unit" % NS20)))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "fill":
        fill(sys.argv[2:])
    elif cmd == "units":
        units_json(sys.argv[2:])
    elif cmd == "check2":
        check2(sys.argv[2:])
    else:
        raise SystemExit(__doc__)
