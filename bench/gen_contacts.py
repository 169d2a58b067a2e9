#!/usr/bin/env python3
"""Writes a contact list as operators bring them: 1,000,000 rows (about
90 MB) by default, messy phone formats, quoted cells with commas and line
breaks, about 1% duplicates and a few bad rows (spreadsheet-spoiled numbers,
letters, empty phones, ragged rows, blank lines). Deterministic (seeded).

usage: gen_contacts.py OUT.csv [ROWS]
"""
import random
import sys

FIRST = ["Ann", "Bob", "Chandra", "Dmitri", "Elena", "Farah", "Gus", "Hiro", "Ines", "Jamal",
         "Kofi", "Lena", "Mateo", "Nadia", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Smith", "Garcia", "Okafor", "Ivanova", "Nguyen", "Kowalski", "O'Brien", "Haddad",
        "Tanaka", "Silva", "Müller", "Johansson", "Rossi", "Dubois", "Patel"]
CITY = ["New York", "Austin", "Chicago", "Denver", "Seattle", "Boston", "Miami", "Portland",
        "San José", "Atlanta"]
PLAN = ["basic", "pro", "enterprise", "trial"]
NOTES = ["", "", "", "call after 5pm", "prefers email, then phone", "VIP \"gold\" tier",
         "left voicemail\nneeds callback", "renewal due", "spoke to assistant; retry"]


def messy(rng, digits):
    """A US number in one of the formats exports really contain (011 is the
    US international prefix; 00 is not)."""
    a, b, c = digits[:3], digits[3:6], digits[6:]
    k = rng.randrange(12)
    return [
        f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a}-{b}-{c}", f"1-{a}-{b}-{c}",
        f"'{digits}", f"tel:+1{digits}", f"{a} {b} {c}", f"{a}\u00a0{b}\u00a0{c}",
        f"+1{digits}", f"011 1 {a} {b} {c}", f"{a}-{b}-{c}", f"\u200b{digits}",
    ][k]


# Area codes in service (libphonenumber's US ranges take every exchange in
# them but N11 and 555): a list that is worth calling is made of real
# numbers, and dialtop now refuses numbers that are not in service.
NPA = [201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224,
       225, 228, 229, 231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270,
       276, 281, 301, 302, 303, 304, 305, 307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318,
       319, 320, 321, 323, 325, 330, 331, 334, 336, 337, 339, 347, 351, 352, 360, 361, 385, 386,
       401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 424, 425,
       430, 432, 434, 435, 440, 442, 443, 458, 469, 470, 475, 478, 479, 480, 484, 501, 502, 503,
       504, 505, 507, 508, 509, 510, 512, 513, 515, 516, 517, 518, 520, 530, 540, 541, 551, 559,
       561, 562, 563, 567, 570, 571, 573, 574, 575, 580, 585, 586, 601, 602, 603, 605, 606, 607,
       608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 620, 623, 626, 630, 631, 636, 641, 646,
       650, 651, 660, 661, 662, 678, 682, 701, 702, 703, 704, 706, 707, 708, 712, 713, 714, 715,
       716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 747, 754, 757, 760, 763, 765, 770,
       772, 773, 774, 775, 779, 781, 785, 786, 801, 802, 803, 804, 805, 806, 808, 810, 812, 813,
       814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847, 848, 850, 856, 857, 858, 859,
       860, 862, 863, 864, 865, 870, 872, 878, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913,
       914, 915, 916, 917, 918, 919, 920, 925, 928, 931, 936, 937, 940, 941, 949, 951, 952, 954,
       956, 970, 971, 972, 973, 978, 979, 980, 985, 989]


def us_number(rng):
    nxx = rng.randrange(200, 1000)
    while nxx % 100 == 11 or nxx == 555:
        nxx = rng.randrange(200, 1000)
    return f"{rng.choice(NPA)}{nxx}{rng.randrange(0, 10000):04d}"


def bad_phone(rng, digits):
    return rng.choice([f"{digits[0]}.{digits[1:4]}E+10", f"{digits}.0", "555-CALL-NOW", "",
                       f"{digits[:6]}", "+999 123 4567", "n/a"])


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20261123)
    seen = []
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("first_name,last_name,phone_number,email,city,plan,signup_date,notes\r\n")
        for i in range(rows):
            r = rng.random()
            if r < 0.0005:
                f.write("\r\n")  # blank line: counted apart, not a row
                continue
            if r < 0.0105 and seen:
                digits = rng.choice(seen)  # duplicate of an earlier number
            else:
                digits = us_number(rng)
                if len(seen) < 50_000:
                    seen.append(digits)
            phone = messy(rng, digits)
            if rng.random() < 0.003:
                phone = bad_phone(rng, digits)
            fn, ln = rng.choice(FIRST), rng.choice(LAST)
            note = rng.choice(NOTES)
            cells = [fn, ln, phone, f"{fn.lower()}.{ln.lower()}{i}@ex.com", rng.choice(CITY),
                     rng.choice(PLAN), f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                     note]
            if rng.random() < 0.0005:
                cells.append("extra")  # ragged row
            elif rng.random() < 0.0005:
                cells = cells[:5]
            out_cells = []
            for c in cells:
                if any(ch in c for ch in ',"\n\r') or c != c.strip():
                    c = '"' + c.replace('"', '""') + '"'
                out_cells.append(c)
            f.write(",".join(out_cells) + "\r\n")


if __name__ == "__main__":
    main()
