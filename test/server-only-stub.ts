// Stand-in for the "server-only" marker package under vitest (which runs as the server).
export {};
