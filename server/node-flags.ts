/**
 * V8 flags the server runs with (`npm run server`, and every test and benchmark that starts it).
 * Left to its defaults on a machine with a lot of memory, V8 lets the heap grow long before it
 * collects: the server reached 165 MB while serving 100,000-record pulls. A 4 MB young generation
 * and a 128 MB old-space ceiling keep it near 110 MB at the same speed (bench/sync.ts); 128 MB is
 * several times the live data of a busy instance (1 MB pushes, 5,000-record pages, 1,000 sockets).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=128'];
