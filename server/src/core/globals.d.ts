/** Replaced at build time by esbuild's `define` (scripts/build.mjs); absent when run from source. */
declare const __NESTED_VIRT_VERSION__: string | undefined;
