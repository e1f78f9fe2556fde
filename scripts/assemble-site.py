#!/usr/bin/python3
# Assembles the dashboard's site (build/site) as a CDN would serve it: every asset but the pages (.html) gets its
# content hash in its name (yiyang.3f2a9c1d0e.wasm) and every quoted reference to it is rewritten, so those
# names can be cached for a year; each file gets .gz (gzip -9) and .br (brotli CLI, when installed) beside it.
# Usage: assemble-site.py --out DIR FILE...   (index.html among the FILEs; the others are what it loads)
# A FILE given as SUB/NAME=PATH keeps its folder in the site (portal/index.html=web/portal/index.html: the public
# portal at /portal/). Every .html page is an entry point (served unhashed, no-cache); a file refers only to files of
# its own folder, by name ("portal.css" in portal/index.html is portal/portal.css).
import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys

ENTRY_EXTENSIONS = {".html"}                # entry points (pages): served no-cache, revalidated by ETag
TEXT_EXTENSIONS = {".html", ".js", ".css", ".json", ".svg", ".txt"}
HASH_LEN = 10                               # hex digits; nginx and the server recognise 8 or more
MIN_COMPRESS = 256                          # smaller files go out as they are


def split_name(name):
    stem, ext = os.path.splitext(name)
    return stem, ext


def folder(name):
    return os.path.dirname(name)


def is_entry(name):
    return split_name(name)[1] in ENTRY_EXTENSIONS


def ref_pattern(name):
    """A reference to `name` as a whole quoted string or url(): 'x', "x", (x) — never inside a longer name
    and never in prose (comments name files without quotes)."""
    return re.compile(r"""(?<=['"(/])""" + re.escape(name) + r"""(?=['")?#])""")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    sources = {}
    for arg in args.files:
        if "=" in arg:
            name, path = arg.split("=", 1)
            if name.startswith("/") or ".." in name.split("/") or not os.path.basename(name):
                sys.exit(f"assemble-site: bad site name {name}")
        else:
            name, path = os.path.basename(arg), arg
        if name in sources:
            sys.exit(f"assemble-site: two inputs named {name}")
        with open(path, "rb") as f:
            sources[name] = f.read()
    if "index.html" not in sources:
        sys.exit("assemble-site: index.html is missing from the inputs")
    # Nothing changed since the last run: keep the site (brotli -q 11 takes seconds per megabyte).
    stamp = hashlib.sha256()
    for name in sorted(sources):
        stamp.update(name.encode() + b"\0" + hashlib.sha256(sources[name]).digest())
    stamp.update(open(__file__, "rb").read())
    stamp = stamp.hexdigest()
    stamp_file = os.path.join(os.path.abspath(args.out), ".inputs")
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return

    # Which text file refers to which other file: a file is hashed after everything it refers to.
    refs = {}
    for name, data in sources.items():
        if split_name(name)[1] in TEXT_EXTENSIONS:
            text = data.decode("utf-8")
            refs[name] = {other for other in sources if other != name and folder(other) == folder(name)
                          and not is_entry(other) and ref_pattern(os.path.basename(other)).search(text)}
        else:
            refs[name] = set()

    final = {}                              # source name -> name in the site
    content = {}                            # source name -> bytes with references rewritten

    def resolve(name, stack):
        if name in final:
            return
        if name in stack:
            sys.exit("assemble-site: circular references: " + " -> ".join(stack + [name]))
        for other in sorted(refs[name]):
            resolve(other, stack + [name])
        data = sources[name]
        if refs[name]:
            text = data.decode("utf-8")
            for other in sorted(refs[name]):
                text = ref_pattern(os.path.basename(other)).sub(os.path.basename(final[other]), text)
            data = text.encode("utf-8")
        content[name] = data
        if is_entry(name):
            final[name] = name
        else:
            stem, ext = split_name(name)
            final[name] = f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LEN]}{ext}"

    for name in sorted(sources):
        resolve(name, [])

    # Every asset must be reachable from a page, or a reference was missed (a name built at run time,
    # say) and the page would ask for the unhashed name, which the site no longer has.
    reachable, todo = set(), sorted(n for n in sources if is_entry(n))
    while todo:
        n = todo.pop()
        if n not in reachable:
            reachable.add(n)
            todo.extend(refs[n])
    missed = sorted(set(sources) - reachable)
    if missed:
        sys.exit("assemble-site: nothing refers to " + ", ".join(missed) + " (quoted): its reference would "
                 "not be fingerprinted")

    # Build next to the old site and swap, so a server reading the folder never sees it half-written.
    out = os.path.abspath(args.out)
    tmp, old = out + ".new", out + ".old"
    for d in (tmp, old):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(tmp)
    brotli = shutil.which("brotli")
    for name, data in content.items():
        target = os.path.join(tmp, final[name])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
        if len(data) < MIN_COMPRESS:
            continue
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        if len(gz) < len(data):
            with open(target + ".gz", "wb") as f:
                f.write(gz)
        if brotli:
            subprocess.run([brotli, "-q", "11", "-f", "-o", target + ".br", target], check=True)
            if os.path.getsize(target + ".br") >= len(data):
                os.remove(target + ".br")
    with open(os.path.join(tmp, "manifest.json"), "w") as f:
        f.write("{\n" + ",\n".join(f'  "{k}": "{final[k]}"' for k in sorted(final)) + "\n}\n")
    with open(os.path.join(tmp, ".inputs"), "w") as f:
        f.write(stamp)
    if os.path.exists(out):
        os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)
    for k in sorted(final):
        print(f"{k} -> {final[k]}")


if __name__ == "__main__":
    main()
