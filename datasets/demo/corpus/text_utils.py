"""Small string helpers collected from a utilities module (demo corpus for bench-audit)."""

import re


def slugify(title):
    """Lower-case a title and join its words with dashes."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)


def compress_runs(s):
    # collapse each run of equal characters into "<n><char>"
    if not s:
        return ""
    out = []
    prev = s[0]
    n = 1
    for c in s[1:]:
        if c == prev:
            n += 1
        else:
            out.append(str(n) + prev)  # flush the finished run
            prev = c
            n = 1
    out.append(str(n) + prev)
    return "".join(out)


def truncate(text, width, marker="..."):
    """Cut text to at most width characters, ending with marker when cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - len(marker))] + marker
