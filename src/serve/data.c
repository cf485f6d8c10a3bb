/* The store's endpoints: /events, /aggregates, /places, /documents/ID. */
#include <stdlib.h>

#include "server_int.h"

static const char *const data_paths[] = {"/events", "/aggregates", "/places", "/documents/"};

int srv_stores_open(sr_server *s, sr_error *err)
{
    if (s->o.db)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "no store support in this build");
    return SR_OK;
}

void srv_stores_close(sr_server *s)
{
}

int srv_store_health(sr_server *s, sr_buf *b)
{
    return sr_buf_puts(b, "\"store\": null");
}

int srv_data_route(sr_server *s, srv_req *r, sr_serve_reply *out)
{
    for (size_t i = 0; i < sizeof data_paths / sizeof *data_paths; i++) {
        size_t n = strlen(data_paths[i]);
        if (!strncmp(r->path, data_paths[i], n) && (r->path[n] == 0 || data_paths[i][n - 1] == '/')) {
            srv_reply_error(out, 503, "this server was started without a store (--db)");
            return 1;
        }
    }
    return 0;
}
