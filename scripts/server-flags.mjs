// The Node flags the server runs with under `npm start`, and so under the bench, which measures it
// as `npm start` runs it. Its live heap is about 20 MB, yet without limits V8 lets garbage reach
// 200 MB under load before it collects; a 96 MB old space and 2 MB semi-spaces keep the resident
// set near 110 MB at the same throughput (docs/performance.md). Deployments pass the same flags
// (docs/deployment.md).
export const SERVER_NODE_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=2'];
