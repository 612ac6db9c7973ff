/** Types for scripts/install-test-pis.mjs, for the TypeScript that imports it (the bench). */
export declare const PIS_DIR: string;
/** Installs every pinned test pi and their Node into .pis/ (a no-op for each already there); throws when npm cannot. */
export declare function installTestPis(): void;
