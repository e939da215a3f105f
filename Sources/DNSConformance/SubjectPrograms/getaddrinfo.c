/* Conformance helper: getaddrinfo(3) as an application calls it.
 *
 * Usage: getaddrinfo NAME inet|inet6|unspec
 * Prints each returned address on its own line, or `ERROR <gai_strerror>`; exits 0 either way.
 * Built twice by the runner: with gcc against glibc, and with musl-gcc -static against musl.
 *
 * hints.ai_flags is 0 on purpose: no AI_ADDRCONFIG, so the answer does not depend on which
 * families the namespace has addresses for (glibc applies AI_ADDRCONFIG only when hints is
 * NULL). SOCK_STREAM makes each address appear once instead of once per socket type. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s NAME inet|inet6|unspec\n", argv[0]);
        return 64;
    }
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    if (strcmp(argv[2], "inet") == 0) {
        hints.ai_family = AF_INET;
    } else if (strcmp(argv[2], "inet6") == 0) {
        hints.ai_family = AF_INET6;
    } else if (strcmp(argv[2], "unspec") == 0) {
        hints.ai_family = AF_UNSPEC;
    } else {
        fprintf(stderr, "unknown family %s\n", argv[2]);
        return 64;
    }
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = 0;

    struct addrinfo *result = NULL;
    int status = getaddrinfo(argv[1], NULL, &hints, &result);
    if (status != 0) {
        printf("ERROR %s\n", gai_strerror(status));
        return 0;
    }
    for (struct addrinfo *entry = result; entry != NULL; entry = entry->ai_next) {
        char text[INET6_ADDRSTRLEN];
        const void *address = NULL;
        if (entry->ai_family == AF_INET) {
            address = &((const struct sockaddr_in *)entry->ai_addr)->sin_addr;
        } else if (entry->ai_family == AF_INET6) {
            address = &((const struct sockaddr_in6 *)entry->ai_addr)->sin6_addr;
        }
        if (address != NULL && inet_ntop(entry->ai_family, address, text, sizeof text) != NULL) {
            printf("%s\n", text);
        }
    }
    freeaddrinfo(result);
    return 0;
}
