/**
 * V8 flags the server runs with (`npm run server`, and every test and benchmark that starts it).
 * Left to its defaults on a machine with a lot of memory, V8 lets the heap grow long before it
 * collects: the server reached 165 MB while serving 100,000-record pulls. A 128 MB old-space
 * ceiling keeps it near 110 MB (bench/sync.ts); 128 MB is several times the live data of a busy
 * instance (1 MB pushes, 5,000-record pages, 1,000 sockets). The young generation is 8 MB: each
 * scavenge copies the push in flight (thousands of small objects), so at 4 MB a push of 100
 * records spent 1.4 ms collecting and at 8 MB 1.0 ms (server CPU profiles, 400 pushes each),
 * for about 5 MB more at peak.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=128'];
