/* zoekformulier.h - a page whose one form also holds a household search
 * (issue 12 item 3, nothing typed is lost): "Zoeken", a hit's "Koppelen",
 * "Niet koppelen" and the page's own save button are buttons of the same
 * form, so whichever is pressed, what was typed comes back with the
 * answer.  Used by the spreekuur, the new signal, a signal's follow-up and
 * a walk-in's closing.  The form carries:
 *   actie    the button pressed: opslaan, zoeken, ontkoppelen, or "enter"
 *            (a hidden first button, which Enter in any field presses);
 *   q        the search box;
 *   gezocht  the search whose hits are shown (hidden);
 *   koppel   a hit's button: the household to link. */
#ifndef LOKET_ZOEKFORMULIER_H
#define LOKET_ZOEKFORMULIER_H

#include "form.h"

enum { ZF_ACTIE, ZF_Q, ZF_GEZOCHT, ZF_KOPPEL, ZF_COUNT };
extern const struct field_rule zoekformulier_rules[ZF_COUNT];

enum zf_act { ZF_OPSLAAN, ZF_ZOEKEN, ZF_KOPPELEN, ZF_ONTKOPPELEN };

/* Which button was pressed.  Enter searches when a new term was typed in
 * the search box, and saves otherwise. */
enum zf_act zoekformulier_actie(const struct field_value *x);

/* The search to show with the answer: the new term after "Zoeken", else
 * the one already shown; NULL when none (or it was not valid). */
const char *zoekformulier_q(const struct field_value *x, enum zf_act act);

#endif
