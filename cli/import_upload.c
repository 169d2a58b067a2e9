/* The upload half of `dialtop import`. */
#include "import_upload.h"

#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "config.h"
#include "exit_codes.h"
#include "sanitize.h"

static void print_clean(FILE *f, const char *s)
{
    char *clean = sanitize_text(s);
    fputs(clean ? clean : "?", f);
    free(clean);
}

static void on_progress(size_t done, size_t total, void *ud)
{
    (void)ud;
    if (done == 0) /* before the first figure there is nothing to say */
        return;
    fprintf(stderr, "dialtop import: uploaded %zu of %zu contacts\n", done, total);
}

static void report_json(cJSON *json, const upload_outcome_t *o, const char *refusal)
{
    cJSON *u = cJSON_AddObjectToObject(json, "upload");
    cJSON_AddBoolToObject(u, "confirmed", o && o->confirmed);
    if (o && o->has_created) {
        cJSON_AddStringToObject(u, "campaign_id", o->created.id);
        cJSON_AddStringToObject(u, "state", model_campaign_state_name(o->created.state));
        cJSON_AddStringToObject(u, "raw_state", o->created.raw_state);
    }
    cJSON_AddNumberToObject(u, "contacts_uploaded", o ? (double)o->contacts_sent : 0);
    if (o && o->has_created)
        cJSON_AddNumberToObject(u, "contacts_rejected_by_backend",
                                (double)o->created.contacts_rejected);
    if (refusal) {
        cJSON_AddStringToObject(u, "error", "refused");
        cJSON_AddStringToObject(u, "message", refusal);
    } else if (o && !o->confirmed) {
        cJSON_AddStringToObject(u, "error", api_error_kind_name(o->err.kind));
        cJSON_AddStringToObject(u, "message", o->err.message);
        if (o->err.http_status)
            cJSON_AddNumberToObject(u, "http_status", (double)o->err.http_status);
        char advice[UPLOAD_REASON_MAX + 128];
        upload_advice(o, advice, sizeof advice);
        cJSON_AddStringToObject(u, "advice", advice);
        cJSON_AddBoolToObject(u, "safe_to_retry", upload_safe_to_retry(o));
    }
}

static void report_human(const upload_outcome_t *o, size_t total)
{
    if (o->confirmed) {
        printf("created    campaign ");
        print_clean(stdout, o->created.id);
        printf(", state %s", model_campaign_state_name(o->created.state));
        if (o->created.raw_state[0]) {
            printf(" (");
            print_clean(stdout, o->created.raw_state);
            printf(")");
        }
        printf(", %zu contact%s uploaded", o->contacts_sent, o->contacts_sent == 1 ? "" : "s");
        if (o->created.contacts_rejected)
            printf(", %zu refused by the backend", o->created.contacts_rejected);
        putchar('\n');
        return;
    }
    fprintf(stderr, "dialtop import: upload failed: %s: ", api_error_kind_name(o->err.kind));
    print_clean(stderr, o->err.message);
    fputc('\n', stderr);
    if (o->has_created) {
        /* The campaign exists with part of the list: say exactly what is there. */
        fprintf(stderr, "dialtop import: campaign ");
        print_clean(stderr, o->created.id);
        fprintf(stderr, " was created but only %zu of %zu contacts were uploaded; "
                        "it is NOT complete\n", o->contacts_sent, total);
    } else {
        fprintf(stderr, "dialtop import: no campaign was created\n");
    }
    char advice[UPLOAD_REASON_MAX + 128];
    upload_advice(o, advice, sizeof advice);
    fprintf(stderr, "dialtop import: ");
    print_clean(stderr, advice);
    fputc('\n', stderr);
}

int import_upload_run(const config_profile_t *profile, const import_result_t *r,
                      const upload_settings_t *s, cJSON *json)
{
    char err[512];
    client_t *c = client_new(profile, NULL, err, sizeof err);
    char notice[256];
    if (config_insecure_notice(profile, notice, sizeof notice))
        fprintf(stderr, "dialtop import: %s\n", notice);
    if (!c) {
        fprintf(stderr, "dialtop import: %s; nothing uploaded\n", err);
        if (json)
            report_json(json, NULL, err);
        return DIALTOP_EXIT_USAGE;
    }
    char reason[UPLOAD_REASON_MAX];
    upload_t *u = upload_start(c, r, s, reason, sizeof reason);
    if (!u) {
        fprintf(stderr, "dialtop import: ");
        print_clean(stderr, reason);
        fprintf(stderr, "; nothing uploaded\n");
        if (json)
            report_json(json, NULL, reason);
        client_free(c);
        return DIALTOP_EXIT_USAGE;
    }
    upload_wait(u, on_progress, NULL);
    const upload_outcome_t *o = upload_outcome(u);
    if (json)
        report_json(json, o, NULL);
    if (!json || !o->confirmed)
        report_human(o, (size_t)r->accepted);
    if (o->audit_error[0])
        fprintf(stderr, "dialtop import: warning: %s\n", o->audit_error);
    int rc = o->confirmed ? DIALTOP_EXIT_OK : DIALTOP_EXIT_FAILED;
    upload_free(u);
    client_free(c);
    return rc;
}
