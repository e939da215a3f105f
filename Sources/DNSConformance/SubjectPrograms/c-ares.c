/* Conformance helper: the system c-ares library, in the two ways applications use it.
 *
 * Usage: c-ares getaddrinfo|parse-a-reply NAME
 *   getaddrinfo    ares_getaddrinfo(AF_UNSPEC, SOCK_STREAM): c-ares assembles the answer itself.
 *   parse-a-reply  ares_query(NAME, IN, A) and ares_parse_a_reply on the raw answer, as programs
 *                  that walk the answer with c-ares' parser do (Node's dns.resolve4 among them).
 * Prints each address on its own line, or `ERROR <ares_strerror>`; exits 0 either way.
 * The channel is configured from /etc/resolv.conf, which `ip netns exec` replaces. */
#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>

static void print_error(int status) {
    printf("ERROR %s\n", ares_strerror(status));
}

static void on_addrinfo(void *argument, int status, int timeouts, struct ares_addrinfo *result) {
    (void)argument;
    (void)timeouts;
    if (status != ARES_SUCCESS) {
        print_error(status);
        return;
    }
    for (struct ares_addrinfo_node *node = result->nodes; node != NULL; node = node->ai_next) {
        char text[INET6_ADDRSTRLEN];
        const void *address = NULL;
        if (node->ai_family == AF_INET) {
            address = &((const struct sockaddr_in *)node->ai_addr)->sin_addr;
        } else if (node->ai_family == AF_INET6) {
            address = &((const struct sockaddr_in6 *)node->ai_addr)->sin6_addr;
        }
        if (address != NULL && inet_ntop(node->ai_family, address, text, sizeof text) != NULL) {
            printf("%s\n", text);
        }
    }
    ares_freeaddrinfo(result);
}

static void on_a_reply(void *argument, int status, int timeouts, unsigned char *answer, int length) {
    (void)argument;
    (void)timeouts;
    if (status != ARES_SUCCESS) {
        print_error(status);
        return;
    }
    struct ares_addrttl addresses[64];
    int count = 64;
    int parsed = ares_parse_a_reply(answer, length, NULL, addresses, &count);
    if (parsed != ARES_SUCCESS) {
        print_error(parsed);
        return;
    }
    for (int index = 0; index < count; index++) {
        char text[INET_ADDRSTRLEN];
        if (inet_ntop(AF_INET, &addresses[index].ipaddr, text, sizeof text) != NULL) {
            printf("%s\n", text);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "getaddrinfo") != 0 && strcmp(argv[1], "parse-a-reply") != 0)) {
        fprintf(stderr, "usage: %s getaddrinfo|parse-a-reply NAME\n", argv[0]);
        return 64;
    }
    int status = ares_library_init(ARES_LIB_INIT_ALL);
    if (status != ARES_SUCCESS) {
        print_error(status);
        return 0;
    }
    ares_channel channel;
    status = ares_init(&channel);
    if (status != ARES_SUCCESS) {
        print_error(status);
        return 0;
    }
    if (strcmp(argv[1], "getaddrinfo") == 0) {
        struct ares_addrinfo_hints hints;
        memset(&hints, 0, sizeof hints);
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        ares_getaddrinfo(channel, argv[2], NULL, &hints, on_addrinfo, NULL);
    } else {
        ares_query(channel, argv[2], 1 /* C_IN */, 1 /* T_A */, on_a_reply, NULL);
    }
    /* The classic select loop: c-ares 1.18 (Debian 12) has no event thread. */
    for (;;) {
        fd_set readers;
        fd_set writers;
        FD_ZERO(&readers);
        FD_ZERO(&writers);
        int highest = ares_fds(channel, &readers, &writers);
        if (highest == 0) {
            break;
        }
        struct timeval wait;
        struct timeval *timeout = ares_timeout(channel, NULL, &wait);
        select(highest, &readers, &writers, NULL, timeout);
        ares_process(channel, &readers, &writers);
    }
    ares_destroy(channel);
    ares_library_cleanup();
    return 0;
}
