// Conformance helper: Node's two DNS paths.
//
// Usage: node node-dns.js lookup|resolve4|resolve6 NAME
//   lookup    dns.lookup(NAME, {all: true, family: 0}): getaddrinfo(3) on libuv's thread pool.
//   resolve4  dns.promises.Resolver#resolve4: Node's bundled c-ares, servers from /etc/resolv.conf.
//   resolve6  the same for AAAA.
// Prints each address on its own line, or `ERROR <code>`; exits 0 either way.
'use strict';
const dns = require('node:dns');

async function main(mode, name) {
  if (mode === 'lookup') {
    return dns.promises.lookup(name, { all: true, family: 0 }).then((entries) => entries.map((entry) => entry.address));
  }
  const resolver = new dns.promises.Resolver();
  if (mode === 'resolve4') return resolver.resolve4(name);
  if (mode === 'resolve6') return resolver.resolve6(name);
  throw new Error(`unknown mode ${mode}`);
}

const [mode, name] = process.argv.slice(2);
if (name === undefined || !['lookup', 'resolve4', 'resolve6'].includes(mode)) {
  process.stderr.write('usage: node node-dns.js lookup|resolve4|resolve6 NAME\n');
  process.exit(64);
}
main(mode, name).then(
  (addresses) => { for (const address of addresses) process.stdout.write(`${address}\n`); },
  (error) => { process.stdout.write(`ERROR ${error.code ?? error.message}\n`); },
);
