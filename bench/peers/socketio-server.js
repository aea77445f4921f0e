'use strict';
// Peer for the fan-out scenario: a plain Socket.IO 4 chat-style relay with the Redis adapter.
//
//   PORT=8100 REDIS_URL=redis://127.0.0.1:6379 NODE_PATH=bench/scratch/peers/node_modules \
//     node bench/peers/socketio-server.js
//
// A client emits `join` with a room name (and may pass an ack callback); the socket then belongs
// to that room. Every `event` a client emits afterwards is re-emitted with io.to(room).emit to all
// sockets of its room, the sender included. With the Redis adapter each such broadcast is also
// published to Redis, so that nodes started against the same REDIS_URL deliver it to their own
// members of the room: one node alone still pays for the publish (and for reading its own message
// back from its pattern subscription), several nodes share rooms through Redis.
//
// Only the WebSocket transport is offered (no long-polling, no HTTP upgrade dance), without
// per-message compression, which is what a tuned deployment would choose for small frames.
// Prints "socket.io peer ready on <port>" once it listens and both Redis connections are up.

const http = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

const port = Number(process.env.PORT || process.argv[2] || 8100);
const host = process.env.HOST || '127.0.0.1';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

// ADAPTER=memory: Socket.IO's default in-memory adapter, no Redis (one node only).
const useRedis = process.env.ADAPTER !== 'memory';

async function main() {
  const pubClient = useRedis ? createClient({ url: redisUrl }) : null;
  const subClient = useRedis ? pubClient.duplicate() : null;
  if (useRedis) {
    for (const c of [pubClient, subClient]) c.on('error', (err) => console.error('redis:', err.message));
    await Promise.all([pubClient.connect(), subClient.connect()]);
  }

  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    transports: ['websocket'],
    serveClient: false,
    perMessageDeflate: false,
    httpCompression: false,
  });
  if (useRedis) io.adapter(createAdapter(pubClient, subClient));

  io.on('connection', (socket) => {
    socket.on('join', (room, ack) => {
      if (typeof room !== 'string' || room.length === 0) return;
      if (socket.data.room) socket.leave(socket.data.room);
      socket.data.room = room;
      socket.join(room);
      if (typeof ack === 'function') ack('joined');
    });
    socket.on('event', (payload) => {
      const room = socket.data.room;
      if (room) io.to(room).emit('event', payload);
    });
  });

  httpServer.listen(port, host, () => console.log(`socket.io peer ready on ${port}`));

  const stop = () => {
    io.close();
    Promise.allSettled(useRedis ? [pubClient.quit(), subClient.quit()] : []).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
