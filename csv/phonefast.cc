// The fast path of phonelib.h: libphonenumber's own metadata (the
// serialized collection compiled into the library, metadata_get()), its
// patterns compiled once with PCRE2's JIT, and the library's parsing
// steps for the one shape most contact lists hold: digits and
// separators, with or without a leading +. It only ever answers "valid,
// and this is the number"; every other outcome, and every other shape,
// goes to phonelib_parse, the library itself (ICU regular expressions,
// about 40 us a number, where this takes about 1 us).
//
// The steps mirror PhoneNumberUtil::Parse and GetNumberType (8.12):
// international prefix (plus or the region's IDD, not when a 0 follows),
// country code, or the region's code written without + when that makes
// the number viable, then the national prefix for parsing (a transform
// rule sends the number to the library), then the region among those
// sharing the code (leading digits, else the type patterns) and the type.
// test_phone_fast holds this against the library on the oracle corpus.
//
// A number is held to its country's national-number patterns (the
// general one and the ten types) by one automaton over all of them
// (digit_dfa.h), built when the country is first met: one walk of the
// digits answers every pattern at once, a table step a digit. PCRE2 runs
// the prefix patterns (international prefix, national prefix for parsing
// with its groups, leading digits), and the national-number patterns of a
// country whose automaton could not be built (none in today's metadata:
// test_digit_dfa builds every country's). For those, each pattern's answer
// for a subject's first three digits (no match can start so, or maybe) is
// learnt once from PCRE2's own partial matching and kept (may_match), and
// a pattern is JIT-compiled only the first time it does run.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "digit_dfa.h"
#include "phonelib.h"

#include <pcre2.h>
#include <phonenumbers/phonemetadata.pb.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace i18n {
namespace phonenumbers {
int metadata_size();
const void *metadata_get();
}  // namespace phonenumbers
}  // namespace i18n

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;

namespace {

enum { FULL, PREFIX };
enum { ASK = -1, INVALID = 0, VALID = 1 };
// national numbers of 0..17 digits: decide leaves longer ones to the library
enum { FITS_LENGTHS = 18 };

// What the first three digits of a subject say about a pattern,
// learnt the first time those digits are met (see may_match).
enum : uint8_t { PREFIX_UNKNOWN, PREFIX_POSSIBLE, PREFIX_IMPOSSIBLE };
enum { PREFIX_DIGITS = 3, PREFIX_KEYS = 1000 };

struct Pattern {
    pcre2_code *re = nullptr;
    // JIT-compiled the first time it runs (jit_once): the prefix filter
    // skips most patterns for most lists, and a JIT compilation costs as
    // much as tens of thousands of matches
    mutable std::atomic<bool> jitted{false};
    // The same pattern for partial matching by the interpreter, with the
    // optimisations that may cut a partial match short turned off.
    pcre2_code *partial = nullptr;
    // by the subject's first three digits; allocated with the pattern
    std::atomic<uint8_t> *prefix = nullptr;
};

struct Desc {
    std::string pattern;
    Pattern re;
    uint32_t lengths = 0; // bit n: n digits possible; 0: no list (as the general desc)
    uint32_t local = 0;
};

struct Meta {
    std::string id;
    char id4[4] = {0}; // id as phonelib_number_t's region takes it: a fixed-size copy
    int cc = 0;
    std::string cc_digits; // "44"
    std::string idd_src, npfp_src, leading_src;
    Pattern idd, npfp, leading;
    bool transform = false;
    bool same_mobile_fixed = false;
    Desc general;
    Desc types[PHONELIB_UNKNOWN]; // by phonelib_type_t; FIXED_OR_MOBILE unused
    // general and types at once (bits as full_patterns orders them); NULL:
    // digit_dfa refused one of them, and PCRE2 runs each (Desc::re)
    digit_dfa_t *dfa = nullptr;
    // by a national number's length: the descs whose possible lengths take
    // it (the automaton's bits), so that one AND applies every length list
    uint16_t fits[FITS_LENGTHS] = {0};
    std::atomic<bool> ready{false};
};

// The automaton's accept bits: bit t for types[t] (phonelib_type_t), and
// this one for the general desc.
enum : unsigned {
    BIT_GENERAL = PHONELIB_UNKNOWN,
    // the types GetNumberType tries before fixed line and mobile
    RARE_TYPES = 1u << PHONELIB_PREMIUM_RATE | 1u << PHONELIB_TOLL_FREE |
                 1u << PHONELIB_SHARED_COST | 1u << PHONELIB_VOIP | 1u << PHONELIB_PERSONAL |
                 1u << PHONELIB_PAGER | 1u << PHONELIB_UAN | 1u << PHONELIB_VOICEMAIL,
};
static_assert(PHONELIB_FAST_PATTERNS == PHONELIB_UNKNOWN + 1, "a bit for each type and general");
static_assert(PHONELIB_FAST_PATTERNS <= DIGIT_DFA_MAX_PATTERNS, "one automaton a country");

// A country's national-number patterns in the automaton's bit order
// ("" where it has none): the tests and bench_phone build theirs from the
// same list (phonelib_fast_country_patterns).
void full_patterns(const Meta *m, const char *pats[PHONELIB_FAST_PATTERNS])
{
    for (int t = 0; t < PHONELIB_UNKNOWN; t++)
        pats[t] = m->types[t].pattern.c_str();
    pats[BIT_GENERAL] = m->general.pattern.c_str();
}

std::once_flag load_once;
std::atomic<bool> load_done{false};
// Built once, kept until the process ends and never destroyed (so no
// exit-time destructor leaves the countries unreachable: LeakSanitizer
// sees them from these roots).
std::vector<Meta *> &metas = *new std::vector<Meta *>;
Meta *by_region[26 * 26]; // "AA".."ZZ"; the map's lookups cost more than the matching
std::map<int, Meta *> &nongeo = *new std::map<int, Meta *>;
// The regions of a calling code, in libphonenumber's order: the main
// country first. Their countries are looked up once, with the list: every
// number walks its code's list, and a look-up by name each time cost more
// than the walk.
struct Regions {
    std::vector<std::string> ids;
    std::vector<Meta *> metas; // meta_for(code, ids[i]); NULL where it has none
};
std::map<int, Regions> &regions_of_cc = *new std::map<int, Regions>;
// The same lists by calling code (1-999), filled once the map is complete:
// every number asks for its code's regions, a tree walk each time otherwise.
const Regions *regions_by_cc[1000];
std::mutex compile_lock;
std::atomic<bool> jit_ok{true};
// false: countries prepared from then on go without their automaton, as
// when digit_dfa refuses a pattern (phonelib_fast_use_automata, for the
// test of that path)
std::atomic<bool> use_automata{true};
bool loaded = false;

Meta *meta_for(int cc, const char *region)
{
    if (region[0] == '0' && region[1] == '0' && region[2] == '1' && !region[3]) { // "001"
        auto it = nongeo.find(cc);
        return it == nongeo.end() ? nullptr : it->second;
    }
    if (region[0] < 'A' || region[0] > 'Z' || region[1] < 'A' || region[1] > 'Z' || region[2])
        return nullptr;
    return by_region[(region[0] - 'A') * 26 + (region[1] - 'A')];
}

uint32_t mask_of(const google::protobuf::RepeatedField<int32_t> &lengths)
{
    uint32_t m = 0;
    for (int l : lengths)
        if (l > 0 && l < 32)
            m |= 1u << l;
    return m;
}

// One of the desc's possible lengths (none listed: any).
inline bool length_fits(const Desc &d, size_t n)
{
    return !d.lengths || (n < 32 && (d.lengths & (1u << n)));
}

// The descs whose lengths take n digits, as the automaton's bits.
uint16_t lengths_fitting(const Meta *m, size_t n)
{
    uint16_t bits = length_fits(m->general, n) ? 1u << BIT_GENERAL : 0;
    for (int t = 0; t < PHONELIB_UNKNOWN; t++)
        if (length_fits(m->types[t], n))
            bits |= static_cast<uint16_t>(1u << t);
    return bits;
}

void take_desc(Desc &d, const PhoneNumberDesc &src)
{
    d.pattern = src.national_number_pattern();
    d.lengths = mask_of(src.possible_length());
    d.local = mask_of(src.possible_length_local_only());
}

void load()
{
    PhoneMetadataCollection c;
    if (!c.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size()))
        return;
    for (int i = 0; i < c.metadata_size(); i++) {
        const PhoneMetadata &pm = c.metadata(i);
        Meta *m = new Meta;
        m->id = pm.id();
        std::memcpy(m->id4, m->id.c_str(), std::min<size_t>(m->id.size(), sizeof m->id4 - 1));
        m->cc = pm.country_code();
        m->cc_digits = std::to_string(m->cc);
        m->idd_src = pm.international_prefix();
        m->npfp_src = pm.national_prefix_for_parsing();
        m->leading_src = pm.leading_digits();
        m->transform = !pm.national_prefix_transform_rule().empty();
        m->same_mobile_fixed = pm.same_mobile_and_fixed_line_pattern();
        take_desc(m->general, pm.general_desc());
        take_desc(m->types[PHONELIB_FIXED_LINE], pm.fixed_line());
        take_desc(m->types[PHONELIB_MOBILE], pm.mobile());
        take_desc(m->types[PHONELIB_TOLL_FREE], pm.toll_free());
        take_desc(m->types[PHONELIB_PREMIUM_RATE], pm.premium_rate());
        take_desc(m->types[PHONELIB_SHARED_COST], pm.shared_cost());
        take_desc(m->types[PHONELIB_VOIP], pm.voip());
        take_desc(m->types[PHONELIB_PERSONAL], pm.personal_number());
        take_desc(m->types[PHONELIB_PAGER], pm.pager());
        take_desc(m->types[PHONELIB_UAN], pm.uan());
        take_desc(m->types[PHONELIB_VOICEMAIL], pm.voicemail());
        for (size_t n = 0; n < FITS_LENGTHS; n++)
            m->fits[n] = lengths_fitting(m, n);
        metas.push_back(m);
        if (m->id == "001")
            nongeo[m->cc] = m;
        else if (m->id.size() == 2 && m->id[0] >= 'A' && m->id[0] <= 'Z' && m->id[1] >= 'A' &&
                 m->id[1] <= 'Z')
            by_region[(m->id[0] - 'A') * 26 + (m->id[1] - 'A')] = m;
        // the library's calling-code map: the main country first
        std::vector<std::string> &list = regions_of_cc[m->cc].ids;
        if (pm.main_country_for_code())
            list.insert(list.begin(), m->id);
        else
            list.push_back(m->id);
    }
    for (auto &entry : regions_of_cc) {
        for (const std::string &id : entry.second.ids)
            entry.second.metas.push_back(meta_for(entry.first, id.c_str()));
        if (entry.first > 0 && entry.first < 1000)
            regions_by_cc[entry.first] = &entry.second;
    }
    loaded = true;
}

pcre2_code *compile(const std::string &src, int how)
{
    if (src.empty())
        return nullptr;
    int err;
    PCRE2_SIZE off;
    uint32_t opts = PCRE2_ANCHORED | (how == FULL ? PCRE2_ENDANCHORED : 0);
    std::string p = "(?:" + src + ")";
    pcre2_code *re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(p.c_str()), p.size(), opts, &err,
                                   &off, nullptr);
    return re;
}

// A pattern for hard partial matching (may_match). Auto-possessive
// quantifiers and the start-of-match checks (minimum length, first code
// unit) are off, as pcre2partial(3) advises, so that the interpreter
// tries every path a longer subject could take. Not end-anchored:
// pcre2_match refuses partial matching with PCRE2_ENDANCHORED, and a
// match that ends early only makes the answer "possible", never wrong.
// Never JIT-compiled: it runs once per three-digit prefix met.
pcre2_code *compile_partial(const std::string &src)
{
    if (src.empty())
        return nullptr;
    int err;
    PCRE2_SIZE off;
    uint32_t opts = PCRE2_ANCHORED | PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE;
    std::string p = "(?:" + src + ")";
    return pcre2_compile(reinterpret_cast<PCRE2_SPTR>(p.c_str()), p.size(), opts, &err, &off,
                         nullptr);
}

// Compiles a pattern both ways; false when PCRE2 refused it.
bool compile_pattern(Pattern &p, const std::string &src, int how)
{
    if (src.empty())
        return true;
    p.re = compile(src, how);
    p.partial = compile_partial(src);
    p.prefix = p.partial ? new (std::nothrow) std::atomic<uint8_t>[PREFIX_KEYS]() : nullptr;
    // without the partial form or its table the filter just says "possible"
    return p.re != nullptr;
}

// Patterns are compiled the first time a country is met: most lists touch
// a handful of the ~250.
bool prepare_slow(Meta *m)
{
    std::lock_guard<std::mutex> g(compile_lock);
    if (!m->ready.load(std::memory_order_relaxed)) {
        // a pattern PCRE2 would not take: this country always goes to the library
        bool ok = compile_pattern(m->idd, m->idd_src, PREFIX);
        ok = compile_pattern(m->npfp, m->npfp_src, PREFIX) && ok;
        ok = compile_pattern(m->leading, m->leading_src, PREFIX) && ok;
        const char *pats[PHONELIB_FAST_PATTERNS];
        full_patterns(m, pats);
        // Why digit_dfa refused is not kept: the country only runs slower,
        // and test_digit_dfa names any pattern of the metadata it refuses.
        // An automaton from an earlier try (a prefix pattern failed) stays.
        if (!m->dfa && use_automata.load(std::memory_order_relaxed))
            m->dfa = digit_dfa_build(pats, PHONELIB_FAST_PATTERNS, 0, nullptr, 0);
        if (!m->dfa) {
            ok = compile_pattern(m->general.re, m->general.pattern, FULL) && ok;
            for (Desc &d : m->types)
                ok = compile_pattern(d.re, d.pattern, FULL) && ok;
        }
        if (!ok)
            return false;
        m->ready.store(true, std::memory_order_release);
    }
    return true;
}

// Every number asks this of up to three countries: the call stays inline
// once the country is ready.
inline bool prepare(Meta *m)
{
    return m->ready.load(std::memory_order_acquire) || prepare_slow(m);
}

struct MatchData {
    pcre2_match_data *md = pcre2_match_data_create(16, nullptr);
    ~MatchData() { pcre2_match_data_free(md); }
};
thread_local MatchData tls;

// Under the lock, so that no thread matches a pattern while another
// compiles it (a thread that finds it not compiled yet waits here).
void jit_once(const Pattern &p)
{
    std::lock_guard<std::mutex> g(compile_lock);
    if (p.jitted.load(std::memory_order_relaxed))
        return;
    if (pcre2_jit_compile(p.re, PCRE2_JIT_COMPLETE) != 0)
        jit_ok = false; // one pattern without JIT: the interpreter for all
    p.jitted.store(true, std::memory_order_release);
}

// >= 0: the end of the match; -1: no match; -2: error
long run_re(const Pattern &p, std::string_view s, int *last_group_set)
{
    pcre2_code *re = p.re;
    // once: each use of a thread_local with a destructor goes through its
    // initialisation check
    pcre2_match_data *md = tls.md;
    if (!re || !md)
        return -1;
    if (!p.jitted.load(std::memory_order_acquire))
        jit_once(p);
    // the JIT entry point skips pcre2_match's checks (the subject is our
    // own ASCII digits); the interpreter when JIT compilation was refused
    int rc = jit_ok.load(std::memory_order_relaxed)
                 ? pcre2_jit_match(re, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0, 0,
                                   md, nullptr)
                 : pcre2_match(re, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0, 0, md,
                               nullptr);
    if (rc < 0)
        return rc == PCRE2_ERROR_NOMATCH ? -1 : -2;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (last_group_set) {
        uint32_t groups = 0;
        pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
        *last_group_set = groups > 0 && groups < pcre2_get_ovector_count(md) &&
                          ov[2 * groups] != PCRE2_UNSET;
    }
    return static_cast<long>(ov[1]);
}

// The subject's first three digits as a number, the key of the prefix
// tables; -1 when it has fewer (nothing is filtered then).
inline __attribute__((always_inline)) int prefix_key(std::string_view s)
{
    static_assert(PREFIX_DIGITS == 3, "prefix_key reads three digits");
    if (s.size() < PREFIX_DIGITS)
        return -1;
    // unrolled: asked a few times a number, the loop cost more than its use
    unsigned a = static_cast<unsigned char>(s[0]) - '0';
    unsigned b = static_cast<unsigned char>(s[1]) - '0';
    unsigned c = static_cast<unsigned char>(s[2]) - '0';
    if (a > 9 || b > 9 || c > 9)
        return -1;
    return static_cast<int>(a * 100 + b * 10 + c);
}

// False only when no subject starting with s's first three digits can
// match d's pattern, whatever follows: the interpreter's hard partial
// match on those digits alone found neither a match nor a partial one
// (a partial match is reported whenever the subject ends while a path
// of the pattern is still alive, so a path that a longer subject could
// complete is never missed). Learnt once per prefix and kept: a prefix
// pattern mostly starts with a few digits of its own (an IDD 00 or 011,
// a national prefix 0), so most numbers skip it without running it, as
// the national-number patterns of a country without its automaton. Any other answer (not learnt,
// an error, a short subject) says "possible": the full match decides.
// `key` is prefix_key(s).
__attribute__((noinline)) bool learn_prefix(const Pattern &d, std::string_view s, int key)
{
    if (!tls.md)
        return true;
    int rc = pcre2_match(d.partial, reinterpret_cast<PCRE2_SPTR>(s.data()), PREFIX_DIGITS, 0,
                         PCRE2_PARTIAL_HARD, tls.md, nullptr);
    if (rc != PCRE2_ERROR_NOMATCH && rc != PCRE2_ERROR_PARTIAL && rc < 0)
        return true; // an error (a limit): nothing learnt
    // several threads may learn the same prefix: they learn the same thing
    uint8_t v = rc == PCRE2_ERROR_NOMATCH ? PREFIX_IMPOSSIBLE : PREFIX_POSSIBLE;
    d.prefix[key].store(v, std::memory_order_relaxed);
    return v == PREFIX_POSSIBLE;
}

// Inline, the learning apart: it is asked a few times a number, and once
// learnt the answer is one load.
inline bool may_match(const Pattern &d, std::string_view s, int key)
{
    if (!d.prefix || key < 0)
        return true;
    uint8_t v = d.prefix[key].load(std::memory_order_relaxed);
    if (v == PREFIX_UNKNOWN)
        return learn_prefix(d, s, key);
    return v == PREFIX_POSSIBLE;
}

// run_re, after may_match: the prefix patterns (international and
// national prefixes, leading digits) are filtered as the national-number
// ones are: a match of any length either fits in the first three digits
// (and matches them) or runs past them (a partial match of them).
long run(const Pattern &p, std::string_view s, int *last_group_set = nullptr)
{
    if (!p.re || !may_match(p, s, prefix_key(s)))
        return -1;
    return run_re(p, s, last_group_set);
}

// A national-number pattern on its own, by PCRE2 (a country without its
// automaton).
bool full(const Desc &d, std::string_view s)
{
    return run(d.re, s) >= 0;
}

// The general desc matches all of s.
inline bool full_general(const Meta *m, std::string_view s)
{
    if (m->dfa)
        return (digit_dfa_match(m->dfa, s.data(), s.size()) >> BIT_GENERAL) & 1u;
    return full(m->general, s);
}

inline __attribute__((always_inline)) phonelib_length_t test_length(std::string_view s, const Meta *m)
{
    uint32_t l = m->general.lengths;
    size_t n = s.size();
    if (!l)
        return PHONELIB_LEN_INVALID;
    if (n < 32 && (m->general.local & (1u << n)))
        return PHONELIB_POSSIBLE_LOCAL;
    unsigned lo = static_cast<unsigned>(__builtin_ctz(l));
    unsigned hi = 31u - static_cast<unsigned>(__builtin_clz(l));
    if (n == lo)
        return PHONELIB_POSSIBLE;
    if (lo > n)
        return PHONELIB_LEN_TOO_SHORT;
    if (hi < n)
        return PHONELIB_LEN_TOO_LONG;
    return (l & (1u << n)) ? PHONELIB_POSSIBLE : PHONELIB_LEN_INVALID;
}

// GetNumberType's order over m's descs; is(bit): the desc of that bit
// (BIT_GENERAL or a type) takes the number, by its lengths and its pattern.
// `rare`: the bits of the eight types tried before fixed line and mobile
// that may take it (all of them when unknown): most numbers are fixed or
// mobile, and with the automaton's answer one test skips the eight.
template <typename Is>
inline phonelib_type_t type_in_order(const Meta *m, Is is, unsigned rare)
{
    if (!is(BIT_GENERAL))
        return PHONELIB_UNKNOWN;
    static const phonelib_type_t order[] = {PHONELIB_PREMIUM_RATE, PHONELIB_TOLL_FREE,
                                            PHONELIB_SHARED_COST,  PHONELIB_VOIP,
                                            PHONELIB_PERSONAL,     PHONELIB_PAGER,
                                            PHONELIB_UAN,          PHONELIB_VOICEMAIL};
    if (rare)
        for (phonelib_type_t t : order)
            if (is(t))
                return t;
    if (is(PHONELIB_FIXED_LINE)) {
        if (m->same_mobile_fixed || is(PHONELIB_MOBILE))
            return PHONELIB_FIXED_OR_MOBILE;
        return PHONELIB_FIXED_LINE;
    }
    if (!m->same_mobile_fixed && is(PHONELIB_MOBILE))
        return PHONELIB_MOBILE;
    return PHONELIB_UNKNOWN;
}

phonelib_type_t type_of(std::string_view nsn, const Meta *m)
{
    size_t n = nsn.size();
    if (m->dfa) { // one walk answers every pattern, one AND every length list
        unsigned hit = digit_dfa_match(m->dfa, nsn.data(), n) &
                       (n < FITS_LENGTHS ? m->fits[n] : lengths_fitting(m, n));
        return type_in_order(m, [hit](unsigned bit) { return (hit >> bit) & 1u; },
                             hit & RARE_TYPES);
    }
    return type_in_order(m, [m, nsn, n](unsigned bit) {
        const Desc &d = bit == BIT_GENERAL ? m->general : m->types[bit];
        return length_fits(d, n) && full(d, nsn);
    }, RARE_TYPES);
}

// The digits of `cc`; m (a country of that code) has them at hand.
const std::string &list_meta_cc_digits(int cc, const Meta *m)
{
    static const std::string none;
    return m && m->cc == cc ? m->cc_digits : none;
}

enum Strip { KEPT, STRIPPED, ASK_LIBRARY };

// MaybeStripNationalPrefixAndCarrierCode without the transform rule.
Strip strip_national_prefix(std::string_view &n, Meta *m)
{
    if (!m->npfp.re || n.empty())
        return KEPT;
    int last_group = 0;
    long end = run(m->npfp, n, &last_group);
    if (end == -2)
        return ASK_LIBRARY;
    if (end < 0)
        return KEPT;
    if (m->transform && last_group)
        return ASK_LIBRARY;
    std::string_view rest = n.substr(static_cast<size_t>(end));
    if (full_general(m, n) && !full_general(m, rest))
        return KEPT;
    n = rest;
    return STRIPPED;
}

// The regions of a calling code, never inserting (several threads read
// the map at once).
inline __attribute__((always_inline)) const Regions &regions_for(int cc)
{
    static const Regions none;
    const Regions *list = cc > 0 && cc < 1000 ? regions_by_cc[cc] : nullptr;
    return list ? *list : none;
}

// ExtractCountryCode: 1-3 digits naming a calling code of the map.
int extract_cc(std::string_view &n)
{
    if (n.empty() || n[0] == '0')
        return 0;
    int cc = 0;
    for (size_t i = 0; i < 3 && i < n.size(); i++) {
        cc = cc * 10 + (n[i] - '0');
        if (regions_by_cc[cc]) {
            n.remove_prefix(i + 1);
            return cc;
        }
    }
    return 0;
}

// For the library's retry of a + number whose code is unknown: true when
// home's international prefix starts the digits with a digit other than 0
// after it (ParsePrefixAsIdd strips it, and a code may follow), or when
// PCRE2 failed; the fast path leaves those to the library.
bool idd_may_lead_to_code(std::string_view n, const Meta *home)
{
    long end = run(home->idd, n);
    return end == -2 || (end >= 0 && static_cast<size_t>(end) < n.size() &&
                         n[static_cast<size_t>(end)] != '0');
}

// The library's answer to a number whose calling code no country has
// (INVALID_COUNTRY_CODE), filled as phonelib_parse fills a refusal.
int bad_country_code(phonelib_number_t *out)
{
    std::memset(out, 0, sizeof *out);
    out->parse = PHONELIB_BAD_COUNTRY_CODE;
    out->type = PHONELIB_UNKNOWN;
    out->length = PHONELIB_LEN_INVALID;
    std::memcpy(out->region, "ZZ", 3);
    return INVALID;
}

// True when the metadata is loaded (the first call loads it).
bool ensure_loaded()
{
    // once loaded, an acquire load: call_once costs ~100 instructions a number
    if (!load_done.load(std::memory_order_acquire)) {
        std::call_once(load_once, load);
        load_done.store(true, std::memory_order_release);
    }
    return loaded;
}

int decide(const char *digits, size_t len, bool plus, const char *region, phonelib_number_t *out)
{
    if (!ensure_loaded() || len < 3 || len > 40)
        return ASK;
    Meta *home = meta_for(0, region); // NULL ("ZZ"): only the + form is decided
    if ((home && !prepare(home)) || (!home && !plus))
        return ASK;
    std::string_view n(digits, len); // views of the caller's digits: no copy a number
    int cc = 0;
    phonelib_source_t source = PHONELIB_FROM_REGION;
    if (plus) {
        source = PHONELIB_FROM_PLUS;
    } else if (!home) {
        return ASK;
    } else {
        long end = run(home->idd, n);
        if (end == -2)
            return ASK;
        if (end >= 0 && static_cast<size_t>(end) < n.size() && n[static_cast<size_t>(end)] != '0') {
            n.remove_prefix(static_cast<size_t>(end));
            source = PHONELIB_FROM_IDD;
        } else if (end >= 0) {
            return ASK; // a 0 after the prefix, or nothing: the library's call
        }
    }
    if (source != PHONELIB_FROM_REGION) {
        if (n.size() <= 2)
            return ASK;
        cc = extract_cc(n);
        // "+999...", "+0...": no calling code starts the digits. The
        // library then reads them once more without the +, as dialled in
        // the home region (ParseHelper's retry), where only the region's
        // international prefix could still lead to a code (the home code
        // itself would have been found above: calling codes are
        // prefix-free); otherwise it refuses the number.
        if (!cc && (!home || (plus && !idd_may_lead_to_code(n, home))))
            return bad_country_code(out);
        if (!cc)
            return ASK;
    } else {
        const std::string &ccs = home->cc_digits;
        if (n.size() >= ccs.size() && std::memcmp(n.data(), ccs.data(), ccs.size()) == 0) {
            std::string_view pot = n.substr(ccs.size());
            if (strip_national_prefix(pot, home) == ASK_LIBRARY)
                return ASK;
            if ((!full_general(home, n) && full_general(home, pot)) ||
                test_length(n, home) == PHONELIB_LEN_TOO_LONG) {
                n = pot;
                cc = home->cc;
                source = PHONELIB_FROM_DIGITS;
            }
        }
    }
    Meta *m = home;
    if (cc) {
        const Regions &list = regions_for(cc);
        // the code's main country; home itself when that is home's code (a
        // region's country is by_region's entry for its name: the same one)
        if (home)
            m = list.metas.empty() ? nullptr : list.metas[0];
        else if (list.ids.empty() || list.ids[0] != region)
            m = list.ids.empty() ? nullptr : list.metas[0];
    } else if (!home) {
        return ASK;
    } else {
        cc = home->cc;
    }
    if (!m || !prepare(m))
        return ASK;
    if (n.size() < 2)
        return ASK;
    std::string_view pot = n;
    Strip s = strip_national_prefix(pot, m);
    if (s == ASK_LIBRARY)
        return ASK;
    phonelib_length_t l = test_length(pot, m);
    if (l != PHONELIB_LEN_TOO_SHORT && l != PHONELIB_POSSIBLE_LOCAL && l != PHONELIB_LEN_INVALID)
        n = pot;
    if (n.size() < 2 || n.size() > 17 || n.find_first_not_of('0') == std::string_view::npos)
        return ASK; // an all-zero number is formatted from the raw input by the library

    // GetRegionCodeForNumber, then the type in that region
    const Regions &list = regions_for(cc);
    Meta *rm = nullptr;
    phonelib_type_t type = PHONELIB_UNKNOWN;
    bool typed = false; // the region was found by its type: that type is the answer
    for (Meta *cand : list.metas) {
        if (!cand || !prepare(cand))
            return ASK;
        if (list.metas.size() == 1) {
            rm = cand;
            break;
        }
        if (cand->leading.re) {
            long e = run(cand->leading, n);
            if (e == -2)
                return ASK;
            if (e >= 0) {
                rm = cand;
                break;
            }
        } else if ((type = type_of(n, cand)) != PHONELIB_UNKNOWN) {
            rm = cand;
            typed = true;
            break;
        }
    }
    if (!typed) // (a NANP number found its region this way: its type ran once, not twice)
        type = rm ? type_of(n, rm) : PHONELIB_UNKNOWN;
    std::memset(out, 0, sizeof *out);
    out->parse = PHONELIB_PARSED;
    out->source = source;
    out->cc = cc;
    // "+", the code, the national number: by hand, this is the hot path
    const std::string &ccs = list_meta_cc_digits(cc, m);
    if (ccs.empty() || 1 + ccs.size() + n.size() >= sizeof out->e164)
        return ASK;
    out->e164[0] = '+';
    std::memcpy(out->e164 + 1, ccs.data(), ccs.size());
    std::memcpy(out->e164 + 1 + ccs.size(), n.data(), n.size());
    out->e164[1 + ccs.size() + n.size()] = '\0';
    // GetRegionCodeForNumber names the only region of a code even for an
    // invalid number, "ZZ" when several share it and none took it
    static_assert(sizeof out->region == sizeof rm->id4, "the region is copied whole");
    static const char zz[4] = "ZZ";
    std::memcpy(out->region, rm ? rm->id4 : zz, sizeof out->region);
    out->valid = type != PHONELIB_UNKNOWN;
    out->type = type;
    // IsPossibleNumberWithReason: the lengths of the code's main region
    Meta *main_meta = list.metas.empty() ? nullptr : list.metas[0];
    if (!main_meta)
        return ASK;
    out->length = test_length(n, main_meta);
    return out->valid ? VALID : INVALID;
}

std::once_flag list_once;
std::string &region_list = *new std::string;

}  // namespace

extern "C" const char *phonelib_fast_region_list(void)
{
    try {
        if (!ensure_loaded())
            return nullptr;
        std::call_once(list_once, [] {
            for (const Meta *m : by_region) // "AA".."ZZ": already sorted
                if (m) {
                    if (!region_list.empty())
                        region_list += ',';
                    region_list += m->id;
                }
        });
        return region_list.c_str();
    } catch (const std::exception &) {
        return nullptr;
    }
}

extern "C" int phonelib_fast_region_cc(const char *region)
{
    try {
        if (!ensure_loaded())
            return -1;
        const Meta *m = region && region[0] ? meta_for(0, region) : nullptr;
        return m && m->id != "001" ? m->cc : 0;
    } catch (const std::exception &) {
        return -1;
    }
}

extern "C" int phonelib_fast(const char *digits, size_t len, bool plus, const char *region,
                             phonelib_number_t *out)
{
    try {
        return decide(digits, len, plus, region, out);
    } catch (const std::exception &) {
        return ASK;
    }
}

extern "C" const char *phonelib_fast_country_patterns(size_t i,
                                                      const char *pats[PHONELIB_FAST_PATTERNS])
{
    try {
        if (!ensure_loaded() || i >= metas.size())
            return nullptr;
        full_patterns(metas[i], pats);
        return metas[i]->id.c_str();
    } catch (const std::exception &) {
        return nullptr;
    }
}

extern "C" void phonelib_fast_use_automata(bool on)
{
    use_automata.store(on, std::memory_order_relaxed);
}
