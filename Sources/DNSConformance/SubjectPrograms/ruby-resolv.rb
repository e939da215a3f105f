# Conformance helper: Ruby's pure-Ruby stub resolver, Resolv::DNS (servers from /etc/resolv.conf).
#
# Usage: ruby ruby-resolv.rb NAME
# Resolv::DNS#getaddresses asks for A, and for AAAA when the host has a global IPv6 address;
# it reports failures as an empty list. Prints each address on its own line, or `ERROR …` for an
# exception; exits 0 either way.
require 'resolv'

begin
  Resolv::DNS.open do |resolver|
    resolver.getaddresses(ARGV.fetch(0)).each { |address| puts address.to_s }
  end
rescue StandardError => error
  puts "ERROR #{error.class}: #{error.message.tr("\n", ' ')}"
end
