/** The Node flags the server runs with (npm start, the bench, deployments): see server-flags.mjs. */
export declare const SERVER_NODE_FLAGS: string[];
