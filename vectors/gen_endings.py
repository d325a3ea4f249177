# Copyright 2026 the npy authors. MIT license.
"""Header endings: how Python's tokenizer ends the header literal.

numpy reads a header with ``ast.literal_eval`` and, for versions 1.0 and
2.0 only, retries a header that fails with a SyntaxError after its Python 2
``L``-suffix filter (``tokenize`` then ``untokenize``), which rewrites the
whitespace. Whether a header whose text ends in blanks, form feeds, carriage
returns, newlines, comments or a backslash loads is decided by those two
passes. This module adds a matrix of such endings after a plain header and
after one with an ``L`` suffix (which always takes the filter path; it is a
syntax error in version 3.0), in every version, and asks numpy for each
verdict: a refusal expects ``HEADER_SYNTAX``.

generate.py calls ``build(add, ENGINE_DEPENDENT, WHY_TOKENIZE)`` from ``build_cases()``.
"""

import io
import itertools
import warnings

import numpy as np

BODY = "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }"
BODY_L = "{'descr': '<i4', 'fortran_order': False, 'shape': (1L,), }"
DATA = b"\x07\x00\x00\x00"

# The pieces an ending is made of, with the tag that names them in a file name.
PIECES = [(" ", "s"), ("\t", "t"), ("\f", "f"), ("\v", "v"), ("\r", "r"), ("\n", "n"),
          ("#c", "h"), ("\\", "b")]
# Longer endings use the pieces that end or continue lines.
LONG_PIECES = [(" ", "s"), ("\r", "r"), ("\n", "n"), ("#c", "h"), ("\\", "b")]
EXTRA = ["   ", "\r   ", "\n   ", "\r   \n", "\r\n   ", "\r\n   \n", "\n\t", "\n\t\n",
         "\n \f ", "\f\n ", "\n\f", "\n\f\n", "\n \f\n", " \\\n", "\\\n ", "\\\n\n",
         "\\\r\n", "\\\r\n ", "\n#c\n ", "\n #c\n", "\n  #c", "\r#c\r", "#c\\\n", "\n\n\n ",
         "\r\r ", "\r\r\n", "\n\r ", "\t#c\n\t"]


def _tag(text):
    tags = dict(PIECES)
    out, i = [], 0
    while i < len(text):
        if text.startswith("#c", i):
            out.append("h")
            i += 2
        else:
            out.append(tags[text[i]])
            i += 1
    return "".join(out)


def endings():
    """Every ending of the matrix, each once, in a stable order."""
    seen, out = set(), []
    pieces = [[p for p, _ in PIECES]] * 2
    candidates = [p for p, _ in PIECES]
    candidates += ["".join(x) for x in itertools.product(*pieces)]
    candidates += ["".join(x) for x in itertools.product(*[[p for p, _ in LONG_PIECES]] * 3)]
    candidates += EXTRA
    for e in candidates:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


def _file(text, major):
    encoding = "utf8" if major == 3 else "latin1"
    raw = text.encode(encoding)
    length = len(raw).to_bytes(2 if major == 1 else 4, "little")
    return b"\x93NUMPY" + bytes([major, 0]) + length + raw + DATA


def numpy_error(text, major):
    """numpy's verdict on one cell: None when it loads, else the exception's type name."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            np.load(io.BytesIO(_file(text, major)))
        return None
    except Exception as e:  # noqa: BLE001 - any refusal is the verdict
        return type(e).__name__


def numpy_loads(text, major):
    """Whether numpy loads one cell."""
    return numpy_error(text, major) is None


def cells():
    """(name, header text, major version) of every cell."""
    for e in endings():
        for body, tag, versions in ((BODY, "", (1, 2, 3)), (BODY_L, "_L", (1, 2))):
            for major in versions:
                yield "ending%s_v%d_%s" % (tag, major, _tag(e)), body + e, major


def build(add, engine_dependent, why_tokenize):
    """Adds every cell as a vector, expecting numpy's verdict.

    A refusal that comes from the tokenize module (TokenError, on the L-filter
    path) is worded differently by other CPython versions: those cells list
    their error fields in ``engine_dependent`` with ``why_tokenize``.
    """
    for name, text, major in cells():
        expression = ("f.write(raw_npy(%r, %r, version=(%d, 0), align=0, newline=''))"
                      % (text, DATA, major))
        error = numpy_error(text, major)
        add("endings", name, expression, None if error is None else "HEADER_SYNTAX",
            None if error is None else "numpy refuses this header ending")
        if error == "TokenError":
            engine_dependent[name] = (["error", "error_type"], why_tokenize)
