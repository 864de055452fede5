/* bericht_pagina.c - berichtenverkeer as the pages show it (see
 * bericht_pagina.h). */
#include "bericht_pagina.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bericht_tekst.h"
#include "db_bericht.h"
#include "form.h"

static const char *s_of(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t n_of(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Sets o[k] to v; an empty or absent v removes k, so a template's
 * {{#k}} section is left out. */
static void set_s(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, json_string(v));
	else
		json_object_del(o, k);
}

static const char *datum_nl(arena *a, const char *iso)
{
	if (!iso || !*iso)
		return "";
	char out[11];
	fmt_date_nl(iso, out);
	return arena_strdup(a, out);
}

static const char *tijd_nl(arena *a, int64_t t)
{
	if (t <= 0)
		return "";
	char out[20];
	fmt_datetime_nl(t, out);
	return arena_strdup(a, out);
}

void bericht_woorden(arena *a, json_t *row, const char *today)
{
	const char *soort = s_of(row, "soort"), *status = s_of(row, "status");
	const char *richting = s_of(row, "richting");
	set_s(row, "soort_label", soort ? bt_soort(soort) : "Onbekend bericht");
	set_s(row, "status_label", bt_status(status));
	set_s(row, "standaard_label", bt_standaard(s_of(row, "standaard")));
	bool in = richting && strcmp(richting, "in") == 0;
	set_s(row, "richting_label", in ? "Ontvangen" : "Verzonden door ons");
	set_s(row, "datum", tijd_nl(a, n_of(row, "ontvangen_op")));
	set_s(row, "verzonden_datum", tijd_nl(a, n_of(row, "verzonden_op")));
	set_s(row, "dagtekening_nl", datum_nl(a, s_of(row, "dagtekening")));
	json_t *codes = bt_retourcodes(a, s_of(row, "retourcodes"));
	json_object_set_new(row, "has_retourcodes", json_boolean(json_array_size(codes) > 0));
	json_object_set_new(row, "retourcodes_lijst", codes);
	bool fout = status && strcmp(status, "fout") == 0;
	json_object_set_new(row, "is_fout", json_boolean(fout));
	json_object_set_new(row, "is_geweigerd", json_boolean(status && strcmp(status, "geweigerd") == 0));
	json_object_set_new(row, "is_afgekeurd", json_boolean(status && strcmp(status, "afgekeurd") == 0));
	json_object_set_new(row, "is_in", json_boolean(in));
	if (fout)
		json_object_set_new(row, "fout_lijst", bt_fout_advies(a, s_of(row, "reden")));
	const char *termijn = s_of(row, "termijn");
	const char *retour_status = s_of(row, "retour_status");
	bool beantwoord = retour_status && strcmp(retour_status, "klaar") != 0;
	if (in && termijn && *termijn && !beantwoord) {
		set_s(row, "termijn_nl", datum_nl(a, termijn));
		json_object_set_new(row, "te_laat", json_boolean(today && strcmp(termijn, today) < 0));
	}
	set_s(row, "href", arena_printf(a, "/berichten/%" PRId64, n_of(row, "id")));
	if (!s_of(row, "aanbieder"))
		set_s(row, "aanbieder", s_of(row, "afzender") ? s_of(row, "afzender") : "");
}

void bericht_woorden_lijst(arena *a, json_t *rows, const char *today)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		bericht_woorden(a, row, today);
}

/* Why no message goes for this voorziening, or NULL when they do. */
static const char *geen_bericht(arena *a, const struct tw_bron *b, const char *standaard)
{
	if (b->geen_berichten)
		return arena_printf(a, "Er gaan geen berichten over deze cliënt: de regisseur heeft 'geen berichtenverkeer' "
		                       "vastgelegd (OP003), met als reden: %s",
		                    b->geen_berichten);
	if (!b->persoon_id)
		return "Er gaat geen bericht: de voorziening is voor het hele huishouden. Een toewijzing is voor één cliënt; "
		       "kies bij Voorziening wijzigen voor wie ze is.";
	if (!b->aanbieder_id)
		return "Er gaat geen bericht: de voorziening heeft geen aanbieder.";
	if (!b->agb || !*b->agb)
		return "Er gaat geen bericht: de aanbieder heeft geen AGB-code. Vul die in bij Beheer, Aanbieders.";
	bool wmo = strcmp(standaard, "iwmo") == 0;
	if (wmo ? !b->ontvangt_iwmo : !b->ontvangt_ijw)
		return wmo ? "Er gaat geen bericht: de aanbieder ontvangt geen iWmo-berichten (Beheer, Aanbieders)."
		           : "Er gaat geen bericht: de aanbieder ontvangt geen iJw-berichten (Beheer, Aanbieders).";
	if (!b->bsn || !*b->bsn)
		return "Er gaat geen bericht: de cliënt heeft geen BSN. Vul het BSN in op de pagina van de persoon.";
	if (!b->categorie)
		return "Er gaat geen bericht: de voorziening heeft geen product.";
	return NULL;
}

enum db_status bericht_voorziening_to_page(arena *a, db *d, const json_t *row, json_t *data)
{
	const char *grondslag = s_of(row, "wettelijke_grondslag"), *soort = s_of(row, "soort");
	const char *standaard = grondslag && strcmp(grondslag, "wmo2015") == 0    ? "iwmo"
	                        : grondslag && strcmp(grondslag, "jeugdwet") == 0 ? "ijw"
	                                                                          : NULL;
	if (!standaard || !soort || strcmp(soort, "maatwerk") != 0)
		return DB_OK;
	int64_t v = n_of(row, "id");
	struct tw_bron b;
	enum db_status s = db_tw_bron(d, a, v, &b);
	if (s != DB_OK)
		return s;
	json_object_set_new(data, "berichtenverkeer", json_true());
	set_s(data, "bv_standaard", bt_standaard(standaard));
	const char *geen = geen_bericht(a, &b, standaard);
	if (geen)
		set_s(data, "bv_geen", geen);
	json_t *tws = db_bericht_toewijzingen(d, v);
	size_t i;
	json_t *t;
	json_array_foreach(tws, i, t) {
		set_s(t, "periode", arena_printf(a, "%s tot en met %s", datum_nl(a, s_of(t, "ingangsdatum")),
		                                 datum_nl(a, s_of(t, "einddatum"))));
		set_s(t, "omvang", bt_omvang(a, n_of(t, "volume"), s_of(t, "eenheid"), s_of(t, "frequentie")));
		set_s(t, "product", arena_printf(a, "%s %s", s_of(t, "categorie"), s_of(t, "code")));
		if (s_of(t, "reden_wijziging"))
			set_s(t, "reden_wijziging_label", bt_reden_wijziging(s_of(t, "reden_wijziging")));
		set_s(t, "gestart_nl", datum_nl(a, s_of(t, "gestart_op")));
		set_s(t, "gestopt_nl", datum_nl(a, s_of(t, "gestopt_op")));
		if (s_of(t, "reden_beeindiging"))
			set_s(t, "reden_beeindiging_label", bt_reden_beeindiging(s_of(t, "reden_beeindiging")));
		const char *e = s_of(t, "eenheid");
		int64_t dv = n_of(t, "gedeclareerd_volume");
		set_s(t, "gedeclareerd_volume_tekst",
		      e && strcmp(e, "83") == 0 ? bt_euro(a, dv)
		                                : arena_printf(a, "%" PRId64 " %s", dv, bt_label(bt_eenheden, e)));
		set_s(t, "gedeclareerd_bedrag", bt_euro(a, n_of(t, "gedeclareerd_centen")));
		json_object_set_new(t, "is_actueel", json_boolean(n_of(t, "actueel") == 1));
		json_object_set_new(t, "is_gewijzigd", json_boolean(n_of(t, "gewijzigd") == 1));
	}
	json_object_set_new(data, "bv_has_toewijzingen", json_boolean(json_array_size(tws) > 0));
	json_object_set_new(data, "bv_toewijzingen", tws);

	char today[11];
	date_today(today);
	struct bericht_filter f = {.voorziening_id = v, .limit = 200};
	json_t *msgs = db_bericht_list(d, &f);
	/* In order: oldest first. */
	json_t *ordered = json_array();
	for (size_t k = json_array_size(msgs); k-- > 0;)
		json_array_append(ordered, json_array_get(msgs, k));
	json_decref(msgs);
	bericht_woorden_lijst(a, ordered, today);
	json_object_set_new(data, "bv_has_berichten", json_boolean(json_array_size(ordered) > 0));
	json_object_set_new(data, "bv_berichten", ordered);

	json_t *decl = db_bericht_declaraties(d, v);
	json_array_foreach(decl, i, t) {
		set_s(t, "periode", arena_printf(a, "%s tot en met %s", datum_nl(a, s_of(t, "begindatum")),
		                                 datum_nl(a, s_of(t, "einddatum"))));
		const char *e = s_of(t, "eenheid");
		set_s(t, "volume_tekst", e && strcmp(e, "83") == 0 ? bt_euro(a, n_of(t, "volume"))
		                                                   : arena_printf(a, "%" PRId64 " %s", n_of(t, "volume"),
		                                                                  bt_label(bt_eenheden, e)));
		set_s(t, "bedrag", bt_euro(a, n_of(t, "bedrag_centen")));
		json_object_set_new(t, "is_goedgekeurd", json_boolean(n_of(t, "goedgekeurd") == 1));
		json_t *codes = bt_retourcodes(a, s_of(t, "retourcodes"));
		json_object_set_new(t, "retourcodes_lijst", codes);
	}
	json_object_set_new(data, "bv_has_declaraties", json_boolean(json_array_size(decl) > 0));
	json_object_set_new(data, "bv_declaraties", decl);
	return DB_OK;
}

void verzoek_woorden(arena *a, json_t *row)
{
	const char *soort = s_of(row, "soort"), *status = s_of(row, "status");
	set_s(row, "soort_label", bt_soort(soort));
	set_s(row, "status_label", !status                             ? ""
	                           : strcmp(status, "open") == 0      ? "Wacht op een besluit"
	                           : strcmp(status, "toegekend") == 0 ? "Toegekend"
	                                                              : "Afgewezen");
	json_object_set_new(row, "open", json_boolean(status && strcmp(status, "open") == 0));
	if (s_of(row, "reden_afwijzing"))
		set_s(row, "reden_label", bt_label(bt_afwijzing, s_of(row, "reden_afwijzing")));
	set_s(row, "ontvangen_nl", tijd_nl(a, n_of(row, "ontvangen_op")));
	set_s(row, "beslist_nl", tijd_nl(a, n_of(row, "beslist_op")));
	json_t *lijst = s_of(row, "inhoud") ? json_loads(s_of(row, "inhoud"), 0, NULL) : NULL;
	json_t *out = json_array();
	size_t i;
	json_t *p;
	json_array_foreach(lijst, i, p) {
		const char *wat = s_of(p, "soort");
		json_t *o = json_object();
		set_s(o, "wat", wat && strcmp(wat, "wijzigen") == 0 ? "Wijziging van een toewijzing" : "Nieuw product");
		set_s(o, "product", s_of(p, "categorie") ? arena_printf(a, "%s %s", s_of(p, "categorie"),
		                                                        s_of(p, "code") ? s_of(p, "code") : "(alleen categorie)")
		                                         : "");
		set_s(o, "toewijzingnummer", s_of(p, "toewijzingnummer"));
		const char *b = s_of(p, "ingangsdatum"), *e = s_of(p, "einddatum");
		set_s(o, "periode", b && e   ? arena_printf(a, "%s tot en met %s", datum_nl(a, b), datum_nl(a, e))
		                    : b      ? arena_printf(a, "vanaf %s", datum_nl(a, b))
		                    : e      ? arena_printf(a, "tot en met %s", datum_nl(a, e))
		                             : "");
		const char *vol = s_of(p, "volume");
		set_s(o, "omvang", vol ? bt_omvang(a, atoll(vol), s_of(p, "eenheid"), s_of(p, "frequentie")) : "");
		if (s_of(p, "budget"))
			set_s(o, "budget", bt_euro(a, atoll(s_of(p, "budget"))));
		json_array_append_new(out, o);
	}
	json_decref(lijst);
	json_object_set_new(row, "producten", out);
}
