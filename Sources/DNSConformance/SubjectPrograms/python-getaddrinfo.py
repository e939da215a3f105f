# Conformance helper: Python's socket.getaddrinfo (glibc getaddrinfo(3) underneath, flags 0).
#
# Usage: python3 python-getaddrinfo.py NAME
# Prints each address on its own line, or `ERROR <gaierror>`; exits 0 either way.
import socket
import sys

try:
    entries = socket.getaddrinfo(sys.argv[1], None, family=socket.AF_UNSPEC, type=socket.SOCK_STREAM)
except OSError as error:
    print(f"ERROR {error}")
else:
    for family, kind, protocol, canonical, address in entries:
        print(address[0])
