// Types of scripts/build.mjs, for the bench (TypeScript) that rebuilds dist/ before measuring it.
export declare const DIST: string;
/** Builds dist/ from src/; resolves with how many files changed. */
export declare function buildDist(): Promise<number>;
