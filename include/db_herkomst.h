/* db_herkomst.h - where an aanmelding came from when it was not the
 * counter itself: a walk-in (bezoek) at a spreekuur or an early signal
 * (signaal).  The aanmelding form is prefilled from it, and storing the
 * aanmelding closes the walk-in or signal in the same transaction.
 *
 * Strings are allocated from the caller's arena. */
#ifndef LOKET_DB_HERKOMST_H
#define LOKET_DB_HERKOMST_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

enum herkomst_kind { HERKOMST_NONE, HERKOMST_BEZOEK, HERKOMST_SIGNAAL };

struct herkomst {
	enum herkomst_kind kind;
	int64_t id;
	bool open;               /* may still become an aanmelding */
	const char *description; /* Dutch, one line: "Bezoek op het spreekuur ... op 23-11-2026" */
	const char *question;    /* the walk-in's question or the signal's concern */
	const char *visitor_name; /* bezoek: the name given, NULL when anonymous */
	const char *contact;     /* bezoek: how to reach them, or NULL */
	const char *place;       /* bezoek: the location's name */
	const char *source_kind; /* signaal: vocab_signal_source code */
	const char *source_name; /* signaal: the reporter, or NULL */
	bool safety_concern;     /* signaal */
	int64_t huishouden_id;   /* linked household, 0 when none */
	int64_t created_by;
	int64_t assigned_to;     /* signaal: 0 when nobody */
	int64_t spreekuur_id;    /* bezoek */
};

/* Reads the walk-in or signal; DB_NOT_FOUND when it does not exist. */
enum db_status db_herkomst_get(db *d, arena *a, enum herkomst_kind kind, int64_t id, struct herkomst *out);

/* Inside the caller's write transaction: marks the walk-in or signal as
 * turned into aanmelding aanmelding_id for household hh.  DB_NOT_FOUND
 * when it was closed or converted meanwhile (nothing changed). */
enum db_status db_herkomst_convert(db *d, enum herkomst_kind kind, int64_t id, int64_t aanmelding_id,
                                   int64_t hh, int64_t by);

#endif
