"""Hostile inputs: text, dates, numbers, paths, archives and TOML."""

from __future__ import annotations

from hypothesis import strategies as st

ESC = "\x1b"
#: Pieces that broke, or could break, something: markup and template syntax, control and bidi
#: characters, terminal escapes, emoji, SQL and shell metacharacters, a 100 kB run.
PIECES = [
    "&", "<", ">", '"', "'", "{{", "}}", "{%", "%}", "{{ client.name }}", "\x00", "\u200f",
    "\u202e", "\u2066", "\U0001f600", "\U0001f1fa\U0001f1f8", "e\u0301", "\ufeff", "\r\n", "\n",
    "\t", f"{ESC}[31m", f"{ESC}]0;title\x07", f"{ESC}[2J", "\x9b31m", "\x07", "\x7f", "' OR 1=1 --",
    "; rm -rf /", "$(id)", "%s%n", "../../etc/passwd", "\\", "\udcff", "José Núñez", "TA-2026-0001",
    "x" * 100_000, " ", "",
]  # fmt: skip

text = st.one_of(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=4).map("".join),
    st.text(max_size=60),
    st.sampled_from(PIECES),
)

dates = st.one_of(
    st.sampled_from(
        [
            "0000-01-01", "0001-01-01", "9999-12-31", "2025-13-01", "2025-02-30", "2025-02-29",
            "1899-12-31", "1900-01-01", "2126-03-15", "2126-03-16", "2026-03-15", "2026-01-10",
            "20260110", "2026-1-10", "-2026-01-10", "2026-01-10T25:00", " 2026-01-10 ", "",
            "2026-W02-1", "９９９９-１２-３１",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
    text,
)  # fmt: skip

numbers = st.one_of(
    st.sampled_from(["-1", "0", "1", "2147483647", "2147483648", "9223372036854775808",
                     "1" + "0" * 40, "-0", "1e3", "0x10", "1.5", "", "NaN", "inf"]),
    st.integers().map(str),
)  # fmt: skip

times = st.one_of(
    st.sampled_from(["2026-01-10T10:00", "9999-12-31T23:59", "0001-01-01T00:00", "2026-01-10T24:00",
                     "2026-13-10T10:00", "2026-01-10T10:00+99:00", "T", ""]),
    text,
)  # fmt: skip

MALFORMED_TOML = [
    "[[[", "a = ", "a = 'x\n", "[rules.X]\nperiod = -1", "[rules]\nx = 1e400", "\x00",
    "[rules.FED_1983_SOL]\nperiod = 99999999999999999999", "\ufeff[rules", "a = [1, 2",
    "[rules.FED_1983_SOL]\nperiod = 'two'", "x" * 10_000,
]  # fmt: skip
