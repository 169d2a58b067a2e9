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
    """A US number in one of the formats exports really contain."""
    a, b, c = digits[:3], digits[3:6], digits[6:]
    k = rng.randrange(12)
    return [
        f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a}-{b}-{c}", f"1-{a}-{b}-{c}",
        f"'{digits}", f"tel:+1{digits}", f"{a} {b} {c}", f"{a}\u00a0{b}\u00a0{c}",
        f"+1{digits}", f"001 {a} {b} {c}", f"{a}-{b}-{c}", f"\u200b{digits}",
    ][k]


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
                digits = f"{rng.randrange(2, 10)}{rng.randrange(0, 100):02d}" \
                         f"{rng.randrange(200, 1000)}{rng.randrange(0, 10000):04d}"
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
