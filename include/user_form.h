/* user_form.h - the field rules that creating (users.c) and editing
 * (user_edit.c) an employee's account share, so a field is checked the
 * same way in both. */
#ifndef LOKET_USER_FORM_H
#define LOKET_USER_FORM_H

#include "auth.h"
#include "form.h"

#define RULE_NAME {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .min_len = 2, .max_len = 200}
#define RULE_EMAIL {.name = "email", .label = "E-mailadres", .kind = FIELD_EMAIL, .max_len = 200}
#define RULE_ROLES {.name = "rol", .label = "Rollen", .kind = FIELD_CHOICES, .required = true, .choices = role_names}
#define RULE_TEAM {.name = "team", .label = "Team", .kind = FIELD_ID}

#define MSG_TEAM "Kies een bestaand team."

#endif
