#!/usr/bin/env python3
"""Generate ground-truth tables for the .npy header / descr parsers from real numpy.

Generated with numpy 2.4.6 on CPython 3.11.7 (x86-64 Linux, longdouble = f16).
Writes, next to this script:

header_cases.json  list of hand-built .npy files and what ``np.load`` (real
    file path, allow_pickle=False, default max_header_size) does with them:
      name, version [maj, min], header (text between the length field and the
      data; latin1 for v1/v2, utf8 for v3), data_len (zero bytes appended),
      outcome "load" | "refuse" | "crash",
      error ("Type: message"; refuse/crash only),
      descr / shape / fortran_order / itemsize (load only; descr is the loaded
      dtype's .descr when it has fields, else its .str; tuples become lists),
      warnings (only when numpy warned, e.g. the Python-2 'L' filter).
descr_cases.json   list of descr literals (Python source) and what
    ``descr_to_dtype(ast.literal_eval(src))`` makes of them:
      descr, outcome, error | result / itemsize / kind / str / names /
      hasobject / subdtype ([base descr, shape] or null), warnings,
      version (only when the source is not latin1: the load files are then v3),
      load0 / load2: np.load of a file with that descr and shape (0,) / (2,)
      with 0 / 2*itemsize data bytes: {outcome, error | shape, str, descr}
      ("skipped" when the data would exceed 1 MiB).
repr_cases.json    the header np.save writes for ~75 arrays: expression,
    header (incl. padding and the final newline), version, file_len,
    file_hex (whole file, when under 512 bytes, else null), warnings.

"crash": a few descrs (datetime units divided by zero, e.g. '<M8[s/0]') kill
numpy's process with SIGFPE. Every numpy call therefore runs in a worker
process; a task that kills it is recorded as outcome "crash" and the worker
is restarted at the next task.

Deterministic: a second run gives byte-identical JSON (the script re-executes
itself with PYTHONHASHSEED=0 so set reprs in messages are stable; object
addresses in messages become 0xADDR and the scratch dir <tmp>).

Usage:  python3 codec/testdata/make_cases.py      (about 10 s)
"""

import ast
import io
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np  # noqa: E402
import numpy.lib._format_impl as npf  # noqa: E402  (private helpers live here)

OUT = os.path.dirname(os.path.abspath(__file__))
# workers make their scratch dir inside the parent's, so a crashed worker's
# leftovers are removed with it
TMPDIR = tempfile.mkdtemp(prefix="npycases", dir=os.environ.get("NPY_CASES_TMP"))
PATH = os.path.join(TMPDIR, "case.npy")

MAGIC = b"\x93NUMPY"


# --------------------------------------------------------------------------
# helpers


def sanitize(msg):
    msg = re.sub(r" at 0x[0-9a-fA-F]+", " at 0xADDR", msg)
    return msg.replace(TMPDIR, "<tmp>")


def errstr(e):
    return f"{type(e).__name__}: {sanitize(str(e))}"


def jsonify(x):
    if isinstance(x, (tuple, list)):
        return [jsonify(v) for v in x]
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float) and x == x and abs(x) != float("inf"):
        return x
    return {"repr": repr(x)}


def dtype_descr(dt):
    """The brief's "descr": dtype.descr when it has fields, else dtype.str."""
    return jsonify(dt.descr if dt.names is not None else dt.str)


def warn_list(ws):
    out = []
    for w in ws:
        if issubclass(w.category, ResourceWarning):
            continue
        out.append(f"{w.category.__name__}: {sanitize(str(w.message))}")
    return out


def build_file(version, header, data_len):
    enc = "utf8" if tuple(version) == (3, 0) else "latin1"
    hb = header.encode(enc)
    fmt = "<H" if tuple(version) == (1, 0) else "<I"
    if tuple(version) not in ((1, 0), (2, 0), (3, 0)):
        fmt = "<H" if version[0] <= 1 else "<I"
    return MAGIC + bytes(version) + struct.pack(fmt, len(hb)) + hb + b"\0" * data_len


def parse_header_only(raw):
    """(shape, fortran_order, dtype) via numpy's own header reader, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fp = io.BytesIO(raw)
            version = npf.read_magic(fp)
            return npf._read_array_header(fp, version, max_header_size=10**9)
    except BaseException:
        return None


def natural_data_len(version, header):
    """Exact number of data bytes the header asks for, if small and sane."""
    r = parse_header_only(build_file(version, header, 0))
    if r is None:
        return 0
    shape, _, dt = r
    n = 1
    for s in shape:
        n *= int(s)
    total = n * dt.itemsize
    if 0 <= total <= 1 << 16:
        return total
    if n < 0 and abs(total) <= 1 << 16:
        return abs(total)
    return 0


def np_load(raw):
    """Write raw to a real file, np.load it, and describe what happened."""
    with open(PATH, "wb") as f:
        f.write(raw)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            arr = np.load(PATH)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001
            res = {"outcome": "refuse", "error": errstr(e)}
        else:
            hdr = parse_header_only(raw)
            res = {
                "outcome": "load",
                "descr": dtype_descr(arr.dtype),
                "shape": [int(s) for s in arr.shape],
                "fortran_order": bool(hdr[1]) if hdr is not None else None,
                "itemsize": int(arr.dtype.itemsize),
                "str": arr.dtype.str,
            }
    w = warn_list(ws)
    if w:
        res["warnings"] = w
    return res


# --------------------------------------------------------------------------
# header cases

TASKS = []  # everything numpy is asked to do runs in a worker process (see run_tasks)
_names = set()


def H(descr="'<f8'", fo="False", shape="(3,)"):
    return "{'descr': %s, 'fortran_order': %s, 'shape': %s, }" % (descr, fo, shape)


def case(name, header, version=(1, 0), data_len=None):
    assert name not in _names, name
    _names.add(name)
    TASKS.append({"kind": "header", "name": name, "version": list(version), "header": header,
                  "data_len": data_len})


def header_cases():
    # ---- basics & versions
    case("basic_v1", H())
    case("basic_v2", H(), (2, 0))
    case("basic_v3", H(), (3, 0))
    std = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
    padded = std + " " * (128 - 10 - len(std) - 1) + "\n"
    case("numpy_padded_v1", padded)
    case("numpy_padded_v2", std + " " * (128 - 12 - len(std) - 1) + "\n", (2, 0))
    for v in [(1, 1), (0, 0), (2, 1), (3, 1), (4, 0), (0, 1), (255, 255)]:
        case("version_%d_%d" % v, H(), v)
    case("no_data_at_all", H(), data_len=0)

    # ---- quotes
    case("dq_descr", H('"<f8"'))
    case("dq_keys", '{"descr": "<f8", "fortran_order": False, "shape": (3,)}')
    case("tsq_descr", H("'''<f8'''"))
    case("tdq_descr", H('"""<f8"""'))
    case("tsq_keys", "{'''descr''': '<f8', \"\"\"fortran_order\"\"\": False, 'shape': (3,)}")
    case("tsq_newline_inside", H("'''<f\n8'''"))
    case("tsq_multiline_string_value", H("'''<f8\n'''"))
    case("unterminated_sq", "{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }")
    case("unterminated_tsq", "{'descr': '''<f8', 'fortran_order': False, 'shape': (3,), }")
    case("unterminated_tsq_v3", "{'descr': '''<f8', 'fortran_order': False, 'shape': (3,), }", (3, 0))
    case("quote_mismatch", H("'<f8\""))
    case("empty_descr_string", H("''"))

    # ---- escapes
    esc = [
        ("esc_x", r"'\x3cf8'"),
        ("esc_X_upper_hex", r"'\x3Cf8'"),
        ("esc_octal", r"'\74f8'"),
        ("esc_octal_3digit", r"'\074f8'"),
        ("esc_octal_then_digit", r"'\0748'"),
        ("esc_u", r"'\u003cf8'"),
        ("esc_U", r"'\U0000003cf8'"),
        ("esc_N", r"'\N{LESS-THAN SIGN}f8'"),
        ("esc_N_lower", r"'\N{less-than sign}f8'"),
        ("esc_N_alias", r"'\N{LATIN SMALL LETTER E WITH ACUTE}'"),
        ("esc_N_bad", r"'\N{NOT A REAL NAME}f8'"),
        ("esc_N_unclosed", r"'\N{LESS-THAN SIGN f8'"),
        ("esc_x_short", r"'\x3'"),
        ("esc_x_nonhex", r"'\xg0f8'"),
        ("esc_u_short", r"'\u03c'"),
        ("esc_U_too_big", r"'\U00110000'"),
        ("esc_U_emoji", r"'\U0001F600'"),
        ("esc_u_e_acute", r"'\u00e9'"),
        ("esc_n", r"'<f8\n'"),
        ("esc_t", r"'<f8\t'"),
        ("esc_backslash", r"'<f8\\'"),
        ("esc_squote", r"'<f8\''"),
        ("esc_dquote", r"'<f8\"'"),
        ("esc_a_b_f_v_r", r"'\a\b\f\v\r'"),
        ("esc_nul", r"'<f8\0'"),
        ("esc_unknown_q", r"'<f8\q'"),
        ("esc_unknown_d", r"'\d'"),
        ("esc_octal_777", r"'\777'"),
        ("esc_octal_400", r"'\400'"),
        ("esc_line_continuation", "'<f\\\n8'"),
        ("esc_line_continuation_crlf", "'<f\\\r\n8'"),
        ("esc_backslash_at_end_unterminated", "'<f8\\'"),
    ]
    for name, d in esc:
        case(name, H(d))
    case("esc_key_x", "{'sh\\x61pe': (3,), 'descr': '<f8', 'fortran_order': False}")
    case("esc_key_octal", "{'de\\163cr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("esc_key_u", "{'fortran\\u005forder': False, 'descr': '<f8', 'shape': (3,)}")
    case("esc_key_N", "{'shap\\N{LATIN SMALL LETTER E}': (3,), 'descr': '<f8', 'fortran_order': False}")
    case("esc_key_continuation", "{'sha\\\npe': (3,), 'descr': '<f8', 'fortran_order': False}")
    case("esc_U_emoji_v3", H(r"'\U0001F600'"), (3, 0))
    case("esc_N_v3", H(r"'\N{SNOWMAN}'"), (3, 0))

    # ---- string prefixes
    for name, d in [
        ("prefix_r", "r'<f8'"), ("prefix_R", "R'<f8'"), ("prefix_r_escape", r"r'\x3cf8'"),
        ("prefix_r_backslash_quote", r"r'<f8\''"),
        ("prefix_u", "u'<f8'"), ("prefix_U", "U'<f8'"), ("prefix_ur", "ur'<f8'"),
        ("prefix_b", "b'<f8'"), ("prefix_B", "B'<f8'"), ("prefix_rb", "rb'<f8'"),
        ("prefix_br", "br'<f8'"), ("prefix_Rb", "Rb'<f8'"),
        ("prefix_f", "f'<f8'"), ("prefix_F", "F'<f8'"), ("prefix_fr", "fr'<f8'"),
        ("prefix_f_placeholder", "f'<f{8}'"), ("prefix_f_braces", "f'<f8{{}}'"),
        ("prefix_bu", "bu'<f8'"), ("prefix_x", "x'<f8'"),
        ("prefix_b_nonascii", "b'\xe9'"),
        ("prefix_b_struct", "[(b'a', '<i4')]"),
    ]:
        case(name, H(d))
    case("prefix_b_key", "{b'descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("prefix_u_key", "{u'descr': '<f8', u'fortran_order': False, u'shape': (3,)}")
    case("prefix_r_key", "{r'descr': '<f8', R'fortran_order': False, r'shape': (3,)}")
    case("prefix_f_key", "{f'descr': '<f8', 'fortran_order': False, 'shape': (3,)}")

    # ---- implicit concatenation
    for name, d in [
        ("concat_sq", "'<f' '8'"), ("concat_nospace", "'<f''8'"), ("concat_mixed_quotes", "'<' \"f8\""),
        ("concat_triple", "'<f' '''8'''"), ("concat_raw", "r'<f' '8'"), ("concat_u", "u'<f' '8'"),
        ("concat_str_bytes", "'<f' b'8'"), ("concat_bytes_bytes", "b'<f' b'8'"),
        ("concat_three", "'<' 'f' '8'"), ("concat_newline_in_parens", "('<f'\n'8')"),
        ("concat_newline_in_dict", "'<f'\n'8'"), ("concat_comment_between", "'<f' # x\n '8'"),
        ("concat_continuation", "'<f' \\\n'8'"), ("concat_empty", "'' '<f8' ''"),
        ("concat_f", "'<f' f'8'"),
    ]:
        case(name, H(d))
    case("concat_key", "{'sha' 'pe': (3,), 'des' \"cr\": '<f8', 'fortran_' '''order''': False}")

    # ---- non-ascii text
    case("latin1_descr_v1", H("'\xe9'"))
    case("latin1_key_v1", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'sh\xe9pe': 1}")
    case("latin1_comment_v1", H() + " # caf\xe9 \xff\xfe")
    case("latin1_comment_v2", H() + " # caf\xe9", (2, 0))
    case("latin1_nbsp_v1", "{'descr':\xa0'<f8', 'fortran_order': False, 'shape': (3,)}")
    case("latin1_c1_control_v1", H() + "\x85")
    case("latin1_in_field_name_v1", H("[('\xe9', '<f8')]"))
    case("utf8_in_v1_as_latin1", H("[('" + "é".encode("utf8").decode("latin1") + "', '<f8')]"))
    case("utf8_field_name_v3", H("[('é', '<f8')]"), (3, 0))
    case("utf8_snowman_name_v3", H("[('☃', '<f8')]"), (3, 0))
    case("utf8_emoji_name_v3", H("[('😀', '<f8')]"), (3, 0))
    case("utf8_comment_v3", H() + " # ☃ 😀", (3, 0))
    case("utf8_descr_v3", H("'☃'"), (3, 0))
    case("utf8_bom_v3", "\ufeff" + H(), (3, 0))
    case("utf8_nbsp_v3", "{'descr':\xa0'<f8', 'fortran_order': False, 'shape': (3,)}", (3, 0))
    case("utf8_ideographic_space_v3", "{'descr':\u3000'<f8', 'fortran_order': False, 'shape': (3,)}", (3, 0))
    case("utf8_line_sep_v3", H() + "\u2028", (3, 0))
    case("utf8_nonascii_identifier_v3", H("é"), (3, 0))
    case("utf8_fullwidth_digit_v3", H(shape="(\uff13,)"), (3, 0))
    case("utf8_arabic_digit_v3", H(shape="(\u0663,)"), (3, 0))
    case("utf8_v3_plain_ascii_header_is_fine", H(), (3, 0))

    # ---- ints in shape
    for name, s in [
        ("int_hex", "(0x3,)"), ("int_HEX", "(0X3,)"), ("int_oct", "(0o3,)"), ("int_OCT", "(0O3,)"),
        ("int_bin", "(0b11,)"), ("int_BIN", "(0B11,)"), ("int_underscore", "(1_0,)"),
        ("int_hex_underscore", "(0x_3,)"), ("int_double_underscore", "(1__0,)"),
        ("int_trailing_underscore", "(10_,)"), ("int_zero_underscore", "(0_0,)"),
        ("int_leading_zero", "(03,)"), ("int_leading_zeros_zero", "(00,)"), ("int_zero_underscore3", "(0_3,)"),
        ("int_old_octal", "(0777,)"),
        ("int_minus", "(-1,)"), ("int_plus", "(+3,)"), ("int_minus_space", "(- 3,)"),
        ("int_minus_paren", "(-(3),)"), ("int_minus_minus", "(-(-1),)"), ("int_double_minus", "(--1,)"),
        ("int_plus_minus", "(+-3,)"), ("int_invert", "(~1,)"), ("int_not", "(not 1,)"),
        ("float_exp", "(1e3,)"), ("float_3_0", "(3.0,)"), ("float_3_dot", "(3.,)"), ("float_inf_name", "(inf,)"),
        ("int_True", "(True,)"), ("int_False", "(False,)"), ("int_True_3", "(True, 3)"),
        ("int_None", "(None,)"), ("int_complex", "(3j,)"), ("int_complex_sum", "(1+2j,)"),
        ("int_sum", "(1+2,)"), ("int_product", "(2*3,)"), ("int_power", "(2**3,)"),
        ("int_str", "('3',)"), ("int_bytes", "(b'3',)"), ("int_ellipsis", "(...,)"),
        ("int_nested_tuple", "((3,),)"), ("int_list_elem", "([3],)"),
        ("int_2pow63", "(9223372036854775808,)"), ("int_2pow63m1_u1", "(9223372036854775807,)"),
        ("int_2pow64", "(18446744073709551616,)"), ("int_10pow30", "(1000000000000000000000000000000,)"),
        ("int_neg_2pow63", "(-9223372036854775808,)"), ("int_neg_2pow63m1", "(-9223372036854775809,)"),
        ("int_2pow62_x4", "(4611686018427387904, 4)"), ("int_2pow32_sq", "(4294967296, 4294967296)"),
        ("int_2pow32_sq_then_3", "(4294967296, 4294967296, 3)"),
        ("int_huge_digits_4300", "(" + "1" * 4301 + ",)"),
        ("int_name", "(n,)"), ("int_call", "(int(3),)"), ("int_attr", "(x.y,)"),
    ]:
        d = "'|u1'" if name == "int_2pow63m1_u1" else "'<f8'"
        case(name, H(d, shape=s))
    # Python-2 L suffix and the _filter_header tokenizer pass
    for name, s in [
        ("L_3L", "(3L,)"), ("L_3L_4L", "(3L, 4L)"), ("L_lower_3l", "(3l,)"), ("L_space_3_L", "(3 L,)"),
        ("L_hex", "(0x3L,)"), ("L_oct", "(0o3L,)"), ("L_underscore", "(1_0L,)"), ("L_minus", "(-1L,)"),
        ("L_LL", "(3LL,)"), ("L_float", "(3.0L,)"), ("L_exp", "(1e3L,)"), ("L_complex", "(3jL,)"),
        ("L_after_name", "(True L,)"), ("L_alone", "(L,)"), ("L_3L_and_L", "(3L, L)"),
        ("L_after_paren", "(3,)L"), ("L_newline_between", "(3\nL,)"), ("L_comment_between", "(3 # c\nL,)"),
        ("L_continuation", "(3 \\\nL,)"), ("L_leading_zero", "(03L,)"), ("L_zero", "(0L,)"),
        ("L_empty_tuple", "(0L, 3L)"),
    ]:
        for v in [(1, 0), (2, 0), (3, 0)]:
            case("%s_v%d" % (name, v[0]), H(shape=s), v)
    case("L_fortran_0L", H(fo="0L"))
    case("L_fortran_FalseL", H(fo="FalseL"))
    case("L_after_string", H("'<f8'L"))
    case("L_after_string_space", H("'<f8' L"))
    case("L_in_string_untouched", H("'<f8L'"))
    case("L_descr_subarray", H("('<f8', 2L)"))
    case("L_descr_subarray_shape", H("('<f8', (2L,))", shape="(3L,)"))
    case("L_with_other_syntax_error", H(shape="(3L,") )
    case("L_with_tokenize_error_v1", H(shape="(3L,)") + "'''")
    case("L_v1_with_leading_indent_newline", "\n  " + H(shape="(3L,)"))
    case("L_with_valueerror_first", H(shape="(3L, n)"))

    # ---- whitespace
    compact = "{'descr':'<f8','fortran_order':False,'shape':(3,)}"
    case("ws_compact", compact)
    case("ws_spaces_everywhere", "{  'descr'  :  '<f8'  ,  'fortran_order'  :  False  ,  'shape'  :  (  3  ,  )  ,  }  ")
    case("ws_tabs", "{\t'descr':\t'<f8',\t'fortran_order':\tFalse,\t'shape':\t(3,\t)\t}\t")
    case("ws_newlines_inside", "{\n'descr':\n'<f8',\n'fortran_order':\nFalse,\n'shape':\n(\n3,\n)\n}\n")
    case("ws_indented_lines", "{\n    'descr': '<f8',\n    'fortran_order': False,\n    'shape': (3,),\n}\n")
    case("ws_crlf_inside", "{\r\n'descr': '<f8',\r\n'fortran_order': False,\r\n'shape': (3,)\r\n}\r\n")
    case("ws_cr_inside", "{\r'descr': '<f8',\r'fortran_order': False,\r'shape': (3,)\r}\r")
    case("ws_leading_space", " " + H())
    case("ws_leading_spaces_many", " " * 50 + H())
    case("ws_leading_tab", "\t" + H())
    case("ws_leading_newline", "\n" + H())
    case("ws_leading_newlines", "\n\n\n" + H())
    case("ws_leading_crlf", "\r\n" + H())
    case("ws_leading_cr", "\r" + H())
    case("ws_leading_newline_then_space", "\n " + H())
    case("ws_leading_space_then_newline", " \n" + H())
    case("ws_leading_tab_newline_space", "\t\n  " + H())
    case("ws_leading_formfeed", "\x0c" + H())
    case("ws_leading_formfeed_then_space", "\x0c " + H())
    case("ws_leading_space_then_formfeed", " \x0c" + H())
    case("ws_leading_formfeed_then_space_v3", "\x0c " + H(), (3, 0))
    case("ws_leading_newline_then_space_v3", "\n " + H(), (3, 0))
    case("ws_leading_formfeed_v3", "\x0c" + H(), (3, 0))
    case("ws_leading_space_v3", "  " + H(), (3, 0))
    case("ws_leading_newline_v3", "\n" + H(), (3, 0))
    case("ws_leading_vtab", "\x0b" + H())
    case("ws_leading_nul", "\x00" + H())
    case("ws_trailing_newline", H() + "\n")
    case("ws_trailing_newlines", H() + "\n\n\n")
    case("ws_trailing_spaces_newline", H() + "      \n")
    case("ws_trailing_cr", H() + "\r")
    case("ws_trailing_crlf", H() + "\r\n")
    case("ws_trailing_formfeed", H() + "\x0c")
    case("ws_trailing_vtab", H() + "\x0b")
    case("ws_trailing_nul", H() + "\x00")
    case("ws_trailing_nul_v3", H() + "\x00", (3, 0))
    case("ws_trailing_tab", H() + "\t")
    case("ws_trailing_backslash", H() + "\\")
    case("ws_trailing_backslash_newline", H() + "\\\n")
    case("ws_formfeed_inside", "{'descr':\x0c'<f8', 'fortran_order': False, 'shape': (3,)}")
    case("ws_vtab_inside", "{'descr':\x0b'<f8', 'fortran_order': False, 'shape': (3,)}")
    case("ws_nul_inside_string", H("'<f8\x00'"))
    case("ws_newline_in_sq_string", H("'<f\n8'"))
    case("ws_cr_in_sq_string", H("'<f\r8'"))
    case("ws_tab_in_sq_string", H("'<f8\t'"))
    case("ws_continuation_between_items", "{'descr': '<f8', \\\n'fortran_order': False, 'shape': (3,)}")
    case("ws_continuation_before_brace", "\\\n" + H())
    case("ws_empty_header", "")
    case("ws_only_spaces", "   ")
    case("ws_only_newline", "\n")
    case("ws_two_dicts", H() + "\n" + H())
    case("ws_two_dicts_same_line", H() + " " + H())
    case("ws_dict_then_semicolon", H() + ";")
    case("ws_dict_then_junk", H() + " x")
    case("ws_dict_then_comma", H() + ",")

    # ---- comments
    case("comment_trailing", H() + " # comment")
    case("comment_trailing_no_space", H() + "#x")
    case("comment_then_newline", H() + " # comment\n")
    case("comment_leading_line", "# comment\n" + H())
    case("comment_leading_no_newline", "# comment " + H())
    case("comment_inside", "{ # c1\n'descr': '<f8', # c2\n'fortran_order': False, # c3\n'shape': (3,), # c4\n}")
    case("comment_inside_shape", H(shape="(3, # c\n)"))
    case("comment_with_quote", H() + " # it's")
    case("comment_with_parens", H() + " # " + "(" * 300)
    case("comment_hash_in_string", H("'<f8#'"))
    case("comment_eats_brace", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,) # }")

    # ---- dict structure
    case("dict_no_trailing_comma", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_double_trailing_comma", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,),,}")
    case("dict_leading_comma", "{,'descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_missing_comma", "{'descr': '<f8' 'fortran_order': False, 'shape': (3,)}")
    case("dict_missing_comma2", "{'descr': '<f8', 'fortran_order': False 'shape': (3,)}")
    case("dict_missing_colon", "{'descr' '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_double_colon", "{'descr':: '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_equals", "{'descr'= '<f8', 'fortran_order'= False, 'shape'= (3,)}")
    case("dict_unclosed", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)")
    case("dict_extra_close", H() + "}")
    case("dict_empty", "{}")
    case("dict_empty_spaces", "{ }")
    case("dict_reversed_order", "{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}")
    case("dict_dup_shape_last_wins", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'shape': (3,)}")
    case("dict_dup_descr_bad_then_good", "{'descr': 'junk', 'descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_dup_descr_good_then_bad", "{'descr': '<f8', 'descr': 'junk', 'fortran_order': False, 'shape': (3,)}")
    case("dict_dup_fortran", "{'descr': '<f8', 'fortran_order': 1, 'fortran_order': False, 'shape': (3,)}")
    case("dict_dup_key_unhashable_value", "{'descr': '<f8', 'fortran_order': False, 'shape': [3], 'shape': (3,)}")
    case("dict_extra_key", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}")
    case("dict_missing_descr", "{'fortran_order': False, 'shape': (3,)}")
    case("dict_missing_fortran", "{'descr': '<f8', 'shape': (3,)}")
    case("dict_missing_shape", "{'descr': '<f8', 'fortran_order': False}")
    case("dict_key_case", "{'Descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_key_space", "{'descr ': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_int_key", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 1: 2}")
    case("dict_int_key_only_keys", "{1: 1, 2: 2, 3: 3}")
    case("dict_none_key", "{'descr': '<f8', 'fortran_order': False, None: (3,)}")
    case("dict_none_keys_only", "{None: 1}")
    case("dict_ellipsis_key", "{...: 1}")
    case("dict_float_key", "{1.5: 1}")
    case("dict_complex_key", "{1j: 1}")
    case("dict_bool_key", "{True: 1, 'descr': '<f8'}")
    case("dict_tuple_key", "{('descr',): '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_bytes_key_mixed", "{b'descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    case("dict_list_key", "{[1]: 1}")
    case("dict_dict_key", "{{}: 1}")
    case("dict_set_key", "{{1}: 1}")
    case("dict_unpack", "{**{'descr': '<f8'}, 'fortran_order': False, 'shape': (3,)}")
    case("dict_call", "dict(descr='<f8', fortran_order=False, shape=(3,))")
    case("dict_comprehension", "{k: 1 for k in 'ab'}")
    case("dict_in_parens", "(" + H() + ")")
    case("dict_in_double_parens", "((" + H() + "))")
    case("dict_in_tuple", "(" + H() + ",)")
    case("dict_in_list", "[" + H() + "]")
    case("header_list", "[('descr', '<f8'), ('fortran_order', False), ('shape', (3,))]")
    case("header_tuple", "('<f8', False, (3,))")
    case("header_set_ints", "{1, 2, 3}")
    case("header_set_keys", "{'descr', 'fortran_order', 'shape'}")
    case("header_empty_set_call", "set()")
    case("header_str", "'<f8'")
    case("header_int", "3")
    case("header_none", "None")
    case("header_true", "True")
    case("header_ellipsis", "...")
    case("header_name", "header")

    # ---- descr values
    for name, d in [
        ("descr_paren", "('<f8')"), ("descr_double_paren", "(('<f8'))"), ("descr_paren_space", "( '<f8' )"),
        ("descr_1tuple", "('<f8',)"), ("descr_list_of_str", "['<f8']"), ("descr_list_2str", "['<f8', '<i4']"),
        ("descr_list_str3", "['abc']"), ("descr_empty_list", "[]"), ("descr_empty_tuple", "()"),
        ("descr_none", "None"), ("descr_int", "3"), ("descr_float", "3.0"), ("descr_true", "True"),
        ("descr_ellipsis", "..."), ("descr_dict", "{'names': ['a'], 'formats': ['<f8']}"),
        ("descr_dict_empty", "{}"), ("descr_set", "{'<f8'}"), ("descr_name", "float64"),
        ("descr_attr", "np.float64"), ("descr_call", "dtype('<f8')"), ("descr_subscript", "'<f8'[0:3]"),
        ("descr_add_strings", "'<f' + '8'"), ("descr_mul_string", "'<f8' * 1"), ("descr_ternary", "'<f8' if 1 else 'x'"),
        ("descr_lambda", "lambda: 1"), ("descr_walrus", "(x := '<f8')"), ("descr_starred", "(*'ab',)"),
        ("descr_struct", "[('a', '<f8')]"), ("descr_struct_list_fields", "[['a', '<f8']]"),
        ("descr_subarray_tuple", "('<f8', (2,))"), ("descr_subarray_int", "('<f8', 2)"),
        ("descr_object", "'|O'"), ("descr_object_O", "'O'"), ("descr_struct_object", "[('a', '|O')]"),
        ("descr_stringdtype", "'T'"), ("descr_V0", "'|V0'"), ("descr_S0", "'|S0'"), ("descr_U0", "'<U0'"),
        ("descr_bad_type", "'<f3'"), ("descr_datetime_div0", "'<M8[s/0]'"),
        ("descr_timedelta_div0", "'<m8[ns/0]'"), ("descr_struct_datetime_div0", "[('a', '<M8[D/0]')]"), ("descr_garbage", "'hello'"),
    ]:
        case(name, H(d))

    # ---- fortran_order values
    for name, fo in [
        ("fo_True", "True"), ("fo_False", "False"), ("fo_0", "0"), ("fo_1", "1"), ("fo_str_True", "'True'"),
        ("fo_str_False", "'False'"), ("fo_None", "None"), ("fo_float", "1.0"), ("fo_tuple", "(True,)"),
        ("fo_true_lower", "true"), ("fo_TRUE", "TRUE"), ("fo_paren_True", "(True)"), ("fo_not_False", "not False"),
        ("fo_minus_True", "-True"), ("fo_empty_str", "''"),
    ]:
        case(name, H(fo=fo, shape="(2, 3)"))

    # ---- shape structure
    for name, s in [
        ("shape_empty_tuple", "()"), ("shape_paren_int", "(3)"), ("shape_int", "3"), ("shape_list", "[3]"),
        ("shape_list_empty", "[]"), ("shape_list_2", "[2, 3]"), ("shape_tuple_2", "(2, 3)"),
        ("shape_tuple_2_trailing", "(2, 3,)"), ("shape_no_parens_1", "3,"), ("shape_no_parens_2", "2, 3"),
        ("shape_comma_only", "(,)"), ("shape_double_comma", "(3,,)"), ("shape_set", "{3}"),
        ("shape_dict", "{3: 3}"), ("shape_none", "None"), ("shape_str", "'(3,)'"), ("shape_nested_group", "((3,))"),
        ("shape_nested_group_empty", "(())"), ("shape_tuple_in_tuple", "((2, 3),)"), ("shape_spaces", "( 2 , 3 )"),
        ("shape_newlines", "(\n2,\n3\n)"), ("shape_float_elem", "(2, 3.0)"), ("shape_bool_elems", "(True, False)"),
        ("shape_range_call", "tuple(range(3))"),
    ]:
        case(name, H(shape=s))

    # ---- nesting depth (count includes the header dict's own brace)
    def nest_shape(depth):
        k = depth - 1
        return "(" * k + "3," + ")" * k

    def nest_descr(depth):
        k = depth - 1
        return "(" * k + "'<f8'" + ")" * k

    for depth in [2, 50, 100, 198, 199, 200, 201, 202, 1000]:
        case("nest_shape_depth_%d" % depth, H(shape=nest_shape(depth)))
        case("nest_descr_depth_%d" % depth, H(nest_descr(depth)))
    for depth in [199, 200, 201]:
        case("nest_shape_depth_%d_v3" % depth, H(shape=nest_shape(depth)), (3, 0))
        case("nest_shape_depth_%d_v2" % depth, H(shape=nest_shape(depth)), (2, 0))
        # brackets, not parens: a list inside the shape counts the same
        k = depth - 2
        case("nest_list_in_shape_depth_%d" % depth, H(shape="(" + "[" * k + "3" + "]" * k + ",)"))
        # nesting inside descr as a (legit) structured dtype: each level is [ and (
        levels = (depth - 1) // 2
        d = "'<f8'"
        for _ in range(levels):
            d = "[('a', %s)]" % d
        if (depth - 1) % 2:
            d = "(%s)" % d
        case("nest_struct_descr_depth_%d" % depth, H(d))
    case("nest_parens_in_string_300", H("'" + "(" * 300 + "'"))
    # k parens around the whole dict: depth k + 1 (dict) + 1 (shape tuple)
    for total in (199, 200, 201):
        k = total - 2
        case("nest_header_parens_depth_%d" % total, "(" * k + H() + ")" * k)
    # deep expression trees with no brackets (parser / ast recursion, not the
    # tokenizer's bracket limit)
    for n in [100, 1000, 2000, 3000, 4000, 9000]:
        case("deep_unary_minus_%d" % n, H(shape="(" + "-" * n + "1,)"))
    for n in [1000, 3000]:
        case("deep_binop_%d" % n, H(shape="(" + "+".join(["1"] * n) + ",)"))

    # ---- shapes x data length (short / exact / long)
    shapes = [
        ("scalar", "()"), ("zero", "(0,)"), ("one", "(1,)"), ("five", "(5,)"), ("2x3", "(2, 3)"),
        ("3x0", "(3, 0)"), ("0x3", "(0, 3)"), ("0x0", "(0, 0)"), ("1x1x1x1", "(1, 1, 1, 1)"),
        ("neg1", "(-1,)"), ("neg2", "(-2,)"), ("neg1_neg1", "(-1, -1)"), ("2_neg1", "(2, -1)"),
        ("neg1_2", "(-1, 2)"), ("neg2_neg3", "(-2, -3)"), ("0_neg1", "(0, -1)"), ("neg1_0", "(-1, 0)"),
        ("0_2pow62", "(0, 4611686018427387904)"), ("0_2pow63m1", "(0, 9223372036854775807)"),
        ("0_2pow63", "(0, 9223372036854775808)"), ("0_10pow30", "(0, 1000000000000000000000000000000)"),
        ("2pow62_x4_wraps", "(4611686018427387904, 4)"), ("2pow32_sq_wraps", "(4294967296, 4294967296)"),
        ("2pow62_x2_neg", "(4611686018427387904, 2)"), ("2pow61_x2", "(2305843009213693952, 2)"),
        ("true", "(True,)"), ("true_3", "(True, 3)"), ("3_true", "(3, True)"), ("false", "(False,)"),
        ("false_3", "(False, 3)"),
        ("dims32", "(" + "1, " * 32 + ")"), ("dims33", "(" + "1, " * 33 + ")"),
        ("dims64", "(" + "1, " * 64 + ")"), ("dims65", "(" + "1, " * 65 + ")"),
        ("dims64_with_0", "(0, " + "1, " * 63 + ")"), ("dims65_with_0", "(0, " + "1, " * 64 + ")"),
        ("dims64_2s", "(" + "2, " * 10 + "1, " * 54 + ")"), ("dims100", "(" + "1, " * 100 + ")"),
        ("dims1000", "(" + "1," * 1000 + ")"),
    ]
    for name, s in shapes:
        for fo in ["False", "True"]:
            if fo == "True" and name not in ("2x3", "3x0", "0x3", "dims64", "dims65", "neg1_neg1", "scalar",
                                             "five", "true_3", "2pow32_sq_wraps"):
                continue
            h = H("'<i2'", fo=fo, shape=s)
            n = natural_data_len((1, 0), h)
            base = "shape_%s%s" % (name, "_F" if fo == "True" else "")
            case(base + "_exact", h, data_len=n)
            if n > 0:
                case(base + "_short", h, data_len=n - 1)
            case(base + "_long", h, data_len=n + 5)
            if n > 2:
                case(base + "_none", h, data_len=0)
    case("shape_0_2pow62m1_i2", H("'<i2'", shape="(0, 4611686018427387903)"), data_len=0)
    case("shape_0_2pow63m1_u1", H("'|u1'", shape="(0, 9223372036854775807)"), data_len=0)
    case("shape_0_2pow63m1_V0", H("'|V0'", shape="(0, 9223372036854775807)"), data_len=0)
    case("shape_2pow63m1_V0", H("'|V0'", shape="(9223372036854775807,)"), data_len=0)
    case("shape_2pow32_sq_V0", H("'|V0'", shape="(4294967296, 4294967296)"), data_len=0)
    case("shape_2pow31_sq_V0", H("'|V0'", shape="(2147483648, 2147483648)"), data_len=0)
    case("shape_0_0_2pow62_i2", H("'<i2'", shape="(0, 0, 4611686018427387904)"), data_len=0)
    case("shape_0_3_2pow62_i2", H("'<i2'", shape="(0, 3, 3074457345618258602)"), data_len=0)
    case("shape_2pow63m1_u1_nodata", H("'|u1'", shape="(9223372036854775807,)"), data_len=0)
    case("shape_2pow62_i2_nodata", H("'<i2'", shape="(4611686018427387904,)"), data_len=0)
    case("shape_2pow60_f8_nodata", H("'<f8'", shape="(1152921504606846976,)"), data_len=0)
    case("shape_zero_itemsize_huge", H("'|V0'", shape="(4611686018427387904,)"), data_len=0)
    case("shape_zero_itemsize_S0_5", H("'|S0'", shape="(5,)"), data_len=0)
    case("shape_zero_itemsize_U0_5", H("'<U0'", shape="(5,)"), data_len=0)
    case("shape_zero_itemsize_empty_struct_5", H("[]", shape="(5,)"), data_len=0)
    case("shape_100000_u1_nodata", H("'|u1'", shape="(100000,)"), data_len=0)
    case("shape_object_scalar", H("'|O'", shape="()"), data_len=0)
    case("shape_object_bad_shape", H("'|O'", shape="(-1,)"), data_len=0)
    case("shape_subarray_descr_2", H("('<i2', (3,))", shape="(2,)"), data_len=12)
    case("shape_subarray_descr_0", H("('<i2', (3,))", shape="(0,)"), data_len=0)
    case("shape_subarray_descr_scalar", H("('<i2', (3,))", shape="()"), data_len=6)
    case("shape_subarray_descr_2_F", H("('<i2', (3,))", fo="True", shape="(2, 1)"), data_len=12)

    # ---- header length vs max_header_size (characters, after decoding)
    def pad_to(h, n, fill=" "):
        assert len(h) + 1 <= n
        return h + fill * (n - len(h) - 1) + "\n"

    base = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } #"
    for n in [9999, 10000, 10001]:
        case("hlen_v1_%d" % n, pad_to(base, n))
        case("hlen_v1_latin1_%d" % n, pad_to(base, n, "\xe9"))
        case("hlen_v2_%d" % n, pad_to(base, n), (2, 0))
        case("hlen_v3_euro_%d" % n, pad_to(base, n, "€"), (3, 0))
        case("hlen_v3_emoji_%d" % n, pad_to(base, n, "😀"), (3, 0))
    case("hlen_v1_65535", pad_to(base, 65535))
    case("hlen_v2_70000", pad_to(base, 70000), (2, 0))
    case("hlen_v1_10000_spaces_only", pad_to(H(), 10000))


# --------------------------------------------------------------------------
# descr cases

DESCR_CASES = []
_descr_seen = set()


def dtype_info(dt):
    return {
        "result": dtype_descr(dt),
        "itemsize": int(dt.itemsize),
        "kind": dt.kind,
        "str": dt.str,
        "names": list(dt.names) if dt.names is not None else None,
        "hasobject": bool(dt.hasobject),
        "subdtype": ([dtype_descr(dt.subdtype[0]), [int(s) for s in dt.subdtype[1]]]
                     if dt.subdtype is not None else None),
    }


def load_summary(res):
    out = {"outcome": res["outcome"]}
    if res["outcome"] == "refuse":
        out["error"] = res["error"]
    else:
        out["shape"] = res["shape"]
        out["str"] = res["str"]
        out["descr"] = res["descr"]
    if "warnings" in res:
        out["warnings"] = res["warnings"]
    return out


def descr_version(src):
    try:
        src.encode("latin1")
        return [1, 0]
    except UnicodeEncodeError:
        return [3, 0]


def dcase(src):
    if src in _descr_seen:
        return
    _descr_seen.add(src)
    TASKS.append({"kind": "descr", "src": src})
    TASKS.append({"kind": "load", "src": src, "count": 0})
    TASKS.append({"kind": "load", "src": src, "count": 2})


def run_descr(src):
    c = {}
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            val = ast.literal_eval(src)
            dt = npf.descr_to_dtype(val)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001
            c["outcome"] = "refuse"
            c["error"] = errstr(e)
        else:
            c["outcome"] = "load"
            c.update(dtype_info(dt))
    w = warn_list(ws)
    if w:
        c["warnings"] = w
    return c


def run_descr_load(src, count):
    itemsize = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            itemsize = npf.descr_to_dtype(ast.literal_eval(src)).itemsize
        except Exception:  # noqa: BLE001
            pass
    version = tuple(descr_version(src))
    if count * itemsize > 1 << 20:
        return {"outcome": "skipped", "error": "not run: the data would be %d bytes" % (count * itemsize)}
    header = H(src, shape="(%d,)" % count)
    return load_summary(np_load(build_file(version, header, count * itemsize)))


def run_header(t):
    version = tuple(t["version"])
    data_len = t["data_len"]
    if data_len is None:
        data_len = natural_data_len(version, t["header"])
    res = np_load(build_file(version, t["header"], data_len))
    res.pop("str", None)
    res["data_len"] = data_len
    return res


def run_task(t):
    if t["kind"] == "header":
        return run_header(t)
    if t["kind"] == "descr":
        return run_descr(t["src"])
    if t["kind"] == "load":
        return run_descr_load(t["src"], t["count"])
    if t["kind"] == "repr":
        return run_repr(t["expression"])
    raise AssertionError(t)


def worker(taskfile, start):
    with open(taskfile, encoding="utf-8") as f:
        tasks = json.load(f)
    try:
        for i in range(start, len(tasks)):
            if os.environ.get("NPY_CASES_DEBUG"):
                print(i, tasks[i], file=sys.stderr, flush=True)
            r = run_task(tasks[i])
            sys.stdout.write(json.dumps([i, r]) + "\n")
            sys.stdout.flush()
    finally:
        shutil.rmtree(TMPDIR, ignore_errors=True)


def run_tasks(tasks):
    """Run tasks in a worker process; a task that kills numpy's process
    (e.g. SIGFPE) is recorded as outcome "crash" and the worker restarted."""
    taskfile = os.path.join(TMPDIR, "tasks.json")
    with open(taskfile, "w", encoding="utf-8") as f:
        json.dump(tasks, f)
    results = [None] * len(tasks)
    os.environ["NPY_CASES_TMP"] = TMPDIR
    start = 0
    while start < len(tasks):
        proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker", taskfile, str(start)],
                                stdout=subprocess.PIPE)
        nxt = start
        for line in proc.stdout:
            i, r = json.loads(line)
            results[i] = r
            nxt = i + 1
        rc = proc.wait()
        if rc == 0:
            assert nxt == len(tasks)
            break
        if rc > 0:
            raise SystemExit("worker failed with exit code %d at task %r" % (rc, tasks[nxt]))
        sig = signal.Signals(-rc).name
        if tasks[nxt]["kind"] == "header" and tasks[nxt]["data_len"] is None:
            # the crash may have come from sizing the data; retry with no data
            tasks[nxt]["data_len"] = 0
            with open(taskfile, "w", encoding="utf-8") as f:
                json.dump(tasks, f)
            start = nxt
            continue
        results[nxt] = {"outcome": "crash", "error": "process killed by %s" % sig}
        if tasks[nxt]["kind"] == "header":
            results[nxt]["data_len"] = tasks[nxt]["data_len"]
        print("crash (%s) at task %r" % (sig, tasks[nxt]), file=sys.stderr)
        start = nxt + 1
    return results


def descr_cases():
    chars = "bBhHiIlLqQpPefdgFDG?cSUVaOMmT"
    for ch in chars:
        dcase(repr(ch))
        for p in "<>=|!":
            dcase(repr(p + ch))
    sized = [
        "b1", "b2", "i1", "i2", "i3", "i4", "i8", "i16", "i0", "u1", "u2", "u4", "u8", "u16", "u3",
        "f1", "f2", "f4", "f8", "f10", "f12", "f16", "f32", "c4", "c8", "c16", "c20", "c24", "c32",
        "S0", "S1", "S3", "S10", "S-1", "U0", "U1", "U3", "V0", "V1", "V3", "V16", "a0", "a5", "O4", "O8",
        "O16", "M8", "m8", "M4", "m4", "e2", "?1", "?2", "B1", "H2", "I4", "Q8", "d8", "g16", "T16",
        "i4 ", " i4", "i04", "S03", "i+4", "I8", "L8",
    ]
    for s in sized:
        dcase(repr(s))
        for p in "<>|":
            dcase(repr(p + s))
    for s in ["<i4", ">u2", "|b1", ">b1", "<S3", "|U3", ">U3", "=f8", "!f8", "!i4", "<<f8", "<>f8", "f8<", "<", ">"]:
        dcase(repr(s))
    names = [
        "float64", "float32", "float16", "float128", "float96", "int8", "int16", "int32", "int64", "int128",
        "uint8", "uint16", "uint32", "uint64", "bool", "bool_", "bool8", "complex64", "complex128",
        "complex256", "half", "single", "double", "longdouble", "longlong", "ulonglong", "intc", "uintc",
        "intp", "uintp", "short", "ushort", "byte", "ubyte", "long", "ulong", "csingle", "cdouble",
        "clongdouble", "str", "str_", "unicode", "bytes", "bytes_", "string", "string_", "void", "object",
        "object_", "int", "float", "complex", "datetime64", "timedelta64", "int0", "uint0", "Float64",
        "Int32", "float_", "complex_", "a", "V", "U", "S", "object0", "void0", "str0", "bytes0",
        "datetime64[ns]", "timedelta64[D]", "datetime64[s]", "M8[ns]", "float64 ", "<float64", ">int32",
        "|bool", "StringDType", "Float32", "Complex64", "UInt8", "Bool", "Int64", "Object", "Str",
    ]
    for n in names:
        dcase(repr(n))
    dt_forms = [
        "<M8[ns]", "<M8", "M8[10ms]", "<m8[Y]", "<M8[3W]", "<M8[D]", "<M8[generic]", "<M8[25h]",
        "<M8[ns/2]", "<M8[B]", "datetime64[s]", ">m8[us]", "|M8[D]", "<M8[0s]", "<M8[-1s]", "<M8[μs]",
        "<m8[μs]", ">M8[ns]", "=M8[ns]", "!M8[ns]", "<M8[]", "<M8[ns", "<M8ns]", "<M8[ ns]", "<M8[NS]",
        "<M8[1]", "<M8[2 s]", "<M8[s/0]", "<m8[s/0]", "<M8[ns/0]", "<M8[Y/0]", "<M8[generic/0]", "<M8[s/-1]", "<M8[s/1]", "<M8[s/3]", "<M8[Y/12]", "<M8[D/24]", "<M8[W/7]",
        "<M8[9223372036854775807s]", "<M8[2147483647s]", "<M8[2147483648s]", "<M8[ns][s]", "<M4[ns]",
        "<M16[ns]", "M[ns]", "<m8[generic]", "<m8", "m8[B]", "<M8[as]", "<M8[fs]", "<M8[ps]",
        "timedelta64[3h]", "datetime64[2Y]", "datetime64", "<M8[ms/1000]", "<M8[us/7]",
    ]
    for s in dt_forms:
        dcase(repr(s))
    for u in ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as", "μs"]:
        for t in ["<M8[%s]", ">m8[%s]", "M8[5%s]"]:
            dcase(repr(t % u))
    comma = [
        "i4,f8", "i4, (2,)f8", "3i4", "(2,3)f8", "(2)i4", "()f8", "0i4", "(0,)i4", "i4,", ",i4", "i4,,f8",
        "i4, f8, S3", "(2,)i4,(3,)f8", "-1i4", "(-1,)i4", "2f8,i4", "i4;f8", "f8 ,i4", "<i4,>f8",
        "(2,3)<f8", "<(2,3)f8", "(2, 3)f8", "(2,3,)f8", "((2,3))f8", "(2.0)f8", "2i4,", "1i4", "(1,)i4",
        "M8[ns],m8[s]", "S3,U3,V3", "O,i4", "i4,O", "a3,c",
    ]
    for s in comma:
        dcase(repr(s))
    structs = [
        "[('a', '<i4')]", "[('a', '<i4'), ('b', '<f8')]", "[(('t', 'n'), '<i4')]",
        "[(('title', 'name'), '<i4'), ('b', '<f8')]", "[(('t', 'n'), '<i4', (2,))]", "[(('t',), '<i4')]",
        "[(('t', 'n', 'x'), '<i4')]", "[((None, 'n'), '<i4')]", "[((1, 'n'), '<i4')]", "[(('n', 'n'), '<i4')]",
        "[(('a', 'b'), '<i4'), ('a', '<f8')]", "[(('a', 'b'), '<i4'), ('c', '<f8')]",
        "[(('b', 'a'), '<i4'), ('b', '<f8')]", "[(('', 'n'), '<i4')]", "[(('t', ''), '<i4')]",
        "[('', '|V3')]", "[('', '|V3'), ('a', '<i4')]", "[('a', '<i4'), ('', '|V4')]",
        "[('a', '<i4'), ('', '|V4'), ('b', '<f8')]", "[('', '<i4')]", "[('', '<i4'), ('', '<f8')]",
        "[('', [('a', '<i4')])]", "[('', '|V0')]", "[('', 'V3')]", "[('', '|S3')]", "[('', ('|V2', (2,)))]",
        "[('', '|V2', (2,))]", "[('a', '<i4', (2,))]", "[('a', '<i4', 2)]", "[('a', '<i4', ())]",
        "[('a', '<i4', (0,))]", "[('a', '<i4', (2, 3))]", "[('a', '<i4', (1,))]", "[('a', '<i4', 1)]",
        "[('a', '<i4', 0)]", "[('a', '<i4', (-1,))]", "[('a', '<i4', -1)]", "[('a', '<i4', (2, -1))]",
        "[('a', '<i4', (9223372036854775807,))]", "[('a', '<i4', (2147483648,))]",
        "[('a', '<i4', (2147483647,))]", "[('a', '<i4', (4611686018427387904, 4))]",
        "[('a', '<i4', (9223372036854775808,))]", "[('a', '<i4', (" + "1, " * 32 + "))]",
        "[('a', '<i4', (" + "1, " * 33 + "))]", "[('a', '<i4', (" + "1, " * 64 + "))]",
        "[('a', '<i4', (" + "1, " * 65 + "))]", "[('a', '<i4', [2])]", "[('a', '<i4', (2.0,))]",
        "[('a', '<i4', (True,))]", "[('a', '<i4', None)]", "[('a', '<i4', '2')]", "[('a', '<i4', 2.0)]",
        "[('a', ('<i4', (2,)), (3,))]", "[('a', ('<i4', (2,)))]", "[('a', ('<i4', 2))]",
        "[('a', '<i4'), ('a', '<f8')]", "[('a', '<i4'), ('a', '<i4')]", "[]", "[[]]", "[()]",
        "[('a', [('b', [('c', '<i4')])])]", "[('a', [('b', '|O')])]",
        "[('a', [('b', [('c', [('d', [('e', '|O')])])])])]", "[('a', [('b', [('c', '<i4'), ('', '|V4')])])]",
        "[('a',)]", "[('a', '<i4', (2,), 'x')]", "[('a', '<i4', (2,), (3,))]", "[('a')]", "[('ab', '<i4', 2, 3)]",
        "[(1, '<i4')]", "[(b'a', '<i4')]", "[(None, '<i4')]", "[(1.5, '<i4')]", "[(('t', 1), '<i4')]",
        "[(('t', b'n'), '<i4')]", "[('é', '<i4')]", "[('☃', '<i4')]", "[('😀', '<i4')]", "[('a b', '<i4')]",
        "[('a\\x00b', '<i4')]", "[('\\n', '<i4')]", "[('a', 'f8')]", "[('a', 'i4,f8')]", "[('a', '(2,)i4')]",
        "[('a', '3i4')]", "[('a', '<M8[ns]')]", "[('a', 'S0')]", "[('a', 'U0')]", "[('a', 'V0')]",
        "[('a', '|O'), ('b', '<i4')]", "[('a', 'O')]", "[('a', 'T')]", "[('a', [])]", "[('', [])]",
        "[('a', 3)]", "[('a', None)]", "[('a', ['<i4'])]", "[('a', ('<i4',))]", "[('a', ('<i4', 2, 3))]",
        "[('a', {'names': ['x'], 'formats': ['<i4']})]", "[('a', '<i4')] ",
        "(('a', '<i4'),)", "(('a', '<i4'), ('b', '<f8'))", "[['a', '<i4']]", "[['a', '<i4'], ['b', '<f8']]",
        "[('f0', '<i4'), ('', '<f8')]", "[('', '<i4'), ('f0', '<f8')]", "[('f1', '<i4'), ('', '<f8')]",
        "[('', '|V8'), ('', '|V8')]", "[('', '|V0'), ('', '|V0')]", "[('', '<i4'), ('', '|V4')]",
        "[('a', '>i4'), ('b', '<i4'), ('c', '|b1')]", "[('a', '>f8', (2, 2))]",
        "[('a', '<i4'), ('b', [('a', '<i4')])]", "[(('n', 'n'), '<i4'), ('m', '<i4')]",
        "[(('title', 'a'), '<i4'), (('title', 'b'), '<i4')]",
    ]
    for s in structs:
        dcase(s)
    tops = [
        "('<f8', (2,))", "('<f8', 2)", "('<f8', ())", "('<f8', (1,))", "('<f8', (0,))", "('<f8', 0)",
        "('<f8', 1)", "('<f8', (2, 3))", "('<f8', (-1,))", "('<f8', -1)", "('<f8', (9223372036854775807,))",
        "('<f8', (2147483648,))", "('<f8', (4611686018427387904, 4))", "('<f8', None)", "('<f8', '2')",
        "('<f8', 2.0)", "('<f8', [2])", "('<f8', True)", "('<f8',)", "('<f8', (2,), 3)", "(('<f8', 2), 3)",
        "(('<f8', (2,)), (3,))", "([('a', '<i4')], (2,))", "([('a', '<i4')], 2)", "('|O', (2,))", "('O', ())",
        "('<f8', (" + "1, " * 64 + "))", "('<f8', (" + "1, " * 65 + "))", "('<M8[ns]', (2,))",
        "('S3', (2,))", "('S0', (2,))", "('V0', (2,))", "('i4,f8', (2,))", "('(2,)i4', (3,))",
        "('T', (2,))", "([], (2,))", "('<f8', {'x': 1})", "('<f8', (2, (3,)))", "(b'<f8', (2,))",
        "('<f8', (2,), (3,))", "(3, (2,))", "(None, 2)", "('', 2)",
    ]
    for s in tops:
        dcase(s)
    dicts = [
        "{'names': ['a'], 'formats': ['<i4']}", "{'names': ['a', 'b'], 'formats': ['<i4', '<f8']}",
        "{'names': ['a'], 'formats': ['<i4'], 'offsets': [4]}", "{'names': [], 'formats': []}", "{}",
        "{'a': ('<i4', 0)}",
    ]
    for s in dicts:
        dcase(s)
    garbage = [
        "3", "0", "-1", "None", "True", "False", "1.5", "1j", "...", "b'<f8'", "b''", "['<f8']", "['<f8', '<i4']",
        "['abc']", "['ab']", "['a']", "[1]", "[None]", "[[1, 2]]", "[('a', '<i4'), 3]", "()", "('<f8')",
        "{'<f8'}", "''", "' '", "'<f8 '", "' <f8'", "'f8\\n'", "'xyz'", "'<'", "'|'", "'f 8'", "'O8'",
        "'<O'", "'>O'", "'b'", "'f'", "'i'", "'u'", "'c'", "'S'", "'U'", "'V'", "'M'", "'m'", "'O'",
        "'?'", "'<?'", "'>?'", "'i8,'", "'<f8\\x00'", "'<U2147483647'", "'<U2147483648'", "'S9223372036854775807'",
        "'V2147483648'", "'<U536870912'", "'<U536870911'", "'i 4'", "'f  8'", "'S 3'", "'<f 8'", "'f8 '", "'S2147483647'", "'S2147483648'", "'<U1073741824'", "'V9223372036854775807'",
    ]
    for s in garbage:
        dcase(s)


# --------------------------------------------------------------------------
# repr cases

REPR_EXPRS = [
    "np.array(True)",
    "np.zeros((), dtype='?')",
    "np.array([True, False, True, False, True])",
    "np.arange(5, dtype='i1')",
    "np.arange(5, dtype='u1')",
    "np.arange(5, dtype='<i2')",
    "np.arange(5, dtype='>i2')",
    "np.arange(5, dtype='<u2')",
    "np.arange(5, dtype='<i4')",
    "np.arange(5, dtype='>i4')",
    "np.arange(5, dtype='<u4')",
    "np.arange(5, dtype='<i8')",
    "np.arange(5, dtype='>u8')",
    "np.arange(5, dtype='<f2')",
    "np.arange(5, dtype='<f4')",
    "np.arange(5, dtype='<f8')",
    "np.arange(5, dtype='>f8')",
    "np.zeros(5, dtype=np.longdouble)",
    "np.arange(5, dtype='<c8')",
    "np.arange(5, dtype='<c16')",
    "np.zeros(5, dtype=np.clongdouble)",
    "np.array([b'ab', b'c'])",
    "np.array(['ab', 'c'])",
    "np.array(['ab', 'c'], dtype='>U2')",
    "np.zeros(3, dtype='S0')",
    "np.zeros(3, dtype='U0')",
    "np.zeros(2, dtype='V4')",
    "np.zeros(2, dtype='V0')",
    "np.array(['2020-01-01T00:00:00'], dtype='M8[ns]')",
    "np.array([1, 2], dtype='m8[s]')",
    "np.array(['2020-01-01'], dtype='M8[D]')",
    "np.array([1], dtype='M8[10ms]')",
    "np.array(['NaT'], dtype='M8')",
    "np.array([1], dtype='M8[ns/2]')",
    "np.array([1], dtype='>m8[us]')",
    "np.array(3.5)",
    "np.zeros((0,))",
    "np.zeros((2, 3))",
    "np.zeros((3, 0))",
    "np.zeros((0, 3))",
    "np.asfortranarray(np.arange(6).reshape(3, 2))",
    "np.asfortranarray(np.zeros((2, 3, 4), dtype='<f4'))",
    "np.arange(10)[::2]",
    "np.arange(6).reshape(2, 3).T",
    "np.arange(12).reshape(3, 4)[:, ::2]",
    "np.zeros((100, 2), dtype='u1')",
    "np.zeros((2, 100), dtype='u1')",
    "np.asfortranarray(np.zeros((2, 100), dtype='u1'))",
    "np.asfortranarray(np.zeros((100, 2), dtype='u1'))",
    "np.zeros((1,) * 32, dtype='u1')",
    "np.zeros((1,) * 64, dtype='u1')",
    "np.empty((0, 1000000000000), dtype='u1')",
    "np.empty((1000000000000, 0), dtype='u1')",
    "np.empty((1000000000000, 0), dtype='u1', order='F')",
    "np.zeros(2, dtype=[('a', '<i4'), ('b', '<f8')])",
    "np.zeros(2, dtype=[('a', '>i4'), ('b', '?'), ('c', 'S3'), ('d', '<U2')])",
    "np.zeros(2, dtype=np.dtype({'names': ['a'], 'formats': ['<i4'], 'titles': ['T']}))",
    "np.zeros(2, dtype=np.dtype({'names': ['a', 'b'], 'formats': ['u1', '<i4'], 'offsets': [0, 4]}))",
    "np.zeros(2, dtype=np.dtype({'names': ['a'], 'formats': ['<i4'], 'offsets': [4], 'itemsize': 12}))",
    "np.zeros(2, dtype=[('a', [('x', 'u1'), ('y', '<i2')]), ('b', '<f4', (2,))])",
    "np.zeros(2, dtype=[('a', '<f8', (2, 3))])",
    "np.zeros(2, dtype=np.dtype([('a', 'u1'), ('b', '<i8')], align=True))",
    "np.zeros(2, dtype=np.dtype([('a', 'u1'), ('b', [('c', 'u1'), ('d', '<i4')])], align=True))",
    "np.zeros(2, dtype=[('\\xe9', '<i4')])",
    "np.zeros(2, dtype=[('\\u2603', '<i4')])",
    "np.zeros(2, dtype=[('\\U0001F600', '<f8')])",
    "np.zeros(2, dtype=[('a', '<M8[ns]'), ('b', '>m8[D]')])",
    "np.zeros(2, dtype=[('', '<i4'), ('b', '<f8')])",
    "np.zeros(2, dtype=[])",
    "np.zeros(2, dtype=[('a', 'V0')])",
    "np.zeros((2, 2), dtype=[('a', '<i2')], order='F')",
    "np.zeros(2, dtype=('<f8', (2,)))",
    "np.zeros(2, dtype=np.dtype('<f8', metadata={'k': 1}))",
    "np.array([1, 'a', None], dtype=object)",
    "np.zeros(1, dtype=[('f%d' % i, '<i4') for i in range(4000)])",
]


def run_repr(expr):
    arr = eval(expr, {"np": np})  # noqa: S307 - fixed expressions above
    buf = io.BytesIO()
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        np.save(buf, arr)
    raw = buf.getvalue()
    assert raw[:6] == MAGIC
    version = (raw[6], raw[7])
    if version == (1, 0):
        (hlen,) = struct.unpack("<H", raw[8:10])
        start = 10
    else:
        (hlen,) = struct.unpack("<I", raw[8:12])
        start = 12
    enc = "utf8" if version == (3, 0) else "latin1"
    header = raw[start:start + hlen].decode(enc)
    c = {
        "expression": expr,
        "header": header,
        "version": list(version),
        "file_hex": raw.hex() if len(raw) < 512 else None,
        "file_len": len(raw),
    }
    w = warn_list(ws)
    if w:
        c["warnings"] = w
    return c


def repr_cases():
    for expr in REPR_EXPRS:
        TASKS.append({"kind": "repr", "expression": expr})


def dump(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, sort_keys=True, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{name}: {len(obj)} cases, {os.path.getsize(path)} bytes")


def main():
    try:
        header_cases()
        descr_cases()
        repr_cases()
        results = run_tasks(TASKS)
    finally:
        shutil.rmtree(TMPDIR, ignore_errors=True)
    headers, descrs, reprs = [], {}, []
    order = []
    for t, r in zip(TASKS, results):
        if t["kind"] == "header":
            c = {"name": t["name"], "version": t["version"], "header": t["header"]}
            c.update(r)
            headers.append(c)
        elif t["kind"] == "descr":
            c = {"descr": t["src"]}
            if descr_version(t["src"]) != [1, 0]:
                c["version"] = descr_version(t["src"])
            c.update(r)
            descrs[t["src"]] = c
            order.append(t["src"])
        elif t["kind"] == "load":
            descrs[t["src"]]["load%d" % t["count"]] = r
        else:
            if r.get("outcome") == "crash":
                r = dict(r, expression=t["expression"])
            reprs.append(r)
    dump("header_cases.json", headers)
    dump("descr_cases.json", [descrs[s] for s in order])
    dump("repr_cases.json", reprs)
    print({"numpy": np.__version__, "python": sys.version.split()[0]})


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], int(sys.argv[3]))
    else:
        main()
