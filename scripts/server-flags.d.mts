/** The Node flags the server runs with (npm start, the bench, deployments): see server-flags.mjs. */
export declare const SERVER_NODE_FLAGS: string[];
/** The environment the server runs with beside its flags. */
export declare const SERVER_ENV: Readonly<Record<string, string>>;
