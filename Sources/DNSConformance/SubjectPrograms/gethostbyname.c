/* Conformance helper: gethostbyname(3), the IPv4-only legacy interface many programs still use.
 *
 * Usage: gethostbyname NAME
 * Prints each address of h_addr_list on its own line, or `ERROR <hstrerror>`; exits 0 either way. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s NAME\n", argv[0]);
        return 64;
    }
    struct hostent *host = gethostbyname(argv[1]);
    if (host == NULL) {
        printf("ERROR %s\n", hstrerror(h_errno));
        return 0;
    }
    for (char **entry = host->h_addr_list; *entry != NULL; entry++) {
        char text[INET6_ADDRSTRLEN];
        if (inet_ntop(host->h_addrtype, *entry, text, sizeof text) != NULL) {
            printf("%s\n", text);
        }
    }
    return 0;
}
