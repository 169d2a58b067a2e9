/* dialtop-sim: a local backend speaking OmniDimension, Truedy and Sarvam.
 *
 * The program's entry: reads the options (sim_opts.c: the table, its
 * checks and --help), refuses an address other machines can reach without
 * a key, starts the simulator and its HTTP server, and stops on SIGTERM or
 * SIGINT after saving the state file. What each option does:
 * `dialtop-sim --help` and docs/dialtop-sim.1. Faults can also be changed
 * at run time: POST /_sim/faults. */
#include <arpa/inet.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects.h"
#include "server.h"
#include "sim.h"
#include "sim_opts.h"

/* 127.0.0.0/8: only this machine can connect. */
static bool addr_is_loopback(const char *addr)
{
    struct in_addr a;
    return inet_pton(AF_INET, addr, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

/* Reachable from other machines, the provider APIs and the /_sim/
 * control endpoints (faults, campaigns) would take anyone's request:
 * refused without a key, warned about with one. */
static bool listen_allowed(const sim_opts_t *o)
{
    if (addr_is_loopback(o->addr))
        return true;
    if (!o->cfg.api_key) {
        fprintf(stderr, "dialtop-sim: --listen %s is reachable from other machines; set a "
                        "key first (DIALTOP_SIM_API_KEY, or --api-key)\n", o->addr);
        return false;
    }
    fprintf(stderr, "dialtop-sim: warning: listening on %s, reachable from other machines: "
                    "anyone with the key can use the provider APIs and the /_sim/ control "
                    "endpoints (faults, campaigns, stats)\n", o->addr);
    return true;
}

int main(int argc, char **argv)
{
    /* One thread per connection: glibc would give each its own malloc
     * arena (up to 8 per core), each keeping what it freed, so RSS grew
     * with every new client under load. Two arenas hold it flat; the
     * requests are serialised by the simulator lock anyway. */
    mallopt(M_ARENA_MAX, 2);
    sim_opts_t o;
    sim_opts_defaults(&o);
    int parsed = sim_opts_parse(&o, argc, argv, stdout, stderr);
    if (parsed != SIM_OPTS_RUN)
        return parsed == SIM_OPTS_DONE ? 0 : 2;

    if (!listen_allowed(&o))
        return 2;

    /* dialtop may know providers the sim has not learned yet: say so once,
     * instead of 404s that look like a broken server */
    sim_dialects_unserved(stderr);

    char err[1024];
    sim_t *sim = sim_new(&o.cfg, err, sizeof err);
    if (!sim) {
        fprintf(stderr, "dialtop-sim: %s\n", err);
        return 1;
    }
    bool fresh = !sim_loaded_state(sim);
    if ((o.demo && fresh && !sim_load_demo(sim)) || (o.generate > 0 && fresh && !sim_generate(sim, o.generate))) {
        fprintf(stderr, "dialtop-sim: could not create the demo campaigns (out of memory or state file not writable)\n");
        sim_free(sim);
        return 1;
    }

    /* Block the stop signals before any server thread exists, so they are
     * taken only here by sigwait; SIGPIPE from a vanished client or a
     * closed stdout must not kill the server. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    server_t *srv = server_start(sim, o.addr, o.port, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "dialtop-sim: %s\n", err);
        sim_free(sim);
        return 1;
    }
    if (!sim_start_webhooks(sim)) {
        fprintf(stderr, "dialtop-sim: could not start the webhook delivery thread\n");
        server_stop(srv);
        sim_free(sim);
        return 1;
    }
    printf("listening on http://%s:%d\n", o.addr, server_port(srv));
    fflush(stdout);
    if (!o.cfg.api_key)
        fprintf(stderr, "dialtop-sim: no API key set; every request is accepted\n");

    int sig = 0;
    sigwait(&stop, &sig);
    server_stop(srv);
    int rc = 0;
    if (!sim_save(sim, err, sizeof err)) {
        fprintf(stderr, "dialtop-sim: %s\n", err);
        rc = 1;
    }
    sim_free(sim);
    return rc;
}
