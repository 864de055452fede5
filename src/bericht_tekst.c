/* bericht_tekst.c - the words of berichtenverkeer (see bericht_tekst.h).
 * The code-list texts follow the published code lists of iWmo/iJw 3.2
 * (Zorginstituut Nederland), shortened where a case worker reads them. */
#include "bericht_tekst.h"

#include <stdio.h>
#include <string.h>

#include "voorziening_shared.h"

const struct bt_code bt_eenheden[] = {
	{"01", "minuut"}, {"04", "uur"}, {"14", "etmaal"}, {"16", "dagdeel (4 uur)"}, {"82", "stuks (output)"},
	{"83", "euro's"}, {"84", "stuks (inspanning)"}, {NULL, NULL}};
const char *const bt_eenheid_codes[] = {"01", "04", "14", "16", "82", "83", "84", NULL};

const struct bt_code bt_frequenties[] = {
	{"1", "per dag"}, {"2", "per week"}, {"4", "per maand"}, {"6", "totaal binnen de geldigheidsduur"}, {NULL, NULL}};
const char *const bt_frequentie_codes[] = {"1", "2", "4", "6", NULL};

const struct bt_code bt_afwijzing[] = {
	{"1", "Geen wijziging, maar een nieuwe aanvraag"}, {"2", "Past niet binnen het budget"}, {"3", "Geen contract"},
	{"4", "Past niet binnen het contract"}, {"5", "Andere gemeente"}, {"6", "Stapeling"},
	{"7", "Zorginhoudelijke afkeur"}, {"8", "Woonplaatsbeginsel"}, {"9", "Leeftijdsgrens is bereikt"}, {NULL, NULL}};
const char *const bt_afwijzing_codes[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", NULL};

const struct bt_code bt_naamgebruik[] = {
	{"1", "Eigen naam"}, {"2", "Naam van de partner"}, {"3", "Naam van de partner, dan de eigen naam"},
	{"4", "Eigen naam, dan de naam van de partner"}, {NULL, NULL}};
const char *const bt_naamgebruik_codes[] = {"1", "2", "3", "4", NULL};

const struct bt_code bt_geslacht[] = {{"0", "Onbekend"}, {"1", "Man"}, {"2", "Vrouw"}, {NULL, NULL}};
const char *const bt_geslacht_codes[] = {"0", "1", "2", NULL};

const char *const bt_standaard_codes[] = {"iwmo", "ijw", NULL};
const char *const bt_status_codes[] = {"klaar", "fout", "verzonden", "geaccepteerd", "afgekeurd", "verwerkt",
                                       "geweigerd", NULL};
const char *const bt_richting_codes[] = {"uit", "in", NULL};
const char *const bt_soort_codes[] = {"301", "302", "305", "306", "307", "308", "315", "316",
                                      "317", "318", "319", "320", "323", "325", NULL};

static const struct bt_code soorten[] = {
	{"301", "Toewijzing (301)"}, {"302", "Retour toewijzing (302)"}, {"305", "Startbericht (305)"},
	{"306", "Retour startbericht (306)"}, {"307", "Stopbericht (307)"}, {"308", "Retour stopbericht (308)"},
	{"315", "Verzoek om toewijzing (315)"}, {"316", "Retour verzoek om toewijzing (316)"},
	{"317", "Verzoek om wijziging (317)"}, {"318", "Retour verzoek om wijziging (318)"},
	{"319", "Antwoord op verzoek (319)"}, {"320", "Retour antwoord op verzoek (320)"},
	{"323", "Declaratie (323)"}, {"325", "Retour declaratie (325)"}, {NULL, NULL}};

static const struct bt_code statussen[] = {
	{"klaar", "Klaar om te verzenden"}, {"fout", "Niet verzonden: fout"}, {"verzonden", "Verzonden"},
	{"geaccepteerd", "Geaccepteerd"}, {"afgekeurd", "Afgekeurd"}, {"verwerkt", "Verwerkt"},
	{"geweigerd", "Geweigerd"}, {NULL, NULL}};

static const struct bt_code redenen_wijziging[] = {
	{"01", "Administratieve correctie (vervallen)"}, {"02", "Cliënt overleden"}, {"03", "Contractwijziging"},
	{"04", "Herbeoordeling: verlenging"}, {"05", "Herbeoordeling: verkorting"}, {"06", "Uitstroom naar ander domein"},
	{"07", "Verhuizing naar een andere gemeente"}, {"08", "Wijziging leveringsvorm"},
	{"09", "Overstap naar andere aanbieder"}, {"10", "Overgang naar nieuwe bekostiging"},
	{"11", "Gemeentelijke herindeling"}, {"12", "Op verzoek van de aanbieder"}, {"13", "Verwijderd"},
	{"14", "Administratieve correctie"}, {NULL, NULL}};

static const struct bt_code redenen_beeindiging[] = {
	{"02", "Overlijden"}, {"20", "Levering tijdelijk beëindigd"}, {"31", "Volgens plan beëindigd"},
	{"32", "Voortijdig gestopt door de cliënt"}, {"33", "Voortijdig gestopt door de aanbieder"},
	{"34", "Voortijdig gestopt in overleg"}, {"35", "Voortijdig gestopt, externe oorzaak"},
	{"36", "Op initiatief van de gemeente"}, {"37", "In verband met een wijzigingsverzoek"},
	{"38", "Overstap naar andere aanbieder"}, {"39", "Uitstroom naar ander domein"}, {NULL, NULL}};

/* WJ001: the retourcodes our engine gives or a provider may send us. */
static const struct bt_code retourcodes[] = {
	{"0001", "Het bericht is afgekeurd om technische redenen."},
	{"0200", "Geen opmerking: goedgekeurd."},
	{"0233", "Niet beoordeeld."},
	{"0611", "Het ingediende tarief komt niet overeen met het tarief in het contract."},
	{"8001", "De declaratie is volledig toegewezen."},
	{"8021", "Deze prestatie is al eerder ingediend."},
	{"8187", "De prestatie hoort niet bij deze cliënt."},
	{"8848", "De dagtekening ligt na vandaag."},
	{"9019", "Het bericht hoort bij geen bekende toewijzing."},
	{"9056", "De identificatie van het bericht is niet uniek."},
	{"9063", "Er is nog geen eerder bericht ontvangen waar dit op volgt."},
	{"9074", "Er is al een bericht met dezelfde sleutel ontvangen."},
	{"9307", "De begindatum van de prestatie ligt buiten de periode van de toewijzing."},
	{"9308", "De einddatum van de prestatie ligt buiten de periode van de toewijzing."},
	{"9321", "Het gedeclareerde volume is groter dan het toegewezen volume."},
	{"9322", "Alle declaraties samen zijn meer dan het toegewezen volume."},
	{"9332", "Het toewijzingnummer is niet uniek."},
	{"9338", "De prestatie hoort bij geen toegewezen product (toewijzingnummer onbekend)."},
	{"9339", "De productcategorie verschilt van die in de toewijzing."},
	{"9340", "De productcode verschilt van die in de toewijzing."},
	{"9341", "De eenheid past niet bij die in de toewijzing."},
	{"9346", "Het bedrag is niet het volume maal het tarief."},
	{"9369", "De declaraties passen niet binnen het toegewezen budget."},
	{"9374", "Er loopt al een verzoek voor deze cliënt."},
	{"9379", "De referentie van de aanbieder hoort bij geen verzoek."},
	{"9385", "Op deze toewijzing zijn al declaraties goedgekeurd."},
	{"S300", "De gemeentecode is ongeldig."},
	{"S329", "De productcode is ongeldig."},
	{NULL, NULL}};

const char *bt_label(const struct bt_code *t, const char *code)
{
	if (!code)
		return "";
	for (; t->code; t++)
		if (strcmp(t->code, code) == 0)
			return t->label;
	return code;
}

json_t *bt_options(const struct bt_code *t, const char *selected, const char *empty_label)
{
	json_t *out = json_array();
	if (empty_label)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", "", "label", empty_label, "selected",
		                                     !selected || !*selected));
	for (; t->code; t++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", t->code, "label", t->label, "selected",
		                                     selected && strcmp(selected, t->code) == 0));
	return out;
}

const char *bt_soort(const char *soort)
{
	return bt_label(soorten, soort);
}

const char *bt_status(const char *status)
{
	return bt_label(statussen, status);
}

const char *bt_standaard(const char *standaard)
{
	if (!standaard)
		return "";
	return strcmp(standaard, "iwmo") == 0 ? "iWmo" : strcmp(standaard, "ijw") == 0 ? "iJw" : standaard;
}

const char *bt_reden_wijziging(const char *code)
{
	return bt_label(redenen_wijziging, code);
}

const char *bt_reden_beeindiging(const char *code)
{
	return bt_label(redenen_beeindiging, code);
}

const char *bt_retourcode(const char *code)
{
	const char *l = bt_label(retourcodes, code);
	return l == code ? "" : l;
}

json_t *bt_retourcodes(arena *a, const char *lijst)
{
	json_t *out = json_array();
	if (!lijst)
		return out;
	const char *p = lijst;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, " ,");
		if (n == 0)
			break;
		const char *code = arena_printf(a, "%.*s", (int)n, p);
		p += n;
		if (strcmp(code, "0200") == 0)
			continue;
		const char *t = bt_retourcode(code);
		json_array_append_new(out, json_pack("{s:s, s:s}", "code", code, "tekst",
		                                     *t ? t : "Zie codelijst WJ001 van de standaard."));
	}
	return out;
}

const char *bt_euro(arena *a, long long cents)
{
	return voorziening_fmt_euro(a, cents);
}

const char *bt_parse_euro(const char *s, long long max_cents, long long *cents)
{
	static const char bad[] = "Vul een bedrag in euro in, zoals 12,50.";
	if (strncmp(s, "\xE2\x82\xAC", 3) == 0) /* the euro sign */
		s += 3;
	while (*s == ' ')
		s++;
	if (*s == '-')
		return "Het bedrag kan niet negatief zijn.";
	const char *sep = strrchr(s, ',');
	const char *dot = strchr(s, '.');
	if (!sep && dot && dot == strrchr(s, '.') && strlen(dot + 1) <= 2)
		sep = dot;
	long long whole = 0;
	int digits = 0;
	for (const char *p = s; *p && p != sep; p++) {
		if (*p == '.' && p != s)
			continue;
		if (*p < '0' || *p > '9')
			return bad;
		if (++digits > 9)
			return "Dit bedrag is te hoog.";
		whole = whole * 10 + (*p - '0');
	}
	long long frac = 0;
	if (sep) {
		size_t n = strlen(sep + 1);
		if (n == 0 || n > 2 || strspn(sep + 1, "0123456789") != n)
			return "Vul hoogstens twee cijfers achter de komma in, zoals 12,50.";
		frac = (sep[1] - '0') * 10 + (n == 2 ? sep[2] - '0' : 0);
	}
	if (digits == 0)
		return bad;
	*cents = whole * 100 + frac;
	if (*cents > max_cents)
		return "Dit bedrag is te hoog.";
	return NULL;
}

const char *bt_omvang(arena *a, long long volume, const char *eenheid, const char *frequentie)
{
	const char *f = bt_label(bt_frequenties, frequentie);
	if (eenheid && strcmp(eenheid, "83") == 0)
		return arena_printf(a, "%s %s", bt_euro(a, volume), f);
	const char *e = bt_label(bt_eenheden, eenheid);
	if (eenheid && strcmp(eenheid, "04") == 0 && volume != 1)
		e = "uur";
	else if (eenheid && strcmp(eenheid, "01") == 0 && volume != 1)
		e = "minuten";
	else if (eenheid && strcmp(eenheid, "14") == 0 && volume != 1)
		e = "etmalen";
	else if (eenheid && strcmp(eenheid, "16") == 0 && volume != 1)
		e = "dagdelen (4 uur)";
	return arena_printf(a, "%lld %s %s", volume, e, f);
}

/* What to fix, by the place or the words of a finding. */
static const struct {
	const char *waar, *advies;
} adviezen[] = {
	{"Bsn", "Controleer het BSN van de cliënt op de pagina van de persoon (het moet de 11-proef doorstaan)."},
	{"BSN", "Controleer het BSN van de cliënt op de pagina van de persoon (het moet de 11-proef doorstaan)."},
	{"Ontvanger", "Vul bij Beheer, Aanbieders de AGB-code van de aanbieder in (8 cijfers)."},
	{"AGB", "Vul bij Beheer, Aanbieders de AGB-code van de aanbieder in (8 cijfers)."},
	{"Afzender", "De gemeentecode van de installatie klopt niet; vraag de beheerder (LOKET_GEMEENTECODE)."},
	{"Gemeentecode", "De gemeentecode van de installatie klopt niet; vraag de beheerder (LOKET_GEMEENTECODE)."},
	{"Product", "Controleer de productcategorie en productcode bij Beheer, Producten en kies het juiste product."},
	{"Geboortedatum", "Controleer de geboortedatum van de cliënt op de pagina van de persoon."},
	{"Postcode", "Controleer het adres van het huishouden (postcode als 1234 AB)."},
	{"Huisnummer", "Controleer het adres van het huishouden (huisnummer)."},
	{"Adres", "Controleer het adres van het huishouden."},
	{"Naam", "Controleer de naam en voorletters van de cliënt op de pagina van de persoon."},
	{"Voorletters", "Controleer de voorletters van de cliënt op de pagina van de persoon."},
	{"Omvang", "Controleer de omvang (volume, eenheid en frequentie) van de voorziening."},
	{"Volume", "Controleer de omvang (volume, eenheid en frequentie) van de voorziening."},
	{"Einddatum", "Controleer de ingangs- en einddatum van de voorziening."},
	{"Ingangsdatum", "Controleer de ingangs- en einddatum van de voorziening."},
};

json_t *bt_fout_advies(arena *a, const char *reden)
{
	json_t *out = json_array();
	if (!reden)
		return out;
	const char *vorig = NULL; /* the same advice twice in a row is given once */
	const char *p = reden;
	while (*p) {
		size_t n = strcspn(p, "\n");
		const char *regel = arena_printf(a, "%.*s", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
		if (!*regel)
			continue;
		const char *advies = "Controleer de gegevens van de voorziening, de cliënt en de aanbieder, en sla de "
		                     "voorziening opnieuw op; dan wordt het bericht opnieuw gemaakt.";
		for (size_t i = 0; i < ARRAY_LEN(adviezen); i++)
			if (strstr(regel, adviezen[i].waar)) {
				advies = adviezen[i].advies;
				break;
			}
		json_t *item = json_pack("{s:s}", "tekst", regel);
		if (!vorig || strcmp(vorig, advies) != 0)
			json_object_set_new(item, "advies", json_string(advies));
		vorig = advies;
		json_array_append_new(out, item);
	}
	return out;
}
