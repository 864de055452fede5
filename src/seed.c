/* seed.c - `loket seed`: generates a large municipality for benchmarks
 * (see seed.h and docs/performance.md).
 *
 * Every value comes from one xoshiro256** generator seeded from the seed
 * and every time from the reference date, so a run is repeatable.  The
 * households are generated in the order they were opened; each one's
 * whole way through (aanmelding, regie, intake, plan, voorzieningen,
 * closing, journal) is decided up front and written in its final state.
 * The audit rows of those steps lie in the future of the household being
 * written, so they wait in a heap ordered by time and are appended once no
 * later household can have an earlier step: the chain's times never go
 * down. */
#include "seed.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db.h"
#include "db_organisatie.h"
#include "text.h"
#include "util.h"

/* ---- the generator ------------------------------------------------------ */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void rng_init(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n) for n < 2^32 (the bias is below 2^-32). */
static uint32_t below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int range(struct rng *r, int lo, int hi)
{
	return lo + (int)below(r, (uint32_t)(hi - lo + 1));
}

static bool chance(struct rng *r, unsigned per_mille)
{
	return below(r, 1000) < per_mille;
}

#define PICK(r, arr) ((arr)[below((r), ARRAY_LEN(arr))])

struct weighted {
	const char *code;
	unsigned weight;
};

static const char *pick_weighted(struct rng *r, const struct weighted *w, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i].weight;
	unsigned x = below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i].weight)
			return w[i].code;
		x -= w[i].weight;
	}
	return w[n - 1].code;
}

#define PICK_W(r, arr) pick_weighted((r), (arr), ARRAY_LEN(arr))

/* ---- dates -------------------------------------------------------------- */

enum { DAY = 86400, WORK_START = 7 * 3600, WORK_SECONDS = 9 * 3600 };

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void iso_day(int64_t z, char out[11])
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

static bool parse_iso_day(const char *s, int64_t *day)
{
	int y, m, d;
	char tail;
	if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1990 || y > 2999 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return false;
	*day = days_from_civil(y, m, d);
	char back[11];
	iso_day(*day, back);
	return strcmp(back, s) == 0;
}

/* ISO weekday, 1 maandag .. 7 zondag (1970-01-01 was a Thursday). */
static int weekday_of(int64_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7) + 1;
}

static int64_t day_of(int64_t t)
{
	return t / DAY;
}

/* Times are office hours in UTC (07:00-16:00), so the local date in the
 * Netherlands (UTC+1 or +2) is the same as the UTC date written here. */

/* ---- reference data ------------------------------------------------------- */

static const char *const female_names[] = {
	"Anna", "Emma", "Sophie", "Julia", "Lotte", "Fleur", "Sanne", "Lisa", "Eva", "Noor", "Sara",
	"Zoë", "Chloë", "Lieke", "Iris", "Maria", "Johanna", "Cornelia", "Wilhelmina", "Hendrika",
	"Els", "Ingrid", "Marieke", "Annemieke", "Petra", "Monique", "Sandra", "Linda", "Esther",
	"Fatima", "Aïcha", "Yasmina", "Ayşe", "Mila", "Tess", "Nina", "Femke", "Anouk", "Maud",
	"Gerda", "Truus", "Riet", "Joke", "Wilma", "Henny", "Renée", "Inès", "Daphne", "Kim", "Naomi"};
static const char *const male_names[] = {
	"Jan", "Piet", "Kees", "Henk", "Gerrit", "Willem", "Johannes", "Cornelis", "Hendrik", "Dirk",
	"Bram", "Daan", "Sem", "Lucas", "Noah", "Finn", "Milan", "Jesse", "Thijs", "Ruben", "Lars",
	"Mohammed", "Ahmed", "Yusuf", "Mehmet", "Ömer", "Said", "Bas", "Joost", "Maarten", "Erik",
	"Arjen", "Wouter", "Rik", "Sander", "Dennis", "Mark", "Peter", "Hans", "Theo", "Ton", "Wim",
	"René", "André", "Jeroen", "Martijn", "Stijn", "Teun", "Gijs", "Bert"};
static const struct weighted prefixes[] = {
	{"", 690}, {"de", 80}, {"van", 70}, {"van der", 45}, {"van den", 30}, {"van de", 30},
	{"den", 10}, {"ter", 10}, {"te", 8}, {"van 't", 7}, {"in 't", 5}, {"op de", 5}, {"van het", 10}};
static const char *const last_names[] = {
	"Jong", "Jansen", "Vries", "Berg", "Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
	"Boer", "Mulder", "Groot", "Bos", "Vos", "Peters", "Hendriks", "Leeuwen", "Dekker", "Brouwer",
	"Wit", "Dijkstra", "Smits", "Graaf", "Linden", "Kok", "Jacobs", "Haan", "Vermeulen", "Heuvel",
	"Veen", "Broek", "Bruijn", "Brink", "Schouten", "Willems", "Hoekstra", "Maas", "Verhoeven",
	"Koster", "Prins", "Blom", "Huisman", "Wal", "Kuipers", "Veenstra", "Kramer", "Beek", "Hoek",
	"Koning", "Schipper", "Ruiter", "Wijk", "Postma", "Bosch", "Vink", "Kaya", "Yilmaz", "El Amrani",
	"Öztürk", "Hamdi", "Pinas", "Groeneveld", "Ploeg", "Ham", "Zandbergen", "Hamer", "Bouwmeester",
	"Jansen-Bakker", "Smit-de Jong", "Klein Hesselink", "Roelofs", "Eenhoorn", "Hop", "Brands",
	"Lubbers", "Evers", "Kamphuis", "Oostveen", "Nijhof", "Hilhorst", "Koudijs", "Pol", "Stoffelsen"};

struct gebied_def {
	const char *name, *city;
	int postcode; /* the four digits */
};
static const struct gebied_def gebieden[] = {
	{"Centrum", "Nijkerk", 3861}, {"Oosterhof", "Nijkerk", 3862}, {"Paasbos", "Nijkerk", 3863},
	{"Corlaer", "Nijkerk", 3862}, {"Kolland", "Nijkerk", 3861}, {"Holk", "Nijkerk", 3863},
	{"De Lichtenberg", "Nijkerk", 3861}, {"Watergoor", "Nijkerk", 3862}, {"Strand Nulde", "Nijkerk", 3861},
	{"Nijkerkerveen", "Nijkerkerveen", 3864}, {"Hoevelaken-Noord", "Hoevelaken", 3871},
	{"Hoevelaken-Zuid", "Hoevelaken", 3871}};
enum { N_GEBIED = ARRAY_LEN(gebieden), N_TEAM = 10, STREETS_PER_GEBIED = 8 };

static const char *const streets[] = {
	"Kerkstraat", "Holkerstraat", "Frieswijkstraat", "Oosterstraat", "Nieuwstraat", "Plantsoen",
	"Bruins Slotlaan", "Callenbachstraat", "Van Reenenweg", "Ambachtsweg", "Paasbosweg", "Amersfoortseweg",
	"Westkadijk", "Oranjelaan", "Berencamperweg", "Hogeweg", "Slichtenhorsterweg", "Arkemheenweg",
	"Watergoorweg", "Spoorkamp", "Brinkersweg", "Torenstraat", "Havenstraat", "Molenstraat",
	"Klaproosstraat", "Korenbloemstraat", "Boterbloemstraat", "Zonnebloemstraat", "Lijsterstraat",
	"Merelstraat", "Spreeuwstraat", "Koolmeesstraat", "Esdoornlaan", "Berkenlaan", "Eikenlaan",
	"Beukenlaan", "Iepenlaan", "Lindelaan", "Wilgenlaan", "Populierenlaan", "Rietgors", "Nuldernauw",
	"Strandboulevard", "Zeedijk", "Duinweg", "Bunschoterweg", "Domineesweg", "Veldweg", "Laakweg",
	"Nijkerkerveenweg", "Doornsteeg", "Oude Barneveldseweg", "Vetkampstraat", "Hoevelakenseweg",
	"Westerdorpsstraat", "Oosterdorpsstraat", "Het Hof", "Kantelaar", "Valkhof", "Dorpsstraat",
	"Beatrixlaan", "Julianalaan", "Bernhardlaan", "Irenestraat", "Margrietlaan", "Christinastraat",
	"Stationsweg", "Stoutenburgerlaan", "Emelaarsbos", "Hagenweg", "Gildenstraat", "Smidsweg",
	"Bakkersweg", "Schoolstraat", "Burgemeester Lambooylaan", "Vergunningweg", "Koningsweg",
	"Landgoed Scheuren", "Ringweg", "Driehoek", "Ravensteinlaan", "Groene Zoom", "Hooglandseweg",
	"Eemweg", "Schoutenstraat", "Bovenweg", "Donkereweg", "Zwarteweg", "Laan van Ambachten",
	"Overhorsterweg", "Wiltenburg", "Loenenweg", "Hollandseweg", "Zwanenstraat", "Kievitstraat",
	"Reigerstraat"};
_Static_assert(ARRAY_LEN(streets) >= N_GEBIED * STREETS_PER_GEBIED, "every gebied needs its streets");

static const char *const expertises[] = {
	"Schulden en geldzaken", "Jeugd en gezin", "Psychische gezondheid", "Ouderen en mantelzorg",
	"Wonen", "Werk en inkomen", "Huiselijk geweld", "Verslaving"};

struct product_def {
	const char *category, *code, *name, *legal_basis, *unit, *frequency;
	int volume_lo, volume_hi, cents_per_unit, periods; /* periods: how many frequency periods a year */
};
/* Categories are the national iWmo (WMO020) and iJw (JZ020) ones, so the
 * toewijzingen of the seed validate against the standard (issue 14). */
static const struct product_def products[] = {
	{"01", "01A01", "Hulp bij het huishouden", "wmo2015", "uur", "per_week", 2, 6, 3200, 52},
	{"02", "02A02", "Individuele begeleiding", "wmo2015", "uur", "per_week", 1, 4, 6400, 52},
	{"07", "07A03", "Dagbesteding", "wmo2015", "dagdeel", "per_week", 1, 5, 5500, 52},
	{"15", "15A01", "Beschermd wonen", "wmo2015", "etmaal", "per_maand", 28, 31, 11500, 12},
	{"04", "04A01", "Kortdurend verblijf", "wmo2015", "etmaal", "per_maand", 2, 6, 13000, 12},
	{"45", "45A01", "Jeugdhulp ambulant", "jeugdwet", "uur", "per_maand", 4, 16, 8200, 12},
	{"45", "45A10", "Opvoedondersteuning", "jeugdwet", "minuut", "per_week", 60, 240, 140, 52},
	{"54", "54001", "Jeugd-GGZ behandeling", "jeugdwet", "uur", "per_maand", 2, 8, 11000, 12},
	{"70", "70A01", "Schuldhulpverlening", "participatiewet", "stuks", "totaal", 1, 1, 185000, 1},
	{"71", "71A01", "Re-integratietraject", "participatiewet", "uur", "per_week", 2, 8, 7500, 52},
	{"90", "90A01", "Woningaanpassing", "overig", "euro", "totaal", 800, 9000, 100, 1},
	{"91", "91A01", "Vervoersvoorziening", "overig", "stuks", "totaal", 1, 1, 240000, 1}};

static const char *const aanbieder_names[] = {
	"Zorggroep Eemvallei", "Thuiszorg Veluwerand", "Begeleiding Arkemheen", "Jeugdhulp Gelderse Vallei",
	"Stichting Het Baken", "De Kantelaar Zorg", "Amerstaete Wonen", "Kwartier Begeleiding",
	"Huishoudelijke Hulp Nijkerk", "Eemland Jeugd en Gezin", "GGZ Noord-Veluwe", "Dagbesteding De Zaaier",
	"Werkcentrum Nijkerk", "Schuldhulp Eemland", "Wooncoach Hoevelaken", "Stichting Samen Sterk",
	"Zorgboerderij De Hooilanden", "Kindcentrum Ravenstein Zorg", "Thuisbegeleiding Corlaer",
	"Hulpmiddelencentrum Veluwe", "Aanpassingen Bouwbedrijf Pol", "Taxi Nijkerk Zorgvervoer",
	"Ambulante Jeugdhulp Vallei", "Beschermd Wonen Amersfoort", "Logeerhuis De Linde"};
static const char *const aanbieder_kinds[] = {"zorgaanbieder", "jeugdhulpaanbieder", "thuiszorg",
                                              "re-integratiebedrijf", "woningaanpasser"};

struct kaart_def {
	const char *name, *kind, *description;
};
static const struct kaart_def kaart[] = {
	{"Voedselbank Nijkerk", "voedselhulp", "Wekelijks een voedselpakket voor wie rond moet komen van weinig."},
	{"Humanitas Thuisadministratie", "vrijwilligers", "Een vrijwilliger helpt thuis met post en rekeningen."},
	{"SchuldHulpMaatje", "schuldhulp", "Een getraind maatje helpt schulden op orde te brengen."},
	{"Buurtsportcoach", "sport en bewegen", "Sporten in de wijk, ook voor wie niet makkelijk meedoet."},
	{"Maatjesproject Welzijn", "welzijn", "Een vrijwilliger komt op bezoek tegen eenzaamheid."},
	{"Taalhuis Bibliotheek", "taal", "Oefenen met lezen, schrijven en Nederlands spreken."},
	{"Mantelzorgsteunpunt", "mantelzorg", "Advies, lotgenoten en respijt voor mantelzorgers."},
	{"Repair Café", "vrijwilligers", "Samen spullen repareren in het buurthuis."},
	{"Formulierenbrigade", "geldzaken", "Hulp bij het invullen van formulieren en toeslagen."},
	{"Jongerenwerk", "jeugd", "Jongerenwerkers in de wijk en op school."},
	{"Opvoedspreekuur CJG", "jeugd en gezin", "Vragen over opvoeden en opgroeien, zonder verwijzing."},
	{"Seniorenvoorlichting", "ouderen", "Huisbezoek voor 75-plussers over wonen en welzijn."},
	{"Klussendienst", "vrijwilligers", "Kleine klussen in huis door vrijwilligers."},
	{"Boodschappenhulp", "vrijwilligers", "Samen boodschappen doen of laten bezorgen."},
	{"Stichting Leergeld", "geldzaken", "Zodat kinderen mee kunnen doen met school, sport en cultuur."},
	{"Slachtofferhulp", "veiligheid", "Steun na een misdrijf of verkeersongeval."},
	{"Veilig Thuis advies", "veiligheid", "Advies bij zorgen over huiselijk geweld of kindermishandeling."},
	{"AA-groep Nijkerk", "verslaving", "Zelfhulpgroep bij alcoholproblemen."},
	{"Inloophuis De Schakel", "welzijn", "Koffie, een praatje en activiteiten, elke werkdag."},
	{"Vluchtelingenwerk", "integratie", "Begeleiding van statushouders bij wonen en inburgeren."},
	{"Wijkverpleging", "zorg", "Verpleging en verzorging thuis via de zorgverzekering."},
	{"Dagactiviteiten Buurthuis", "welzijn", "Activiteiten voor wie overdag iets omhanden wil."},
	{"Kledingbank", "voedselhulp", "Gratis kleding voor gezinnen met een laag inkomen."},
	{"Budgetcursus", "geldzaken", "In vier avonden grip op de eigen geldzaken."}};

struct locatie_def {
	const char *kind, *name_fmt;
};
static const struct locatie_def locatie_kinds[] = {
	{"voedselbank", "Voedselbank uitgiftepunt %s"}, {"huisarts", "Huisartsenpraktijk %s"},
	{"school", "Basisschool %s"}, {"seniorencentrum", "Seniorencentrum %s"}, {"buurthuis", "Buurthuis %s"}};

static const char *const zrm_domains[] = {
	"financien", "werk_en_opleiding", "tijdsbesteding", "huisvesting", "huiselijke_relaties",
	"geestelijke_gezondheid", "lichamelijke_gezondheid", "middelengebruik", "basale_adl",
	"instrumentele_adl", "sociaal_netwerk", "maatschappelijke_participatie", "justitie"};
enum { N_DOMAIN = ARRAY_LEN(zrm_domains) };
static const char *const domain_wishes[N_DOMAIN] = {
	"Ik wil weer overzicht over mijn geld en geen nieuwe schulden maken.",
	"Ik wil een baan of opleiding vinden die bij mij past.",
	"Ik wil mijn dagen zinvol invullen en een vast ritme hebben.",
	"Ik wil een veilige en betaalbare woning houden.",
	"Ik wil dat het thuis weer rustig is en we fijn met elkaar omgaan.",
	"Ik wil me minder somber voelen en beter slapen.",
	"Ik wil fitter worden en mijn gezondheid in de gaten houden.",
	"Ik wil minder drinken en dat zelf volhouden.",
	"Ik wil mezelf weer kunnen verzorgen zonder hulp.",
	"Ik wil het huishouden en de boodschappen weer zelf kunnen doen.",
	"Ik wil mensen om me heen hebben bij wie ik terecht kan.",
	"Ik wil meedoen in de buurt, bijvoorbeeld als vrijwilliger.",
	"Ik wil mijn zaken met justitie afronden en een nieuwe start maken."};

static const char *const questions[] = {
	"Wij komen niet meer rond en de rekeningen stapelen zich op.",
	"Mijn moeder redt het thuis niet meer goed alleen.",
	"Onze zoon gaat niet meer naar school en zit de hele dag op zijn kamer.",
	"Ik ben mijn baan kwijt en weet niet hoe het verder moet.",
	"Er is veel ruzie thuis en de kinderen hebben daar last van.",
	"Ik voel me eenzaam sinds mijn man is overleden.",
	"De huur is al drie maanden niet betaald en er dreigt een ontruiming.",
	"Ik zorg voor mijn partner en kan het niet meer volhouden.",
	"Onze dochter heeft een beperking en we zoeken ondersteuning.",
	"Ik heb hulp nodig bij het huishouden na mijn operatie.",
	"De school maakt zich zorgen over hoe het thuis gaat.",
	"Ik drink te veel en wil daar iets aan doen.",
	"Ik ben net uit de gevangenis en heb geen woning en geen inkomen.",
	"Sinds de scheiding lukt het niet meer om alles te regelen.",
	"Mijn vader wordt vergeetachtig en verwaarloost zichzelf."};
static const char *const questions_behind[] = {
	"Achter de geldzorgen zit vooral schaamte om hulp te vragen; de post blijft ongeopend liggen.",
	"De mantelzorger is overbelast en durft dat niet te zeggen tegen de familie.",
	"Het schoolverzuim hangt samen met angst en pesten; thuis is er weinig ruimte om erover te praten.",
	"Het verlies van werk heeft ook het dagritme en het contact met anderen weggenomen.",
	"Na de scheiding ontbreekt overzicht; er is wel een netwerk dat wil helpen.",
	"De woonsituatie is onveilig geworden; er is behoefte aan rust en een vaste plek."};
static const char *const strengths[] = {
	"Sterke band met de kinderen en een zus die dichtbij woont.",
	"Wil graag zelf de regie houden en komt afspraken na.",
	"Heeft veel contact met buren en een vaste vriendin.",
	"Is handig en zoekt graag dingen zelf uit.",
	"Kerkgemeenschap biedt steun en praktische hulp.",
	"Heeft eerder een moeilijke periode goed doorstaan."};
static const char *const journal_open[] = {
	"Gesprek aan de keukentafel.", "Telefonisch contact gehad.", "Huisbezoek afgelegd samen met de buurtcoach.",
	"Overleg met de huisarts gehad.", "Mevrouw belde zelf op.", "Meneer kwam langs op het spreekuur.",
	"Overleg in het gebiedsteam.", "Kort contact per telefoon.", "Afspraak op het gemeentehuis."};
static const char *const journal_middle[] = {
	"De post is samen doorgenomen en de rekeningen zijn op volgorde gelegd.",
	"Het gaat iets beter met slapen; het dagritme is nog wisselend.",
	"De zus wil één middag per week helpen met boodschappen.",
	"De aanvraag voor bijzondere bijstand is samen ingevuld.",
	"Er is opnieuw ruzie geweest; de kinderen logeren dit weekend bij oma.",
	"De school meldt dat de aanwezigheid verbeterd is.",
	"De afspraak met de schuldhulpverlening is verzet naar volgende week.",
	"De mantelzorger geeft aan dat het zwaar is en wil respijtzorg bespreken.",
	"Het plan is doorgelopen; de doelen kloppen nog.",
	"De woningcorporatie is bereid een betalingsregeling te treffen.",
	"Meneer is gestart bij de dagbesteding en vindt het prettig.",
	"De huisarts verwijst door naar de praktijkondersteuner GGZ."};
static const char *const journal_close[] = {
	"Volgende afspraak over twee weken.", "Ik bel volgende week terug.", "Terugkoppeling aan de huisarts gedaan.",
	"Bespreken in het volgende teamoverleg.", "Afspraak gemaakt voor een huisbezoek.", ""};
static const char *const network_can_do[] = {
	"Kan boodschappen doen op zaterdag.", "Past op de kinderen als het nodig is.",
	"Helpt met de administratie.", "Komt wekelijks op de koffie.", "Rijdt mee naar afspraken in het ziekenhuis.",
	"Kan kleine klussen in huis doen."};
static const char *const inwoner_contrib[] = {
	"Ik open zelf elke week de post en leg die klaar.", "Ik ga elke dag een half uur wandelen.",
	"Ik bel zelf de woningcorporatie.", "Ik houd een weekplanning bij op de koelkast.",
	"Ik zoek zelf uit welke cursus bij me past."};
static const char *const netwerk_contrib[] = {
	"Mijn zus helpt eens per maand met de administratie.", "De buurman rijdt mee naar afspraken.",
	"Een vriendin komt wekelijks langs.", "Mijn zoon doet de boodschappen op zaterdag."};
static const char *const kaart_contrib[] = {
	"Een vrijwilliger van de thuisadministratie komt om de week.", "Meedoen met de activiteiten in het buurthuis.",
	"Een maatje via het welzijnswerk.", "Deelname aan de budgetcursus."};
static const char *const afspraak_what[] = {
	"Overzicht van inkomsten en uitgaven maken", "Aanmelden bij de schuldhulpverlening",
	"Contact opnemen met de school", "Afspraak bij de huisarts maken", "Kennismaken met de vrijwilliger",
	"Formulier bijzondere bijstand inleveren", "Eerste bezoek aan de dagbesteding", "Evaluatie voorbereiden"};
static const char *const close_outcomes[] = {
	"De doelen zijn grotendeels bereikt; het netwerk neemt de steun over.",
	"Het gezin redt zich weer met hulp uit de eigen omgeving.",
	"Verhuisd naar een andere gemeente; overgedragen aan het daar bevoegde team.",
	"De ondersteuning is afgerond; de inwoner weet de weg naar het voorliggend veld."};
static const char *const signal_about[] = {
	"Buurvrouw op nummer 12, oudere dame die alleen woont", "Gezin met drie kinderen op de hoek",
	"Jongeman op de bovenverdieping", "Echtpaar in de flat aan de overkant", "Moeder met een baby, net verhuisd",
	"Oudere meneer die zijn tuin niet meer bijhoudt"};
static const char *const signal_concern[] = {
	"De gordijnen zijn al dagen dicht en de post stapelt zich op.",
	"Er wordt vaak geschreeuwd en de kinderen lopen laat nog buiten.",
	"De huur wordt al maanden niet betaald volgens de verhuurder.",
	"Hij komt elke week bij de voedselbank en lijkt steeds verwarder.",
	"De kinderen komen zonder ontbijt en in vieze kleding naar school.",
	"Er staan incassobrieven en er is een beslaglegging aangekondigd."};
static const char *const bezoek_questions[] = {
	"Vraag over toeslagen en hoe die aan te vragen.", "Zoekt hulp bij het lezen van brieven.",
	"Wil weten waar ze terechtkan met opvoedvragen.", "Vraagt naar vrijwilligerswerk in de buurt.",
	"Maakt zich zorgen over de buurman.", "Heeft schulden en weet niet waar te beginnen.",
	"Zoekt vervoer naar het ziekenhuis."};

static const struct weighted channels[] = {
	{"inwoner_zelf", 350}, {"voorliggend_veld", 150}, {"verwijzer", 350}, {"vindplaats", 150}};
static const struct weighted referrer_kinds[] = {
	{"huisarts", 45}, {"school", 25}, {"politie", 10}, {"wijkverpleging", 12}, {"anders", 8}};
static const struct weighted media[] = {{"digitaal", 35}, {"telefoon", 45}, {"balie", 20}};
static const struct weighted urgencies[] = {{"normaal", 850}, {"hoog", 120}, {"crisis", 30}};
static const struct weighted close_reasons[] = {
	{"doel_bereikt", 45}, {"uitstroom_lichter", 25}, {"verhuisd", 12}, {"overleden", 5}, {"anders", 13}};
static const struct weighted relations[] = {
	{"familie", 40}, {"buren", 15}, {"vrienden", 20}, {"vrijwilliger", 8}, {"mantelzorger", 10},
	{"werkgever", 2}, {"professional", 5}};
static const struct weighted journal_kinds[] = {
	{"gesprek", 35}, {"telefoon", 32}, {"huisbezoek", 15}, {"overleg", 15}, {"warme_overdracht", 3}};
static const struct weighted signal_sources[] = {
	{"buren", 25}, {"inwoner", 10}, {"huisarts", 12}, {"school", 15}, {"politie", 8},
	{"woningcorporatie", 12}, {"voedselbank", 8}, {"wijkverpleging", 5}, {"schuldeiser", 3}, {"anders", 2}};
static const struct weighted agreed_hows[] = {{"op_papier", 40}, {"mondeling", 35}, {"digitaal", 25}};

static const char *circle_of(const char *relation)
{
	if (!strcmp(relation, "familie") || !strcmp(relation, "mantelzorger"))
		return "nabije_omgeving";
	if (!strcmp(relation, "vrijwilliger"))
		return "georganiseerde_vrijwillige_ondersteuning";
	if (!strcmp(relation, "professional"))
		return "professional";
	return "informeel_netwerk";
}

/* ---- SQL ----------------------------------------------------------------- */

static const char SQL_COUNT_EXISTING[] =
	"SELECT (SELECT count(*) FROM huishouden) + (SELECT count(*) FROM medewerker) + (SELECT count(*) FROM team)";
static const char SQL_TEAM[] = "INSERT INTO team(name) VALUES (?)";
static const char SQL_GEBIED[] = "INSERT INTO gebied(name) VALUES (?)";
static const char SQL_EXPERTISE[] = "INSERT INTO expertise(name) VALUES (?)";
static const char SQL_MEDEWERKER[] =
	"INSERT INTO medewerker(username, name, email, roles, team_id, password_hash, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_MW_EXPERTISE[] =
	"INSERT OR IGNORE INTO medewerker_expertise(medewerker_id, expertise_id) VALUES (?, ?)";
static const char SQL_AANBIEDER[] =
	"INSERT INTO aanbieder(name, kind, agb_code, gebied_id, contact) VALUES (?, ?, ?, ?, ?)";
static const char SQL_KAART[] =
	"INSERT INTO sociale_kaart(name, kind, gebied_id, contact, description) VALUES (?, ?, ?, ?, ?)";
static const char SQL_PRODUCT[] =
	"INSERT INTO product(category, code, name, legal_basis) VALUES (?, ?, ?, ?)";
static const char SQL_LOCATIE[] = "INSERT INTO locatie(name, kind, gebied_id, address) VALUES (?, ?, ?, ?)";
static const char SQL_SPREEKUUR[] =
	"INSERT INTO spreekuur(locatie_id, weekday, start_time, end_time, valid_from, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_SPREEKUUR_MW[] =
	"INSERT OR IGNORE INTO spreekuur_medewerker(spreekuur_id, medewerker_id) VALUES (?, ?)";
static const char SQL_HUISHOUDEN[] =
	"INSERT INTO huishouden(street, house_number, house_suffix, postcode, city, gebied_id, regisseur_id,"
	" status, opened_at, closed_at, updated_by, updated_at, version, close_reason, intake_on, plan_vastgesteld_on)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_PERSOON[] =
	"INSERT INTO persoon(huishouden_id, bsn, first_name, name_prefix, last_name, birth_date, role, phone, email,"
	" updated_by, updated_at, geslacht) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_TERM[] = "INSERT OR IGNORE INTO persoon_zoekterm(term, persoon_id) VALUES (?, ?)";
static const char SQL_NETWERKLID[] =
	"INSERT INTO netwerklid(huishouden_id, name, relation, circle, can_do, phone, updated_by, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_AANMELDING[] =
	"INSERT INTO aanmelding(huishouden_id, persoon_id, channel, referrer_kind, referrer_org, medium, question,"
	" urgency, safety_concern, status, received_at, created_by, updated_by, updated_at, version)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_BEZOEK[] =
	"INSERT INTO bezoek(spreekuur_id, visit_date, visitor_name, question, contact, consent_follow_up,"
	" huishouden_id, outcome, aanmelding_id, sociale_kaart_id, outcome_note, created_by, created_at,"
	" updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_SIGNAAL[] =
	"INSERT INTO signaal(source_kind, source_name, about, concern, gebied_id, safety_concern, huishouden_id,"
	" status, assigned_to, follow_up, aanmelding_id, received_at, created_by, updated_by, updated_at, version)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_REGIE[] =
	"INSERT INTO regie_toewijzing(huishouden_id, from_id, to_id, by_id, at, reason) VALUES (?, NULL, ?, ?, ?, ?)";
static const char SQL_INTAKE[] =
	"INSERT INTO intake(huishouden_id, held_on, question_behind, strengths, safety_concern, safety_note,"
	" created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_DEELNEMER[] =
	"INSERT INTO intake_deelnemer(intake_id, persoon_id, netwerklid_id, medewerker_id) VALUES (?, ?, ?, ?)";
static const char SQL_INTAKE_EXPERTISE[] =
	"INSERT OR IGNORE INTO intake_expertise(intake_id, expertise_id) VALUES (?, ?)";
static const char SQL_ZRM[] =
	"INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_PLAN[] =
	"INSERT INTO plan(huishouden_id, status, agreed_on, agreed_how, next_evaluation, closed_on, close_reason,"
	" close_outcome, created_by, created_at, updated_by, updated_at, version)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_DOEL[] =
	"INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, status, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ROLGESPREK[] =
	"INSERT INTO rolgesprek(doel_id, level, contribution, netwerklid_id, sociale_kaart_id, intended_effect,"
	" justification, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_AFSPRAAK[] =
	"INSERT INTO afspraak(doel_id, who_kind, persoon_id, netwerklid_id, medewerker_id, aanbieder_id, what,"
	" due_date, done_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_VOORZIENING[] =
	"INSERT INTO voorziening(huishouden_id, persoon_id, doel_id, kind, sociale_kaart_id, toewijzingnummer,"
	" decision_date, legal_basis, aanbieder_id, product_id, volume, unit, frequency, start_date, end_date,"
	" cost_cents, status, end_reason, ended_on, created_by, created_at)"
	" VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/* The goals a voorziening serves (issue 16 item 1). */
static const char SQL_VOORZIENING_DOEL[] = "INSERT INTO voorziening_doel(voorziening_id, doel_id) VALUES (?, ?)";
static const char SQL_JOURNAAL[] =
	"INSERT INTO journaal(huishouden_id, kind, entry_date, body, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?)";

/* ---- state ------------------------------------------------------------------ */

/* One audit row waiting for its time. */
struct event {
	int64_t at;
	uint64_t seq; /* insertion order breaks ties, so equal times keep their order */
	int64_t mw, object_id, hh;
	const char *action, *object_type, *reason;
};

struct heap {
	struct event *v;
	size_t n, cap;
	uint64_t seq;
};

enum { N_EMP = 200, CONSULENTEN_PER_TEAM = 12 };

struct emp {
	int64_t id;
	int team; /* -1: none */
	unsigned roles;
	char username[72], name[160];
};

struct spreekuur_ref {
	int64_t id;
	int gebied, weekday;
	int64_t staff[2];
};

struct seed {
	db *d;
	struct rng r;
	FILE *progress;
	int64_t until_day, start_day, until_t;
	int64_t *workdays;
	size_t n_workdays;
	struct heap ev;
	int64_t gebied_id[N_GEBIED], team_id[N_TEAM], expertise_id[ARRAY_LEN(expertises)];
	struct emp emp[N_EMP];
	int n_emp;
	int beheerder, privacy;
	int lead[N_TEAM];
	int consulent[N_TEAM][CONSULENTEN_PER_TEAM];
	int gebiedsteam[N_TEAM][8];
	int n_gebiedsteam[N_TEAM];
	char addr[N_EMP][32];
	int64_t aanbieder_id[ARRAY_LEN(aanbieder_names)];
	int64_t kaart_id[ARRAY_LEN(kaart)];
	int64_t product_id[ARRAY_LEN(products)];
	struct spreekuur_ref spreekuur[N_GEBIED * 2];
	int n_spreekuur;
	uint64_t bsn_k, bsn_off;
	uint64_t toewijzing_no;
	long long n_households, n_persons, n_journal, n_audit, n_network, n_zrm, n_voorziening, n_bezoek,
	          n_signaal;
	char password[20];
	char password_hash[crypto_pwhash_STRBYTES];
};

static double elapsed(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- the audit heap ---------------------------------------------------------- */

static bool ev_before(const struct event *a, const struct event *b)
{
	return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

static void ev_push(struct seed *s, int64_t at, int emp_index, const char *action, const char *object_type,
                    int64_t object_id, int64_t hh)
{
	struct heap *h = &s->ev;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 4096;
		h->v = xrealloc(h->v, h->cap * sizeof *h->v);
	}
	struct event e = {.at = at, .seq = h->seq++, .mw = emp_index >= 0 ? s->emp[emp_index].id : 0,
	                  .object_id = object_id, .hh = hh, .action = action, .object_type = object_type,
	                  .reason = emp_index >= 0 ? NULL : "opdrachtregel"};
	size_t i = h->n++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!ev_before(&e, &h->v[p]))
			break;
		h->v[i] = h->v[p];
		i = p;
	}
	h->v[i] = e;
}

static struct event ev_pop(struct heap *h)
{
	struct event top = h->v[0];
	struct event last = h->v[--h->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && ev_before(&h->v[c + 1], &h->v[c]))
			c++;
		if (!ev_before(&h->v[c], &last))
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
	return top;
}

/* The employee's workstation address, for the audit rows' client_addr. */
static const char *addr_of(const struct seed *s, int64_t mw)
{
	return mw >= 1 && mw <= s->n_emp ? s->addr[mw - 1] : "127.0.0.1";
}

/* Appends every waiting row with a time up to and including upto. */
static enum db_status ev_flush(struct seed *s, int64_t upto)
{
	while (s->ev.n && s->ev.v[0].at <= upto) {
		struct event e = ev_pop(&s->ev);
		struct audit_entry a = {.medewerker_id = e.mw, .action = e.action, .object_type = e.object_type,
		                        .object_id = e.object_id, .huishouden_id = e.hh, .reason = e.reason,
		                        .client_addr = addr_of(s, e.mw)};
		enum db_status st = audit_append_at(s->d, &a, e.at);
		if (st != DB_OK)
			return st;
		s->n_audit++;
	}
	return DB_OK;
}

/* ---- small helpers ----------------------------------------------------------- */

#define TRY(x) do { enum db_status try_s_ = (x); if (try_s_ != DB_OK) return try_s_; } while (0)

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* A time during office hours on day (moved from a weekend to Monday). */
static int64_t office_time(struct seed *s, int64_t day)
{
	int wd = weekday_of(day);
	if (wd > 5)
		day += 8 - wd;
	return day * DAY + WORK_START + below(&s->r, WORK_SECONDS);
}

/* A time lo..hi days after t, during office hours, and always after t. */
static int64_t later(struct seed *s, int64_t t, int lo, int hi)
{
	int64_t at = office_time(s, day_of(t) + range(&s->r, lo, hi));
	return at > t ? at : t + 60;
}

static void date_of(int64_t t, char out[11])
{
	iso_day(day_of(t), out);
}

static int emp_in_team(struct seed *s, int team, bool consulent)
{
	if (consulent)
		return s->consulent[team][below(&s->r, CONSULENTEN_PER_TEAM)];
	return s->gebiedsteam[team][below(&s->r, (uint32_t)s->n_gebiedsteam[team])];
}

static int team_of_gebied(int g)
{
	return g % N_TEAM;
}

/* The next BSN: the first eight digits walk a permutation of
 * 10000000..99999999 (so no two are equal) and the ninth makes the
 * 11-proef hold; numbers whose check digit would be 10 are skipped. */
static void next_bsn(struct seed *s, char out[10])
{
	for (;;) {
		uint64_t n = 10000000 + (s->bsn_k++ * 48271u + s->bsn_off) % 90000000u;
		int digits[8], sum = 0;
		for (int i = 7; i >= 0; i--) {
			digits[i] = (int)(n % 10);
			n /= 10;
		}
		for (int i = 0; i < 8; i++)
			sum += (9 - i) * digits[i];
		int check = sum % 11;
		if (check == 10)
			continue;
		for (int i = 0; i < 8; i++)
			out[i] = (char)('0' + digits[i]);
		out[8] = (char)('0' + check);
		out[9] = '\0';
		return;
	}
}

/* Lower-case ASCII for user names and e-mail addresses: folded, without
 * spaces and apostrophes. */
static void ascii_handle(arena *a, const char *s, char *out, size_t n)
{
	const char *f = text_fold(a, s);
	size_t o = 0;
	for (; *f && o + 1 < n; f++)
		if ((*f >= 'a' && *f <= 'z') || (*f >= '0' && *f <= '9') || *f == '-')
			out[o++] = *f;
	out[o] = '\0';
}

struct name {
	const char *first, *prefix, *last; /* prefix NULL when none */
};

static const char *random_prefix(struct seed *s)
{
	const char *p = PICK_W(&s->r, prefixes);
	return *p ? p : NULL;
}

static struct name random_name(struct seed *s, bool female)
{
	struct name n = {female ? PICK(&s->r, female_names) : PICK(&s->r, male_names), random_prefix(s),
	                 PICK(&s->r, last_names)};
	return n;
}

static void full_name(const struct name *n, char *out, size_t size)
{
	if (n->prefix)
		snprintf(out, size, "%s %s %s", n->first, n->prefix, n->last);
	else
		snprintf(out, size, "%s %s", n->first, n->last);
}

/* ---- reference data ------------------------------------------------------------ */

static enum db_status insert_name(db *d, const char *sql, const char *name, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, name);
	return db_exec_insert(d, st, id, "seed naam");
}

/* The one password of every generated employee, derived from the seed,
 * and its Argon2id hash with a salt from the seed too, in the form
 * crypto_pwhash_str writes (interactive limits), so a run is repeatable
 * and only one hash is computed. */
static int make_password(struct seed *s, uint64_t seed)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY23456789";
	struct rng pr;
	rng_init(&pr, seed ^ 0x70617373776f7264ull);
	int o = 0;
	for (int i = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			s->password[o++] = '-';
		s->password[o++] = alphabet[below(&pr, sizeof alphabet - 1)];
	}
	s->password[o] = '\0';
	unsigned char salt[crypto_pwhash_SALTBYTES], key[32];
	for (size_t i = 0; i < sizeof salt; i++)
		salt[i] = (unsigned char)rng_next(&pr);
	if (crypto_pwhash(key, sizeof key, s->password, strlen(s->password), salt, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	char salt64[sodium_base64_ENCODED_LEN(sizeof salt, sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
	char key64[sodium_base64_ENCODED_LEN(sizeof key, sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
	sodium_bin2base64(salt64, sizeof salt64, salt, sizeof salt, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(key64, sizeof key64, key, sizeof key, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	snprintf(s->password_hash, sizeof s->password_hash, "$argon2id$v=%d$m=%zu,t=%llu,p=1$%s$%s", 19,
	         (size_t)crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024, (unsigned long long)crypto_pwhash_OPSLIMIT_INTERACTIVE,
	         salt64, key64);
	/* The hash must be one that sign-in accepts as it is. */
	if (crypto_pwhash_str_verify(s->password_hash, s->password, strlen(s->password)) != 0 ||
	    crypto_pwhash_str_needs_rehash(s->password_hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                   crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
}

static enum db_status add_employee(struct seed *s, arena *a, unsigned roles, int team, int64_t created_at)
{
	struct emp *e = &s->emp[s->n_emp];
	struct name n = random_name(s, chance(&s->r, 600));
	full_name(&n, e->name, sizeof e->name);
	char first[24], last[32];
	ascii_handle(a, n.first, first, sizeof first);
	ascii_handle(a, arena_printf(a, "%s%s", n.prefix ? n.prefix : "", n.last), last, sizeof last);
	snprintf(e->username, sizeof e->username, "%s.%s%03u", first, last, (unsigned)s->n_emp + 1);
	e->team = team;
	e->roles = roles;
	char email[100];
	snprintf(email, sizeof email, "%s@nijkerk.example", e->username);
	sqlite3_stmt *st = db_stmt(s->d, SQL_MEDEWERKER);
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, e->username);
	bind_text(st, 2, e->name);
	bind_text(st, 3, email);
	sqlite3_bind_int(st, 4, (int)roles);
	db_bind_opt_id(st, 5, team >= 0 ? s->team_id[team] : 0);
	bind_text(st, 6, s->password_hash);
	sqlite3_bind_int64(st, 7, created_at);
	TRY(db_exec_insert(s->d, st, &e->id, "seed medewerker"));
	snprintf(s->addr[s->n_emp], sizeof s->addr[0], "10.38.%u.%u", 1 + (unsigned)s->n_emp / 200, 10 + (unsigned)s->n_emp % 200);
	int index = s->n_emp++;
	/* The beheerder is created from the command line, the others by the beheerder. */
	ev_push(s, created_at, index == s->beheerder ? -1 : s->beheerder, "medewerker.create", "medewerker", e->id, 0);
	int k = range(&s->r, 1, 2);
	for (int i = 0; i < k && team >= 0; i++) {
		st = db_stmt(s->d, SQL_MW_EXPERTISE);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, e->id);
		sqlite3_bind_int64(st, 2, s->expertise_id[below(&s->r, ARRAY_LEN(expertises))]);
		TRY(db_exec_stmt(s->d, st, "seed expertise"));
	}
	return DB_OK;
}

static enum db_status seed_reference(struct seed *s)
{
	db *d = s->d;
	int64_t setup_t = (s->start_day - 30) * DAY + WORK_START;
	for (size_t g = 0; g < N_GEBIED; g++)
		TRY(insert_name(d, SQL_GEBIED, gebieden[g].name, &s->gebied_id[g]));
	for (int t = 0; t < N_TEAM; t++) {
		char name[120];
		snprintf(name, sizeof name, "Gebiedsteam %s", gebieden[t].name);
		TRY(insert_name(d, SQL_TEAM, name, &s->team_id[t]));
	}
	for (size_t i = 0; i < ARRAY_LEN(expertises); i++)
		TRY(insert_name(d, SQL_EXPERTISE, expertises[i], &s->expertise_id[i]));
	/* Each gebied's queue is worked by the team the generator puts its
	 * households with; the first team is the central intake team. */
	for (size_t g = 0; g < N_GEBIED; g++)
		TRY(db_gebied_set_team(d, s->gebied_id[g], s->team_id[team_of_gebied((int)g)]));
	TRY(db_centrale_intake_set(d, s->team_id[0]));

	/* 200 employees: a beheerder, a privacy officer, and per team one
	 * teamleider, twelve consulenten and six or seven gebiedsteam members. */
	arena *a = arena_new();
	enum db_status st = DB_OK;
	int64_t t = setup_t;
	s->beheerder = 0;
	st = add_employee(s, a, 8, -1, t);
	s->privacy = 1;
	if (st == DB_OK)
		st = add_employee(s, a, 16, -1, t += 60);
	for (int team = 0; st == DB_OK && team < N_TEAM; team++) {
		s->lead[team] = s->n_emp;
		st = add_employee(s, a, 4, team, t += 60);
		for (int i = 0; st == DB_OK && i < CONSULENTEN_PER_TEAM; i++) {
			s->consulent[team][i] = s->n_emp;
			st = add_employee(s, a, 1, team, t += 60);
		}
		s->n_gebiedsteam[team] = team < 8 ? 7 : 6;
		for (int i = 0; st == DB_OK && i < s->n_gebiedsteam[team]; i++) {
			s->gebiedsteam[team][i] = s->n_emp;
			st = add_employee(s, a, 2, team, t += 60);
		}
	}
	arena_free(a);
	TRY(st);

	for (size_t i = 0; i < ARRAY_LEN(aanbieder_names); i++) {
		sqlite3_stmt *q = db_stmt(d, SQL_AANBIEDER);
		if (!q)
			return DB_ERROR;
		char agb[9], contact[120];
		snprintf(agb, sizeof agb, "%08u", 75000000u + below(&s->r, 999999) * 3u + (unsigned)i);
		snprintf(contact, sizeof contact, "033-%07u, info@aanbieder%zu.example", 2000000u + below(&s->r, 7999999), i + 1);
		bind_text(q, 1, aanbieder_names[i]);
		bind_text(q, 2, PICK(&s->r, aanbieder_kinds));
		bind_text(q, 3, agb);
		db_bind_opt_id(q, 4, chance(&s->r, 300) ? s->gebied_id[below(&s->r, N_GEBIED)] : 0);
		bind_text(q, 5, contact);
		TRY(db_exec_insert(d, q, &s->aanbieder_id[i], "seed aanbieder"));
	}
	for (size_t i = 0; i < ARRAY_LEN(kaart); i++) {
		sqlite3_stmt *q = db_stmt(d, SQL_KAART);
		if (!q)
			return DB_ERROR;
		char contact[80];
		snprintf(contact, sizeof contact, "033-%07u", 2000000u + below(&s->r, 7999999));
		bind_text(q, 1, kaart[i].name);
		bind_text(q, 2, kaart[i].kind);
		sqlite3_bind_null(q, 3);
		bind_text(q, 4, contact);
		bind_text(q, 5, kaart[i].description);
		TRY(db_exec_insert(d, q, &s->kaart_id[i], "seed sociale kaart"));
	}
	for (size_t i = 0; i < ARRAY_LEN(products); i++) {
		sqlite3_stmt *q = db_stmt(d, SQL_PRODUCT);
		if (!q)
			return DB_ERROR;
		bind_text(q, 1, products[i].category);
		bind_text(q, 2, products[i].code);
		bind_text(q, 3, products[i].name);
		bind_text(q, 4, products[i].legal_basis);
		TRY(db_exec_insert(d, q, &s->product_id[i], "seed product"));
	}

	/* Two locations per gebied, each with a weekly spreekuur staffed by two
	 * gebiedsteam members of the team that covers the gebied. */
	char valid_from[11];
	iso_day(s->start_day - 30, valid_from);
	for (int g = 0; g < (int)N_GEBIED; g++) {
		for (int k = 0; k < 2; k++) {
			const struct locatie_def *ld = &locatie_kinds[(size_t)(g * 2 + k) % ARRAY_LEN(locatie_kinds)];
			char name[200], address[200];
			snprintf(name, sizeof name, ld->name_fmt, gebieden[g].name);
			snprintf(address, sizeof address, "%s %d, %d %s", streets[(size_t)(g * STREETS_PER_GEBIED + k)],
			         range(&s->r, 1, 80), gebieden[g].postcode, gebieden[g].city);
			sqlite3_stmt *q = db_stmt(d, SQL_LOCATIE);
			if (!q)
				return DB_ERROR;
			bind_text(q, 1, name);
			bind_text(q, 2, ld->kind);
			sqlite3_bind_int64(q, 3, s->gebied_id[g]);
			bind_text(q, 4, address);
			int64_t loc = 0;
			TRY(db_exec_insert(d, q, &loc, "seed locatie"));
			struct spreekuur_ref *sp = &s->spreekuur[s->n_spreekuur];
			sp->gebied = g;
			sp->weekday = 1 + (g * 2 + k) % 5;
			bool morning = k == 0;
			q = db_stmt(d, SQL_SPREEKUUR);
			if (!q)
				return DB_ERROR;
			sqlite3_bind_int64(q, 1, loc);
			sqlite3_bind_int(q, 2, sp->weekday);
			bind_text(q, 3, morning ? "09:00" : "13:30");
			bind_text(q, 4, morning ? "11:00" : "15:30");
			bind_text(q, 5, valid_from);
			sqlite3_bind_int64(q, 6, s->emp[s->lead[team_of_gebied(g)]].id);
			sqlite3_bind_int64(q, 7, setup_t + DAY);
			TRY(db_exec_insert(d, q, &sp->id, "seed spreekuur"));
			int team = team_of_gebied(g);
			for (int m = 0; m < 2; m++) {
				int e = s->gebiedsteam[team][(k * 2 + m + g / N_TEAM * 4) % s->n_gebiedsteam[team]];
				sp->staff[m] = e;
				q = db_stmt(d, SQL_SPREEKUUR_MW);
				if (!q)
					return DB_ERROR;
				sqlite3_bind_int64(q, 1, sp->id);
				sqlite3_bind_int64(q, 2, s->emp[e].id);
				TRY(db_exec_stmt(d, q, "seed spreekuur medewerker"));
			}
			s->n_spreekuur++;
		}
	}
	return DB_OK;
}

/* ---- households ---------------------------------------------------------------- */

enum { MAX_PERSONS = 6, MAX_NETWORK = 4, MAX_GOALS = 3, MAX_JOURNAL = 20 };

struct person {
	struct name n;
	char birth[11], bsn[10], phone[16], email[120];
	const char *role;
	bool adult;
	int64_t id;
};

/* The search terms exactly as src/db/huishouden.c writes them (put_terms):
 * folded last name, first name, "first last", and with a prefix
 * "prefix last" and "first prefix last", plus each word of a composed
 * last name. */
static enum db_status put_terms(struct seed *s, arena *a, int64_t pid, const struct name *n)
{
	const char *first = text_fold(a, n->first);
	const char *last = text_fold(a, n->last);
	const char *prefix = n->prefix ? text_fold(a, n->prefix) : NULL;
	const char *terms[6] = {
		last, first, arena_printf(a, "%s %s", first, last),
		prefix ? arena_printf(a, "%s %s", prefix, last) : "",
		prefix ? arena_printf(a, "%s %s %s", first, prefix, last) : "",
		"",
	};
	for (size_t i = 0; i < ARRAY_LEN(terms); i++) {
		if (!*terms[i])
			continue;
		sqlite3_stmt *st = db_stmt(s->d, SQL_TERM);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, terms[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, pid);
		TRY(db_exec_stmt(s->d, st, "seed zoekterm"));
	}
	if (strpbrk(last, " -")) {
		char *words = arena_strdup(a, last), *save = NULL;
		for (char *w = strtok_r(words, " -", &save); w; w = strtok_r(NULL, " -", &save)) {
			sqlite3_stmt *st = db_stmt(s->d, SQL_TERM);
			if (!st)
				return DB_ERROR;
			sqlite3_bind_text(st, 1, w, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, pid);
			TRY(db_exec_stmt(s->d, st, "seed zoekterm"));
		}
	}
	return DB_OK;
}

static void birth_date(struct seed *s, int64_t opened_day, int age, char out[11])
{
	iso_day(opened_day - (int64_t)age * 365 - (age / 4) - below(&s->r, 365), out);
}

/* Who lives in the household: 1-6 persons (about 2.5 on average), one
 * family name, children younger than their parents. */
static int make_persons(struct seed *s, int64_t opened_day, struct person *p)
{
	static const unsigned size_weight[MAX_PERSONS] = {300, 280, 170, 150, 70, 30};
	unsigned x = below(&s->r, 1000), n = 1;
	for (unsigned acc = 0; n <= MAX_PERSONS; n++) {
		acc += size_weight[n - 1];
		if (x < acc)
			break;
	}
	if (n > MAX_PERSONS)
		n = MAX_PERSONS;
	const char *prefix = random_prefix(s);
	const char *family = PICK(&s->r, last_names);
	bool couple = n >= 2 && (n == 2 ? chance(&s->r, 500) : chance(&s->r, 780));
	int kids = (int)n - 1 - (couple ? 1 : 0);
	bool main_female = chance(&s->r, 550);
	int main_age;
	if (kids > 0)
		main_age = range(&s->r, 24, 52);
	else if (chance(&s->r, 350))
		main_age = range(&s->r, 65, 94);
	else
		main_age = range(&s->r, 19, 64);
	int i = 0;
	p[i] = (struct person){.n = {main_female ? PICK(&s->r, female_names) : PICK(&s->r, male_names), prefix, family},
	                       .role = kids > 0 ? "ouder" : couple ? "partner" : "overig", .adult = true};
	birth_date(s, opened_day, main_age, p[i].birth);
	i++;
	if (couple) {
		bool female = chance(&s->r, 900) ? !main_female : main_female;
		struct name pn = random_name(s, female);
		if (chance(&s->r, 500)) {
			pn.prefix = prefix;
			pn.last = family;
		}
		int age = main_age + range(&s->r, -6, 6);
		if (age < 19)
			age = 19;
		p[i] = (struct person){.n = pn, .role = "partner", .adult = true};
		birth_date(s, opened_day, age, p[i].birth);
		i++;
	}
	int max_kid_age = main_age - 18 < 21 ? main_age - 18 : 21;
	for (int k = 0; k < kids; k++) {
		bool grandparent = n == 6 && k == kids - 1 && chance(&s->r, 400);
		if (grandparent) {
			struct name gn = random_name(s, chance(&s->r, 600));
			int age = main_age + range(&s->r, 22, 35);
			p[i] = (struct person){.n = gn, .role = "inwonende_ouder", .adult = true};
			birth_date(s, opened_day, age, p[i].birth);
		} else {
			struct name kn = {chance(&s->r, 500) ? PICK(&s->r, female_names) : PICK(&s->r, male_names), prefix, family};
			int age = range(&s->r, 0, max_kid_age);
			p[i] = (struct person){.n = kn, .role = "kind", .adult = age >= 18};
			birth_date(s, opened_day, age, p[i].birth);
		}
		i++;
	}
	arena *a = arena_new();
	for (int k = 0; k < i; k++) {
		next_bsn(s, p[k].bsn);
		if (p[k].adult && chance(&s->r, 900))
			snprintf(p[k].phone, sizeof p[k].phone, "06-%08u", below(&s->r, 100000000));
		if (p[k].adult && chance(&s->r, 400)) {
			char f[40], l[60];
			ascii_handle(a, p[k].n.first, f, sizeof f);
			ascii_handle(a, arena_printf(a, "%s%s", p[k].n.prefix ? p[k].n.prefix : "", p[k].n.last), l, sizeof l);
			snprintf(p[k].email, sizeof p[k].email, "%s.%s@mail.example", f, l);
		}
	}
	arena_free(a);
	return i;
}

/* A household's way through, decided before anything is written. */
struct life {
	int64_t opened, assigned, intake, plan, settled, closed; /* 0: did not happen (yet) */
	const char *close_reason;
	int gebied, team, creator, regisseur;
	const char *status;
};

static void plan_life(struct seed *s, struct life *l)
{
	l->assigned = later(s, l->opened, 1, 12);
	if (l->assigned >= s->until_t) {
		l->assigned = 0;
		return;
	}
	bool consulent = chance(&s->r, 750);
	l->regisseur = emp_in_team(s, l->team, consulent);
	int64_t t = later(s, l->assigned, 3, 25);
	if (chance(&s->r, 930) && t < s->until_t) {
		l->intake = t;
	} else {
		/* No intake: closed after a while without further steps, or waiting. */
		t = later(s, l->assigned, 10, 45);
		if (t < s->until_t && chance(&s->r, 700)) {
			l->closed = t;
			l->close_reason = chance(&s->r, 600) ? "uitstroom_lichter" : "anders";
		}
		return;
	}
	t = later(s, l->intake, 5, 30);
	if (chance(&s->r, 860) && t < s->until_t) {
		l->plan = t;
	} else {
		t = later(s, l->intake, 20, 120);
		if (t < s->until_t && chance(&s->r, 650)) {
			l->closed = t;
			l->close_reason = PICK_W(&s->r, close_reasons);
		}
		return;
	}
	t = later(s, l->plan, 5, 40);
	if (!(chance(&s->r, 920) && t < s->until_t))
		return;
	l->settled = t;
	t = later(s, l->settled, 60, 420);
	if (t < s->until_t && chance(&s->r, 680)) {
		l->closed = t;
		l->close_reason = PICK_W(&s->r, close_reasons);
	}
}

static const char *status_of(const struct life *l)
{
	if (l->closed)
		return "afgesloten";
	if (l->settled)
		return "plan_actief";
	if (l->intake)
		return "in_behandeling";
	return "aangemeld";
}

static int spreekuur_for(struct seed *s, int gebied, int64_t day)
{
	int wd = weekday_of(day), fallback = -1;
	for (int i = 0; i < s->n_spreekuur; i++) {
		if (s->spreekuur[i].gebied != gebied)
			continue;
		if (s->spreekuur[i].weekday == wd)
			return i;
		if (fallback < 0)
			fallback = i;
	}
	return fallback >= 0 ? fallback : 0;
}

static enum db_status insert_bezoek(struct seed *s, int sp, int64_t at, const char *visitor, const char *question,
                                    const char *contact, bool consent, int64_t hh, const char *outcome,
                                    int64_t aanmelding, int64_t kaart_id, const char *note, int by, int64_t updated_at,
                                    int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s->d, SQL_BEZOEK);
	if (!st)
		return DB_ERROR;
	char day[11];
	date_of(at, day);
	sqlite3_bind_int64(st, 1, s->spreekuur[sp].id);
	bind_text(st, 2, day);
	bind_text(st, 3, visitor);
	bind_text(st, 4, question);
	bind_text(st, 5, contact);
	sqlite3_bind_int(st, 6, consent);
	db_bind_opt_id(st, 7, hh);
	bind_text(st, 8, outcome);
	db_bind_opt_id(st, 9, aanmelding);
	db_bind_opt_id(st, 10, kaart_id);
	bind_text(st, 11, note);
	sqlite3_bind_int64(st, 12, s->emp[by].id);
	sqlite3_bind_int64(st, 13, at);
	db_bind_opt_id(st, 14, updated_at ? s->emp[by].id : 0);
	if (updated_at)
		sqlite3_bind_int64(st, 15, updated_at);
	else
		sqlite3_bind_null(st, 15);
	sqlite3_bind_int(st, 16, updated_at ? 2 : 1);
	s->n_bezoek++;
	return db_exec_insert(s->d, st, id, "seed bezoek");
}

static enum db_status insert_signaal(struct seed *s, const char *source, const char *about, const char *concern,
                                     int gebied, bool safety, int64_t hh, const char *status, int assigned,
                                     const char *follow_up, int64_t aanmelding, int64_t at, int by,
                                     int64_t updated_at, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s->d, SQL_SIGNAAL);
	if (!st)
		return DB_ERROR;
	char source_name[120] = "";
	if (!strcmp(source, "school"))
		snprintf(source_name, sizeof source_name, "Basisschool %s", gebieden[gebied].name);
	else if (!strcmp(source, "huisarts"))
		snprintf(source_name, sizeof source_name, "Huisartsenpraktijk %s", gebieden[gebied].name);
	else if (!strcmp(source, "woningcorporatie"))
		snprintf(source_name, sizeof source_name, "Woningstichting Nijkerk");
	bind_text(st, 1, source);
	bind_text(st, 2, *source_name ? source_name : NULL);
	bind_text(st, 3, about);
	bind_text(st, 4, concern);
	sqlite3_bind_int64(st, 5, s->gebied_id[gebied]);
	sqlite3_bind_int(st, 6, safety);
	db_bind_opt_id(st, 7, hh);
	bind_text(st, 8, status);
	db_bind_opt_id(st, 9, assigned >= 0 ? s->emp[assigned].id : 0);
	bind_text(st, 10, follow_up);
	db_bind_opt_id(st, 11, aanmelding);
	sqlite3_bind_int64(st, 12, at);
	sqlite3_bind_int64(st, 13, s->emp[by].id);
	db_bind_opt_id(st, 14, updated_at ? s->emp[by].id : 0);
	if (updated_at)
		sqlite3_bind_int64(st, 15, updated_at);
	else
		sqlite3_bind_null(st, 15);
	sqlite3_bind_int(st, 16, updated_at ? 2 : 1);
	s->n_signaal++;
	return db_exec_insert(s->d, st, id, "seed signaal");
}

/* Walk-ins and signals that did not (yet) become an aanmelding, around
 * the time household-generation has reached. */
static enum db_status loose_ends(struct seed *s, int64_t now, int gebied)
{
	int team = team_of_gebied(gebied);
	if (chance(&s->r, 30)) {
		int64_t at = later(s, now, 0, 3);
		if (at < s->until_t) {
			int sp = spreekuur_for(s, gebied, day_of(at));
			int by = s->spreekuur[sp].staff[below(&s->r, 2)];
			bool recent = at > s->until_t - 14 * DAY;
			const char *outcome = recent && chance(&s->r, 600) ? "open" : chance(&s->r, 560) ? "informatie_gegeven"
			                                                                                : "doorverwezen";
			int64_t kaart_id = !strcmp(outcome, "doorverwezen") ? s->kaart_id[below(&s->r, ARRAY_LEN(kaart))] : 0;
			char visitor[200], contact[40];
			bool named = chance(&s->r, 700);
			if (named) {
				struct name n = random_name(s, chance(&s->r, 550));
				full_name(&n, visitor, sizeof visitor);
			}
			bool reach = chance(&s->r, 600);
			if (reach)
				snprintf(contact, sizeof contact, "06-%08u", below(&s->r, 100000000));
			int64_t done = strcmp(outcome, "open") ? at + range(&s->r, 300, 1800) : 0;
			int64_t id = 0;
			TRY(insert_bezoek(s, sp, at, named ? visitor : NULL, PICK(&s->r, bezoek_questions), reach ? contact : NULL,
			                  reach, 0, outcome, 0, kaart_id,
			                  kaart_id ? "Adres en openingstijden meegegeven." : NULL, by, done, &id));
			ev_push(s, at, by, "bezoek.create", "bezoek", id, 0);
			if (done)
				ev_push(s, done, by, "bezoek.afronden", "bezoek", id, 0);
		}
	}
	if (chance(&s->r, 30)) {
		int64_t at = later(s, now, 0, 3);
		if (at < s->until_t) {
			int by = emp_in_team(s, team, false);
			bool recent = at > s->until_t - 14 * DAY;
			const char *status = recent ? "nieuw" : chance(&s->r, 250) ? "in_onderzoek" : "afgesloten";
			int assigned = strcmp(status, "nieuw") ? emp_in_team(s, team, false) : -1;
			int64_t updated = assigned >= 0 ? later(s, at, 1, 10) : 0;
			if (updated >= s->until_t) {
				updated = 0;
				assigned = -1;
				status = "nieuw";
			}
			const char *follow_up = !strcmp(status, "afgesloten")
			        ? "Huisbezoek afgelegd; er is een netwerk dat helpt, geen verdere actie nodig."
			        : !strcmp(status, "in_onderzoek") ? "Contact gezocht via de wijkagent." : NULL;
			int64_t id = 0;
			TRY(insert_signaal(s, PICK_W(&s->r, signal_sources), PICK(&s->r, signal_about),
			                   PICK(&s->r, signal_concern), gebied, chance(&s->r, 50), 0, status, assigned, follow_up,
			                   0, at, by, updated, &id));
			ev_push(s, at, by, "signaal.create", "signaal", id, 0);
			if (updated)
				ev_push(s, updated, assigned, "signaal.update", "signaal", id, 0);
		}
	}
	return DB_OK;
}

static enum db_status insert_journal(struct seed *s, int64_t hh, const struct life *l)
{
	int64_t end = l->closed ? l->closed : s->until_t - DAY;
	int64_t span = day_of(end) - day_of(l->opened);
	if (span < 0)
		span = 0;
	int n = range(&s->r, 3, 17);
	int64_t days[MAX_JOURNAL];
	for (int i = 0; i < n; i++)
		days[i] = day_of(l->opened) + below(&s->r, (uint32_t)span + 1);
	/* In date order, as they were written. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && days[j - 1] > days[j]; j--) {
			int64_t t = days[j];
			days[j] = days[j - 1];
			days[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		int64_t at = office_time(s, days[i]);
		if (at < l->opened)
			at = l->opened + 60;
		if (at >= s->until_t)
			continue;
		int author = l->assigned && at >= l->assigned ? (chance(&s->r, 850) ? l->regisseur
		                                                                     : emp_in_team(s, l->team, false))
		                                              : l->creator;
		char body[600], date[11];
		const char *close = PICK(&s->r, journal_close);
		snprintf(body, sizeof body, "%s %s%s%s", PICK(&s->r, journal_open), PICK(&s->r, journal_middle),
		         *close ? " " : "", close);
		date_of(at, date);
		sqlite3_stmt *st = db_stmt(s->d, SQL_JOURNAAL);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		bind_text(st, 2, PICK_W(&s->r, journal_kinds));
		bind_text(st, 3, date);
		bind_text(st, 4, body);
		sqlite3_bind_int64(st, 5, s->emp[author].id);
		sqlite3_bind_int64(st, 6, at);
		TRY(db_exec_stmt(s->d, st, "seed journaal"));
		s->n_journal++;
	}
	return DB_OK;
}

/* One level of a rolgesprek, in the order they are asked. */
struct contribution {
	const char *level, *text;
	int64_t netwerklid, kaart;
};

/* Goals with their rolgesprek (levels from the inside out), agreements
 * and voorzieningen. */
static enum db_status insert_goals(struct seed *s, int64_t hh, int64_t plan_id, const struct life *l,
                                   const struct person *p, const int64_t *network, int n_network,
                                   const char *const *low_domains, int n_low)
{
	int n_goals = range(&s->r, 1, MAX_GOALS);
	int by = l->regisseur;
	int64_t t = l->plan;
	char target[11];
	int64_t doel = 0, prev_doel = 0; /* this goal and the one before it */
	for (int g = 0; g < n_goals; g++) {
		prev_doel = doel;
		const char *domain = n_low ? low_domains[below(&s->r, (uint32_t)n_low)] : PICK(&s->r, zrm_domains);
		size_t di = 0;
		while (di < N_DOMAIN && strcmp(zrm_domains[di], domain))
			di++;
		iso_day(day_of(l->settled ? l->settled : l->plan) + range(&s->r, 90, 365), target);
		const char *status = "open";
		if (l->closed && l->settled)
			status = !strcmp(l->close_reason, "doel_bereikt") ? "bereikt"
			         : chance(&s->r, 500)                      ? "deels_bereikt"
			                                                   : "niet_bereikt";
		else if (l->settled)
			status = chance(&s->r, 600) ? "bezig" : "open";
		sqlite3_stmt *st = db_stmt(s->d, SQL_DOEL);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, plan_id);
		sqlite3_bind_int64(st, 2, p[0].id);
		bind_text(st, 3, domain);
		bind_text(st, 4, domain_wishes[di < N_DOMAIN ? di : 0]);
		bind_text(st, 5, target);
		bind_text(st, 6, status);
		sqlite3_bind_int64(st, 7, s->emp[by].id);
		sqlite3_bind_int64(st, 8, t += 120);
		TRY(db_exec_insert(s->d, st, &doel, "seed doel"));

		/* Maatwerk only for a vastgesteld plan, and only after the inner circles. */
		bool maatwerk = l->settled && chance(&s->r, 250);
		bool algemeen = !maatwerk && chance(&s->r, 250);
		int64_t kaart_id = s->kaart_id[below(&s->r, ARRAY_LEN(kaart))];
		int64_t netwerklid = n_network ? network[below(&s->r, (uint32_t)n_network)] : 0;
		struct contribution levels[4];
		int nl = 0;
		levels[nl++] = (struct contribution){"inwoner", PICK(&s->r, inwoner_contrib), 0, 0};
		if (netwerklid && chance(&s->r, 700))
			levels[nl++] = (struct contribution){"netwerk", PICK(&s->r, netwerk_contrib), netwerklid, 0};
		if (algemeen || chance(&s->r, 500))
			levels[nl++] = (struct contribution){"voorliggend_veld", PICK(&s->r, kaart_contrib), 0, kaart_id};
		if (maatwerk)
			levels[nl++] = (struct contribution){"gemeente", "Een maatwerkvoorziening via de gemeente.", 0, 0};
		for (int k = 0; k < nl; k++) {
			st = db_stmt(s->d, SQL_ROLGESPREK);
			if (!st)
				return DB_ERROR;
			bool gemeente = !strcmp(levels[k].level, "gemeente");
			sqlite3_bind_int64(st, 1, doel);
			bind_text(st, 2, levels[k].level);
			bind_text(st, 3, levels[k].text);
			db_bind_opt_id(st, 4, levels[k].netwerklid);
			db_bind_opt_id(st, 5, levels[k].kaart);
			bind_text(st, 6, gemeente ? "De inwoner kan zelfstandig thuis blijven wonen." : NULL);
			bind_text(st, 7, gemeente ? "Het netwerk is overbelast en het voorliggend veld biedt dit niet." : NULL);
			sqlite3_bind_int64(st, 8, s->emp[by].id);
			sqlite3_bind_int64(st, 9, t += 60);
			TRY(db_exec_stmt(s->d, st, "seed rolgesprek"));
		}

		int n_afspraak = range(&s->r, 1, 2);
		for (int k = 0; k < n_afspraak; k++) {
			static const struct weighted who[] = {
				{"inwoner", 50}, {"netwerklid", 20}, {"medewerker", 25}, {"aanbieder", 5}};
			const char *kind = PICK_W(&s->r, who);
			if (!strcmp(kind, "netwerklid") && !netwerklid)
				kind = "inwoner";
			char due[11], done[11];
			int64_t due_day = day_of(t) + range(&s->r, 7, 90);
			iso_day(due_day, due);
			bool is_done = due_day < s->until_day && chance(&s->r, 700);
			iso_day(due_day - range(&s->r, 0, 5), done);
			st = db_stmt(s->d, SQL_AFSPRAAK);
			if (!st)
				return DB_ERROR;
			sqlite3_bind_int64(st, 1, doel);
			bind_text(st, 2, kind);
			db_bind_opt_id(st, 3, !strcmp(kind, "inwoner") ? p[0].id : 0);
			db_bind_opt_id(st, 4, !strcmp(kind, "netwerklid") ? netwerklid : 0);
			db_bind_opt_id(st, 5, !strcmp(kind, "medewerker") ? s->emp[by].id : 0);
			db_bind_opt_id(st, 6, !strcmp(kind, "aanbieder") ? s->aanbieder_id[below(&s->r, ARRAY_LEN(aanbieder_names))] : 0);
			bind_text(st, 7, PICK(&s->r, afspraak_what));
			bind_text(st, 8, due);
			bind_text(st, 9, is_done ? done : NULL);
			sqlite3_bind_int64(st, 10, s->emp[by].id);
			sqlite3_bind_int64(st, 11, t += 60);
			TRY(db_exec_stmt(s->d, st, "seed afspraak"));
		}

		if (!maatwerk && !algemeen)
			continue;
		const struct product_def *pd = NULL;
		size_t pi = 0;
		char decision[11], start[11], end[11], ended[11];
		int64_t created = l->settled ? l->settled + 300 : t + 300;
		int64_t start_day;
		if (maatwerk) {
			pi = below(&s->r, ARRAY_LEN(products));
			pd = &products[pi];
			int64_t decision_day = day_of(created) + range(&s->r, 3, 28);
			if (decision_day >= s->until_day)
				continue;
			iso_day(decision_day, decision);
			start_day = decision_day + range(&s->r, 0, 14);
		} else {
			start_day = day_of(created) + range(&s->r, 0, 10);
		}
		int64_t end_day = start_day + range(&s->r, 120, 365);
		iso_day(start_day, start);
		iso_day(end_day, end);
		const char *v_status, *end_reason = NULL;
		if (l->closed) {
			int64_t ended_day = day_of(l->closed) < end_day ? day_of(l->closed) : end_day;
			if (ended_day < start_day)
				ended_day = start_day;
			iso_day(ended_day, ended);
			v_status = "beeindigd";
			end_reason = l->close_reason;
		} else if (end_day < s->until_day) {
			iso_day(end_day, ended);
			v_status = "beeindigd";
			end_reason = "doel_bereikt";
		} else if (start_day < s->until_day) {
			v_status = "gestart";
		} else {
			v_status = maatwerk ? "toegekend" : "aangevraagd";
		}
		st = db_stmt(s->d, SQL_VOORZIENING);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		sqlite3_bind_int64(st, 2, p[0].id);
		bind_text(st, 3, maatwerk ? "maatwerk" : "algemeen");
		db_bind_opt_id(st, 4, maatwerk ? 0 : kaart_id);
		if (maatwerk) {
			char nr[21];
			snprintf(nr, sizeof nr, "NK%010llu", (unsigned long long)++s->toewijzing_no);
			int volume = range(&s->r, pd->volume_lo, pd->volume_hi);
			/* A year's worth at most, for the period the voorziening runs. */
			long long cost = (long long)volume * pd->cents_per_unit *
			                 (pd->periods == 1 ? 1 : (pd->periods * (end_day - start_day)) / 365 + 1);
			bind_text(st, 5, nr);
			bind_text(st, 6, decision);
			bind_text(st, 7, pd->legal_basis);
			sqlite3_bind_int64(st, 8, s->aanbieder_id[below(&s->r, ARRAY_LEN(aanbieder_names))]);
			sqlite3_bind_int64(st, 9, s->product_id[pi]);
			sqlite3_bind_int(st, 10, volume);
			bind_text(st, 11, pd->unit);
			bind_text(st, 12, pd->frequency);
			sqlite3_bind_int64(st, 15, cost);
		} else {
			for (int c = 5; c <= 12; c++)
				sqlite3_bind_null(st, c);
			sqlite3_bind_null(st, 15);
		}
		bind_text(st, 13, start);
		bind_text(st, 14, end);
		bind_text(st, 16, v_status);
		bind_text(st, 17, end_reason);
		bind_text(st, 18, end_reason ? ended : NULL);
		sqlite3_bind_int64(st, 19, s->emp[by].id);
		sqlite3_bind_int64(st, 20, created);
		int64_t vid = 0;
		TRY(db_exec_insert(s->d, st, &vid, "seed voorziening"));
		/* It serves this goal; one in five also the goal before it in the
		 * same plan (decided from the id, so the random stream and with it
		 * the rest of the data stay as they were). */
		for (int k = 0; k < (prev_doel && vid % 5 == 0 ? 2 : 1); k++) {
			if (!(st = db_stmt(s->d, SQL_VOORZIENING_DOEL)))
				return DB_ERROR;
			sqlite3_bind_int64(st, 1, vid);
			sqlite3_bind_int64(st, 2, k ? prev_doel : doel);
			TRY(db_exec_stmt(s->d, st, "seed voorziening doel"));
		}
		s->n_voorziening++;
		ev_push(s, created, by, "voorziening.create", "voorziening", vid, hh);
	}
	return DB_OK;
}

static enum db_status seed_household(struct seed *s, int64_t opened)
{
	struct rng *r = &s->r;
	struct life l = {.opened = opened, .gebied = (int)below(r, N_GEBIED)};
	l.team = team_of_gebied(l.gebied);
	l.creator = emp_in_team(s, l.team, chance(r, 400));
	plan_life(s, &l);
	l.status = status_of(&l);
	int64_t opened_day = day_of(opened);

	struct person p[MAX_PERSONS];
	int n = make_persons(s, opened_day, p);

	/* The household row in its final state. */
	const struct gebied_def *g = &gebieden[l.gebied];
	const char *street = streets[(size_t)l.gebied * STREETS_PER_GEBIED + below(r, STREETS_PER_GEBIED)];
	char postcode[8], intake_on[11], settled_on[11];
	char l1 = (char)('A' + below(r, 26)), l2 = (char)('A' + below(r, 26));
	if (l1 == 'S' && (l2 == 'A' || l2 == 'D' || l2 == 'S'))
		l2 = 'B';
	snprintf(postcode, sizeof postcode, "%04d %c%c", g->postcode, l1, l2);
	static const char *const suffixes[] = {"a", "b", "c", "A", "bis", "1", "2"};
	int64_t last_change = opened;
	int last_by = l.creator, version = 1;
	if (l.assigned) {
		last_change = l.assigned;
		last_by = s->lead[l.team];
		version++;
	}
	if (l.intake) {
		last_change = l.intake;
		last_by = l.regisseur;
		version++;
		date_of(l.intake, intake_on);
	}
	if (l.settled) {
		last_change = l.settled;
		last_by = l.regisseur;
		version++;
		date_of(l.settled, settled_on);
	}
	if (l.closed) {
		last_change = l.closed;
		last_by = l.regisseur;
		version++;
	}
	sqlite3_stmt *st = db_stmt(s->d, SQL_HUISHOUDEN);
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, street);
	sqlite3_bind_int(st, 2, range(r, 1, 180));
	bind_text(st, 3, chance(r, 80) ? PICK(r, suffixes) : NULL);
	bind_text(st, 4, postcode);
	bind_text(st, 5, g->city);
	sqlite3_bind_int64(st, 6, s->gebied_id[l.gebied]);
	db_bind_opt_id(st, 7, l.assigned ? s->emp[l.regisseur].id : 0);
	bind_text(st, 8, l.status);
	sqlite3_bind_int64(st, 9, opened);
	if (l.closed)
		sqlite3_bind_int64(st, 10, l.closed);
	else
		sqlite3_bind_null(st, 10);
	sqlite3_bind_int64(st, 11, s->emp[last_by].id);
	sqlite3_bind_int64(st, 12, last_change);
	sqlite3_bind_int(st, 13, version);
	bind_text(st, 14, l.closed ? l.close_reason : NULL);
	bind_text(st, 15, l.intake ? intake_on : NULL);
	bind_text(st, 16, l.settled ? settled_on : NULL);
	int64_t hh = 0;
	TRY(db_exec_insert(s->d, st, &hh, "seed huishouden"));
	s->n_households++;
	ev_push(s, opened, l.creator, "huishouden.create", "huishouden", hh, hh);

	arena *a = arena_new();
	enum db_status rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < n; i++) {
		st = db_stmt(s->d, SQL_PERSOON);
		if (!st) {
			rc = DB_ERROR;
			break;
		}
		sqlite3_bind_int64(st, 1, hh);
		bind_text(st, 2, p[i].bsn);
		bind_text(st, 3, p[i].n.first);
		bind_text(st, 4, p[i].n.prefix);
		bind_text(st, 5, p[i].n.last);
		bind_text(st, 6, p[i].birth);
		bind_text(st, 7, p[i].role);
		bind_text(st, 8, *p[i].phone ? p[i].phone : NULL);
		bind_text(st, 9, *p[i].email ? p[i].email : NULL);
		sqlite3_bind_int64(st, 10, s->emp[l.creator].id);
		sqlite3_bind_int64(st, 11, opened);
		/* Geslacht for the messages (COD046), from the BSN so the
		 * random sequence of the seed stays as it was. */
		bind_text(st, 12, (p[i].bsn[7] - '0') % 2 ? "1" : "2");
		rc = db_exec_insert(s->d, st, &p[i].id, "seed persoon");
		if (rc == DB_OK)
			rc = put_terms(s, a, p[i].id, &p[i].n);
		if (rc == DB_OK)
			ev_push(s, opened, l.creator, "persoon.create", "persoon", p[i].id, hh);
		s->n_persons++;
	}
	arena_free(a);
	TRY(rc);

	/* The aanmelding, and the walk-in or signal it came from. */
	const char *channel = PICK_W(r, channels);
	const char *referrer = !strcmp(channel, "verwijzer") ? PICK_W(r, referrer_kinds) : NULL;
	bool from_bezoek = !strcmp(channel, "vindplaats") && chance(r, 600);
	bool from_signaal = !strcmp(channel, "vindplaats") && !from_bezoek;
	const char *medium = from_bezoek ? "spreekuur" : PICK_W(r, media);
	char referrer_org[200] = "";
	if (referrer) {
		if (!strcmp(referrer, "huisarts"))
			snprintf(referrer_org, sizeof referrer_org, "Huisartsenpraktijk %s", g->name);
		else if (!strcmp(referrer, "school"))
			snprintf(referrer_org, sizeof referrer_org, "Basisschool %s", g->name);
		else if (!strcmp(referrer, "politie"))
			snprintf(referrer_org, sizeof referrer_org, "Politie Noord-Veluwe");
		else if (!strcmp(referrer, "wijkverpleging"))
			snprintf(referrer_org, sizeof referrer_org, "Wijkverpleging %s", g->name);
		else
			snprintf(referrer_org, sizeof referrer_org, "Woningstichting Nijkerk");
	}
	bool safety = chance(r, 50);
	const char *question = PICK(r, questions);
	const char *a_status = l.closed ? "afgesloten" : l.intake ? "in_behandeling" : "open";
	int64_t a_changed = l.closed ? l.closed : l.intake;
	st = db_stmt(s->d, SQL_AANMELDING);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, p[0].id);
	bind_text(st, 3, channel);
	bind_text(st, 4, referrer);
	bind_text(st, 5, *referrer_org ? referrer_org : NULL);
	bind_text(st, 6, medium);
	bind_text(st, 7, question);
	bind_text(st, 8, PICK_W(r, urgencies));
	sqlite3_bind_int(st, 9, safety);
	bind_text(st, 10, a_status);
	sqlite3_bind_int64(st, 11, opened);
	sqlite3_bind_int64(st, 12, s->emp[l.creator].id);
	db_bind_opt_id(st, 13, a_changed ? s->emp[l.regisseur].id : 0);
	if (a_changed)
		sqlite3_bind_int64(st, 14, a_changed);
	else
		sqlite3_bind_null(st, 14);
	sqlite3_bind_int(st, 15, 1 + (l.intake ? 1 : 0) + (l.closed ? 1 : 0));
	int64_t aanmelding = 0;
	TRY(db_exec_insert(s->d, st, &aanmelding, "seed aanmelding"));
	ev_push(s, opened + 60, l.creator, "aanmelding.create", "aanmelding", aanmelding, hh);
	if (from_bezoek) {
		int sp = spreekuur_for(s, l.gebied, opened_day);
		char visitor[200], contact[40];
		full_name(&p[0].n, visitor, sizeof visitor);
		snprintf(contact, sizeof contact, "%s", *p[0].phone ? p[0].phone : "via de voedselbank");
		int64_t id = 0;
		TRY(insert_bezoek(s, sp, opened, visitor, question, contact, true, hh, "aanmelding", aanmelding, 0, NULL,
		                  l.creator, opened + 60, &id));
		ev_push(s, opened, l.creator, "bezoek.create", "bezoek", id, hh);
		ev_push(s, opened + 60, l.creator, "bezoek.aanmelding", "bezoek", id, hh);
	} else if (from_signaal) {
		char about[300];
		full_name(&p[0].n, about, sizeof about);
		snprintf(about + strlen(about), sizeof about - strlen(about), ", %s", street);
		int64_t id = 0;
		TRY(insert_signaal(s, PICK_W(r, signal_sources), about, PICK(r, signal_concern), l.gebied, safety, hh,
		                   "aanmelding", l.creator, "Omgezet in een aanmelding na een huisbezoek.", aanmelding,
		                   opened, l.creator, opened + 60, &id));
		ev_push(s, opened, l.creator, "signaal.create", "signaal", id, hh);
		ev_push(s, opened + 60, l.creator, "signaal.aanmelding", "signaal", id, hh);
	}

	/* The network, gathered at the intake (or at the aanmelding). */
	int64_t network[MAX_NETWORK];
	int n_network = 0;
	static const unsigned network_weight[] = {250, 300, 250, 150, 50};
	unsigned x = below(r, 1000), want = 0;
	for (unsigned acc = network_weight[0]; x >= acc && want < MAX_NETWORK; acc += network_weight[++want])
		;
	int64_t net_t = l.intake ? l.intake + 1800 : opened + 300;
	int net_by = l.intake ? l.regisseur : l.creator;
	for (unsigned i = 0; i < want; i++) {
		const char *relation = PICK_W(r, relations);
		struct name nn = random_name(s, chance(r, 600));
		char name[200], phone[16];
		full_name(&nn, name, sizeof name);
		snprintf(phone, sizeof phone, "06-%08u", below(r, 100000000));
		st = db_stmt(s->d, SQL_NETWERKLID);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		bind_text(st, 2, name);
		bind_text(st, 3, relation);
		bind_text(st, 4, circle_of(relation));
		bind_text(st, 5, chance(r, 700) ? PICK(r, network_can_do) : NULL);
		bind_text(st, 6, chance(r, 700) ? phone : NULL);
		sqlite3_bind_int64(st, 7, s->emp[net_by].id);
		sqlite3_bind_int64(st, 8, net_t);
		TRY(db_exec_insert(s->d, st, &network[n_network], "seed netwerklid"));
		ev_push(s, net_t, net_by, "netwerklid.create", "netwerklid", network[n_network], hh);
		n_network++;
		s->n_network++;
	}

	if (l.assigned) {
		int lead = s->lead[l.team];
		st = db_stmt(s->d, SQL_REGIE);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		sqlite3_bind_int64(st, 2, s->emp[l.regisseur].id);
		sqlite3_bind_int64(st, 3, s->emp[lead].id);
		sqlite3_bind_int64(st, 4, l.assigned);
		bind_text(st, 5, "Toegewezen na de aanmelding, op basis van gebied en caseload.");
		TRY(db_exec_stmt(s->d, st, "seed regie"));
		ev_push(s, l.assigned, lead, "regie.toewijzen", "medewerker", s->emp[l.regisseur].id, hh);
		ev_push(s, l.assigned + range(r, 600, 7200), l.regisseur, "huishouden.view", "huishouden", hh, hh);
	}

	const char *low[N_DOMAIN];
	int n_low = 0;
	if (l.intake) {
		char held[11];
		date_of(l.intake, held);
		bool intake_safety = safety || chance(r, 30);
		st = db_stmt(s->d, SQL_INTAKE);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		bind_text(st, 2, held);
		bind_text(st, 3, PICK(r, questions_behind));
		bind_text(st, 4, chance(r, 850) ? PICK(r, strengths) : NULL);
		sqlite3_bind_int(st, 5, intake_safety);
		bind_text(st, 6, intake_safety ? "Zorgen over de veiligheid thuis; afgestemd met Veilig Thuis." : NULL);
		sqlite3_bind_int64(st, 7, s->emp[l.regisseur].id);
		sqlite3_bind_int64(st, 8, l.intake);
		int64_t intake = 0;
		TRY(db_exec_insert(s->d, st, &intake, "seed intake"));
		ev_push(s, l.intake, l.regisseur, "intake.create", "intake", intake, hh);

		for (int i = 0; i < n + 1 + (n_network && chance(r, 300)); i++) {
			if (i < n && !p[i].adult)
				continue;
			st = db_stmt(s->d, SQL_DEELNEMER);
			if (!st)
				return DB_ERROR;
			sqlite3_bind_int64(st, 1, intake);
			db_bind_opt_id(st, 2, i < n ? p[i].id : 0);
			db_bind_opt_id(st, 3, i > n ? network[0] : 0);
			db_bind_opt_id(st, 4, i == n ? s->emp[l.regisseur].id : 0);
			TRY(db_exec_stmt(s->d, st, "seed deelnemer"));
		}
		for (int i = range(r, 0, 2); i > 0; i--) {
			st = db_stmt(s->d, SQL_INTAKE_EXPERTISE);
			if (!st)
				return DB_ERROR;
			sqlite3_bind_int64(st, 1, intake);
			sqlite3_bind_int64(st, 2, s->expertise_id[below(r, ARRAY_LEN(expertises))]);
			TRY(db_exec_stmt(s->d, st, "seed intake expertise"));
		}
		/* ZRM: four to six domains per adult, drawn without repeats. */
		for (int i = 0; i < n; i++) {
			if (!p[i].adult)
				continue;
			int order[N_DOMAIN];
			for (int k = 0; k < N_DOMAIN; k++)
				order[k] = k;
			int m = range(r, 4, 6);
			for (int k = 0; k < m; k++) {
				int j = k + (int)below(r, (uint32_t)(N_DOMAIN - k));
				int tmp = order[k];
				order[k] = order[j];
				order[j] = tmp;
				static const unsigned score_weight[] = {80, 260, 330, 220, 110};
				unsigned y = below(r, 1000), score = 1;
				for (unsigned acc = score_weight[0]; y >= acc && score < 5; acc += score_weight[score++])
					;
				if (i == 0 && score <= 2)
					low[n_low++] = zrm_domains[order[k]];
				st = db_stmt(s->d, SQL_ZRM);
				if (!st)
					return DB_ERROR;
				sqlite3_bind_int64(st, 1, p[i].id);
				bind_text(st, 2, zrm_domains[order[k]]);
				sqlite3_bind_int(st, 3, (int)score);
				bind_text(st, 4, held);
				sqlite3_bind_int64(st, 5, intake);
				sqlite3_bind_int64(st, 6, s->emp[l.regisseur].id);
				sqlite3_bind_int64(st, 7, l.intake);
				TRY(db_exec_stmt(s->d, st, "seed zrm"));
				s->n_zrm++;
			}
		}
	}

	if (l.plan) {
		char agreed[11], next_eval[11], closed_on[11];
		if (l.settled) {
			date_of(l.settled, agreed);
			iso_day(day_of(l.settled) + range(r, 90, 180), next_eval);
		}
		if (l.closed)
			date_of(l.closed, closed_on);
		const char *plan_status = l.closed ? "afgesloten" : l.settled ? "vastgesteld" : "concept";
		int64_t updated = l.closed ? l.closed : l.settled;
		st = db_stmt(s->d, SQL_PLAN);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		bind_text(st, 2, plan_status);
		bind_text(st, 3, l.settled ? agreed : NULL);
		bind_text(st, 4, l.settled ? PICK_W(r, agreed_hows) : NULL);
		bind_text(st, 5, l.settled ? next_eval : NULL);
		bind_text(st, 6, l.closed ? closed_on : NULL);
		bind_text(st, 7, l.closed ? l.close_reason : NULL);
		bind_text(st, 8, l.closed ? PICK(r, close_outcomes) : NULL);
		sqlite3_bind_int64(st, 9, s->emp[l.regisseur].id);
		sqlite3_bind_int64(st, 10, l.plan);
		db_bind_opt_id(st, 11, updated ? s->emp[l.regisseur].id : 0);
		if (updated)
			sqlite3_bind_int64(st, 12, updated);
		else
			sqlite3_bind_null(st, 12);
		sqlite3_bind_int(st, 13, 1 + (l.settled ? 1 : 0) + (l.closed ? 1 : 0));
		int64_t plan_id = 0;
		TRY(db_exec_insert(s->d, st, &plan_id, "seed plan"));
		ev_push(s, l.plan, l.regisseur, "plan.create", "plan", plan_id, hh);
		if (l.settled)
			ev_push(s, l.settled, l.regisseur, "plan.vaststellen", "plan", plan_id, hh);
		TRY(insert_goals(s, hh, plan_id, &l, p, network, n_network, low, n_low));
	}
	if (l.closed)
		ev_push(s, l.closed, l.regisseur, "huishouden.afsluiten", "huishouden", hh, hh);

	TRY(insert_journal(s, hh, &l));
	return loose_ends(s, opened, l.gebied);
}

/* ---- the run ------------------------------------------------------------------------ */

static int exec_sql(db *d, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db_sqlite(d), sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("seed: %s: %s", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The office-hour seconds of the two years, household i of n placed at
 * its share of them: opening times increase with i. */
static int64_t opening_time(struct seed *s, uint64_t i, uint64_t n)
{
	uint64_t slots = (uint64_t)s->n_workdays * WORK_SECONDS;
	uint64_t pos = (i * slots + below(&s->r, (uint32_t)(slots < UINT32_MAX ? slots : UINT32_MAX))) / n;
	if (pos >= slots)
		pos = slots - 1;
	return s->workdays[pos / WORK_SECONDS] * DAY + WORK_START + (int64_t)(pos % WORK_SECONDS);
}

static int generate(struct seed *s, const struct seed_options *o, FILE *out)
{
	db *d = s->d;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (make_password(s, o->seed) != 0) {
		fprintf(s->progress, "loket seed: wachtwoord hashen mislukt\n");
		return -1;
	}
	if (db_begin(d) != 0)
		return -1;
	if (seed_reference(s) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	/* Commit in batches: large enough to be fast, small enough that the
	 * WAL stays modest. */
	const unsigned batch = 10000;
	unsigned step = o->households >= 10 ? o->households / 10 : 1, next_report = step;
	for (unsigned i = 0; i < o->households;) {
		if (db_begin(d) != 0)
			return -1;
		unsigned end = i + batch < o->households ? i + batch : o->households;
		for (; i < end; i++) {
			int64_t opened = opening_time(s, i, o->households);
			if (ev_flush(s, opened) != DB_OK || seed_household(s, opened) != DB_OK) {
				fprintf(s->progress, "loket seed: schrijven mislukt bij huishouden %u: %s\n", i + 1,
				        sqlite3_errmsg(db_sqlite(d)));
				db_rollback(d);
				return -1;
			}
			if (i + 1 == next_report) {
				fprintf(s->progress, "seed: %3u%% %u huishoudens, %lld auditregels, %.1f s\n",
				        (unsigned)((i + 1) * 100ull / o->households), i + 1, s->n_audit, elapsed(&t0));
				next_report += step;
			}
		}
		if (end == o->households && ev_flush(s, s->until_t) != DB_OK) {
			db_rollback(d);
			return -1;
		}
		if (db_commit(d) != 0) {
			db_rollback(d);
			return -1;
		}
	}
	long long n_pg = 0, n_eval = 0;
	char until_iso[11];
	iso_day(s->until_day, until_iso);
	if (seed_evaluaties(d, until_iso, &n_eval) != DB_OK) /* src/seed_evaluatie.c */
		return -1;
	fprintf(s->progress, "seed: %lld evaluaties\n", n_eval);
	if (seed_gezondheid(d, o->seed, &n_pg) != DB_OK) /* after the evaluations: src/seed_gezondheid.c */
		return -1;
	fprintf(s->progress, "seed: %lld scores Positieve Gezondheid\n", n_pg);
	fprintf(s->progress,
	        "seed: klaar in %.1f s: %lld huishoudens, %lld personen, %lld netwerkleden, %lld ZRM-scores, "
	        "%lld voorzieningen, %lld journaalregels, %lld bezoeken, %lld signalen, %lld auditregels\n",
	        elapsed(&t0), s->n_households, s->n_persons, s->n_network, s->n_zrm, s->n_voorziening, s->n_journal,
	        s->n_bezoek, s->n_signaal, s->n_audit);
	static const struct {
		const char *role;
		int which;
	} bench[] = {{"teamleider", 0}, {"consulent", 1}, {"gebiedsteam", 2}};
	for (size_t i = 0; i < ARRAY_LEN(bench); i++) {
		int e = bench[i].which == 0 ? s->lead[0] : bench[i].which == 1 ? s->consulent[0][0] : s->gebiedsteam[0][0];
		fprintf(out, "bench-gebruiker rol=%s gebruikersnaam=%s wachtwoord=%s naam=\"%s\"\n", bench[i].role,
		        s->emp[e].username, s->password, s->emp[e].name);
	}
	fprintf(out, "Alle %d gegenereerde medewerkers hebben wachtwoord %s.\n", s->n_emp, s->password);
	return 0;
}

int seed_run(const struct seed_options *o, FILE *out, FILE *progress)
{
	struct seed *s = xcalloc(1, sizeof *s);
	s->progress = progress;
	const char *until = o->until ? o->until : SEED_DEFAULT_UNTIL;
	if (!parse_iso_day(until, &s->until_day)) {
		fprintf(progress, "loket seed: ongeldige datum %s (verwacht JJJJ-MM-DD)\n", until);
		free(s);
		return -1;
	}
	/* The server appends its own rows after the generated ones at the
	 * current time; a period ending in the future would make the chain's
	 * times go down there.  The clock only guards; it shapes no row. */
	if (s->until_day * DAY > now_unix()) {
		fprintf(progress, "loket seed: --until %s ligt in de toekomst\n", until);
		free(s);
		return -1;
	}
	s->start_day = s->until_day - 730;
	s->until_t = s->until_day * DAY;
	s->workdays = xcalloc(731, sizeof *s->workdays);
	for (int64_t day = s->start_day; day < s->until_day; day++)
		if (weekday_of(day) <= 5)
			s->workdays[s->n_workdays++] = day;
	rng_init(&s->r, o->seed);
	s->bsn_off = rng_next(&s->r) % 90000000u;

	int status = -1;
	char *err = NULL;
	if (db_init(o->db_path, &err) != 0) {
		fprintf(progress, "loket seed: %s\n", err);
		free(err);
		goto done;
	}
	s->d = db_get();
	if (!s->d)
		goto done;
	sqlite3_stmt *st = db_stmt(s->d, SQL_COUNT_EXISTING);
	if (!st)
		goto done;
	int rc = sqlite3_step(st);
	long long existing = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (existing != 0) {
		if (existing > 0)
			fprintf(progress, "loket seed: de database %s bevat al huishoudens, medewerkers of teams; "
			                  "seed vult alleen een lege database\n", o->db_path);
		status = existing > 0 ? 1 : -1;
		goto done;
	}
	/* Only for this run: no fsync per commit and a large page cache.  The
	 * connection's settings end with it; the file stays a WAL database. */
	if (exec_sql(s->d, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;") != 0)
		goto done;
	status = generate(s, o, out);
	/* ANALYZE: at this size the planner needs the statistics to pick indexes. */
	if (status == 0 && exec_sql(s->d, "ANALYZE; PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(TRUNCATE);") != 0)
		status = -1;
done:
	db_close_all();
	free(s->ev.v);
	free(s->workdays);
	sodium_memzero(s->password, sizeof s->password);
	free(s);
	return status;
}
