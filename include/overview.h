/* overview.h - the household page ("what is going on here and who is on
 * it") is assembled from the modules that own each part.  Each fill
 * function adds its keys to the page data and returns a db_status; the
 * caller has already checked access and audits the view once.
 *
 * Keys (all values are JSON; dates ISO "YYYY-MM-DD" plus a "_nl" variant
 * "22-11-2026" for display):
 *
 * overview_fill_household (src/huishouden_form.c):
 *   "huishouden": {id, street, house_number, house_suffix?, postcode, city,
 *                  address (one line), gebied?, status, status_label,
 *                  opened_nl, version, regisseur_id?, regisseur?}
 *   "personen":   [{id, name, first_name, name_prefix?, last_name,
 *                   birth_date, birth_date_nl, age, role, role_label,
 *                   phone?, email?, has_bsn}]
 *   "aanmeldingen_open": [{id, question, channel_label, medium_label,
 *                   urgency, urgency_label, safety_concern, received_nl,
 *                   age_days, referrer?}]  (open ones, queue order)
 *   Partials: overzicht-leden.mustache, overzicht-aanmeldingen.mustache.
 *
 * overview_fill_care (src/overzicht_zorg.c):
 *   "netwerk":  [{id, name, relation_label, circle, circle_label, can_do?}]
 *   "diagram":  data for the kringenmodel SVG (partial netwerk-diagram)
 *   "intake":   the latest intake summary, absent when none:
 *               {id, held_nl, question_behind, strengths?, safety_concern,
 *                expertises: [name], scores: [{person, domains: [...]}]}
 *   "journaal": [{id, kind_label, entry_nl, author, body, edited?, ...}]
 *               newest first, at most 50
 *   "toestemmingen": [{id, person, party, given_nl, withdrawn_nl?, how_label, active}]
 *   Partials: overzicht-netwerk.mustache, overzicht-intake.mustache,
 *             overzicht-journaal.mustache, overzicht-toestemming.mustache.
 */
#ifndef LOKET_OVERVIEW_H
#define LOKET_OVERVIEW_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

enum db_status overview_fill_household(struct req *r, db *d, int64_t hh, json_t *data);
enum db_status overview_fill_care(struct req *r, db *d, int64_t hh, json_t *data);

/* Issue 4.  overview_fill_plan (src/plan_shared.c): "plan" summary
 * {id, status, status_label, version_no, next_evaluation?,
 * next_evaluation_nl?, goals: [...]} and
 * "afspraken_overdue" [...]; partial overzicht-plan.mustache.
 * overview_fill_voorzieningen (src/voorziening_shared.c): "voorzieningen"
 * [...]; partial overzicht-voorzieningen.mustache.
 * zrm_progress_fill (src/zrm_voortgang.c): "voortgang", the ZRM
 * progress per domain from intake through each evaluation, for the
 * partial zrm-voortgang.mustache (SVG chart with a text alternative). */
enum db_status overview_fill_plan(struct req *r, db *d, int64_t hh, json_t *data);
enum db_status overview_fill_voorzieningen(struct req *r, db *d, int64_t hh, json_t *data);
enum db_status zrm_progress_fill(struct req *r, db *d, int64_t hh, json_t *data);

/* For the pages of a household's contents: "closed" (true/false) in data,
 * and when closed "closed_nl", "closed_reason_label" and "heropenen_href",
 * so the page shows the status and no change actions.  Returns a
 * db_status (src/afgesloten.c). */
enum db_status heropenen_to_page(struct req *r, db *d, int64_t hh, json_t *data);

#endif
