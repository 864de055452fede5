/* demo.h - demo data for `loket serve --demo` on an empty database. */
#ifndef LOKET_DEMO_H
#define LOKET_DEMO_H

#include <stdio.h>

/* When the database has no employees yet, loads teams, gebieden,
 * expertises and one demo user per role with fresh random passwords, and
 * prints each as "demo-gebruiker rol=.. gebruikersnaam=.. wachtwoord=.."
 * to out.  Returns 1 when loaded, 0 when the database was not empty, -1 on
 * error. */
int demo_load(FILE *out);

#endif
