/* static.c - files under /static/, from memory (see static_files.h). */
#include <string.h>

#include "handlers.h"
#include "server.h"
#include "static_files.h"

int h_static(struct req *r)
{
	const struct static_file *f = static_find(r->srv->statics, r->path);
	if (!f)
		return reply_error(r, ERR_NOT_FOUND, NULL);
	const char *inm = req_header(r, "If-None-Match");
	bool fresh = inm && strcmp(inm, f->etag) == 0;
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		fresh ? 0 : f->len, fresh ? (void *)"" : (void *)f->data, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return -1;
	MHD_add_response_header(resp, "Content-Type", f->mime);
	MHD_add_response_header(resp, "ETag", f->etag);
	/* A day: long enough to spare slow spreekuur connections, short enough
	 * that a deployment reaches everyone by the next working day. */
	MHD_add_response_header(resp, "Cache-Control", "public, max-age=86400");
	r->response = resp;
	r->status = fresh ? 304 : 200;
	r->cacheable = true;
	return 0;
}
