// Types of scripts/build.mjs, for the bench (TypeScript) that rebuilds dist/ before measuring it.
export declare const SRC: string;
export declare const DIST: string;
/** Every file under dir, as absolute paths. */
export declare function filesUnder(dir: string): Promise<string[]>;
/** Builds dist/ from src/; resolves with how many files changed. */
export declare function buildDist(): Promise<number>;
