"""Validates TOML files against the JSON Schema `statuskit schema` prints, with the
reference `jsonschema` package (draft 4, which Taplo reads).

Usage: validate-schema.py SCHEMA.json [--expect-invalid] FILE.toml...
Prints each violation; exits 1 when a file meant to be valid is not, or one meant to be
invalid is.
"""
import json
import sys
import tomllib

import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft4Validator.check_schema(schema)
validator = jsonschema.Draft4Validator(schema)
expect_invalid = "--expect-invalid" in sys.argv
failed = False
for path in (a for a in sys.argv[2:] if a != "--expect-invalid"):
    with open(path, "rb") as f:
        document = tomllib.load(f)
    errors = sorted(validator.iter_errors(document), key=str)
    if expect_invalid and not errors:
        print(f"{path}: valid, expected a violation")
        failed = True
    if not expect_invalid:
        for error in errors:
            print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
            failed = True
sys.exit(1 if failed else 0)
