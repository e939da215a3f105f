# Conformance helper: dnspython's stub resolver (servers from /etc/resolv.conf).
#
# Usage: python3 dnspython-resolve.py NAME
# dns.resolver.resolve(NAME, 'A') follows CNAMEs inside the answer; prints the addresses of the
# A RRset it settles on, or `ERROR <exception class>: <message>`; exits 0 either way.
import sys

import dns.exception
import dns.resolver

try:
    answer = dns.resolver.resolve(sys.argv[1], "A")
except dns.exception.DNSException as error:
    print(f"ERROR {type(error).__name__}: {error}")
else:
    for record in answer:
        print(record.address)
