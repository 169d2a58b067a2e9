/* The bare libcsv parse of a file: the floor bench_import.sh measures the
 * importer against. Same flags as csv/reader.c (strict, strict end,
 * every line end reported, NUL-appended fields), same delimiter, same
 * 256 KiB reads; the callbacks only count, so what is left is reading
 * and libcsv's own scan and copy of every field.
 *
 * usage: bench_csv_parse FILE [DELIMITER]
 * Prints "records fields bytes". Run with no file (as `make bench` does
 * for every bench_* binary) it says what it is for and exits 0. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

#define CHUNK_BYTES (256u * 1024u)

typedef struct {
    unsigned long long records, fields, bytes;
} counts_t;

static void on_field(void *data, size_t len, void *ctx)
{
    counts_t *c = ctx;
    (void)data;
    c->fields++;
    c->bytes += len;
}

static void on_record(int ch, void *ctx)
{
    counts_t *c = ctx;
    (void)ch;
    c->records++;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        puts("bench_csv_parse: the bare-libcsv reference of bench_import.sh "
             "(usage: bench_csv_parse FILE [DELIMITER])");
        return 0;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    struct csv_parser p;
    unsigned char *buf = malloc(CHUNK_BYTES);
    if (!buf || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL)) {
        fputs("bench_csv_parse: out of memory\n", stderr);
        return 1;
    }
    csv_set_delim(&p, argc > 2 ? (unsigned char)argv[2][0] : ',');
    counts_t c = {0, 0, 0};
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, CHUNK_BYTES, f)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "bench_csv_parse: %s\n", csv_strerror(csv_error(&p)));
            rc = 1;
            break;
        }
    }
    if (rc == 0 && csv_fini(&p, on_field, on_record, &c) != 0) {
        fprintf(stderr, "bench_csv_parse: %s\n", csv_strerror(csv_error(&p)));
        rc = 1;
    }
    printf("%llu %llu %llu\n", c.records, c.fields, c.bytes);
    csv_free(&p);
    free(buf);
    fclose(f);
    return rc;
}
