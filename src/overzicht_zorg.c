/* overzicht_zorg.c - the care part of the household page (overview_fill_care,
 * include/overview.h): the network with the kringenmodel, drawn as SVG by
 * the template netwerk-diagram from coordinates computed here; the
 * journal's timeline; the consents; and the latest intake.  Also what
 * their own pages show too (include/overzicht_zorg.h): the network with its
 * diagram (src/handlers/netwerk.c) and the page data of one journal entry
 * and one consent (src/handlers/journaal.c, toestemming.c). */
#include <math.h>
#include <string.h>

#include "care.h"
#include "db_intake.h"
#include "db_journaal.h"
#include "db_netwerk.h"
#include "db_toestemming.h"
#include "domain.h"
#include "intake_shared.h"
#include "overview.h"
#include "overzicht_zorg.h"
#include "text.h"

/* ---- the network ----------------------------------------------------------- */

/* Geometry of the kringenmodel: the household in the centre, then one ring
 * per circle of vocab_circle, inside out. */
enum { DIAGRAM_W = 820, DIAGRAM_H = 580, DIAGRAM_CX = 410, DIAGRAM_CY = 290, HOUSEHOLD_R = 46,
       DOT_R = 7, LABEL_GAP = 11, LABEL_CHARS = 18 };
static const int ring_outer[] = {112, 170, 228, 286};

/* s cut to at most max characters (UTF-8), with an ellipsis when cut. */
static const char *short_label(arena *a, const char *s, size_t max)
{
	size_t chars = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if ((*p & 0xC0) != 0x80 && chars++ == max)
			return arena_printf(a, "%.*s…", (int)((const char *)p - s), s);
	}
	return s;
}

/* The diagram's data: rings with their labels, members placed evenly on
 * the middle of their ring (each ring starts at its own angle so names on
 * neighbouring rings do not line up), and per circle the list that is the
 * diagram's text alternative.  New reference. */
static json_t *diagram_json(arena *a, const struct netwerklid *m, size_t n)
{
	enum { NCIRCLES = ARRAY_LEN(ring_outer) };
	size_t count[NCIRCLES] = {0}, placed[NCIRCLES] = {0};
	for (size_t i = 0; i < n; i++) {
		int c = vocab_index(&vocab_circle, m[i].circle);
		if (c >= 0 && c < NCIRCLES)
			count[c]++;
	}
	json_t *rings = json_array(), *circles = json_array(), *members = json_array();
	for (int c = NCIRCLES - 1; c >= 0; c--) /* outer rings first: inner ones paint over */
		json_array_append_new(rings, json_pack("{s:i, s:i, s:s, s:i}", "index", c + 1,
		                                       "r", ring_outer[c], "label", vocab_circle.labels[c],
		                                       "label_y", DIAGRAM_CY - ring_outer[c] + 16));
	for (int c = 0; c < NCIRCLES; c++) {
		json_t *list = json_array();
		for (size_t i = 0; i < n; i++)
			if (vocab_index(&vocab_circle, m[i].circle) == c) {
				json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)m[i].id, "name", m[i].name,
				                      "relation_label", vocab_label(&vocab_relation, m[i].relation));
				if (m[i].can_do)
					json_object_set_new(o, "can_do", json_string(m[i].can_do));
				json_array_append_new(list, o);
			}
		json_array_append_new(circles, json_pack("{s:s, s:i, s:b, s:o}", "label", vocab_circle.labels[c],
		                                         "index", c + 1, "has_members", count[c] > 0,
		                                         "members", list));
	}
	for (size_t i = 0; i < n; i++) {
		int c = vocab_index(&vocab_circle, m[i].circle);
		if (c < 0 || c >= NCIRCLES)
			continue;
		int inner = c == 0 ? HOUSEHOLD_R : ring_outer[c - 1];
		double radius = (inner + ring_outer[c]) / 2.0;
		double step = 360.0 / (double)count[c];
		double deg = -90.0 + 25.0 * c + step * ((double)placed[c]++ + 0.5);
		double rad = deg * M_PI / 180.0;
		long x = lround(DIAGRAM_CX + radius * cos(rad));
		long y = lround(DIAGRAM_CY + radius * sin(rad));
		bool right = x >= DIAGRAM_CX;
		json_array_append_new(members, json_pack(
			"{s:I, s:I, s:i, s:I, s:I, s:s, s:s, s:i}", "x", (json_int_t)x, "y", (json_int_t)y,
			"r", DOT_R, "label_x", (json_int_t)(right ? x + LABEL_GAP : x - LABEL_GAP),
			"label_y", (json_int_t)(y + 4), "anchor", right ? "start" : "end",
			"label", short_label(a, m[i].name, LABEL_CHARS), "ring", c + 1));
	}
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:s, s:o, s:o, s:o}", "width", DIAGRAM_W,
	                 "height", DIAGRAM_H, "cx", DIAGRAM_CX, "cy", DIAGRAM_CY, "household_r", HOUSEHOLD_R,
	                 "household_label_y", DIAGRAM_CY + 5, "count_text",
	                 text_count(a, (long long)n, "netwerklid", "netwerkleden"), "rings", rings,
	                 "members", members, "circles", circles);
}

static json_t *member_page_json(const struct netwerklid *m)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)m->id,
	                      "name", m->name, "relation", m->relation,
	                      "relation_label", vocab_label(&vocab_relation, m->relation),
	                      "circle", m->circle, "circle_label", vocab_label(&vocab_circle, m->circle),
	                      "version", (json_int_t)m->version);
	if (m->can_do)
		json_object_set_new(o, "can_do", json_string(m->can_do));
	if (m->phone)
		json_object_set_new(o, "phone", json_string(m->phone));
	return o;
}

/* Each adds its part of the household page to data (include/overview.h);
 * the network's also makes the network page (src/handlers/netwerk.c). */
enum db_status netwerk_fill_overview(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct netwerklid *m;
	size_t n;
	enum db_status s = db_netwerk_list(d, r->arena, hh, &m, &n);
	if (s != DB_OK)
		return s;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, member_page_json(&m[i]));
	json_object_set_new(data, "netwerk", list);
	json_object_set_new(data, "has_netwerk", json_boolean(n > 0));
	json_object_set_new(data, "diagram", diagram_json(r->arena, m, n));
	return DB_OK;
}

/* ---- the journal ------------------------------------------------------------ */

enum { TIMELINE_MAX = 50 }; /* the newest entries the household page shows */

json_t *journaal_entry_page_json(struct req *r, const struct journaal *j)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)j->id, "kind", j->kind,
	                      "kind_label", vocab_label(&vocab_journal_kind, j->kind), "entry_nl", j->entry_nl,
	                      "author", j->author, "body", j->body, "version", (json_int_t)j->version);
	if (j->edited_at)
		json_object_set_new(o, "edited", json_string(care_changed_by(r, j->edited_by, j->edited_at)));
	return o;
}

static enum db_status journaal_fill_overview(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct journaal *j;
	size_t n;
	enum db_status s = db_journaal_timeline(d, r->arena, hh, TIMELINE_MAX, &j, &n);
	if (s != DB_OK)
		return s;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, journaal_entry_page_json(r, &j[i]));
	json_object_set_new(data, "journaal", list);
	json_object_set_new(data, "has_journaal", json_boolean(n > 0));
	return DB_OK;
}

/* ---- consent ---------------------------------------------------------------- */

json_t *toestemming_page_json(const struct toestemming *t)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:I}", "id", (json_int_t)t->id,
	                      "persoon_id", (json_int_t)t->persoon_id, "person", t->person, "party", t->party,
	                      "given_nl", t->given_nl, "how_label", vocab_label(&vocab_consent_how, t->recorded_how),
	                      "active", t->withdrawn_on == NULL, "recorded_by", t->recorded_by,
	                      "version", (json_int_t)t->version);
	if (t->withdrawn_nl)
		json_object_set_new(o, "withdrawn_nl", json_string(t->withdrawn_nl));
	return o;
}

static enum db_status toestemming_fill_overview(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct toestemming *t;
	size_t n;
	enum db_status s = db_toestemming_list(d, r->arena, 0, hh, &t, &n);
	if (s != DB_OK)
		return s;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, toestemming_page_json(&t[i]));
	json_object_set_new(data, "toestemmingen", list);
	json_object_set_new(data, "has_toestemmingen", json_boolean(n > 0));
	return DB_OK;
}

/* ---- the whole care part ------------------------------------------------------ */

enum db_status overview_fill_care(struct req *r, db *d, int64_t hh, json_t *data)
{
	enum db_status s = netwerk_fill_overview(r, d, hh, data);
	if (s == DB_OK)
		s = journaal_fill_overview(r, d, hh, data);
	if (s == DB_OK)
		s = toestemming_fill_overview(r, d, hh, data);
	if (s != DB_OK)
		return s;
	struct intake *latest;
	size_t n;
	if ((s = db_intake_list(d, r->arena, hh, 1, &latest, &n)) != DB_OK)
		return s;
	if (n) {
		json_t *ij = intake_page_json(r, d, latest, true);
		if (!ij)
			return DB_ERROR;
		json_object_set_new(data, "intake", ij);
	}
	return DB_OK;
}
