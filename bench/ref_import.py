#!/usr/bin/env python3
"""Reference importer in Python (csv module) for bench_import.sh: the same
rules as dialtop's --dry-run with the default region US: header and phone
column, field counts, blank lines, E.164 normalisation with the same
separators, prefixes, ITU country codes and length checks, dedupe keeping
the first. Prints one line: rows_read accepted rejected blank_lines.

With --exact, phones are decided the way dialtop decides them now:
libphonenumber's verdict (python3-phonenumbers) with dialtop's rules
(valid numbers only, premium-rate and shared-cost refused). Without it,
the length-only rules dialtop had before issue 18, kept as the reference
the speed target was set against.

usage: ref_import.py [--exact] FILE.csv
"""
import csv
import re
import sys

PHONE_NAMES = ["phone_number", "phone", "number", "phone number", "mobile", "to_number",
               "contact_number", "user_phone_number"]
# ITU-T E.164 assigned country codes (same list as csv/phone_table.c)
CC = set([1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52,
          53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94,
          95, 98, 211, 212, 213, 216, 218, 290, 291, 297, 298, 299, 379, 380, 381, 382, 383,
          385, 386, 387, 389, 420, 421, 423, 670, 672, 673, 674, 675, 676, 677, 678, 679, 680,
          681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850, 852, 853, 855,
          856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966, 967,
          968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998]
         + list(range(220, 259)) + list(range(260, 270)) + list(range(350, 360))
         + list(range(370, 379)) + list(range(500, 510)) + list(range(590, 600)))
CC.discard(259)
# calling code -> national significant number length range (csv/phone_table.c)
NSN = {1: (10, 10), 44: (9, 10), 353: (7, 9), 33: (9, 9), 49: (6, 13), 34: (9, 9),
       39: (6, 11), 31: (9, 9), 32: (8, 9), 41: (9, 9), 43: (4, 13), 46: (7, 9), 47: (8, 8),
       45: (8, 8), 358: (5, 12), 48: (9, 9), 351: (9, 9), 30: (10, 10), 420: (9, 9),
       40: (9, 9), 36: (8, 9), 380: (9, 9), 7: (10, 10), 90: (10, 10), 91: (10, 10),
       92: (9, 10), 880: (8, 10), 94: (9, 9), 977: (8, 10), 86: (9, 11), 81: (9, 10),
       82: (8, 10), 886: (8, 9), 852: (8, 8), 65: (8, 8), 60: (8, 10), 62: (8, 12),
       63: (8, 10), 66: (8, 9), 84: (9, 10), 61: (9, 9), 64: (8, 10), 971: (8, 9),
       966: (8, 9), 972: (8, 9), 20: (9, 10), 27: (9, 9), 234: (8, 10), 254: (9, 9),
       55: (10, 11), 52: (10, 10), 54: (10, 10), 56: (9, 9), 57: (10, 10), 51: (8, 9)}
SCI = re.compile(r"[+-]?\d*[.,]?\d*[eE][+-]?\d+$")
FLOAT = re.compile(r"\+?\d{6,}\.0+$")
SEPARATORS = str.maketrans("", "", " \t.-()/\u00a0\u200b\u200c\u200d\u2060\ufeff")
DIGITS = re.compile(r"\+?\d+$")


def normalize(raw):
    """E.164 for region US, or None (invalid / empty)."""
    s = raw.strip(" \t")
    if s.startswith("'"):
        s = s[1:]
    if s[:4].lower() == "tel:":
        s = s[4:]
    if SCI.match(s) and any(ch.isdigit() for ch in s.split("e")[0].split("E")[0]):
        return None
    if FLOAT.match(s):
        return None
    s = s.translate(SEPARATORS)
    if not s or not DIGITS.match(s):
        return None
    if s[0] == "+":
        num = s[1:]
    elif s.startswith("00"):
        num = s[2:]
    elif s.startswith("011"):
        num = s[3:]
    else:
        nsn = s[1:] if s[0] == "1" and len(s) > 1 and len(s) - 1 >= 10 else s
        if len(nsn) != 10:
            return None
        num = "1" + nsn
    if not num or num[0] == "0" or not 7 <= len(num) <= 15:
        return None
    for n in (1, 2, 3):
        cc = int(num[:n])
        if cc in CC:
            break
    else:
        return None
    lo, hi = NSN.get(cc, (0, 99))
    if not lo <= len(num) - n <= hi:
        return None
    if cc == 1 and num[1] in "01":
        return None
    return "+" + num


def normalize_exact(raw):
    """E.164 for region US by libphonenumber, or None."""
    import phonenumbers as pn
    s = raw.strip(" \t")
    if s.startswith("'"):
        s = s[1:]
    if s[:4].lower() == "tel:":
        s = s[4:]
    if SCI.match(s) and any(ch.isdigit() for ch in s.split("e")[0].split("E")[0]):
        return None
    if FLOAT.match(s):
        return None
    s = "".join(ch for ch in s if ch not in "\u200b\u200c\u200d\u2060\ufeff")
    try:
        n = pn.parse(s, "US")
    except pn.NumberParseException:
        return None
    if not pn.is_valid_number(n):
        return None
    if pn.number_type(n) in (pn.PhoneNumberType.PREMIUM_RATE, pn.PhoneNumberType.SHARED_COST):
        return None
    return pn.format_number(n, pn.PhoneNumberFormat.E164) + ";" + (n.extension or "")


def main():
    rows = accepted = rejected = blank = 0
    seen = {}
    exact = sys.argv[1] == "--exact"
    norm = normalize_exact if exact else normalize
    with open(sys.argv[-1], encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = None
        for cells in reader:
            if not cells or all(c == "" for c in cells):
                blank += 1
                continue
            if header is None:
                header = cells
                lower = [h.strip().lower() for h in header]
                pi = next(lower.index(n) for n in PHONE_NAMES if n in lower)
                continue
            rows += 1
            if len(cells) != len(header):
                rejected += 1
                continue
            e164 = norm(cells[pi])
            if e164 is None:
                rejected += 1
                continue
            if e164 in seen:
                rejected += 1
                continue
            seen[e164] = reader.line_num
            accepted += 1
    print(rows, accepted, rejected, blank)


if __name__ == "__main__":
    main()
