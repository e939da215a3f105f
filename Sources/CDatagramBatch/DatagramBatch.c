#define _GNU_SOURCE
#include "CDatagramBatch.h"

#include <errno.h>
#include <string.h>
#include <sys/uio.h>

enum { MAXIMUM_BATCH = 64 };

int datagram_receive_batch(int descriptor, unsigned char *buffer, size_t slot, unsigned count,
                           size_t *lengths, int *truncated,
                           struct sockaddr_storage *sources, socklen_t *source_lengths) {
    struct mmsghdr messages[MAXIMUM_BATCH];
    struct iovec vectors[MAXIMUM_BATCH];
    if (count > MAXIMUM_BATCH) count = MAXIMUM_BATCH;
    for (unsigned i = 0; i < count; i++) {
        vectors[i] = (struct iovec){.iov_base = buffer + i * slot, .iov_len = slot};
        messages[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &sources[i], .msg_namelen = sizeof sources[i],
                                                   .msg_iov = &vectors[i], .msg_iovlen = 1}};
    }
    int received = recvmmsg(descriptor, messages, count, MSG_WAITFORONE, NULL);
    for (int i = 0; i < received; i++) {
        lengths[i] = messages[i].msg_len;
        truncated[i] = (messages[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
        source_lengths[i] = messages[i].msg_hdr.msg_namelen;
    }
    return received;
}

unsigned datagram_send_batch(int descriptor, const unsigned char *buffer, size_t slot, unsigned count,
                             const size_t *lengths,
                             const struct sockaddr_storage *destinations, const socklen_t *destination_lengths) {
    struct mmsghdr messages[MAXIMUM_BATCH];
    struct iovec vectors[MAXIMUM_BATCH];
    if (count > MAXIMUM_BATCH) count = MAXIMUM_BATCH;
    for (unsigned i = 0; i < count; i++) {
        vectors[i] = (struct iovec){.iov_base = (void *)(buffer + i * slot), .iov_len = lengths[i]};
        messages[i] = (struct mmsghdr){.msg_hdr = {.msg_name = (void *)&destinations[i], .msg_namelen = destination_lengths[i],
                                                   .msg_iov = &vectors[i], .msg_iovlen = 1}};
    }
    unsigned sent = 0, next = 0;
    while (next < count) {
        int done = sendmmsg(descriptor, messages + next, count - next, 0);
        if (done < 0) {
            if (errno == EINTR) continue;
            next++; /* the first of the rest was refused: skip it */
            continue;
        }
        sent += (unsigned)done;
        next += (unsigned)done;
    }
    return sent;
}
