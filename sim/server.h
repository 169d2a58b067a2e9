/* dialtop-sim's HTTP front: libmicrohttpd feeding sim_handle. */
#ifndef DIALTOP_SIM_SERVER_H
#define DIALTOP_SIM_SERVER_H

#include <stddef.h>

#include "sim.h"

typedef struct server server_t;

/* Listens on an IPv4 address and port (0 = any free port). NULL and err
 * on failure. */
server_t *server_start(sim_t *sim, const char *addr, int port, char *err, size_t errlen);
int server_port(const server_t *srv);
void server_stop(server_t *srv);

/* "127.0.0.1:8080" (or "localhost:8080") -> address text and port; 0 on a
 * bad value (http_listen_parse). */
int server_parse_listen(const char *text, char *addr, size_t addrlen, int *port);

#endif
