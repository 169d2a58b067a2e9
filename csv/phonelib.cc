// The C shim over libphonenumber: each call converts at the boundary and
// nothing C++ (exceptions, strings) crosses into the C code.
#include "phonelib.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>
#include <set>
#include <string>
#include <vector>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

void copy_out(char *dst, size_t cap, const std::string &s)
{
    std::snprintf(dst, cap, "%s", s.c_str());
}

phonelib_source_t source_of(const PhoneNumber &n)
{
    switch (n.country_code_source()) {
    case PhoneNumber::FROM_NUMBER_WITH_PLUS_SIGN: return PHONELIB_FROM_PLUS;
    case PhoneNumber::FROM_NUMBER_WITH_IDD: return PHONELIB_FROM_IDD;
    case PhoneNumber::FROM_NUMBER_WITHOUT_PLUS_SIGN: return PHONELIB_FROM_DIGITS;
    default: return PHONELIB_FROM_REGION;
    }
}

std::once_flag list_once;
std::string region_list;

}  // namespace

extern "C" bool phonelib_parse(const char *text, const char *region, phonelib_number_t *out)
{
    std::memset(out, 0, sizeof *out);
    out->type = PHONELIB_UNKNOWN;
    out->length = PHONELIB_LEN_INVALID;
    std::snprintf(out->region, sizeof out->region, "ZZ");
    try {
        const PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
        PhoneNumber n;
        // ParseAndKeepRawInput: the only parse that records how the
        // country code was written (needed for "write it with +").
        PhoneNumberUtil::ErrorType e = u->ParseAndKeepRawInput(text, region, &n);
        out->parse = static_cast<phonelib_parse_t>(e);
        if (e != PhoneNumberUtil::NO_PARSING_ERROR)
            return true;
        out->source = source_of(n);
        out->cc = n.country_code();
        std::string s;
        u->Format(n, PhoneNumberUtil::E164, &s);
        copy_out(out->e164, sizeof out->e164, s);
        if (n.has_extension())
            copy_out(out->ext, sizeof out->ext, n.extension());
        out->length = static_cast<phonelib_length_t>(u->IsPossibleNumberWithReason(n));
        std::string r;
        u->GetRegionCodeForNumber(n, &r);
        copy_out(out->region, sizeof out->region, r);
        // GetNumberType is the validity check as well: UNKNOWN means
        // no range of the country holds the number.
        out->type = static_cast<phonelib_type_t>(u->GetNumberType(n));
        out->valid = out->type != PHONELIB_UNKNOWN;
        return true;
    } catch (const std::exception &) {
        out->parse = PHONELIB_FAILED;
        return false;
    }
}

extern "C" int phonelib_region_cc(const char *region)
{
    try {
        return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(region);
    } catch (const std::exception &) {
        return 0;
    }
}

extern "C" const char *phonelib_region_list(void)
{
    try {
        std::call_once(list_once, [] {
            std::set<std::string> regions;
            PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
            for (const std::string &r : regions) {
                if (!region_list.empty())
                    region_list += ',';
                region_list += r;
            }
        });
        return region_list.c_str();
    } catch (const std::exception &) {
        return nullptr;
    }
}
