#!/usr/bin/env python3
"""Derives pd-core's embedded endpoint table from the shared reference data.

    python3 pd-core/src/build/endpoints-from-tsv.py ENDPOINTS_TSV OPENAPI_JSON > \
        pd-core/src/main/resources/dev/pdkit/internal/wrapping/endpoints.tsv

ENDPOINTS_TSV is the reference inventory (one row per REST operation, ten columns; see
pagerduty-api.md section 2.1). OPENAPI_JSON is the REST OpenAPI document it was built from.

The output keeps the first seven columns (method, path, pagination, request_wrapper,
response_wrapper, success_status, from_header) of every row, in input order. The remaining columns
(x_early_access, operation_id, tag) are documentation the client never reads.

The OpenAPI document is read for one thing only: paths it declares without any operation
(/incidents/count in the 2026-08 spec). The inventory cannot list them, having no operation to list,
but they are real URLs; without them /incidents/count would fall through to /incidents/{id} and be
unwrapped strictly as "incident". They are appended as rows whose method is "-".

Standard library only, output is byte-for-byte reproducible: run it and `git diff` to see drift.
"""
import json
import sys

COLUMNS = ["method", "path", "pagination", "request_wrapper", "response_wrapper",
           "success_status", "from_header"]
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
OPENAPI_METHODS = {m.lower() for m in METHODS} | {"head", "options", "trace"}


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    tsv_path, openapi_path = argv[1], argv[2]
    with open(tsv_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    if header[:7] != COLUMNS:
        sys.exit(f"unexpected header in {tsv_path}: {header}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != len(header) or cols[0] not in METHODS or not cols[1].startswith("/"):
            sys.exit(f"{tsv_path}:{n}: malformed row: {line[:120]}")
        rows.append(cols[:7])
    listed = {r[1] for r in rows}

    with open(openapi_path, encoding="utf-8") as f:
        spec = json.load(f)
    path_only = sorted(p for p, item in spec["paths"].items()
                       if p not in listed and not (OPENAPI_METHODS & set(item)))
    version = spec.get("info", {}).get("version", "?")

    out = sys.stdout
    out.write("# Derived from PagerDuty's REST API v2 OpenAPI document (PagerDuty/api-schema "
              "reference/REST/openapiv3.json, info.version " + version + ") through the pdkit reference "
              "endpoints.tsv, columns 1-7. Do not edit; regenerate with: python3 pd-core/src/build/"
              "endpoints-from-tsv.py ENDPOINTS_TSV OPENAPI_JSON > this file\n")
    out.write("# %d operations on %d paths; rows with method '-' are paths the spec declares without "
              "operations.\n" % (len(rows), len(listed) + len(path_only)))
    out.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        out.write("\t".join(r) + "\n")
    for p in path_only:
        out.write("\t".join(["-", p, "none", "-", "-", "?", "-"]) + "\n")


if __name__ == "__main__":
    main(sys.argv)
