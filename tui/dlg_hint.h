/* The key lines inside dialogs ("Enter review  Tab/Up/Down field  ^U
 * clear  Esc close"), and every other sentence on the screen that names a
 * key (the status line's "Esc stops", a field's "Tab completes"), made
 * from the keymap (keymap.h) as the footer, the help screen and README's
 * key table are: the code names commands, never keys, so a key moved in
 * keymap.h moves in every mention, and a mention can only offer a key
 * that does what it says in its scope (test_dlg_hint checks every line
 * below against the keymap).
 *
 * Owns the text of every such line. A template is printf text in which
 * {name} stands for the first key the command `name` (keymap.h's names)
 * has in the line's scope; {name=Label} for that command's key named
 * Label, when the line shows another one than the first (Up/Down for
 * up/down, whose first keys are k/j); {clear-field} for the text fields'
 * clear key (textedit.h). `args` lists the printf conversions the
 * template takes, in order, for the test to check. */
#ifndef DIALTOP_DLG_HINT_H
#define DIALTOP_DLG_HINT_H

#include <stddef.h>

#include "dlg_box.h"
#include "keymap.h"

/*  X(id, scope, args, template) */
#define DLG_HINTS(X)                                                                             \
    /* the filter prompt on the status line */                                                   \
    X(HINT_PROMPT, MODAL_BIT_TEXT, "",                                                           \
      "{submit} keep  {cancel} cancel  {clear-field} clear")                                     \
    /* the import (i), step by step */                                                           \
    X(HINT_IMPORT_PATH, MODAL_BIT_PICK, "",                                                      \
      "{submit} read  {complete} complete  {clear-field} clear  {cancel} close")                 \
    X(HINT_IMPORT_READING, MODAL_BIT_PREVIEW, "",                                                \
      "{cancel} stop reading and close")                                                         \
    X(HINT_IMPORT_FAILED, MODAL_BIT_PREVIEW, "",                                                 \
      "{submit} another file  {cancel} close")                                                   \
    X(HINT_IMPORT_PREVIEW, MODAL_BIT_PREVIEW, "",                                                \
      "{submit} validation report  {back} file  {cancel} close")                                 \
    X(HINT_IMPORT_OPTIONS, MODAL_BIT_PREVIEW, "sss",                                             \
      "{delimiter} delimiter (%s)  {encoding} encoding (%s)  {phone-column} phone column  "      \
      "{redetect} detect all  {premium} premium numbers (%s)")                                   \
    X(HINT_IMPORT_REGION, MODAL_BIT_PREVIEW, "s",                                                \
      "{region} region for numbers without a country code (%s)")                                \
    X(HINT_IMPORT_NO_PHONE, MODAL_BIT_PREVIEW, "",                                               \
      "{phone-column} takes the phone numbers from a column you choose (column 1, then "         \
      "{phone-column} again for the next)")                                                      \
    X(HINT_IMPORT_BROWSE, MODAL_BIT_LIST, "",                                                    \
      "{up=Up}/{down=Down} {page-up}/{page-down} {top}/{bottom} browse  {write-rejects} write "  \
      "rejected rows to a CSV")                                                                  \
    X(HINT_IMPORT_REPORT, MODAL_BIT_LIST, "ld",                                                  \
      "{submit} settings (uploads the %ld accepted)  {back} preview  {cancel} close")            \
    X(HINT_IMPORT_NONE_ACCEPTED, MODAL_BIT_LIST, "",                                             \
      "no contact accepted, nothing to upload  {back} preview  {cancel} close")                  \
    X(HINT_IMPORT_SETTINGS, MODAL_BIT_FORM, "",                                                  \
      "{submit} review  {complete}/{prev-field}/{next-field} field  {clear-field} clear  "       \
      "{cancel} close, nothing uploaded")                                                        \
    /* the follow-up (F) */                                                                      \
    X(HINT_FOLLOWUP_STATES, MODAL_BIT_PICK, "",                                                  \
      "{submit} read the contacts  {clear-field} clear  {cancel} close")                         \
    X(HINT_FOLLOWUP_READING, MODAL_BIT_CONFIRM, "",                                              \
      "{cancel} stop and close, nothing created")                                                \
    X(HINT_FOLLOWUP_SETTINGS, MODAL_BIT_FORM, "",                                                \
      "{submit} review  {complete}/{prev-field}/{next-field} field  {clear-field} clear  "       \
      "{cancel} close, nothing created")                                                         \
    /* both, on the step where the profile is chosen */                                          \
    X(HINT_PICK_PROFILE, MODAL_BIT_PICK, "",                                                     \
      "{prev-profile}/{next-profile} another profile")                                           \
    /* both: the review, and the upload's end */                                                 \
    X(HINT_REVIEW, MODAL_BIT_CONFIRM, "",                                                        \
      "{submit} create  any other key back to the settings")                                     \
    X(HINT_REVIEW_TITLE, MODAL_BIT_CONFIRM, "",                                                  \
      "Review: nothing is sent until {submit}")                                                  \
    X(HINT_REVIEW_ASK, MODAL_BIT_CONFIRM, "",                                                    \
      "create it anyway? {yes} creates, any other key goes back")                                \
    X(HINT_UPLOAD_RETRY, MODAL_BIT_CONFIRM, "",                                                  \
      "{submit} back to the settings  any other key closes")                                     \
    X(HINT_UPLOAD_DONE, MODAL_BIT_CONFIRM, "",                                                   \
      "any key closes")                                                                          \
    /* a settings form's zone field (import, follow-up) */                                       \
    X(HINT_FORM_ZONE, MODAL_BIT_FORM, "",                                                        \
      "IANA zone for the start and the working hours; {complete} completes")                     \
    /* the follow-up on a read-only profile: F again, then another profile */                    \
    X(HINT_PROFILE_KEYS, MODAL_BIT_PICK, "",                                                     \
      "{prev-profile}/{next-profile}")                                                           \
    X(HINT_FOLLOWUP_READ_ONLY, VIEW_BIT_CONTACTS, "ss",                                          \
      "profile %s is read-only: nothing can be created there ({followup} again, and %s on the "  \
      "first step for another)")                                                                 \
    /* the action dialogs */                                                                     \
    X(HINT_BULK, MODAL_BIT_CONFIRM, "ss",                                                        \
      "{yes} = %s %s   any other key = nothing sent")                                            \
    X(HINT_CANCEL_ONE, MODAL_BIT_CONFIRM, "",                                                    \
      "{yes} = cancel it   any other key = keep (No)")                                           \
    X(HINT_CANCEL_MANY, MODAL_BIT_TEXT, "zu",                                                    \
      "type %zu and {submit} = cancel them all   any other key = keep (No)")                     \
    X(HINT_TUNE, MODAL_BIT_FORM, "",                                                             \
      "{submit} = send   {cancel} = close, nothing sent")                                        \
    X(HINT_TUNE_FIELDS, MODAL_BIT_FORM, "",                                                      \
      "{submit} = send   {complete} = next field   {cancel} = close, nothing sent")              \
    X(HINT_RESCHEDULE, MODAL_BIT_FORM | MODAL_BIT_SCHEDULE, "",                                  \
      "{submit} reschedule  {complete} next field / complete zone  {clear-field} clear  "        \
      "{cancel} close")                                                                          \
    X(HINT_RESCHEDULE_PAUSE, MODAL_BIT_FORM | MODAL_BIT_SCHEDULE, "",                            \
      "  {pause-first} pauses first, then {submit} reschedules")                                 \
    X(HINT_RESCHEDULE_PAUSED, MODAL_BIT_FORM | MODAL_BIT_SCHEDULE, "s",                          \
      "paused %s (confirmed): {submit} reschedules")                                             \
    X(HINT_RESCHEDULE_NOT_PAUSED, MODAL_BIT_FORM | MODAL_BIT_SCHEDULE, "",                       \
      "pause it first ({pause-first})")                                                          \
    X(HINT_WINDOW, MODAL_BIT_FORM, "",                                                           \
      "{submit} send  {complete}/{prev-field}/{next-field} field ({complete} completes a zone) " \
      " {clear-field} clear  {cancel} close")                                                    \
    X(HINT_WINDOW_BUSY, MODAL_BIT_FORM, "",                                                      \
      "{cancel} close")                                                                          \
    X(HINT_WINDOW_NO_DETAILS, MODAL_BIT_FORM, "",                                                \
      "nothing can be sent without them; {cancel} closes")                                       \
    X(HINT_WINDOW_OFFER, MODAL_BIT_FORM, "ss",                                                   \
      "%s changes a window only while scheduled or paused: {submit} does %s")                    \
    X(HINT_WINDOW_ZONE, MODAL_BIT_FORM, "",                                                      \
      "IANA, {complete} completes")                                                              \
    /* outside the dialogs: the views and the status line */                                     \
    X(HINT_TOO_SMALL, VIEW_BIT_CAMPAIGNS, "",                                                    \
      "enlarge the window, or {quit} to quit")                                                   \
    X(HINT_CLEAR_AGAIN, VIEW_BIT_CAMPAIGNS, "",                                                  \
      "; {clear} again unmarks")                                                                 \
    X(HINT_ACKNOWLEDGED, VIEW_BITS_ALL, "zus",                                                   \
      "%zu alert%s acknowledged (kept in the message log, {log})")                               \
    X(HINT_ALERT, VIEW_BITS_ALL, "sss",                                                          \
      " ALERT %s %s%s  ({acknowledge} acknowledges, {log} shows all)")                           \
    X(HINT_NO_MATCH, VIEW_BIT_CAMPAIGNS, "",                                                     \
      "no campaign matches the filter ({filter} to change, {clear} to clear)")                   \
    X(HINT_STOP_LOADING, VIEW_BIT_CONTACTS, "",                                                  \
      "{back} stops")                                                                            \
    X(HINT_HELP_CLOSE, VIEW_BIT_HELP, "",                                                        \
      "Mouse: click selects a row, the wheel scrolls. {back} or {quit} closes this help.")

typedef enum {
#define DLG_HINT_ENUM(id, ...) id,
    DLG_HINTS(DLG_HINT_ENUM)
#undef DLG_HINT_ENUM
    DLG_HINT_COUNT
} dlg_hint_id_t;

typedef struct {
    unsigned scope;
    const char *args;
    const char *text;
} dlg_hint_info_t;

const dlg_hint_info_t *dlg_hint_info(dlg_hint_id_t id);

/* The template with every key filled in (still printf text: a '%' in a
 * key's label is doubled). A key the keymap does not give the command in
 * the line's scope shows as "?" (the test fails on it). */
const char *dlg_hint_template(dlg_hint_id_t id, char *buf, size_t len);

/* The finished line: the template's keys, then its printf arguments. */
const char *dlg_hint_format(char *buf, size_t len, dlg_hint_id_t id, ...);

/* dlg_lines_add() of the finished line. */
void dlg_hint_add(dlg_lines_t *l, attr_t a, dlg_hint_id_t id, ...);

#endif
