"""Compiled templates shared by every app of a process that compiles them alike.

Jinja compiles each template once per environment, and every Flask app has its own. A process
that builds many apps (the test suite builds one per test) compiled the same templates again
for each; a server process builds one app, so this changes nothing there. The cache is keyed
by the template's name and file and by the environment settings that shape compiled code, and
Jinja discards an entry whose source checksum no longer matches.
"""

from __future__ import annotations

import hashlib

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

#: Environment settings that change the code a template compiles to (filters, tests and
#: globals are looked up when the template runs, so they may differ between apps).
_COMPILE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string",
    "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
)


def _compile_fingerprint(environment: Environment, name: str) -> str:
    autoescape = environment.autoescape
    escaped = autoescape(name) if callable(autoescape) else autoescape
    settings = [repr(getattr(environment, setting)) for setting in _COMPILE_SETTINGS]
    return "|".join([type(environment).__qualname__, repr(sorted(environment.extensions)),
                     repr(escaped), *settings])


class SharedBytecodeCache(BytecodeCache):
    """An in-memory bytecode cache for the environments of one process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._code)

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        key = hashlib.sha256("\0".join(
            [name, filename or "", _compile_fingerprint(environment, name)]).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


#: The process's cache, which ``web.templating`` gives every app's environment.
COMPILED_TEMPLATES = SharedBytecodeCache()
