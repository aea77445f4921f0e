'use strict';
// Peer for the co-editing scenario: a ShareDB 7 server with the ot-text type, over WebSocket.
//
//   PORT=8200 NODE_PATH=bench/scratch/peers/node_modules node bench/peers/sharedb-server.js
//
// This is ShareDB's documented setup: `ws` accepts the sockets, @teamwork/websocket-json-stream
// turns each into a stream of JSON messages, and backend.listen() runs ShareDB's own protocol on
// it (handshake, subscribe, fetch, op submit with server-side transform, broadcast to
// subscribers). The database and the pub/sub are ShareDB's in-memory defaults (MemoryDB,
// MemoryPubSub): nothing is persisted and nothing leaves this process, so the figures are an upper
// bound for ShareDB; a production setup would add a database adapter (e.g. sharedb-mongo) and
// usually a Redis pub/sub (sharedb-redis-pubsub), both of which cost more per op.
//
// Documents are created by the clients (an op with `create: {type: <ot-text uri>}`); any
// collection and document name is accepted. Prints "sharedb peer ready on <port>" once listening.

const http = require('http');
const WebSocket = require('ws');
const ShareDB = require('sharedb');
const WebSocketJSONStream = require('@teamwork/websocket-json-stream');
const otText = require('ot-text');

ShareDB.types.register(otText.type);

const port = Number(process.env.PORT || process.argv[2] || 8200);
const host = process.env.HOST || '127.0.0.1';

const backend = new ShareDB();
const httpServer = http.createServer();
const wss = new WebSocket.Server({ server: httpServer, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });

wss.on('connection', (ws) => {
  ws.on('error', () => ws.terminate());
  backend.listen(new WebSocketJSONStream(ws));
});

httpServer.listen(port, host, () => console.log(`sharedb peer ready on ${port} (in-memory db, ${otText.type.uri})`));

const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  backend.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
