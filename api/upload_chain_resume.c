/* The resume side of the big-list chain: carrying on from what the
 * journal says, and a create whose reply was lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "upload_chain_priv.h"

static void on_found(api_campaign_page_t *page, const api_error_t *err, void *ud);

void chain_find(upload_chain_t *ch)
{
    ch->op = client_list_campaigns(ch->c, NULL, NULL, on_found, ch);
}

/* A campaign of the same name on the newest page is what the lost create
 * may have made: say so and send nothing. None: the provider refused it
 * before making anything (a 5xx, a dropped connection), create it now. */
static void on_found(api_campaign_page_t *page, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (err && chain_wait_rate(ch, err)) {
        chain_find(ch);
        return;
    }
    if (err) {
        snprintf(ch->note, sizeof ch->note, "could not check whether the earlier create made "
                 "\"%s\": look for it in the list", ch->spec->name);
        chain_finish(ch, err);
        return;
    }
    char found[128] = "";
    for (size_t i = 0; i < page->n && !found[0]; i++)
        if (page->items[i].name && strcmp(page->items[i].name, ch->spec->name) == 0)
            snprintf(found, sizeof found, "%s", page->items[i].id ? page->items[i].id : "?");
    api_campaign_page_free(page);
    free(page);
    if (found[0]) {
        api_error_t e;
        api_error_set(&e, API_ERR_VALIDATION, 0, "campaign %s, named \"%s\", may be what the "
                      "earlier create made (its reply was lost): check it, cancel it if it "
                      "holds part of the list, then import without --resume", found,
                      ch->spec->name);
        chain_finish(ch, &e);
        return;
    }
    ch->finding = false;
    chain_send_create(ch, 0);
}

bool chain_resume_from(upload_chain_t *ch, const upload_journal_state_t *r, api_error_t *e)
{
    if (r->done)
        return api_error_set(e, API_ERR_VALIDATION, 0, "this upload already finished "
                             "(campaign %s): nothing to resume", r->campaign_id);
    if (!r->created && !r->creating)
        return api_error_set(e, API_ERR_VALIDATION, 0, "the earlier run created nothing: "
                             "import without --resume");
    if (r->contacts != ch->spec->ncontacts)
        return api_error_set(e, API_ERR_VALIDATION, 0, "the list now reads as %zu contacts, "
                             "the interrupted upload had %zu: give the same import options",
                             ch->spec->ncontacts, r->contacts);
    if (!r->created) {
        /* the create went out and its reply was lost: look before making one */
        ch->finding = true;
        return true;
    }
    snprintf(ch->created.id, sizeof ch->created.id, "%s", r->campaign_id);
    ch->created.state = r->draft ? CAMPAIGN_DRAFT : CAMPAIGN_UNKNOWN;
    ch->created.contacts_accepted = r->accepted;
    ch->created.contacts_rejected = r->rejected;
    ch->draft = r->draft;
    ch->started = r->started;
    ch->held = r->held;
    ch->released = r->started;
    snprintf(ch->hold_when, sizeof ch->hold_when, "%s", r->hold_when);
    if (r->held && r->hold_zone[0])
        snprintf(ch->zone, sizeof ch->zone, "%s", r->hold_zone);
    ch->acked = r->acked;
    /* The chunk the journal says was going out may or may not have
     * landed: the read-back settles it (and checks the count anyway). */
    ch->send_last = r->sending ? r->send_last : r->acked;
    return true;
}
