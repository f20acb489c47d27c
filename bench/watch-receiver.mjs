/**
 * A webhook receiver on 127.0.0.1 for the benchmark's watch round: it takes every POST (HTTP 204) and keeps, in
 * the file named, its port (written first, once it listens), how many it took, their bytes, and the largest
 * body. It runs until killed.
 *
 * Usage: node bench/watch-receiver.mjs STATS.json
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [statsFile] = process.argv.slice(2);
if (statsFile === undefined) throw new Error('usage: node bench/watch-receiver.mjs STATS.json');
const stats = { port: 0, posts: 0, bytes: 0, largest: 0 };
// Written whole and renamed into place: the benchmark polls the file and never reads half of it.
const save = () => {
  writeFileSync(`${statsFile}.tmp`, JSON.stringify(stats));
  renameSync(`${statsFile}.tmp`, statsFile);
};
const server = createServer((request, response) => {
  let size = 0;
  request.on('data', (chunk) => (size += chunk.length));
  request.on('end', () => {
    stats.posts += 1;
    stats.bytes += size;
    stats.largest = Math.max(stats.largest, size);
    save();
    response.writeHead(204).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  stats.port = server.address().port;
  save();
});
