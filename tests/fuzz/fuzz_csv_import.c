/* libFuzzer target for the contact importer: any bytes through
 * import_buffer with options taken from the first input byte, then the
 * invariants every result must keep, and the rejects export. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    import_options_t o;
    import_options_init(&o);
    uint8_t knob = size ? data[0] : 0;
    static const char delims[] = {0, ',', ';', '\t'};
    o.delimiter = delims[knob & 3];
    if (knob & 4) {
        o.encoding_forced = true;
        o.encoding = ENCODING_CP1252;
    }
    if (knob & 8)
        o.max_field_bytes = 8; /* exercise field_too_long and the runaway stop */
    if (knob & 16)
        o.max_rows = 3;
    if (knob & 32)
        o.region = "GB";
    o.preview_rows = 3;

    import_error_t err;
    import_result_t *r = import_buffer(size ? data + 1 : data, size ? size - 1 : 0, &o, &err);
    if (!r) {
        if (err.status == IMPORT_OK || err.message[0] == '\0')
            abort(); /* a failure always says why */
        return 0;
    }
    if (r->accepted + r->rejected != r->rows_read || (long)r->nrejections != r->rejected)
        abort();
    for (size_t i = 0; i < (size_t)r->accepted; i++) {
        import_contact_t c;
        import_result_contact(r, i, &c);
        if (c.phone[0] != '+' || strlen(c.phone) < 8 || strlen(c.phone) > 16)
            abort();
        import_var_iter_t it = import_contact_vars(r, &c);
        const char *k, *v;
        while (import_var_next(r, &it, &k, &v))
            if (!*v || !*k)
                abort();
    }
    FILE *f = fopen("/dev/null", "w");
    if (f) {
        export_rejects_csv(f, r);
        fclose(f);
    }
    import_result_free(r);
    return 0;
}
