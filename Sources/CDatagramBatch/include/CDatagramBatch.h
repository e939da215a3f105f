#ifndef C_DATAGRAM_BATCH_H
#define C_DATAGRAM_BATCH_H

#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

/// Datagrams in and out in batches (recvmmsg, sendmmsg), for Preface's UDP front end. The Swift
/// overlay of Glibc does not carry these GNU extensions, so they are wrapped here; epoll and eventfd,
/// which the upstream UDP sockets wait with, are not in that overlay either and come through here.
///
/// The batch lives in one buffer of `count` slots of `slot` octets each.

/// Receives up to `count` datagrams, blocking for the first (MSG_WAITFORONE). For each one received:
/// its length, whether it was longer than a slot (`truncated`, then cut), and its source address.
/// Returns how many were received, or -1 with errno set.
int datagram_receive_batch(int descriptor, unsigned char *buffer, size_t slot, unsigned count,
                           size_t *lengths, int *truncated,
                           struct sockaddr_storage *sources, socklen_t *source_lengths);

/// Sends `count` datagrams (slot i holds `lengths[i]` octets for `destinations[i]`), in as few system
/// calls as the kernel takes. A datagram the kernel refuses (an unreachable address, say) is skipped,
/// not retried. Returns how many were sent.
unsigned datagram_send_batch(int descriptor, const unsigned char *buffer, size_t slot, unsigned count,
                             const size_t *lengths,
                             const struct sockaddr_storage *destinations, const socklen_t *destination_lengths);

#endif
