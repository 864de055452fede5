/* status.c - GET /api/v1/status: a fixed answer without touching the
 * database, for load balancers' health checks and as the ceiling that
 * `make bench` measures every other route against. */
#include "handlers.h"

int h_status(struct req *r)
{
	return reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}
