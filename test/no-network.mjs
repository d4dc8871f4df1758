// Preloaded with `node --import` by test/security.test.ts: any attempt to reach the network throws.
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import dgram from 'node:dgram';

const blocked = (what) => () => {
  throw new Error(`network access attempted: ${what}`);
};
net.connect = net.createConnection = blocked('net.connect');
net.Socket.prototype.connect = blocked('net.Socket.connect');
tls.connect = blocked('tls.connect');
dns.lookup = dns.resolve = dns.resolve4 = dns.resolve6 = blocked('dns');
dns.promises.lookup = dns.promises.resolve = blocked('dns.promises');
http.request = http.get = blocked('http.request');
https.request = https.get = blocked('https.request');
http2.connect = blocked('http2.connect');
dgram.createSocket = blocked('dgram.createSocket');
globalThis.fetch = blocked('fetch');
globalThis.WebSocket = undefined;
syncBuiltinESMExports();
