/* Runs a command and appends "cpu_seconds wall_seconds peak_rss_kb" of it
 * to a file: the measure of bench/lib.sh. CPU to the microsecond
 * (/usr/bin/time prints 10 ms steps, too coarse for 100k rows), and the
 * peak RSS of a child forked from this small program (a child forked from
 * Python would carry Python's RSS into its figure).
 *
 * usage: bench_rusage OUT_FILE CMD [ARG...]; exits with CMD's status.
 * Run with no arguments (as `make bench` runs every bench_* binary) it
 * says what it is for and exits 0. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        puts("bench_rusage: the measure of bench/lib.sh (usage: bench_rusage OUT CMD...)");
        return 0;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 127;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    FILE *f = fopen(argv[1], "a");
    if (!f) {
        perror(argv[1]);
        return 127;
    }
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(f, "%.4f %.4f %ld\n", cpu, wall, ru.ru_maxrss);
    fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
