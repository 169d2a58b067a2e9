#!/usr/bin/env python3
"""The phone oracle corpus: strings as people type them, over the twenty
regions of issue 18, each with libphonenumber's verdict (python3-phonenumbers,
Debian's package, the same metadata version as libphonenumber-dev) under the
rules dialtop documents in csv/phone.h. Test-only: dialtop never runs this.

Output, one line per string, tab-separated:
    region  input  intended  ok  e164  type  ext  cc  bare
`intended` is the E.164 the string was made from ("" for random digits),
`ok` 1 when the oracle accepts, then its E.164, type name and extension,
and the calling code the string belongs to by the oracle (the number's
when accepted, else the region's); `bare` is libphonenumber's verdict
alone (parses and is a valid number, none of dialtop's rules), so the
rules' own effect can be counted.

usage: phone_corpus.py [PER_REGION] [SEED]   (default 1100, 18)
"""
import random
import re
import sys

import phonenumbers as pn
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberType as T
from phonenumbers.phonenumber import CountryCodeSource as S

REGIONS = ["US", "CA", "GB", "IN", "DE", "FR", "BR", "AU", "MX", "ES", "IT", "JP", "NG", "ZA",
           "AE", "SG", "NL", "PH", "KE", "PL"]
TYPES = [T.FIXED_LINE, T.MOBILE, T.FIXED_LINE_OR_MOBILE, T.TOLL_FREE, T.PREMIUM_RATE,
         T.SHARED_COST, T.VOIP, T.PERSONAL_NUMBER, T.PAGER, T.UAN, T.VOICEMAIL]
TYPE_NAMES = {T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile",
              T.FIXED_LINE_OR_MOBILE: "fixed_or_mobile", T.TOLL_FREE: "toll_free",
              T.PREMIUM_RATE: "premium_rate", T.SHARED_COST: "shared_cost", T.VOIP: "voip",
              T.PERSONAL_NUMBER: "personal", T.PAGER: "pager", T.UAN: "uan",
              T.VOICEMAIL: "voicemail", T.UNKNOWN: "unknown"}
VANITY_CC = {1, 61}  # csv/phone.c: vanity_cc
KEYPAD = {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV",
          "9": "WXYZ"}


def idd(region):
    """The international prefix people dial from `region`."""
    md = PhoneMetadata.metadata_for_region(region)
    if md.preferred_international_prefix:
        return md.preferred_international_prefix
    for cand in ["00", "011", "0011", "001", "010", "000", "009", "0021"]:
        if re.fullmatch(md.international_prefix, cand):
            return cand
    return "00"


def verdict(region, s):
    """dialtop's rules (csv/phone.h) with libphonenumber deciding, after
    the clean-up phone.c documents (outer blanks, a leading ', tel:)."""
    s = s.strip(" \t")
    if s.startswith("'"):
        s = s[1:]
    if s[:4].lower() == "tel:":
        s = s[4:]
    if not any(c.isdigit() or c.isalpha() for c in s):
        return None
    try:
        n = pn.parse(s, region, keep_raw_input=True)
    except NumberParseException:
        n = None
    plus = False
    for c in s:
        if c.isdigit() or c.isalpha():
            break
        plus = plus or c == "+"
    if n is not None:
        international = n.country_code_source in (S.FROM_NUMBER_WITH_PLUS_SIGN,
                                                  S.FROM_NUMBER_WITH_IDD)
    else:
        international = plus
    ext = (n.extension or "") if n is not None else ""
    main = s
    if ext:  # phone.c main_part_len
        end = len(s)
        while end > 0 and not s[end - 1].isdigit():
            end -= 1
        if end >= len(ext):
            end -= len(ext)
            while end > 0 and not s[end - 1].isdigit():
                end -= 1
            main = s[:end]
    if not any(c.isdigit() for c in main):
        return None
    letters = any(c.isascii() and c.isalpha() for c in main)
    cc = n.country_code if n is not None else pn.country_code_for_region(region)
    if letters and cc not in VANITY_CC:
        return None
    valid = n is not None and pn.is_valid_number(n)
    if not valid:
        return None
    e164 = pn.format_number(n, pn.PhoneNumberFormat.E164)
    if len(e164) > 16:
        return None
    t = pn.number_type(n)
    if t in (T.PREMIUM_RATE, T.SHARED_COST):
        return None
    return e164, TYPE_NAMES[t], ext


def bare(region, s):
    try:
        return 1 if pn.is_valid_number(pn.parse(s, region)) else 0
    except NumberParseException:
        return 0


def spaced(rng, digits):
    """Digits grouped as people type them."""
    out, i = [], 0
    while i < len(digits):
        k = rng.choice([2, 3, 3, 4])
        out.append(digits[i:i + k])
        i += k
    return rng.choice([" ", "-", ".", " "]).join(out)


def variants(rng, region, num):
    """The ways a number of `region` gets written in a contact list."""
    cc = str(num.country_code)
    nsn = pn.national_significant_number(num)
    nat = pn.format_number(num, pn.PhoneNumberFormat.NATIONAL)
    intl = pn.format_number(num, pn.PhoneNumberFormat.INTERNATIONAL)
    e164 = pn.format_number(num, pn.PhoneNumberFormat.E164)
    nat_digits = re.sub(r"\D", "", nat)
    out = [nat, intl, e164, nat_digits, spaced(rng, nat_digits), "+" + cc + " " + spaced(rng, nsn),
           idd(region) + " " + cc + " " + spaced(rng, nsn), cc + nsn, "'" + nat_digits,
           "tel:" + e164, "(" + nat_digits[:3] + ") " + nat_digits[3:]]
    if nat_digits.startswith("0"):
        out.append("+" + cc + " " + nat_digits)          # +cc 0...
        out.append("+" + cc + " (0)" + nat_digits[1:])
    return out


def mistakes(rng, region, num):
    """Realistic errors: a digit dropped, added or changed, the wrong
    international prefix, a number from elsewhere without +."""
    cc = str(num.country_code)
    nsn = pn.national_significant_number(num)
    nat = re.sub(r"\D", "", pn.format_number(num, pn.PhoneNumberFormat.NATIONAL))
    i = rng.randrange(len(nat))
    d = str(rng.randrange(10))
    return [nat[:i] + nat[i + 1:], nat[:i] + d + nat[i:], nat[:i] + d + nat[i + 1:],
            "00 " + cc + " " + nsn, "011 " + cc + " " + nsn, "+" + cc + nat,
            nat + " x" + str(rng.randrange(1, 9999)), nat + " ext. " + str(rng.randrange(1, 999)),
            nat + " #" + str(rng.randrange(1, 99)), "+" + cc + " " + nsn + "1"]


def examples(region):
    out = []
    for t in TYPES:
        ex = pn.example_number_for_type(region, t)
        if ex is not None:
            out.append(ex)
    return out


def mutate(rng, num):
    """Another number in the same block: the last digits changed."""
    nsn = pn.national_significant_number(num)
    k = rng.randrange(1, 4)
    tail = "".join(str(rng.randrange(10)) for _ in range(k))
    return pn.parse("+" + str(num.country_code) + nsn[:-k] + tail, None)


def vanity(rng, num):
    nsn = pn.national_significant_number(num)
    tail = "".join(rng.choice(KEYPAD[c]) if c in KEYPAD else c for c in nsn[-4:])
    return pn.format_number(num, pn.PhoneNumberFormat.NATIONAL)[:-4] + tail


def main():
    per_region = int(sys.argv[1]) if len(sys.argv) > 1 else 1100
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 18)
    w = sys.stdout.write
    for region in REGIONS:
        own = examples(region)
        others = [e for r in REGIONS if r != region for e in examples(r)]
        rows = 0
        while rows < per_region:
            k = rng.random()
            if k < 0.60:
                base = mutate(rng, rng.choice(own)) if rng.random() < 0.8 else rng.choice(own)
                s = rng.choice(variants(rng, region, base))
            elif k < 0.75:
                base = mutate(rng, rng.choice(own))
                s = rng.choice(mistakes(rng, region, base))
            elif k < 0.88:
                base = mutate(rng, rng.choice(others))
                fmt = rng.choice([pn.PhoneNumberFormat.INTERNATIONAL, pn.PhoneNumberFormat.E164,
                                  pn.PhoneNumberFormat.NATIONAL, None])
                s = (str(base.country_code) + pn.national_significant_number(base)
                     if fmt is None else pn.format_number(base, fmt))
            elif k < 0.92:
                base = rng.choice(own)
                s = vanity(rng, base)
            else:
                base = None
                s = "".join(str(rng.randrange(10)) for _ in range(rng.randrange(5, 14)))
                if rng.random() < 0.3:
                    s = "+" + s
            intended = pn.format_number(base, pn.PhoneNumberFormat.E164) if base else ""
            v = verdict(region, s)
            ok, e164, tname, ext = (1,) + v if v else (0, "", "", "")
            cc = pn.parse(e164, None).country_code if v else pn.country_code_for_region(region)
            b = bare(region, s)
            w(f"{region}\t{s}\t{intended}\t{ok}\t{e164}\t{tname}\t{ext}\t{cc}\t{b}\n")
            rows += 1


if __name__ == "__main__":
    main()
