#!/usr/bin/env python3
"""Writes docs/API.md's endpoint index from the server's own route table.

The index (between the markers `<!-- api-index:begin -->` and `<!-- api-index:end -->`) has one row per method and
path: the permission the route declares (`x-permission`, or "anyone" / "own account") and its description, both as
the route table (server/http/*_routes.cpp) states them, through GET /api/v1/openapi.json. The hand-written sections
above it explain the shapes and the rules; the index makes sure no route is left out (tests/server/test_api_doc.cpp
fails when a route has no row or a row names no route).

Usage: scripts/api-index.py build/native/server/yiyang-server   (starts the server on a scratch database)
       scripts/api-index.py --openapi openapi.json               (from a saved document)
"""
import argparse
import json
import os
import pathlib
import subprocess
import tempfile
import time
import urllib.request

BEGIN = "<!-- api-index:begin -->"
END = "<!-- api-index:end -->"
ROOT = pathlib.Path(__file__).resolve().parent.parent


def fetch_from_server(binary: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "index.db")
        port_file = os.path.join(tmp, "port")
        subprocess.run([binary, "init", "--db", db, "--seed", "1", "--scale", "demo"], check=True,
                       stdout=subprocess.DEVNULL)
        server = subprocess.Popen([binary, "serve", "--db", db, "--host", "127.0.0.1", "--port", "0",
                                   "--port-file", port_file], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                if os.path.exists(port_file) and open(port_file).read().strip():
                    break
                time.sleep(0.1)
            port = open(port_file).read().strip()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json") as r:
                return json.load(r)
        finally:
            server.terminate()
            server.wait()


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def index_of(doc: dict) -> str:
    order = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
    rows = ["| method | path | permission | what |", "|---|---|---|---|"]
    for path in sorted(doc["paths"]):
        ops = doc["paths"][path]
        for method in sorted(ops, key=lambda m: order.get(m, 9)):
            op = ops[method]
            if op.get("x-permission"):
                who = f"{op['x-permission']} ({', '.join(op.get('x-roles', []))})"
            else:
                who = op.get("description", "").removeprefix("Roles: ") or "anyone"
            rows.append(f"| {method.upper()} | {path} | {cell(who)} | {cell(op.get('summary', ''))} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("server", nargs="?", help="the yiyang-server binary")
    ap.add_argument("--openapi", help="a saved OpenAPI document instead of a server")
    ap.add_argument("--doc", default=str(ROOT / "docs" / "API.md"))
    args = ap.parse_args()
    if not args.server and not args.openapi:
        ap.error("give the server binary or --openapi FILE")
    doc = json.load(open(args.openapi)) if args.openapi else fetch_from_server(args.server)
    text = pathlib.Path(args.doc).read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{args.doc}: the markers {BEGIN} / {END} are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    pathlib.Path(args.doc).write_text(head + BEGIN + "\n" + index_of(doc) + "\n" + END + tail, encoding="utf-8")
    count = sum(len(v) for v in doc["paths"].values())
    print(f"{args.doc}: {count} routes indexed")


if __name__ == "__main__":
    main()
