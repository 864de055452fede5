/* db_kwartaal.h - the key figures of the quarterly report for the
 * gemeenteraad (issue 16 item 7, docs/sturen.md), per quarter, for the
 * whole gemeente.  Each figure comes with the number of persons or
 * households it rests on, for the "<5" (include/suppressie.h). */
#ifndef LOKET_DB_KWARTAAL_H
#define LOKET_DB_KWARTAAL_H

#include <jansson.h>

#include "db.h"

/* Between the dates from and to ("YYYY-MM-DD"): [{kwartaal "2026-3",
 * cijfer, waarde, personen}] for the cijfers aangemeld, intake, plan,
 * afgesloten, afgesloten_doel (households), maatwerk_gestart,
 * maatwerk_buiten_regie, maatwerk_beeindigd, maatwerk_beeindigd_goed
 * (clients), kosten_gestart_cents, gedeclareerd_cents (with the clients
 * they concern) and doorlooptijd_mediaan (days from aanmelding to plan, by
 * nearest rank).  Quarters without any are absent.  *out a new reference. */
enum db_status db_kwartaal_cijfers(db *d, const char *from, const char *to, json_t **out);

#endif
