// DNSZone: master files (RFC 1035 §5), the zone model, ZONEMD (RFC 8976) and DNSSEC verification.
// Built on DNSWire's descriptor table: the text form of each RDATA field is parsed here, the
// inverse of DNSWire's printer.
