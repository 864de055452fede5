/* pwrules.c - the rules a new password must meet (password_problem): its
 * length, readable characters, and not one of the passwords an attacker
 * tries first: a common password, one character or a short piece
 * repeated, a straight run of digits or letters, the user's own name. */
#include <string.h>

#include "auth.h"

/* Common passwords of 12 characters or more, in lower case (compared
 * ignoring ASCII case).  Shorter ones are refused by the length rule; the
 * repeated and straight ones ("aaaaaaaaaaaa", "123456789012") by their own
 * rules, so they need no entry here. */
static const char *const common[] = {
	/* Dutch */
	"wachtwoord12", "wachtwoord123", "wachtwoord1234", "wachtwoord12345", "wachtwoord01",
	"wachtwoord!!", "wachtwoord123!", "wachtwoord2024", "wachtwoord2025", "wachtwoord2026",
	"mijnwachtwoord", "geheimwachtwoord", "welkom123456", "welkom12345!", "welkom01welkom",
	"welkombijdegemeente", "gemeente1234", "gemeente12345", "nederland123", "nederland1234",
	"hallo1234567", "voetbal12345", "ajaxamsterdam", "feyenoord1908", "zomer2024!!!",
	"winter2024!!!", "loket1234567", "eenloket1234",
	/* English */
	"password1234", "password12345", "password123!", "passw0rd1234", "p@ssw0rd1234",
	"p@ssword1234", "qwertyuiopas", "qwertyuiop12", "qwertyuiop123", "qwerty123456",
	"qwerty1234567", "asdfghjkl123", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3",
	"iloveyou1234", "iloveyou12345", "letmein12345", "letmeinplease", "administrator",
	"administrator1", "changeme1234", "trustno1trustno1", "monkey123456", "football1234",
	"baseball1234", "superman1234", "sunshine1234", "princess1234", "starwars1234",
	"dragon123456", "computer1234", "welcome12345", "welcome123456", "123456789abc",
	"abc123456789", "0987654321qwerty", "123qweasdzxc",
};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive (ASCII) equality of the n bytes at a and at b. */
static bool same_n(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

/* True when pw is the n bytes at w, or them twice, ignoring ASCII case. */
static bool once_or_twice(const char *pw, const char *w, size_t n)
{
	size_t len = strlen(pw);
	if (n == 0 || (len != n && len != 2 * n))
		return false;
	return same_n(pw, w, n) && (len == n || same_n(pw + n, w, n));
}

/* True when pw is a shorter piece repeated, at least twice and exactly
 * ("            ", "aaaaaaaaaaaa", "abcabcabcabc", "121212121212", a
 * phrase typed twice).  Compared ignoring ASCII case.  A piece that repeats
 * begins where the password begins, so it starts on a UTF-8 boundary. */
static bool repeated(const char *pw)
{
	size_t n = strlen(pw);
	for (size_t unit = 1; unit <= n / 2; unit++) {
		if (n % unit)
			continue;
		size_t i = unit;
		while (i < n && lower(pw[i]) == lower(pw[i - unit]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* True when pw is one straight run of digits or of letters, up or down:
 * "123456789012" (after 9 comes 0), "987654321098", "abcdefghijkl",
 * "ZYXWVUTSRQPO". */
static bool straight(const char *pw)
{
	size_t n = strlen(pw);
	if (n < 2)
		return false;
	bool digits = pw[0] >= '0' && pw[0] <= '9';
	int base = digits ? '0' : 'a', mod = digits ? 10 : 26;
	int step = 0;
	for (size_t i = 0; i < n; i++) {
		char c = lower(pw[i]);
		if (digits ? !(c >= '0' && c <= '9') : !(c >= 'a' && c <= 'z'))
			return false;
		if (i == 0)
			continue;
		int d = ((c - base) - (lower(pw[i - 1]) - base) + mod) % mod;
		int s = d == 1 ? 1 : d == mod - 1 ? -1 : 0;
		if (s == 0 || (step && s != step))
			return false;
		step = s;
	}
	return true;
}

/* True when pw is who (the username or the name), or who twice, ignoring
 * ASCII case; also without who's spaces ("janjansen" for "Jan Jansen"). */
static bool is_own_name(const char *pw, const char *who)
{
	if (!who || !*who)
		return false;
	if (once_or_twice(pw, who, strlen(who)))
		return true;
	char squeezed[256];
	size_t o = 0;
	for (const char *p = who; *p; p++) {
		if (o + 1 == sizeof squeezed)
			return false; /* longer than any password */
		if (*p != ' ')
			squeezed[o++] = *p;
	}
	squeezed[o] = '\0';
	return once_or_twice(pw, squeezed, o);
}

const char *password_problem(const char *pw, const char *username, const char *name)
{
	size_t bytes = strlen(pw);
	if (!utf8_valid(pw, bytes))
		return "Het wachtwoord bevat tekens die niet kunnen worden gelezen.";
	size_t chars = utf8_len(pw, bytes);
	if (chars < PASSWORD_MIN_CHARS)
		return "Kies een wachtwoord van minstens 12 tekens. Een zin van een paar woorden werkt goed.";
	if (chars > PASSWORD_MAX_CHARS)
		return "Kies een wachtwoord van hoogstens 128 tekens.";
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "Het wachtwoord mag geen regeleinden of stuurtekens bevatten.";
	if (is_own_name(pw, username) || is_own_name(pw, name))
		return "Gebruik niet uw gebruikersnaam of naam als wachtwoord: die kent iedereen. Kies een zin van "
		       "een paar woorden die alleen u kent.";
	for (size_t i = 0; i < ARRAY_LEN(common); i++)
		if (strlen(common[i]) == bytes && same_n(common[i], pw, bytes))
			return "Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden en wordt als eerste "
			       "geraden. Kies een zin van een paar woorden die alleen u kent.";
	if (repeated(pw))
		return "Dit wachtwoord herhaalt steeds hetzelfde teken of stukje en is snel geraden. Kies een zin "
		       "van een paar woorden.";
	if (straight(pw))
		return "Dit wachtwoord is een reeks opeenvolgende cijfers of letters en is snel geraden. Kies een "
		       "zin van een paar woorden.";
	return NULL;
}
