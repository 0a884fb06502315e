interface Source {
    readonly targets: Record<string, {
        readonly file: string;
        readonly models: readonly string[];
    }>;
    readonly domainArches: Record<string, readonly string[]>;
}
export declare const OUTPUT: string;
export declare function generate(source: Source): string;
export {};
