/* The settings and review steps of the creating dialogs (see
 * dlg_create.h). */
#include "dlg_create.h"

#include <curses.h>
#include <time.h>

#include "theme.h"

void dlg_create_settings_lines(dlg_lines_t *l, const import_form_t *form, dlg_hint_id_t hint)
{
    dlg_lines_add(l, A_NORMAL, "%s", "");
    import_form_lines(form, time(NULL), l);
    dlg_lines_add(l, A_NORMAL, "%s", "");
    dlg_hint_add(l, theme_attr(ROLE_KEY), hint);
    if (form->msg[0])
        dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "%s", form->msg);
}

void dlg_create_review_lines(dlg_lines_t *l, const import_review_t *v, const char *why,
                             bool asking, int width)
{
    if (v)
        import_review_lines(v, width, l);
    else
        dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "%s", why);
    if (asking)
        dlg_hint_add(l, theme_attr(ROLE_STATUS_WARN), HINT_REVIEW_ASK);
    else
        dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_REVIEW);
}

dlg_create_next_t dlg_create_review_key(bool *asking, keymap_cmd_t cmd,
                                        dlg_create_review_fn review, void *ud)
{
    if (*asking) {
        *asking = false;
        return cmd == CMD_YES ? DLG_CREATE_UPLOAD : DLG_CREATE_BACK;
    }
    upload_settings_t s;
    import_review_t v;
    if (cmd != CMD_SUBMIT || !review(ud, &s, &v))
        return DLG_CREATE_BACK;
    if (!import_review_must_ask(&v))
        return DLG_CREATE_UPLOAD;
    *asking = true;
    return DLG_CREATE_WAIT;
}
