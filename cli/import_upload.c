/* The upload half of `dialtop import`. */
#include "import_upload.h"

#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "config.h"
#include "provider.h"
#include "exit_codes.h"
#include "sanitize.h"
#include "upload_journal.h"

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

/* Rows the provider itself refused, by their CSV line. */
static void report_backend_rejects(const upload_outcome_t *o, const import_result_t *r)
{
    for (size_t i = 0; i < o->nrejected_at; i++) {
        if (o->rejected_at[i] >= (size_t)r->accepted)
            continue;
        import_contact_t c;
        import_result_contact(r, o->rejected_at[i], &c);
        fprintf(stderr, "dialtop import: line %ld: ", c.line);
        print_clean(stderr, c.phone);
        fprintf(stderr, " refused by the provider\n");
    }
    if (o->has_created && o->created.contacts_rejected > o->nrejected_at)
        fprintf(stderr, "dialtop import: %zu more row%s refused by the provider\n",
                o->created.contacts_rejected - o->nrejected_at,
                o->created.contacts_rejected - o->nrejected_at == 1 ? "" : "s");
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

/* A provider that reports outcomes only to the campaign's webhook URL
 * (uses_receiver: Sarvam): say where this one's go (the token is part of
 * the URL, so only the base shows), or that they go nowhere. */
static void report_webhook(const config_profile_t *p, const upload_outcome_t *o)
{
    const provider_desc_t *d = provider_get(p->provider);
    if (!d || !d->uses_receiver || !o->confirmed)
        return;
    if (p->hooks_public_url) {
        printf("webhooks   %s posts each call attempt to ", d->label);
        print_clean(stdout, p->hooks_public_url);
        printf("/%s/... (dialtop hooks)\n", d->name);
    } else {
        fprintf(stderr, "dialtop import: note: the profile has no hooks_public_url, so this "
                        "campaign has no webhook URL and %s reports its per-contact "
                        "outcomes nowhere dialtop can read (see dialtop hooks)\n", d->label);
    }
}

bool import_upload_journal(const char *file, const config_profile_t *profile, bool resume,
                           upload_settings_t *s, char *path, size_t path_len, char *name,
                           size_t name_len)
{
    uint64_t hash;
    char err[512];
    if (!upload_journal_hash_file(file, &hash, err, sizeof err)) {
        if (!resume)
            return true; /* a pipe: uploaded without a journal, not resumable */
        fprintf(stderr, "dialtop import: --resume: ");
        print_clean(stderr, err);
        fputc('\n', stderr);
        return false;
    }
    if (!upload_journal_path(hash, profile->name, path, path_len)) {
        if (!resume)
            return true; /* no state directory: an upload without a journal */
        fprintf(stderr, "dialtop import: --resume needs XDG_STATE_HOME or HOME to find the "
                        "upload journal\n");
        return false;
    }
    s->journal_path = path;
    s->resume = resume;
    upload_journal_state_t st;
    upload_journal_read(path, &st);
    if (resume && (!s->name || !s->name[0])) {
        snprintf(name, name_len, "%s", st.name);
        s->name = name;
    }
    if (!resume && st.found && st.done) {
        /* a script cannot be asked; it is told */
        fprintf(stderr, "dialtop import: note: this file was already imported to profile ");
        print_clean(stderr, profile->name);
        fprintf(stderr, " (campaign ");
        print_clean(stderr, st.campaign_id);
        fprintf(stderr, "); this makes another campaign\n");
    }
    return true;
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
    if (!json)
        report_webhook(profile, o);
    if (!json && o->created.contacts_rejected)
        report_backend_rejects(o, r);
    if (o->audit_error[0])
        fprintf(stderr, "dialtop import: warning: %s\n", o->audit_error);
    int rc = o->confirmed ? DIALTOP_EXIT_OK : DIALTOP_EXIT_FAILED;
    upload_free(u);
    client_free(c);
    return rc;
}
